package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.simulator.BaedalClient.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The API is documented where users look for it: one Swagger UI at the gateway over every service's OpenAPI. */
class ApiDocsIT {

    private final Apps apps = new Apps();

    @Test
    void everyServiceDocumentIsServedThroughTheGateway() {
        Response engine = apps.api.get("/api/docs/engine", null);
        assertThat(engine.status()).isEqualTo(200);
        assertThat(engine.body().path("paths").has("/api/orders")).isTrue();
        assertThat(engine.body().path("paths").path("/api/orders").path("post").path("responses").has("422"))
                .isTrue();

        Response readModel = apps.api.get("/api/docs/read-model", null);
        assertThat(readModel.status()).isEqualTo(200);
        assertThat(readModel.body().path("paths").has("/api/orders/{orderId}")).isTrue();

        Response workers = apps.api.get("/api/docs/workers", null);
        assertThat(workers.status()).isEqualTo(200);
        assertThat(workers.body().path("paths").has("/api/payments/{orderId}")).isTrue();
    }

    @Test
    void swaggerUiIsServedAtApiDocs() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(Platform.get().gateway().resolve(URI.create("/api/docs"))).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
    }
}
