package com.baedal.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The traceparent round trip every hop without an instrumented client relies on (task, outbox, Kafka, NOTIFY). */
class TraceContextsTest {

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    private final OtelTracer tracer = new OtelTracer(otel, current, event -> {
    }, new OtelBaggageManager(current, List.of(), List.of()));
    private final TraceContexts traces = new TraceContexts(tracer,
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aStoredTraceparentIsContinuedAsAChildSpan() {
        String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Optional<String> inside = traces.inSpan("apply", stored, traces::current);
        assertThat(inside).hasValueSatisfying(traceparent -> {
            assertThat(TraceContexts.traceId(traceparent)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(traceparent).isNotEqualTo(stored).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        });
        assertThat(traces.current()).as("the span ends with the work").isEmpty();
    }

    @Test
    void withoutAValidTraceparentTheWorkStartsANewTrace() {
        Optional<String> inside = traces.inSpan("apply", "not-a-traceparent", traces::current);
        assertThat(inside).hasValueSatisfying(traceparent -> assertThat(TraceContexts.valid(traceparent)).isTrue());
        assertThat(traces.inSpan("apply", null, traces::current)).isPresent()
                .get().isNotEqualTo(inside.get());
    }

    @Test
    void failuresAreRecordedAndRethrown() {
        RuntimeException failure = new IllegalStateException("boom");
        assertThatThrownBy(() -> traces.inSpan("apply", null, (Runnable) () -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(traces.current()).isEmpty();
    }

    @Test
    void tracingOffDoesNothing() {
        TraceContexts off = TraceContexts.off();
        assertThat(off.current()).isEmpty();
        assertThat(off.inSpan("apply", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", off::current))
                .isEmpty();
    }
}
