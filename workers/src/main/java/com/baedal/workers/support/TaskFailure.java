package com.baedal.workers.support;

/**
 * Thrown by a {@link TopicHandler} for a failure it recognises (e.g. the card provider is unavailable): reported to the
 * engine with the topic's {@link RetryPolicy} and this message and details, without a stack trace in the log.
 */
public class TaskFailure extends RuntimeException {

    private final String details;

    public TaskFailure(String message, String details) {
        super(message, null, false, false);
        this.details = details;
    }

    public String details() {
        return details;
    }
}
