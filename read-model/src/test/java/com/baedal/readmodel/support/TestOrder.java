package com.baedal.readmodel.support;

import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventData;
import com.baedal.contract.event.OrderEventType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Builds the events of one order as the engine publishes them: sequence from 1, occurredAt one minute apart
 * starting at {@code placedAt}.
 */
public final class TestOrder {

    public final String orderId = UUID.randomUUID().toString();
    public final String customerId;
    public final String storeId;
    public final String region;
    public final Instant placedAt;
    public final Double storeLat;
    public final Double storeLon;
    private final ObjectMapper json;

    public TestOrder(ObjectMapper json, String customerId, String storeId, String region, Instant placedAt,
                     Double storeLat, Double storeLon) {
        this.json = json;
        this.customerId = customerId;
        this.storeId = storeId;
        this.region = region;
        this.placedAt = placedAt.truncatedTo(ChronoUnit.MILLIS);
        this.storeLat = storeLat;
        this.storeLon = storeLon;
    }

    public TestOrder(ObjectMapper json, String customerId, String storeId, String region) {
        this(json, customerId, storeId, region, Instant.now(), 37.50, 127.03);
    }

    public OrderEvent placed() {
        return event(OrderEventType.OrderPlaced, 1, new OrderEventData.OrderPlaced(customerId, storeId,
                "Store " + storeId, region,
                List.of(new OrderEventData.Item("fried-chicken", "Fried chicken", 18000, 2, 36000),
                        new OrderEventData.Item("cola", "Cola", 2000, 1, 2000)),
                38000, new OrderEventData.DeliveryAddress(region, "12 Teheran-ro", 37.5, 127.04), "CARD",
                storeLat, storeLon));
    }

    public OrderEvent event(OrderEventType type, long sequence, Object data) {
        return new OrderEvent(UUID.randomUUID(), type, orderId, sequence, placedAt.plus(sequence - 1, ChronoUnit.MINUTES),
                data == null ? null : json.valueToTree(data));
    }

    /** The events of an order that is placed, paid, accepted, cooked, escalated, picked up by the rider, delivered. */
    public List<OrderEvent> delivered(String riderId) {
        return List.of(placed(),
                event(OrderEventType.PaymentApproved, 2, new OrderEventData.PaymentApproved(38000)),
                event(OrderEventType.OrderAccepted, 3, new OrderEventData.OrderAccepted()),
                event(OrderEventType.CookingStarted, 4, new OrderEventData.CookingStarted()),
                event(OrderEventType.CookingFinished, 5, new OrderEventData.CookingFinished()),
                event(OrderEventType.RiderSearchEscalated, 6,
                        new OrderEventData.RiderSearchEscalated(region, List.of(region + "-north"))),
                event(OrderEventType.OrderPickedUp, 7, new OrderEventData.OrderPickedUp(riderId)),
                event(OrderEventType.OrderDelivered, 8, new OrderEventData.OrderDelivered(riderId)));
    }

    /** The first {@code count} events up to READY_FOR_PICKUP (count 1..5). */
    public List<OrderEvent> upTo(int count) {
        return delivered("nobody").subList(0, count);
    }

    public String at(long sequence) {
        return placedAt.plus(sequence - 1, ChronoUnit.MINUTES).toString();
    }
}
