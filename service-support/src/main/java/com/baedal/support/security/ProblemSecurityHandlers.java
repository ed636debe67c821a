package com.baedal.support.security;

import com.baedal.support.web.ProblemResponses;
import com.baedal.support.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers 401 and 403 of a JWT-protected chain as {@code application/problem+json}. */
@RequiredArgsConstructor
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    public static final String INVALID_TOKEN_DETAIL = "The bearer token is invalid or expired.";
    public static final String MISSING_TOKEN_DETAIL = "Authentication required: send 'Authorization: Bearer <token>'.";
    public static final String FORBIDDEN_DETAIL = "You are not allowed to do this.";

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ObjectMapper objectMapper;

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        // Sets the status and the RFC 6750 WWW-Authenticate header.
        bearer.commence(request, response, exception);
        String detail = exception instanceof OAuth2AuthenticationException
                ? INVALID_TOKEN_DETAIL
                : MISSING_TOKEN_DETAIL;
        write(request, response, HttpStatus.valueOf(response.getStatus()), detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, FORBIDDEN_DETAIL);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = Problems.forStatus(status, detail);
        ProblemResponses.complete(problem, request, request.getRequestURI());
        ProblemResponses.write(response, problem, objectMapper);
    }
}
