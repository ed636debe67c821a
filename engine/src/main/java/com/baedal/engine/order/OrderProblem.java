package com.baedal.engine.order;

import com.baedal.support.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** A refused order command; answered through the shared problem factory like every other refusal. */
public class OrderProblem extends ApiProblem {

    private OrderProblem(HttpStatus status, String type, String title, String detail) {
        super(status, type, title, detail);
    }

    public static OrderProblem orderNotFound(String orderId) {
        return new OrderProblem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found",
                "No order " + orderId + ".");
    }

    public static OrderProblem forbidden(String detail) {
        return new OrderProblem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
    }

    public static OrderProblem notAtStep(String orderId, String step) {
        return new OrderProblem(HttpStatus.CONFLICT, "order-not-at-step", "Order is not at that step",
                "Order " + orderId + " is not waiting for '" + step + "'.");
    }

    public static OrderProblem conflict(String type, String title, String detail) {
        return new OrderProblem(HttpStatus.CONFLICT, type, title, detail);
    }

    public static OrderProblem unprocessable(String type, String title, String detail) {
        return new OrderProblem(HttpStatus.UNPROCESSABLE_ENTITY, type, title, detail);
    }
}
