package com.baedal.gateway.requestid;

import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * First filter of every request: keeps the client's {@code X-Request-Id} when it is sane (1-128 characters of
 * letters, digits, {@code . _ : -}), generates a UUID otherwise, passes it upstream, returns it in the response
 * and writes one access log line per request (method, path, status, duration) with the id in the MDC.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    public static final String MDC_KEY = "requestId";
    /** MDC key of the trace id (Micrometer Tracing's), for the access line. */
    static final String MDC_TRACE_ID = "traceId";
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger accessLog = LoggerFactory.getLogger("com.baedal.gateway.access");

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The id to use for a request that carried {@code incoming} (may be null). */
    public static String requestId(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        String id = requestId(exchange.getRequest().getHeaders().getFirst(HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
        ServerWebExchange mutated = exchange.mutate().request(request).build();
        mutated.getAttributes().put(ATTRIBUTE, id);
        // Set right before the response is committed so that an id echoed by an upstream is not duplicated.
        mutated.getResponse().beforeCommit(() -> {
            mutated.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        return chain.filter(mutated).doFinally(signal -> log(mutated, id, start, signal));
    }

    private static void log(ServerWebExchange exchange, String id, long start, SignalType signal) {
        if (!accessLog.isInfoEnabled()) {
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String outcome = signal == SignalType.CANCEL ? "cancelled" : String.valueOf(status == null ? 200 : status.value());
        MDC.put(MDC_KEY, id);
        String traceId = traceId(exchange);
        if (traceId != null) {
            MDC.put(MDC_TRACE_ID, traceId);
        }
        try {
            accessLog.info("{} {} {} {}ms requestId={}", exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value(), outcome, millis, id);
        } finally {
            MDC.remove(MDC_KEY);
            if (traceId != null) {
                MDC.remove(MDC_TRACE_ID);
            }
        }
    }

    /** The trace id of the request's server observation (the access line runs after it, outside its scope). */
    static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context().traceId())
                .orElse(null);
    }
}
