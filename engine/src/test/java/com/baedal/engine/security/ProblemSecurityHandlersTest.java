package com.baedal.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;

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
        JsonNode body = mapper.readTree(response.getContentAsString());
        assertThat(body.get("status").asInt()).isEqualTo(403);
        assertThat(body.get("instance").asText()).isEqualTo("/api/orders");
    }

    @Test
    void missingAuthenticationIs401ProblemWithBearerChallenge() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        handlers.commence(new MockHttpServletRequest("GET", "/api/orders/1"), response,
                new InsufficientAuthenticationException("no token"));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(mapper.readTree(response.getContentAsString()).get("title").asText()).isEqualTo("Unauthorized");
    }
}
