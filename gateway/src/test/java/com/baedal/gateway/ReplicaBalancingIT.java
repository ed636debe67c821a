package com.baedal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several instances behind one upstream (comma-separated {@code ENGINE_URL}, as {@code ./baedal up --replicas 2}
 * sets it): the gateway balances between the live ones and never loses a request to a dead one (nothing listens on
 * its port), commands with a body included; what reached an instance is never sent twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.shutdown=immediate")
@ActiveProfiles("local")
class ReplicaBalancingIT {

    static final TestUpstream ENGINE_1 = new TestUpstream("engine-1");
    static final TestUpstream ENGINE_2 = new TestUpstream("engine-2");
    static final TestUpstream READ_MODEL = new TestUpstream("read-model");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) throws Exception {
        String dead = "http://127.0.0.1:" + UpstreamFailureIT.freePort();
        registry.add("ENGINE_URL", () -> dead + "," + ENGINE_1.url() + ", " + ENGINE_2.url());
        registry.add("READMODEL_URL", READ_MODEL::url);
        registry.add("WORKERS_URL", () -> dead);
    }

    @AfterAll
    static void stop() {
        ENGINE_1.close();
        ENGINE_2.close();
        READ_MODEL.close();
    }

    @BeforeEach
    void reset() {
        ENGINE_1.reset();
        ENGINE_2.reset();
    }

    @Test
    void requestsAreSpreadOverTheLiveInstancesAndNoneIsLostToTheDeadOne() throws Exception {
        String token = "Bearer " + TestTokens.customer("c-1");
        for (int i = 0; i < 12; i++) {
            String body = "{\"n\":" + i + "}";
            HttpResponse<String> response = send(request("/api/orders")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").header("Authorization", token));
            assertThat(response.statusCode()).as("POST %d: %s", i, response.body()).isEqualTo(200);
            assertThat(response.body()).contains("engine-");
        }
        assertThat(ENGINE_1.requests()).isNotEmpty();
        assertThat(ENGINE_2.requests()).isNotEmpty();
        // every command arrived once, with its body, though a third of them first met the dead instance
        assertThat(ENGINE_1.requests().size() + ENGINE_2.requests().size()).isEqualTo(12);
        assertThat(java.util.stream.Stream.concat(ENGINE_1.requests().stream(), ENGINE_2.requests().stream())
                .map(TestUpstream.Recorded::bodyText))
                .containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 12).mapToObj(i -> "{\"n\":" + i + "}")
                        .toArray(String[]::new));

        for (int i = 0; i < 6; i++) {
            assertThat(send(request("/api/stores").GET()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void whenEveryInstanceIsDeadTheClientGetsA503Problem() throws Exception {
        HttpResponse<String> response = send(request("/api/payments/o-1").GET()
                .header("Authorization", "Bearer " + TestTokens.customer("c-1")));

        GatewayIT.assertProblem(response, 503);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
