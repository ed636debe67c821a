package com.baedal.workers.notification;

import com.baedal.workers.support.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baedal.notification.*} (which notifier, retries) and {@code baedal.regions.neighbours.<region>} (whose
 * riders hear about an order nobody in its own region took).
 */
@ConfigurationProperties("baedal.notification")
public record NotificationProperties(@DefaultValue("logging") String notifier,
                                     @DefaultValue("3") int maxRetries,
                                     @DefaultValue("PT30S") Duration retryBackoff) {

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, retryBackoff);
    }

    /** {@code baedal.regions}: the delivery areas next to each region. */
    @ConfigurationProperties("baedal.regions")
    public record Regions(Map<String, List<String>> neighbours) {

        public Regions {
            neighbours = neighbours == null ? Map.of() : Map.copyOf(neighbours);
        }

        public List<String> neighboursOf(String region) {
            return neighbours.getOrDefault(region, List.of());
        }
    }
}
