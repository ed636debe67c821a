package com.baedal.gateway.camunda;

import com.baedal.gateway.GatewayProperties;
import com.baedal.gateway.inbound.BodySizeLimitFilter;
import com.baedal.gateway.inbound.PathSegments;
import com.baedal.gateway.inbound.RequestBodies;
import com.baedal.gateway.problem.ProblemWriter;
import com.baedal.support.web.Problems;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Who may talk to Camunda through the public gateway (SPEC §7, "service accounts are internal"):
 * <ul>
 *   <li>{@code /engine-rest/external-task/**} (also under {@code /engine-rest/engine/{name}/}) is refused with 403:
 *       only the workers fetch and complete external tasks, on the internal network;</li>
 *   <li>the service users ({@code baedal.gateway.service-users}) are refused with 403, before anything is forwarded,
 *       when they come with HTTP Basic on {@code /engine-rest} or through the webapps' login form: their passwords
 *       never leave the gateway, and a guesser cannot lock them out (which would stop every payment);</li>
 *   <li>failed logins (a 401 answer to Basic on {@code /engine-rest} or to the login form) are counted per client
 *       address and per user name ({@link FailedLogins}); over the limit a login is answered 429 with
 *       {@code Retry-After} and not forwarded.</li>
 * </ul>
 */
@Component
public class CamundaAccessFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(CamundaAccessFilter.class);
    private static final int MAX_LOGIN_FORM_BYTES = 16 * 1024;

    private final ProblemWriter problems;
    private final Set<String> serviceUsers;
    private final GatewayProperties.LoginLimit limit;
    private final FailedLogins failedLogins;

    public CamundaAccessFilter(ProblemWriter problems, GatewayProperties properties) {
        this.problems = problems;
        this.serviceUsers = properties.serviceUsers().stream().map(CamundaAccessFilter::normalized)
                .collect(Collectors.toUnmodifiableSet());
        this.limit = properties.loginLimit();
        this.failedLogins = new FailedLogins(limit, Clock.systemUTC());
    }

    @Override
    public int getOrder() {
        return BodySizeLimitFilter.ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> segments = PathSegments.of(request.getPath().pathWithinApplication());
        boolean engineRest = !segments.isEmpty() && segments.get(0).equalsIgnoreCase("engine-rest");
        if (engineRest && isExternalTask(segments)) {
            return problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN, "external-task-refused",
                    "Not available here", "External tasks are fetched and completed by the workers only."));
        }
        if (engineRest) {
            Optional<String> user = basicUser(request.getHeaders());
            return user.isEmpty() ? chain.filter(exchange) : login(exchange, chain, user.get());
        }
        if (isWebappLogin(request, segments)) {
            return RequestBodies.read(request, MAX_LOGIN_FORM_BYTES).flatMap(body -> {
                ServerWebExchange replay = exchange.mutate().request(RequestBodies.withBody(request, body)).build();
                Optional<String> user = formField(body, "username");
                return user.isEmpty() ? chain.filter(replay) : login(replay, chain, user.get());
            });
        }
        return chain.filter(exchange);
    }

    private Mono<Void> login(ServerWebExchange exchange, WebFilterChain chain, String user) {
        if (serviceUsers.contains(normalized(user))) {
            log.warn("refused service account {} on {} {}", user, exchange.getRequest().getMethod().name(),
                    exchange.getRequest().getPath().value());
            return problems.write(exchange, Problems.of(HttpStatus.FORBIDDEN, "service-account-refused",
                    "Not available here", "Service accounts cannot be used through the gateway."));
        }
        String clientKey = "client:" + clientAddress(exchange.getRequest());
        String userKey = "user:" + normalized(user);
        Optional<Duration> wait = longest(failedLogins.blockedFor(clientKey, limit.perClient()),
                failedLogins.blockedFor(userKey, limit.perUser()));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            return problems.write(exchange, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
                    "Too many failed logins", "Too many failed logins; try again in " + seconds + " s."));
        }
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (status != null && status.value() == HttpStatus.UNAUTHORIZED.value()) {
                failedLogins.failed(clientKey);
                failedLogins.failed(userKey);
            } else if (status != null && status.is2xxSuccessful()) {
                failedLogins.forget(userKey);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    static boolean isExternalTask(List<String> segments) {
        int resource = segments.size() >= 3 && segments.get(1).equalsIgnoreCase("engine") ? 3 : 1;
        return segments.size() > resource && segments.get(resource).equalsIgnoreCase("external-task");
    }

    /** {@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}: the webapps' login form. */
    static boolean isWebappLogin(ServerHttpRequest request, List<String> segments) {
        return request.getMethod() == HttpMethod.POST && segments.size() == 8
                && segments.get(0).equalsIgnoreCase("camunda") && segments.get(1).equalsIgnoreCase("api")
                && segments.get(2).equalsIgnoreCase("admin") && segments.get(3).equalsIgnoreCase("auth")
                && segments.get(4).equalsIgnoreCase("user") && segments.get(6).equalsIgnoreCase("login");
    }

    /** The user name of an HTTP Basic header; empty for other schemes or a header that is not Basic's shape. */
    static Optional<String> basicUser(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 ? Optional.of(decoded.substring(0, colon)) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    static Optional<String> formField(byte[] body, String name) {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name) && equals >= 0) {
                    return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                return Optional.empty(); // Camunda refuses it; nothing to count
            }
        }
        return Optional.empty();
    }

    private static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static String normalized(String user) {
        return user.strip().toLowerCase(Locale.ROOT);
    }
}
