package com.baedal.gateway.inbound;

import com.baedal.gateway.GatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits request bodies on {@code /api/**} ({@code baedal.gateway.max-body-size}, 256 KB by default): a declared
 * Content-Length above the limit is refused at once with 413; a body without a length (chunked) is read up to the
 * limit and then sent on in one piece, or refused with 413. Runs after the JWT check, so anonymous callers cannot
 * make the gateway read bodies.
 */
@Component
public class BodySizeLimitFilter implements WebFilter, Ordered {

    public static final int ORDER = 10;

    private final long maxBytes;

    public BodySizeLimitFilter(GatewayProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!(path.equals("/api") || path.startsWith("/api/")) || !RequestBodies.hasBody(request)) {
            return chain.filter(exchange);
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(RequestBodies.tooLarge(maxBytes));
        }
        if (declared >= 0) {
            // Netty frames the body by its Content-Length: it cannot be longer than declared.
            return chain.filter(exchange);
        }
        return RequestBodies.read(request, (int) maxBytes)
                .flatMap(body -> chain.filter(exchange.mutate().request(RequestBodies.withBody(request, body)).build()));
    }
}
