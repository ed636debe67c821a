package com.baedal.gateway;

import static com.baedal.gateway.GatewayIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateway's rules for Camunda's side of the platform (SPEC §7, issue 12): no external-task API and no service
 * account through the public entry, failed logins rate-limited, no Host reflected into redirects, webapps never
 * framed. The real gateway in front of a real HTTP server standing in for the engine.
 */
@TestPropertySource(properties = {
        "baedal.gateway.service-users=svc-workers,svc-ops",
        "baedal.gateway.login-limit.per-user=3",
        "baedal.gateway.login-limit.per-client=5",
        "baedal.gateway.login-limit.window=PT10M"})
class EdgeRulesIT extends RunningGateway {

    @RegisterExtension
    static final FakeUpstreams UPSTREAMS = new FakeUpstreams();
    static final TestUpstream ENGINE = UPSTREAMS.start("engine");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        FakeUpstreams.wire(registry, ENGINE.url(), ENGINE.url(), ENGINE.url());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/engine-rest/external-task/fetchAndLock", "/engine-rest/external-task",
            "/engine-rest/external-task/t-1/complete", "/engine-rest/engine/default/external-task/fetchAndLock",
            "/engine-rest/EXTERNAL-TASK/count"})
    void theExternalTaskApiIsNotPublic(String path) throws Exception {
        HttpResponse<String> response = send(request(path).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").header("Authorization", basic("owner-s1", "demo")));

        JsonNode problem = assertProblem(response, 403);
        assertThat(problem.path("type").asText()).isEqualTo("https://baedal.example/problems/external-task-refused");
        assertThat(ENGINE.requests()).isEmpty();
    }

    @Test
    void disguisedExternalTaskPathsAreRefusedToo() throws Exception {
        for (String path : List.of("/engine-rest/external-task;x=1/t-1/bpmnError",
                "/engine-rest/%65xternal-task/fetchAndLock", "/engine-rest/./external-task")) {
            HttpResponse<String> response = send(request(path).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json"));
            assertThat(response.statusCode()).as(path).isIn(400, 403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(ENGINE.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"svc-workers", "SVC-Workers", " svc-workers", "svc-ops"})
    void serviceAccountsAreRefusedOnEngineRestWithoutForwardingTheirCredentials(String user) throws Exception {
        HttpResponse<String> response = send(request("/engine-rest/task?processDefinitionKey=order-delivery").GET()
                .header("Authorization", basic(user, "workers-demo")));

        JsonNode problem = assertProblem(response, 403);
        assertThat(problem.path("type").asText()).isEqualTo("https://baedal.example/problems/service-account-refused");
        assertThat(ENGINE.requests()).isEmpty();
    }

    @Test
    void serviceAccountsCannotLogIntoTheWebapps() throws Exception {
        HttpResponse<String> response = send(request("/camunda/api/admin/auth/user/default/login/cockpit")
                .POST(HttpRequest.BodyPublishers.ofString("username=svc%2Dworkers&password=workers-demo"))
                .header("Content-Type", "application/x-www-form-urlencoded"));

        assertProblem(response, 403);
        assertThat(ENGINE.requests()).isEmpty();
    }

    @Test
    void humansStillLogInAndTheirFormArrivesWhole() throws Exception {
        String form = "username=owner-chicken-gangnam&password=demo";
        HttpResponse<String> response = send(request("/camunda/api/admin/auth/user/default/login/tasklist")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ENGINE.requests()).singleElement().satisfies(seen -> assertThat(seen.bodyText()).isEqualTo(form));
    }

    @Test
    void failedLoginsAreLimitedPerUserAndPerClient() throws Exception {
        // per user: three failures, then 429 for that user, whatever the password
        for (int i = 0; i < 3; i++) {
            assertThat(basicLogin("rider-gangnam-1", "wrong").statusCode()).isEqualTo(401);
        }
        ENGINE.reset();
        HttpResponse<String> limited = basicLogin("rider-gangnam-1", "demo");
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 600L));
        assertThat(ENGINE.requests()).isEmpty();

        // another user is fine until this address has failed five times in all (webapp logins count too)
        assertThat(basicLogin("rider-gangnam-2", "demo").statusCode()).isEqualTo(200);
        assertThat(formLogin("rider-gangnam-2", "wrong").statusCode()).isEqualTo(401);
        assertThat(basicLogin("rider-gangnam-3", "wrong").statusCode()).isEqualTo(401);
        ENGINE.reset();
        assertProblem(formLogin("rider-gangnam-4", "demo"), 429);
        assertProblem(basicLogin("rider-gangnam-2", "demo"), 429);
        assertThat(ENGINE.requests()).isEmpty();
        // requests that are no login pass as before
        assertThat(send(request("/camunda/app/tasklist/").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void redirectsNeverCarryTheRequestsHost() throws Exception {
        List<String> response = raw("GET /camunda HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

        assertThat(response.get(0)).contains(" 302");
        assertThat(header(response, "Location")).isEqualTo("/camunda/app/?x=1");
        // the upstream still saw the client's Host (Camunda's cookie and CSRF checks need it)
        assertThat(ENGINE.requests()).singleElement()
                .satisfies(seen -> assertThat(seen.header("Host")).isEqualTo("evil.example"));
    }

    @Test
    void theWebappsRefuseToBeFramed() throws Exception {
        HttpResponse<String> page = send(request("/camunda/app/tasklist/default/").GET());

        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().allValues("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    private HttpResponse<String> basicLogin(String user, String password) throws Exception {
        return send(request("/engine-rest/user/" + user + "/profile").GET()
                .header("Authorization", basic(user, password)));
    }

    private HttpResponse<String> formLogin(String user, String password) throws Exception {
        return send(request("/camunda/api/admin/auth/user/default/login/tasklist")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A request with a Host header of our choosing (Java's HTTP client does not let us set it). */
    private List<String> raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                lines.add(line);
            }
            return lines;
        }
    }

    private static String header(List<String> response, String name) {
        return response.stream().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }
}
