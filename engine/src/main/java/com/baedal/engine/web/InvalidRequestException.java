package com.baedal.engine.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 400 with field errors, in the same shape as bean-validation failures ({@code errors: [{field, message}]}). */
public class InvalidRequestException extends ErrorResponseException {

    public static final String ERRORS_PROPERTY = "errors";

    public InvalidRequestException(List<FieldMessage> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
    }

    static ProblemDetail problem(List<FieldMessage> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is invalid.");
        problem.setTitle("Invalid request");
        problem.setProperty(ERRORS_PROPERTY, List.copyOf(errors));
        return problem;
    }
}
