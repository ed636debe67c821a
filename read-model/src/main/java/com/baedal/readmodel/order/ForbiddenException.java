package com.baedal.readmodel.order;

/** The caller is authenticated but may not ask this (403). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
