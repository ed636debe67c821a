package com.baedal.engine.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404 for a store id the catalog does not know. */
public class StoreNotFoundException extends ErrorResponseException {

    public StoreNotFoundException(String storeId) {
        super(HttpStatus.NOT_FOUND, problem(storeId), null);
    }

    private static ProblemDetail problem(String storeId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Unknown store: " + storeId);
        problem.setTitle("Store not found");
        return problem;
    }
}
