package com.baedal.gateway.inbound;

import com.baedal.gateway.requestid.RequestIdFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths that an upstream would normalise to somewhere else than the route that matched them: dot
 * segments ({@code /camunda/../actuator/env}, also encoded or with matrix parameters such as {@code ..;}),
 * encoded slashes or backslashes, NUL and the other control characters, and percent-encoded bytes that are no UTF-8.
 * Without this, a route such as {@code /camunda/**} would carry a request
 * to the services' actuator endpoints, which the gateway must never expose.
 */
@Component
public class PathGuardFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return RequestIdFilter.ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!isSafe(exchange.getRequest().getPath().pathWithinApplication())) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The request path contains dot segments, encoded separators or characters that are not allowed."));
        }
        return chain.filter(exchange);
    }

    static boolean isSafe(PathContainer path) {
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                String value = segment.valueToMatch();
                if (value.equals(".") || value.equals("..") || value.indexOf('/') >= 0 || value.indexOf('\\') >= 0
                        || value.chars().anyMatch(Character::isISOControl)) {
                    return false;
                }
                String raw = segment.value();
                if (raw.indexOf('\\') >= 0) {
                    return false;
                }
                // bytes that are no UTF-8 (%C0%80, %FF) decode to U+FFFD: the services' container would refuse them
                // without an answer of ours
                if (value.indexOf('\uFFFD') >= 0 && raw.indexOf('\uFFFD') < 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
