package com.baedal.readmodel.projection;

/**
 * A record on the event topic that is not a valid order event (not JSON, unknown type, missing fields...). Retrying
 * cannot help: the error handler sends the record to the dead-letter topic at once and the consumer moves on.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
