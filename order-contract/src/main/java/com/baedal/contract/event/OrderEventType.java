package com.baedal.contract.event;

import com.baedal.contract.OrderStatus;
import java.util.Optional;
import lombok.RequiredArgsConstructor;

/**
 * The event types on topic {@link OrderEvent#TOPIC} (SPEC §4), each with the order status it moves the order to,
 * if any (payment refunds and rider-search escalations leave the status as it is).
 */
@RequiredArgsConstructor
public enum OrderEventType {
    OrderPlaced(OrderStatus.PLACED),
    PaymentApproved(OrderStatus.PAID),
    PaymentDeclined(OrderStatus.PAYMENT_FAILED),
    OrderAccepted(OrderStatus.ACCEPTED),
    OrderRejected(OrderStatus.REJECTED),
    CookingStarted(OrderStatus.COOKING),
    CookingFinished(OrderStatus.READY_FOR_PICKUP),
    OrderPickedUp(OrderStatus.PICKED_UP),
    OrderDelivered(OrderStatus.DELIVERED),
    OrderCancelled(OrderStatus.CANCELLED),
    PaymentRefunded(null),
    RiderSearchEscalated(null);

    private final OrderStatus status;

    /** The status an order has after this event, or empty when the event does not change it. */
    public Optional<OrderStatus> status() {
        return Optional.ofNullable(status);
    }
}
