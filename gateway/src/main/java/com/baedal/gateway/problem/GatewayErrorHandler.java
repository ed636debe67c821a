package com.baedal.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
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

        if (hasCause(error, ConnectException.class) || hasCause(error, UnknownHostException.class)) {
            log.warn("upstream unavailable for {} {}: {}", method, path, rootMessage(error));
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The service behind this path is unavailable. Try again shortly.");
        }
        if (hasCause(error, PrematureCloseException.class)) {
            log.warn("upstream closed the connection for {} {}: {}", method, path, rootMessage(error));
            return problems.write(exchange, HttpStatus.BAD_GATEWAY,
                    "The service behind this path closed the connection unexpectedly.");
        }
        if (hasCause(error, TimeoutException.class)) {
            return problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT,
                    "The service behind this path did not answer in time.");
        }
        if (hasCause(error, IOException.class)) {
            // the connection to the upstream broke after the request was sent (a reset by an instance that died):
            // whether it was processed is unknown, so it is not sent to another instance; the client may retry
            log.warn("upstream connection failed for {} {}: {}", method, path, rootMessage(error));
            return problems.write(exchange, HttpStatus.BAD_GATEWAY,
                    "The service behind this path closed the connection unexpectedly.");
        }
        if (hasCause(error, DataBufferLimitException.class)) {
            return problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large.");
        }
        if (error instanceof ResponseStatusException statusException) {
            HttpStatusCode code = statusException.getStatusCode();
            HttpStatus status = HttpStatus.resolve(code.value());
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            if (status == HttpStatus.GATEWAY_TIMEOUT) {
                return problems.write(exchange, status, "The service behind this path did not answer in time.");
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
