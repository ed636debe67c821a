package com.baedal.readmodel.projection;

import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventData;
import com.baedal.contract.event.OrderEventType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Turns a record value of the event topic into a checked {@link OrderEvent}, or throws
 * {@link InvalidEventException}. Everything the projection relies on is checked here, before an event is applied or
 * parked, so that applying a parked event later cannot fail.
 */
@Component
@RequiredArgsConstructor
public class OrderEventReader {

    private final ObjectMapper objectMapper;

    public OrderEvent read(String key, String value) {
        if (!StringUtils.hasText(value)) {
            throw new InvalidEventException("empty record value");
        }
        OrderEvent event;
        try {
            event = objectMapper.readValue(value, OrderEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not an order event: " + e.getOriginalMessage(), e);
        }
        check(event != null, "not an order event: null");
        check(event.eventId() != null, "eventId is missing");
        check(event.type() != null, "type is missing");
        check(StringUtils.hasText(event.orderId()), "orderId is missing");
        check(event.sequence() >= 1, "sequence must be >= 1");
        check(event.occurredAt() != null, "occurredAt is missing");
        check(key == null || key.equals(event.orderId()), "record key " + key + " is not the orderId");
        check((event.type() == OrderEventType.OrderPlaced) == (event.sequence() == 1),
                "OrderPlaced must be the event with sequence 1 (got " + event.type() + " #" + event.sequence() + ")");
        checkData(event);
        return event;
    }

    /** The typed {@code data} of an event that passed {@link #read}. */
    public <T> T data(OrderEvent event, Class<T> type) {
        try {
            return objectMapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(event.type() + " has invalid data: " + e.getMessage(), e);
        }
    }

    private void checkData(OrderEvent event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case OrderPlaced -> {
                check(data != null && data.isObject(), "OrderPlaced without data");
                OrderEventData.OrderPlaced placed = data(event, OrderEventData.OrderPlaced.class);
                check(StringUtils.hasText(placed.customerId()), "OrderPlaced.customerId is missing");
                check(StringUtils.hasText(placed.storeId()), "OrderPlaced.storeId is missing");
                check(StringUtils.hasText(placed.region()), "OrderPlaced.region is missing");
                check(placed.items() != null && !placed.items().isEmpty(), "OrderPlaced.items is missing");
                check(data.hasNonNull("total") && placed.total() >= 0, "OrderPlaced.total is missing");
                check(placed.deliveryAddress() != null, "OrderPlaced.deliveryAddress is missing");
            }
            case PaymentApproved, PaymentDeclined, PaymentRefunded -> check(data != null && data.hasNonNull("amount")
                    && data.get("amount").canConvertToLong(), event.type() + ".amount is missing");
            case OrderPickedUp -> check(data != null
                    && StringUtils.hasText(data(event, OrderEventData.OrderPickedUp.class).riderId()),
                    "OrderPickedUp.riderId is missing");
            default -> {
                // the other events carry nothing the projection needs
            }
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new InvalidEventException(message);
        }
    }
}
