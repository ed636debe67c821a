package com.baedal.engine.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timers of the order process. They are handed to each new process instance as ISO-8601 durations, so that a
 * change applies to new orders without redeploying the diagram.
 *
 * @param storeAnswerTimeout how long a store has to accept or reject a paid order
 * @param riderSearchTimeout how long a ready order may wait for a rider before operators are alerted
 */
@ConfigurationProperties("baedal.order")
public record OrderProperties(@DefaultValue("PT5M") Duration storeAnswerTimeout,
                              @DefaultValue("PT10M") Duration riderSearchTimeout) {
}
