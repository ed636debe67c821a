package com.baedal.contract.api;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The SPEC §5 order view as {@code GET /api/orders/{orderId}} (read-model) answers it, for the clients of the API.
 * {@code items} and {@code deliveryAddress} stay JSON: they are the order's as placed, whatever fields it had.
 */
public record OrderView(String orderId, String customerId, String storeId, OrderStatus status, long total,
                        JsonNode items, JsonNode deliveryAddress, Payment payment, String riderId,
                        List<StatusChange> history, Instant updatedAt) {

    /** Payment summary from the payment events; {@code cancelled}: the order ended and its money is not kept. */
    public record Payment(PaymentStatus status, Long amount, boolean cancelled) {
    }

    public record StatusChange(OrderStatus status, Instant at) {
    }
}
