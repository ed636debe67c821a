package com.baedal.engine.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Order events: the Kafka topic's shape and the outbox relay's pace.
 *
 * @param topic partitions and replication of {@code baedal.order-events} (created at start if missing)
 * @param relay the outbox relay
 */
@ConfigurationProperties("baedal.events")
public record EventsProperties(@DefaultValue Topic topic, @DefaultValue Relay relay) {

    /**
     * @param partitions partitions of the topic (key = orderId, so order per order holds on any count)
     * @param replicas   replication factor (1 locally, 3 on a production cluster)
     */
    public record Topic(@DefaultValue("6") int partitions, @DefaultValue("1") short replicas) {
    }

    /**
     * @param enabled      whether this node runs a relay at all (one relay is active across all nodes at a time)
     * @param batchSize    outbox rows published per transaction
     * @param pollInterval how often an idle relay looks for rows (a commit that wrote rows also wakes it)
     * @param sendTimeout  how long a batch may wait for the broker's acknowledgements before it is rolled back
     * @param backoffMin   first pause after a failed batch; doubles per failure ...
     * @param backoffMax   ... up to this cap
     */
    public record Relay(@DefaultValue("true") boolean enabled,
                        @DefaultValue("500") int batchSize,
                        @DefaultValue("150ms") Duration pollInterval,
                        @DefaultValue("15s") Duration sendTimeout,
                        @DefaultValue("200ms") Duration backoffMin,
                        @DefaultValue("10s") Duration backoffMax) {
    }
}
