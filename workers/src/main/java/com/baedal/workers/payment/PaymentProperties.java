package com.baedal.workers.payment;

import com.baedal.workers.support.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baedal.payment.*}: which card provider to use and how a provider outage is retried (the back-off doubles
 * per failure; after {@code maxRetries} failures the engine raises an incident).
 */
@ConfigurationProperties("baedal.payment")
public record PaymentProperties(@DefaultValue("simulated") String provider,
                                @DefaultValue("3") int maxRetries,
                                @DefaultValue("PT2M") Duration retryBackoff) {

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, retryBackoff);
    }
}
