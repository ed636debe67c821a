package com.baedal.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every error the gateway produces itself becomes problem+json: no route (404), upstream refused the connection
 * or cannot be resolved (503), upstream closed or reset the connection early (502), upstream too slow (504), body too
 * large (413), anything else (500, logged). Replaces Spring Boot's default error handler (order -1).
 */
@Component
@Order(-2)
@RequiredArgsConstructor
public class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private static final String CLOSED = "The service behind this path closed the connection unexpectedly.";
    private static final String TOO_SLOW = "The service behind this path did not answer in time.";

    /**
     * The answer to an error with one of {@code causes} anywhere in its cause chain, and what is logged then
     * ({@code logged}, with the request and the root cause; null: nothing). The first that matches answers, so a
     * more specific cause stands before a more general one (ConnectException before IOException).
     */
    private record CauseAnswer(List<Class<? extends Throwable>> causes, HttpStatus status, String detail,
                               String logged) {

        boolean matches(Throwable error) {
            return causes.stream().anyMatch(cause -> hasCause(error, cause));
        }
    }

    private static final List<CauseAnswer> BY_CAUSE = List.of(
            new CauseAnswer(List.of(ConnectException.class, UnknownHostException.class),
                    HttpStatus.SERVICE_UNAVAILABLE, "The service behind this path is unavailable. Try again shortly.",
                    "upstream unavailable"),
            new CauseAnswer(List.of(PrematureCloseException.class), HttpStatus.BAD_GATEWAY, CLOSED,
                    "upstream closed the connection"),
            new CauseAnswer(List.of(TimeoutException.class), HttpStatus.GATEWAY_TIMEOUT, TOO_SLOW, null),
            // the connection to the upstream broke after the request was sent (a reset by an instance that died):
            // whether it was processed is unknown, so it is not sent to another instance; the client may retry
            new CauseAnswer(List.of(IOException.class), HttpStatus.BAD_GATEWAY, CLOSED, "upstream connection failed"),
            new CauseAnswer(List.of(DataBufferLimitException.class), HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request body is too large.", null));

    private final ProblemWriter problems;

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            // Nothing sensible can be written any more (e.g. an upstream failed in the middle of a stream).
            return Mono.error(error);
        }
        exchange.getResponse().getHeaders().clear();
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();

        for (CauseAnswer answer : BY_CAUSE) {
            if (answer.matches(error)) {
                if (answer.logged() != null) {
                    log.warn("{} for {} {}: {}", answer.logged(), method, path, rootMessage(error));
                }
                return problems.write(exchange, answer.status(), answer.detail());
            }
        }
        if (error instanceof ResponseStatusException statusException) {
            HttpStatusCode code = statusException.getStatusCode();
            HttpStatus status = HttpStatus.resolve(code.value());
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            if (status == HttpStatus.GATEWAY_TIMEOUT) {
                return problems.write(exchange, status, TOO_SLOW);
            }
            if (status == HttpStatus.NOT_FOUND) {
                return problems.write(exchange, status, "No route for " + method + " " + path + ".");
            }
            String detail = statusException.getReason() != null ? statusException.getReason()
                    : status.getReasonPhrase();
            return problems.write(exchange, status, detail);
        }
        log.error("gateway error for {} {}", method, path, error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal gateway error.");
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
