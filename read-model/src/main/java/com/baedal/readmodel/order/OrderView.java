package com.baedal.readmodel.order;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The SPEC §5 order view. {@code region} is not part of the answer; it decides which riders may see the order.
 */
public record OrderView(String orderId, String customerId, String storeId, OrderStatus status, long total,
                        JsonNode items, JsonNode deliveryAddress, Payment payment, String riderId,
                        List<StatusChange> history, Instant updatedAt, @JsonIgnore String region) {

    /** Payment summary from the payment events; {@code cancelled}: the order ended and its money is not kept. */
    public record Payment(PaymentStatus status, Long amount, boolean cancelled) {
    }

    public record StatusChange(OrderStatus status, Instant at) {
    }

    OrderView withHistory(List<StatusChange> changes) {
        return new OrderView(orderId, customerId, storeId, status, total, items, deliveryAddress, payment, riderId,
                List.copyOf(changes), updatedAt, region);
    }
}
