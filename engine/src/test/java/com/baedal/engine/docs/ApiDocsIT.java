package com.baedal.engine.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.support.OrderLogContext;
import com.baedal.support.RequestIdFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The engine's OpenAPI document (GET /v3/api-docs, public) and the request id / order id log context. */
@EngineIntegrationTest
class ApiDocsIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired ProcessEngine processEngine;

    JsonNode docs;

    @BeforeEach
    void loadDocs() throws Exception {
        ResponseEntity<String> response = rest.getForEntity("/v3/api-docs", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        docs = json.readTree(response.getBody());
    }

    @Test
    void theDocumentIsPublicAndDescribesTheService() {
        assertThat(docs.path("info").path("title").asText()).isEqualTo("Baedal engine API");
        assertThat(docs.path("info").path("version").asText()).isNotBlank().doesNotContain("@");
        assertThat(docs.path("servers")).hasSize(1);
        assertThat(docs.path("servers").get(0).path("url").asText()).isEqualTo("/");
        JsonNode bearer = docs.path("components").path("securitySchemes").path("bearer-jwt");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void onlyTheBaedalApiIsDocumentedNeverCamundasEndpoints() {
        List<String> paths = new ArrayList<>();
        docs.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).allMatch(path -> path.startsWith("/api/"))
                .noneMatch(path -> path.contains("engine-rest") || path.contains("camunda"))
                .contains("/api/orders", "/api/orders/{orderId}/cancel",
                        "/api/stores/{storeId}/orders/{orderId}/accept",
                        "/api/stores/{storeId}/orders/{orderId}/reject",
                        "/api/stores/{storeId}/orders/{orderId}/cooking-started",
                        "/api/stores/{storeId}/orders/{orderId}/cooking-finished",
                        "/api/deliveries/{orderId}/pick", "/api/deliveries/{orderId}/complete",
                        "/api/stores", "/api/stores/{storeId}/menu",
                        // the tests run with the local profile: the dev token endpoint exists and is documented
                        "/api/dev/tokens");
    }

    @Test
    void placingAnOrderListsEveryAnswerWithProblemJsonErrorsAndExamples() {
        JsonNode place = docs.path("paths").path("/api/orders").path("post");
        assertThat(fieldNames(place.path("responses")))
                .containsExactlyInAnyOrder("201", "400", "401", "403", "409", "422");
        for (String status : List.of("400", "401", "403", "409", "422")) {
            JsonNode content = place.path("responses").path(status).path("content");
            assertThat(fieldNames(content)).as(status).containsExactly("application/problem+json");
            assertThat(content.path("application/problem+json").path("schema").path("$ref").asText())
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(place.path("responses").path("422").path("content").path("application/problem+json")
                .path("examples")).isNotEmpty();
        JsonNode created = place.path("responses").path("201");
        assertThat(created.path("headers").has("Location")).isTrue();
        assertThat(created.path("content").path("application/json").path("examples").toString())
                .contains("PLACED", "orderId");
        assertThat(place.path("requestBody").path("content").path("application/json").path("examples").toString())
                .contains("menuItemId", "deliveryAddress", "cardToken");
        assertThat(place.path("security").toString()).doesNotContain("[]");
        assertThat(docs.path("security").toString()).contains("bearer-jwt");
        JsonNode parameters = place.path("parameters");
        assertThat(parameters.toString()).contains("Idempotency-Key").doesNotContain("jwt");
    }

    @Test
    void everyCommandDocumentsItsErrorStatuses() {
        Map<String, List<String>> expected = Map.of(
                // 400: a malformed order id (not a UUID) or store id, and for reject a missing or bad reason
                "/api/orders/{orderId}/cancel", List.of("202", "400", "401", "403", "404", "409"),
                "/api/stores/{storeId}/orders/{orderId}/accept", List.of("200", "400", "401", "403", "404", "409"),
                "/api/stores/{storeId}/orders/{orderId}/reject", List.of("200", "400", "401", "403", "404", "409"),
                "/api/deliveries/{orderId}/pick", List.of("200", "400", "401", "403", "404", "409"),
                "/api/deliveries/{orderId}/complete", List.of("200", "400", "401", "403", "404", "409"));
        expected.forEach((path, statuses) -> assertThat(
                fieldNames(docs.path("paths").path(path).path("post").path("responses")))
                .as(path).containsExactlyInAnyOrderElementsOf(statuses));
        assertThat(fieldNames(docs.path("paths").path("/api/stores/{storeId}/menu").path("get").path("responses")))
                .containsExactlyInAnyOrder("200", "400", "404");
    }

    @Test
    void theCatalogAndDevTokensNeedNoToken() {
        assertThat(docs.path("paths").path("/api/stores").path("get").path("security").isArray()).isTrue();
        assertThat(docs.path("paths").path("/api/stores").path("get").path("security")).isEmpty();
        assertThat(docs.path("paths").path("/api/dev/tokens").path("post").path("security")).isEmpty();
        assertThat(docs.path("paths").path("/api/dev/tokens").path("post").path("security").isArray()).isTrue();
    }

    @Test
    void theRequestIdOfTheGatewayComesBackAndOneIsMadeWhenMissing() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(RequestIdFilter.HEADER, "gw-test-42");
        ResponseEntity<String> echoed = rest.exchange("/api/stores", HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
        assertThat(echoed.getHeaders().getFirst(RequestIdFilter.HEADER)).isEqualTo("gw-test-42");

        // also on answers of Spring Security (before any controller) and on Camunda's own endpoints
        ResponseEntity<String> unauthorized = rest.postForEntity("/api/orders", null, String.class);
        assertThat(unauthorized.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(unauthorized.getHeaders().getFirst(RequestIdFilter.HEADER)).isNotBlank();
        assertThat(rest.getForEntity("/engine-rest/engine", String.class).getHeaders()
                .getFirst(RequestIdFilter.HEADER)).isNotBlank();
    }

    @Test
    void camundaPutsTheBusinessKeyIntoTheLogContextAsOrderId() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(configuration.getLoggingContextBusinessKey()).isEqualTo(OrderLogContext.MDC_KEY);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
