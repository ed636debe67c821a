package com.baedal.readmodel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.readmodel.support.ReadModelIntegrationTest;
import com.baedal.support.RequestIdFilter;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read-model's OpenAPI document (GET /v3/api-docs, public) and the request id on its answers. */
class ApiDocsIT extends ReadModelIntegrationTest {

    @Test
    void theDocumentIsPublicAndListsTheQueryApiWithItsErrors() {
        Response response = get("/v3/api-docs", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode docs = response.jsonBody();

        assertThat(docs.path("info").path("title").asText()).isEqualTo("Baedal read-model API");
        assertThat(docs.path("info").path("version").asText()).isNotBlank().doesNotContain("@");
        assertThat(docs.path("servers").get(0).path("url").asText()).isEqualTo("/");
        assertThat(docs.path("components").path("securitySchemes").path("bearer-jwt").path("type").asText())
                .isEqualTo("http");
        assertThat(fieldNames(docs.path("paths"))).containsExactlyInAnyOrder("/api/orders/{orderId}",
                "/api/orders", "/api/orders/{orderId}/stream", "/api/stores/{storeId}/orders", "/api/deliveries");

        Map<String, List<String>> expected = Map.of(
                "/api/orders/{orderId}", List.of("200", "400", "401", "404"),
                "/api/orders", List.of("200", "400", "401", "403"),
                "/api/orders/{orderId}/stream", List.of("200", "400", "401", "404"),
                "/api/stores/{storeId}/orders", List.of("200", "400", "401", "403"),
                "/api/deliveries", List.of("200", "400", "401", "403"));
        expected.forEach((path, statuses) -> {
            JsonNode responses = docs.path("paths").path(path).path("get").path("responses");
            assertThat(fieldNames(responses)).as(path).containsExactlyInAnyOrderElementsOf(statuses);
            statuses.stream().filter(status -> !status.equals("200")).forEach(status -> assertThat(
                    fieldNames(responses.path(status).path("content"))).as(path + " " + status)
                    .containsExactly("application/problem+json"));
        });

        JsonNode view = docs.path("paths").path("/api/orders/{orderId}").path("get").path("responses")
                .path("200").path("content").path("application/json");
        assertThat(view.path("examples").toString()).contains("history", "payment", "ACCEPTED");
        assertThat(docs.path("paths").path("/api/orders/{orderId}/stream").path("get").path("responses")
                .path("200").path("content").has("text/event-stream")).isTrue();
        assertThat(docs.path("paths").toString()).doesNotContain("engine-rest", "/camunda", "\"jwt\"");
    }

    @Test
    void everyAnswerCarriesTheRequestIdOfTheGatewayOrAFreshOne() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders/" + UUID.randomUUID()))
                .timeout(Duration.ofSeconds(10)).header(RequestIdFilter.HEADER, "gw-req-9").GET().build();
        HttpResponse<String> unauthorized = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue(RequestIdFilter.HEADER)).hasValue("gw-req-9");

        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.headers().firstValue(RequestIdFilter.HEADER)).isPresent();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
