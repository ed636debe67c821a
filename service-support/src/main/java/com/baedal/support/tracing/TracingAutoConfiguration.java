package com.baedal.support.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * {@link TraceContexts} on the tracer that Spring Boot configures (Micrometer Tracing, OpenTelemetry bridge, W3C
 * propagation); a no-op one where tracing is off ({@code management.tracing.enabled=false}, and in
 * {@code @SpringBootTest}s by default).
 * <p>
 * Spring Security observes nothing: by default it wraps each filter of its chain, the authentication and each
 * authorization in an observation of its own (a dozen spans and timers per request, a few percent of each service's
 * CPU in {@code ./baedal bench}); the request's own observation ({@code http.server.requests}) keeps the trace.
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityObservationSettings.class)
    static class SecurityObservations {

        @Bean
        @ConditionalOnMissingBean
        SecurityObservationSettings securityObservationSettings() {
            return SecurityObservationSettings.noObservations();
        }
    }
}
