package com.baedal.contract.api;

import com.baedal.contract.OrderStatus;

/**
 * The answer of an order command (engine: cancel, the store's and the rider's steps): the order and the status the
 * step moved it to, or {@link #CANCEL_REQUESTED} (an answer, not an order status).
 */
public record StepResult(String orderId, String status) {

    public static final String CANCEL_REQUESTED = "CANCEL_REQUESTED";

    public StepResult(String orderId, OrderStatus status) {
        this(orderId, status.name());
    }
}
