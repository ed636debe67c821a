package com.baedal.engine.events;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wakes idle relays as soon as a transaction that wrote outbox rows has committed, so that events leave within
 * milliseconds instead of waiting for the next poll. Signals are counted, so none is lost between a relay's
 * batch and its wait.
 */
@Component
public class OutboxSignal {

    private final Object monitor = new Object();
    private long signals;

    public void signal() {
        synchronized (monitor) {
            signals++;
            monitor.notifyAll();
        }
    }

    /** The number of signals so far; pass it to {@link #awaitAfter} to wait for a newer one. */
    public long current() {
        synchronized (monitor) {
            return signals;
        }
    }

    /**
     * Waits until a signal newer than {@code seen} arrives or the timeout passes; true when it came (also when it had
     * come before the wait began), false on the timeout.
     */
    public boolean awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (signals == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
