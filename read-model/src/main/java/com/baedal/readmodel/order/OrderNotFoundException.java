package com.baedal.readmodel.order;

import com.baedal.support.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** Unknown order, or one the caller may not see (both answer 404, so order ids cannot be probed). */
public class OrderNotFoundException extends ApiProblem {

    public OrderNotFoundException(String orderId) {
        super(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "No order " + orderId + ".");
    }
}
