package com.baedal.workers.payment;

/** The card provider could not be reached or answered with a temporary error: the call may be retried. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
