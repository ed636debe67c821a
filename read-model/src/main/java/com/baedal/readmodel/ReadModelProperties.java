package com.baedal.readmodel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code baedal.read-model.*}. */
@ConfigurationProperties("baedal.read-model")
public record ReadModelProperties(@DefaultValue("false") boolean rebuild,
                                  @DefaultValue Topic topic,
                                  @DefaultValue Stream stream) {

    /** Declaration of the event topic and its dead-letter topic when they are missing. */
    public record Topic(@DefaultValue("true") boolean create,
                        @DefaultValue("6") int partitions,
                        @DefaultValue("1") short replicas) {
    }

    /**
     * Server-Sent Events of {@code GET /api/orders/{orderId}/stream}. {@code awaitUnknownOrder}: how long a stream
     * request for an order the read-model has not seen yet waits for it (an app opens the stream right after placing
     * the order, before OrderPlaced crossed Kafka) before it answers 404.
     */
    public record Stream(@DefaultValue("PT30M") Duration timeout,
                         @DefaultValue("PT15S") Duration refreshInterval,
                         @DefaultValue("PT3S") Duration awaitUnknownOrder) {
    }
}
