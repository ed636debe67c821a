package com.baedal.support.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link TraceContexts} on the tracer that Spring Boot configures (Micrometer Tracing, OpenTelemetry bridge, W3C
 * propagation); a no-op one where tracing is off ({@code management.tracing.enabled=false}, and in
 * {@code @SpringBootTest}s by default).
 */
@AutoConfiguration
@ConditionalOnClass(Tracer.class)
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        return t == null || p == null ? TraceContexts.off() : new TraceContexts(t, p);
    }
}
