package com.baedal.support;

import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The order a thread works on, in the log context (MDC key {@value #MDC_KEY}): every log line written inside a
 * scope carries it (readable pattern locally, an ECS field in production). Scopes nest: closing one restores the
 * order id that was there before, so a handler that opens a scope inside a request for the same or another order
 * leaves the request's context intact.
 *
 * <pre>{@code
 * try (OrderLogContext.Scope ignored = OrderLogContext.open(orderId)) {
 *     ... work on the order ...
 * }
 * }</pre>
 */
public final class OrderLogContext {

    /** MDC key of the order id (a logging field name, the same word as the order's JSON field). */
    public static final String MDC_KEY = "orderId";

    private OrderLogContext() {
    }

    /** Puts {@code orderId} into the MDC until the scope is closed; a null or blank id leaves the MDC as it is. */
    public static Scope open(String orderId) {
        String previous = MDC.get(MDC_KEY);
        if (orderId == null || orderId.isBlank()) {
            return new Scope(previous, false);
        }
        MDC.put(MDC_KEY, orderId);
        return new Scope(previous, true);
    }

    /** Runs {@code work} with {@code orderId} in the log context. */
    public static void run(String orderId, Runnable work) {
        try (Scope ignored = open(orderId)) {
            work.run();
        }
    }

    /** Calls {@code work} with {@code orderId} in the log context and returns its result. */
    public static <T> T call(String orderId, Supplier<T> work) {
        try (Scope ignored = open(orderId)) {
            return work.get();
        }
    }

    /** The order id of the current log context, or null. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /** Restores the order id that was in the MDC before {@link #open(String)}. */
    public static final class Scope implements AutoCloseable {

        private final String previous;
        private final boolean changed;

        private Scope(String previous, boolean changed) {
            this.previous = previous;
            this.changed = changed;
        }

        @Override
        public void close() {
            if (!changed) {
                return;
            }
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
