package com.baedal.gateway;

import static com.baedal.gateway.GatewayIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Engine and workers are down (nothing listens on their ports); the read-model answers too slowly. */
class UpstreamFailureIT extends RunningGateway {

    @RegisterExtension
    static final FakeUpstreams UPSTREAMS = new FakeUpstreams();
    static final TestUpstream SLOW_READ_MODEL = UPSTREAMS.start("read-model");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) throws IOException {
        String down = FakeUpstreams.downUrl();
        FakeUpstreams.wire(registry, down, SLOW_READ_MODEL.url(), down);
        registry.add("GATEWAY_RESPONSE_TIMEOUT", () -> "1s");
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
}
