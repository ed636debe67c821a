package com.baedal.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import lombok.RequiredArgsConstructor;

/**
 * The W3C {@code traceparent} of an order's step where no HTTP client or server carries it by itself: the external
 * task (engine -> worker), the outbox row and the Kafka record (engine -> read-model), the status notification
 * (read-model apply -> SSE push). {@link #current()} writes the current span's context as a traceparent;
 * {@link #inSpan} continues a stored one as a child span, with the trace and span ids in the log context (MDC keys
 * {@code traceId}, {@code spanId}) while the work runs. Without a tracer (tracing switched off) both do nothing.
 */
@RequiredArgsConstructor
public class TraceContexts {

    /** Header, column and variable value: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}. */
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern W3C = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final Tracer tracer;
    private final Propagator propagator;

    /** No tracing: {@link #current()} is empty and {@link #inSpan} just runs the work. */
    public static TraceContexts off() {
        return new TraceContexts(Tracer.NOOP, Propagator.NOOP);
    }

    /** The traceparent of the current span, if there is one. */
    public Optional<String> current() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT)).filter(TraceContexts::valid);
    }

    /** The trace id of a traceparent (null when it is not one). */
    public static String traceId(String traceparent) {
        return valid(traceparent) ? traceparent.substring(3, 35) : null;
    }

    public static boolean valid(String traceparent) {
        return traceparent != null && W3C.matcher(traceparent).matches();
    }

    /**
     * Runs {@code work} in a new span named {@code name}: a child of {@code traceparent} when that is one, else of
     * the current span, else the root of a new trace.
     */
    public <T> T inSpan(String name, String traceparent, Supplier<T> work) {
        Span span = valid(traceparent)
                ? propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(name).start()
                : tracer.nextSpan().name(name).start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    public void inSpan(String name, String traceparent, Runnable work) {
        inSpan(name, traceparent, () -> {
            work.run();
            return null;
        });
    }
}
