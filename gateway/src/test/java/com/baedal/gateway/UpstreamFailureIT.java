package com.baedal.gateway;

import static com.baedal.gateway.GatewayIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Engine and workers are down (nothing listens on their ports); the read-model answers too slowly. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a held-open SSE or slow upstream must not keep the test JVM in a graceful shutdown
        properties = "server.shutdown=immediate")
@ActiveProfiles("local")
class UpstreamFailureIT {

    static final TestUpstream SLOW_READ_MODEL = new TestUpstream("read-model");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) throws IOException {
        String down = "http://127.0.0.1:" + freePort();
        registry.add("ENGINE_URL", () -> down);
        registry.add("WORKERS_URL", () -> down);
        registry.add("READMODEL_URL", SLOW_READ_MODEL::url);
        registry.add("GATEWAY_RESPONSE_TIMEOUT", () -> "1s");
    }

    @AfterAll
    static void stop() {
        SLOW_READ_MODEL.close();
    }

    @Test
    void upstreamDownIsA503Problem() throws Exception {
        String token = "Bearer " + TestTokens.customer("c-1");
        assertProblem(send(request("/api/orders").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").header("Authorization", token)), 503);
        assertProblem(send(request("/api/stores").GET()), 503);
        assertProblem(send(request("/camunda/app/cockpit/default/").GET()), 503);
        assertProblem(send(request("/api/payments/o-1").GET().header("Authorization", token)), 503);
    }

    @Test
    void upstreamTooSlowIsA504Problem() throws Exception {
        HttpResponse<String> response = send(request("/api/orders/slow").GET()
                .header("Authorization", "Bearer " + TestTokens.customer("c-1")));

        assertProblem(response, 504);
        assertThat(SLOW_READ_MODEL.requests()).hasSize(1);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
