package com.baedal.gateway.outbound;

import com.baedal.gateway.GatewayProperties;
import com.baedal.gateway.requestid.RequestIdFilter;
import java.net.URI;
import java.util.Objects;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Upstreams see the client's Host (the gateway sets {@code PreserveHostHeader} so that Camunda's login cookie and
 * CSRF check work) and build absolute redirects from it: {@code Host: evil.example} would come back as
 * {@code Location: http://evil.example/...}. Before a response leaves, a {@code Location} that points at the
 * request's own Host is rewritten to the configured public base URL ({@code baedal.gateway.public-base-url}) or,
 * without one, made relative. Locations elsewhere are left alone.
 */
@Component
public class RedirectLocationFilter implements WebFilter, Ordered {

    private final URI publicBaseUrl;

    public RedirectLocationFilter(GatewayProperties properties) {
        this.publicBaseUrl = properties.publicBaseUrl();
    }

    @Override
    public int getOrder() {
        return RequestIdFilter.ORDER + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            String location = headers.getFirst(HttpHeaders.LOCATION);
            if (location != null) {
                String rewritten = rewrite(location, host, publicBaseUrl);
                if (!rewritten.equals(location)) {
                    headers.set(HttpHeaders.LOCATION, rewritten);
                }
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** {@code host[:port]} or {@code [v6][:port]} without the port (and without user info). */
    static String hostOf(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    }

    /** {@code location} without the request's host: on {@code base} when given, relative otherwise. */
    static String rewrite(String location, String requestHost, URI base) {
        URI uri;
        try {
            uri = URI.create(location.strip());
        } catch (IllegalArgumentException notAUri) {
            return location;
        }
        if (uri.getRawAuthority() == null || requestHost == null
                || !hostOf(uri.getRawAuthority()).equalsIgnoreCase(hostOf(requestHost.strip()))) {
            return location;
        }
        StringBuilder relative = new StringBuilder(Objects.requireNonNullElse(uri.getRawPath(), ""));
        if (relative.isEmpty()) {
            relative.append('/');
        }
        if (uri.getRawQuery() != null) {
            relative.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            relative.append('#').append(uri.getRawFragment());
        }
        if (base == null) {
            return relative.toString();
        }
        String prefix = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return prefix + relative;
    }
}
