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
        if (orderId == null || orderId.isBlank()) {
            return () -> { };
        }
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, orderId);
        return () -> restore(previous);
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
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static void restore(String previous) {
        if (previous == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, previous);
        }
    }
}
