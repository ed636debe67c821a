package com.baedal.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.support.RequestIdFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;

/** What the container and filters refuse before any controller runs: problem+json, nothing more. */
class ProblemErrorControllerTest {

    // as Spring Boot builds it: problem properties (requestId) at the top level
    final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    final ProblemErrorController controller = new ProblemErrorController(json);

    private JsonNode error(Integer status, Throwable exception, String uri) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        if (status != null) {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        }
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, exception);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-7");
        MockHttpServletResponse response = new MockHttpServletResponse();
        controller.error(request, response);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.path("status").asInt()).isEqualTo(response.getStatus());
        return problem;
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 405, 413, 414, 415, 431, 503})
    void containerErrorsKeepTheirStatus(int status) throws Exception {
        JsonNode problem = error(status, null, "/api/orders");
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith(Problems.TYPE_BASE);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).isEqualTo("/api/orders");
        assertThat(problem.path("requestId").asText()).isEqualTo("req-7");
    }

    @Test
    void aFiltersExceptionSaysNothingAboutItself() throws Exception {
        JsonNode problem = error(500, new IllegalStateException("jdbc:postgresql://db/engine password=x"), "/x");
        assertThat(problem.toString()).doesNotContain("jdbc", "password", "IllegalState", "trace");
        assertThat(problem.path("detail").asText()).isEqualTo(Problems.INTERNAL_ERROR_DETAIL);
    }

    @Test
    void aDirectCallIsNotFound() throws Exception {
        assertThat(error(null, null, null).path("status").asInt()).isEqualTo(404);
    }

    @Test
    void aPathThatIsNoUriIsLeftOut() throws Exception {
        assertThat(error(400, null, "/a b\u0001").has("instance")).isTrue(); // quoted, never raw
        assertThat(error(400, null, "/a b\u0001").path("instance").asText()).doesNotContain("\u0001");
    }

    @Test
    void firewallRefusalsAre400ProblemsThatDoNotEchoThePath() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/%00secret");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new RejectedRequests(json).handle(request, response, new RequestRejectedException("NUL"));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo(Problems.TYPE_BASE + "rejected-request");
        assertThat(problem.toString()).doesNotContain("secret");
    }
}
