package com.baedal.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The {@code /error} page of the servlet services, replacing Spring Boot's (HTML or JSON with exception details):
 * what the container or a filter refuses before any controller runs (an unparsable URL, a filter's
 * {@code sendError}, an exception thrown by a filter) is answered as problem+json of the same status, with a
 * detail that depends on the status alone. A direct request to {@code /error} is a 404.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
@RequiredArgsConstructor
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ObjectMapper objectMapper;

    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code instanceof Integer value && value >= 400 && value < 600
                ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status.is5xxServerError() && error instanceof Throwable throwable) {
            log.error("Unexpected error before a controller answered {}", originalPath(request), throwable);
        }
        ProblemDetail problem = Problems.forStatus(status, detail(status));
        ProblemResponses.complete(problem, request, originalPath(request));
        ProblemResponses.write(response, problem, objectMapper);
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String path ? path : null;
    }

    static String detail(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request is malformed.";
            case 401 -> "Authentication required.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "Nothing answers at this path.";
            case 405 -> "This method is not allowed here.";
            case 413 -> "The request is too large.";
            case 414 -> "The request URL is too long.";
            case 415 -> "This content type is not supported here.";
            case 431 -> "The request headers are too large.";
            default -> status.is5xxServerError() ? Problems.INTERNAL_ERROR_DETAIL : "The request cannot be answered.";
        };
    }
}
