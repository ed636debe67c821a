package com.baedal.readmodel.order;

/** Unknown order, or one the caller may not see (both answer 404, so order ids cannot be probed). */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(String orderId) {
        super("Order " + orderId + " not found.");
    }
}
