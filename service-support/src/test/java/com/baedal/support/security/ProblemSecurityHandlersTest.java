package com.baedal.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class ProblemSecurityHandlersTest {

    final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().build();
    final ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(mapper);

    @Test
    void accessDeniedIs403Problem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        handlers.handle(new MockHttpServletRequest("POST", "/api/orders"), response,
                new AccessDeniedException("no"));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertProblem(response, 403, "/api/orders", ProblemSecurityHandlers.FORBIDDEN_DETAIL);
    }

    @Test
    void missingAuthenticationIs401ProblemWithBearerChallenge() throws Exception {
        MockHttpServletResponse response = commence(new InsufficientAuthenticationException("no token"));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode body = mapper.readTree(response.getContentAsString());
        assertThat(body.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(body.get("detail").asText()).isEqualTo(ProblemSecurityHandlers.MISSING_TOKEN_DETAIL);
    }

    @Test
    void invalidTokenIs401ProblemSayingSoWithTheInvalidTokenChallenge() throws Exception {
        MockHttpServletResponse response = commence(new InvalidBearerTokenException("expired"));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        assertProblem(response, 401, "/api/orders/1", ProblemSecurityHandlers.INVALID_TOKEN_DETAIL);
    }

    @Test
    void aCommittedResponseIsLeftAlone() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(200);
        response.getWriter().write("partial");
        response.flushBuffer();
        handlers.handle(new MockHttpServletRequest("GET", "/api/orders/1/stream"), response,
                new AccessDeniedException("late"));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("partial");
    }

    /** An unauthenticated GET of one order, answered by the entry point. */
    private MockHttpServletResponse commence(AuthenticationException failure) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        handlers.commence(new MockHttpServletRequest("GET", "/api/orders/1"), response, failure);
        return response;
    }

    private void assertProblem(MockHttpServletResponse response, int status, String instance, String detail)
            throws Exception {
        JsonNode body = mapper.readTree(response.getContentAsString());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("instance").asText()).isEqualTo(instance);
        assertThat(body.get("detail").asText()).isEqualTo(detail);
    }
}
