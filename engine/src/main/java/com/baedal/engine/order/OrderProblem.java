package com.baedal.engine.order;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A refused order command, answered as {@code application/problem+json}. */
public class OrderProblem extends ErrorResponseException {

    private OrderProblem(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://baedal.example/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    static OrderProblem orderNotFound(String orderId) {
        return new OrderProblem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found",
                "No order " + orderId + ".");
    }

    static OrderProblem forbidden(String detail) {
        return new OrderProblem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
    }

    static OrderProblem notAtStep(String orderId, String step) {
        return new OrderProblem(HttpStatus.CONFLICT, "order-not-at-step", "Order is not at that step",
                "Order " + orderId + " is not waiting for '" + step + "'.");
    }

    static OrderProblem conflict(String type, String title, String detail) {
        return new OrderProblem(HttpStatus.CONFLICT, type, title, detail);
    }

    static OrderProblem unprocessable(String type, String title, String detail) {
        return new OrderProblem(HttpStatus.UNPROCESSABLE_ENTITY, type, title, detail);
    }
}
