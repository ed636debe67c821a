package com.baedal.gateway.expression;

import com.baedal.gateway.GatewayProperties;
import com.baedal.gateway.inbound.BodySizeLimitFilter;
import com.baedal.gateway.inbound.PathSegments;
import com.baedal.gateway.inbound.RequestBodies;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses engine task/filter queries carrying expressions with 400 (see {@link ExpressionGuard}). Only those engine
 * paths are inspected; their bodies are read (up to {@code baedal.gateway.inspected-body-max-size}) and re-sent
 * unchanged; every other request, including all streaming, passes untouched.
 */
@Component
public class ExpressionQueryFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ExpressionQueryFilter.class);

    private final int maxBytes;

    public ExpressionQueryFilter(GatewayProperties properties) {
        this.maxBytes = (int) properties.inspectedBodyMaxSize().toBytes();
    }

    @Override
    public int getOrder() {
        return BodySizeLimitFilter.ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!ExpressionGuard.inspects(PathSegments.of(request.getPath().pathWithinApplication()))) {
            return chain.filter(exchange);
        }
        Optional<String> inQuery = ExpressionGuard.findInQuery(request.getQueryParams());
        String rawQuery = request.getURI().getRawQuery();
        if (inQuery.isEmpty() && rawQuery != null && ExpressionGuard.containsExpression(rawQuery)) {
            inQuery = Optional.of("(query string)");
        }
        if (inQuery.isPresent()) {
            return refuse(request, "query parameter '" + inQuery.get() + "'");
        }
        if (!RequestBodies.hasBody(request)) {
            return chain.filter(exchange);
        }
        return RequestBodies.read(request, maxBytes).flatMap(body -> {
            Optional<String> inBody;
            try {
                inBody = ExpressionGuard.findInJson(body);
            } catch (ExpressionGuard.InvalidJsonException e) {
                return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage()));
            }
            if (inBody.isPresent()) {
                return refuse(request, "field '" + inBody.get() + "'");
            }
            return chain.filter(exchange.mutate().request(RequestBodies.withBody(request, body)).build());
        });
    }

    private static Mono<Void> refuse(ServerHttpRequest request, String where) {
        log.warn("refused a task query carrying an expression in {}: {} {}", where, request.getMethod().name(),
                request.getPath().value());
        return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "Expressions (${...} or #{...}) are not allowed in task or filter queries (" + where + ")."));
    }
}
