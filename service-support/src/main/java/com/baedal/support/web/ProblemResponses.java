package com.baedal.support.web;

import com.baedal.support.RequestIdFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem straight into a servlet response, for the answers given outside Spring MVC's exception handling:
 * the security filters (401/403), the firewall's refusals and the {@code /error} page.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Adds what every problem of a request carries: the request path as {@code instance}, the request id. */
    public static ProblemDetail complete(ProblemDetail problem, HttpServletRequest request, String path) {
        Problems.typed(problem);
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(instance(path));
        }
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null && (problem.getProperties() == null
                || !problem.getProperties().containsKey(Problems.REQUEST_ID_PROPERTY))) {
            problem.setProperty(Problems.REQUEST_ID_PROPERTY, requestId);
        }
        return problem;
    }

    /**
     * Writes {@code problem} (status, {@code application/problem+json}) unless the response is committed; complete
     * it first ({@link #complete}).
     */
    public static void write(HttpServletResponse response, ProblemDetail problem, ObjectMapper objectMapper)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The request path as a URI reference; a path that is not one (it reached us with characters a URI may not
     * hold) is left out rather than echoed.
     */
    static URI instance(String path) {
        try {
            return new URI(null, null, path, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
