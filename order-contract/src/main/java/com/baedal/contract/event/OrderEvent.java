package com.baedal.contract.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One event of an order, as it travels on Kafka topic {@value #TOPIC} (key = orderId, value = this record as
 * JSON). {@code sequence} starts at 1 with OrderPlaced and increases by one per order, in process order.
 * {@code data} is one of the records in {@link OrderEventData}, by {@code type}.
 */
public record OrderEvent(UUID eventId, OrderEventType type, String orderId, long sequence, Instant occurredAt,
                         JsonNode data) {

    public static final String TOPIC = "baedal.order-events";
    public static final String DEAD_LETTER_TOPIC = TOPIC + ".DLT";
}
