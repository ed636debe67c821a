package com.baedal.readmodel.order;

/** A query parameter out of range (400). */
public class BadQueryException extends RuntimeException {

    public BadQueryException(String message) {
        super(message);
    }
}
