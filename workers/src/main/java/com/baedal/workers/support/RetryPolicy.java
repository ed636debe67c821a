package com.baedal.workers.support;

import java.time.Duration;

/**
 * How a failed external task is retried: the first failure of a task (the engine reports no retries yet) starts
 * from {@code maxRetries}, every failure takes one off, and the back-off doubles per failure. When no retry is left
 * the engine raises an incident, which an operator can retry in Cockpit.
 */
public record RetryPolicy(int maxRetries, Duration backoff) {

    /** The retries to report to the engine and how long it should wait before offering the task again. */
    public record Decision(int retriesLeft, Duration delay) {

        public boolean incident() {
            return retriesLeft == 0;
        }
    }

    public RetryPolicy {
        if (maxRetries < 1) {
            throw new IllegalArgumentException("maxRetries must be at least 1, was " + maxRetries);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be zero or positive, was " + backoff);
        }
    }

    /**
     * @param currentRetries what the engine says the task has left: {@code null} before its first failure
     */
    public Decision next(Integer currentRetries) {
        int before = currentRetries == null ? maxRetries : currentRetries;
        int left = Math.max(0, before - 1);
        if (left == 0) {
            return new Decision(0, Duration.ZERO);
        }
        int failuresSoFar = Math.max(1, maxRetries - left); // 1 for the first failure, 2 for the second ...
        long factor = 1L << Math.min(failuresSoFar - 1, 16);
        return new Decision(left, backoff.multipliedBy(factor));
    }
}
