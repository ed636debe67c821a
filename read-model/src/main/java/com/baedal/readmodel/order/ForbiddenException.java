package com.baedal.readmodel.order;

import com.baedal.support.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The caller is authenticated but may not ask this (403). */
public class ForbiddenException extends ApiProblem {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail);
    }
}
