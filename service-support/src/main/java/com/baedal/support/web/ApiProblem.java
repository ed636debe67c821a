package com.baedal.support.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal that a controller or service throws and the shared advice ({@link ProblemExceptionHandler}) answers as
 * it is: status, typed {@code type}, title and detail built by {@link Problems}. Domain exceptions that carry a
 * meaning of their own (an unknown order, a closed store) extend it; everything else uses the factories here.
 */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatusCode status, String slug, String title, String detail) {
        this(Problems.of(status, slug, title, detail));
    }

    protected ApiProblem(ProblemDetail problem) {
        super(HttpStatusCode.valueOf(problem.getStatus()), problem, null);
    }

    /** 400 with field errors, in the same shape as bean-validation failures. */
    public static ApiProblem invalid(List<FieldMessage> errors) {
        return new ApiProblem(Problems.invalidRequest(errors));
    }

    /** 400 for one field or parameter. */
    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldMessage(field, message)));
    }

    public static ApiProblem notFound(String slug, String title, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, slug, title, detail);
    }

    /** 404 for an unknown order, or one the caller may not see (both alike, so order ids cannot be probed). */
    public static ApiProblem orderNotFound(String orderId) {
        return notFound("order-not-found", "Order not found", "No order " + orderId + ".");
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
    }

    public static ApiProblem conflict(String slug, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, slug, title, detail);
    }

    public static ApiProblem unprocessable(String slug, String title, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, slug, title, detail);
    }

    /** The problem this exception answers. */
    public ProblemDetail problem() {
        return getBody();
    }
}
