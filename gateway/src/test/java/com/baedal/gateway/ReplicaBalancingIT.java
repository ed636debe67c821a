package com.baedal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several instances behind one upstream (comma-separated {@code ENGINE_URL}, as {@code ./baedal up --replicas 2}
 * sets it): the gateway balances between the live ones and never loses a request to a dead one (nothing listens on
 * its port), commands with a body included; what reached an instance is never sent twice.
 */
class ReplicaBalancingIT extends RunningGateway {

    @RegisterExtension
    static final FakeUpstreams UPSTREAMS = new FakeUpstreams();
    static final TestUpstream ENGINE_1 = UPSTREAMS.start("engine-1");
    static final TestUpstream ENGINE_2 = UPSTREAMS.start("engine-2");
    static final TestUpstream READ_MODEL = UPSTREAMS.start("read-model");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) throws IOException {
        String dead = FakeUpstreams.downUrl();
        FakeUpstreams.wire(registry, dead + "," + ENGINE_1.url() + ", " + ENGINE_2.url(), READ_MODEL.url(), dead);
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
}
