package com.baedal.readmodel.order;

import com.baedal.support.web.ApiProblem;
import com.baedal.support.web.FieldMessage;
import com.baedal.support.web.Problems;
import java.util.List;

/** A query parameter or header out of range (400 with the offending one in {@code errors}). */
public class BadQueryException extends ApiProblem {

    public BadQueryException(String parameter, String message) {
        super(Problems.invalidRequest(List.of(new FieldMessage(parameter, message))));
    }
}
