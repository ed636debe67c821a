package com.baedal.workers.notification;

import com.baedal.workers.support.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baedal.notification.*}: which notifier, retries. The regions next to an order's come with the escalation
 * task ({@code neighbourRegions}), from the engine's region map.
 */
@ConfigurationProperties("baedal.notification")
public record NotificationProperties(@DefaultValue("logging") String notifier,
                                     @DefaultValue("3") int maxRetries,
                                     @DefaultValue("PT30S") Duration retryBackoff) {

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, retryBackoff);
    }
}
