package com.baedal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real gateway (local profile) in front of three real HTTP servers standing in for engine, read-model and
 * workers. Everything goes over HTTP, as a client would send it.
 */
@AutoConfigureObservability(tracing = false) // tests switch metrics export off by default; /actuator/prometheus is tested
class GatewayIT extends RunningGateway {

    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final FakeUpstreams UPSTREAMS = new FakeUpstreams();
    static final TestUpstream ENGINE = UPSTREAMS.start("engine");
    static final TestUpstream READ_MODEL = UPSTREAMS.start("read-model");
    static final TestUpstream WORKERS = UPSTREAMS.start("workers");

    @LocalManagementPort int managementPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        FakeUpstreams.wire(registry, ENGINE.url(), READ_MODEL.url(), WORKERS.url());
    }

    // ---------------------------------------------------------------- routing (SPEC §2)

    static Stream<Arguments> routes() {
        String order = "{\"storeId\":\"s-1\",\"items\":[{\"menuItemId\":\"m-1\",\"quantity\":2}]}";
        return Stream.of(
                // method, path?query, body, upstream, token needed, path the upstream must see
                Arguments.of("POST", "/api/orders", order, "engine", true, null),
                Arguments.of("POST", "/api/orders/o-1/cancel", "", "engine", true, null),
                Arguments.of("POST", "/api/stores/s-1/orders/o-1/accept", "", "engine", true, null),
                Arguments.of("POST", "/api/stores/s-1/orders/o-1/reject", "{\"reason\":\"busy\"}", "engine", true, null),
                Arguments.of("POST", "/api/stores/s-1/orders/o-1/cooking-started", "", "engine", true, null),
                Arguments.of("POST", "/api/stores/s-1/orders/o-1/cooking-finished", "", "engine", true, null),
                Arguments.of("POST", "/api/deliveries/o-1/pick", "", "engine", true, null),
                Arguments.of("POST", "/api/deliveries/o-1/complete", "", "engine", true, null),
                Arguments.of("GET", "/api/stores", "", "engine", false, null),
                Arguments.of("GET", "/api/stores/s-1/menu", "", "engine", false, null),
                Arguments.of("POST", "/api/dev/tokens", "{\"sub\":\"c-1\",\"role\":\"x\"}", "engine", false, null),
                Arguments.of("GET", "/camunda/app/tasklist/default/", "", "engine", false, null),
                Arguments.of("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                        "username=owner&password=demo", "engine", false, null),
                Arguments.of("GET", "/engine-rest/process-definition?key=order-x&latestVersion=true", "", "engine",
                        false, null),
                Arguments.of("GET", "/api/orders?customerId=c-1&page=0&size=20", "", "read-model", true, null),
                Arguments.of("GET", "/api/orders/o-1", "", "read-model", true, null),
                Arguments.of("GET", "/api/stores/s-1/orders?status=PAID", "", "read-model", true, null),
                Arguments.of("GET", "/api/deliveries?region=gangnam&lat=37.5&lon=127.0", "", "read-model", true, null),
                Arguments.of("GET", "/api/payments/o-1", "", "workers", true, null),
                Arguments.of("GET", "/api/docs/engine", "", "engine", false, "/v3/api-docs"),
                Arguments.of("GET", "/api/docs/read-model", "", "read-model", false, "/v3/api-docs"),
                Arguments.of("GET", "/api/docs/workers", "", "workers", false, "/v3/api-docs"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("routes")
    void routesEveryPathToItsServiceIntact(String method, String pathAndQuery, String body, String upstream,
                                           boolean tokenNeeded, String upstreamPath) throws Exception {
        String token = TestTokens.customer("c-1");
        HttpRequest.Builder request = request(pathAndQuery).method(method, publisher(body))
                .header("Content-Type", pathAndQuery.contains("/login/") ? "application/x-www-form-urlencoded"
                        : "application/json");
        if (tokenNeeded) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"upstream\":\"" + upstream + "\"}");
        TestUpstream target = upstream(upstream);
        assertThat(target.requests()).hasSize(1);
        for (TestUpstream other : List.of(ENGINE, READ_MODEL, WORKERS)) {
            if (other != target) {
                assertThat(other.requests()).isEmpty();
            }
        }
        TestUpstream.Recorded seen = target.requests().get(0);
        URI sent = URI.create(pathAndQuery);
        assertThat(seen.method()).isEqualTo(method);
        assertThat(seen.rawPath()).isEqualTo(upstreamPath != null ? upstreamPath : sent.getRawPath());
        assertThat(seen.rawQuery()).isEqualTo(sent.getRawQuery());
        assertThat(seen.bodyText()).isEqualTo(body);
        if (tokenNeeded) {
            assertThat(seen.header("Authorization")).isEqualTo("Bearer " + token);
        }
        assertThat(seen.header("X-Request-Id")).isNotBlank()
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void preservesTheHostForCamundaWebappsAndRestAndPassesTheirCookiesBack() throws Exception {
        HttpResponse<String> webapp = send(request("/camunda/app/tasklist/").GET());
        HttpResponse<String> rest = send(request("/engine-rest/engine").GET());

        assertThat(webapp.statusCode()).isEqualTo(200);
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(ENGINE.requests()).extracting(r -> r.header("Host"))
                .containsOnly("127.0.0.1:" + port);
        assertThat(webapp.headers().firstValue("Set-Cookie"))
                .hasValue("JSESSIONID=abc123; Path=/camunda; HttpOnly");
    }

    @Test
    void streamsServerSentEventsUnbuffered() throws Exception {
        HttpRequest request = request("/api/orders/o-1/stream").GET()
                .header("Authorization", "Bearer " + TestTokens.customer("c-1"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            // the first event arrives while the upstream still holds its response open
            assertThat(lines.readLine()).isEqualTo("event:status");
            assertThat(lines.readLine()).contains("\"status\":\"PAID\"");
            assertThat(READ_MODEL.streamFinished()).isFalse();

            READ_MODEL.releaseStream();
            List<String> rest = new ArrayList<>();
            for (String line; (line = lines.readLine()) != null; ) {
                rest.add(line);
            }
            assertThat(rest).contains("event:status");
            assertThat(String.join("\n", rest)).contains("\"status\":\"DELIVERED\"");
        }
        assertThat(READ_MODEL.requests()).singleElement()
                .satisfies(r -> assertThat(r.rawPath()).isEqualTo("/api/orders/o-1/stream"));
    }

    // ---------------------------------------------------------------- JWT at the edge

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protectedPaths")
    void protectedApiPathsNeedAToken(String method, String path) throws Exception {
        HttpResponse<String> response = send(request(path).method(method, publisher("{}"))
                .header("Content-Type", "application/json"));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertNothingForwarded();
    }

    static Stream<Arguments> protectedPaths() {
        return Stream.of(Arguments.of("POST", "/api/orders"), Arguments.of("POST", "/api/orders/o-1/cancel"),
                Arguments.of("POST", "/api/stores/s-1/orders/o-1/accept"),
                Arguments.of("POST", "/api/deliveries/o-1/pick"), Arguments.of("GET", "/api/orders/o-1"),
                Arguments.of("GET", "/api/orders/o-1/stream"), Arguments.of("GET", "/api/orders?customerId=c-1"),
                Arguments.of("GET", "/api/stores/s-1/orders"), Arguments.of("GET", "/api/deliveries"),
                Arguments.of("GET", "/api/payments/o-1"), Arguments.of("POST", "/api/stores"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong-secret", "expired", "garbage", "no-exp", "too-long-lived", "sub-256",
            "sub-control", "no-sub", "no-role"})
    void invalidTokensAreRefused(String kind) throws Exception {
        Instant now = Instant.now();
        String token = switch (kind) {
            case "wrong-secret" -> TestTokens.sign("another-secret-of-at-least-32-bytes-length!!", "c-1",
                    now.plusSeconds(3600));
            case "expired" -> TestTokens.sign(TestTokens.LOCAL_SECRET, "c-1", now.minusSeconds(600));
            case "no-exp" -> TestTokens.sign(TestTokens.LOCAL_SECRET, JwtClaimsSet.builder().subject("c-1")
                    .claim("role", "CUSTOMER").issuedAt(now).build());
            case "too-long-lived" -> TestTokens.sign(TestTokens.LOCAL_SECRET, JwtClaimsSet.builder().subject("c-1")
                    .claim("role", "CUSTOMER").issuedAt(now).expiresAt(now.plus(Duration.ofDays(30))).build());
            case "sub-256" -> TestTokens.sign(TestTokens.LOCAL_SECRET, "c".repeat(256), now.plusSeconds(3600));
            case "sub-control" -> TestTokens.sign(TestTokens.LOCAL_SECRET, "c\u0000-1", now.plusSeconds(3600));
            case "no-sub" -> TestTokens.sign(TestTokens.LOCAL_SECRET, JwtClaimsSet.builder()
                    .claim("role", "CUSTOMER").issuedAt(now).expiresAt(now.plusSeconds(60)).build());
            case "no-role" -> TestTokens.sign(TestTokens.LOCAL_SECRET, JwtClaimsSet.builder().subject("c-1")
                    .issuedAt(now).expiresAt(now.plusSeconds(60)).build());
            default -> "not.a.jwt";
        };
        HttpResponse<String> response = send(request("/api/orders/o-1").GET()
                .header("Authorization", "Bearer " + token));

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("invalid_token"));
        assertNothingForwarded();
    }

    // ---------------------------------------------------------------- request id

    @Test
    void generatesARequestIdWhenTheClientSentNone() throws Exception {
        HttpResponse<String> first = send(request("/api/stores").GET());
        HttpResponse<String> second = send(request("/api/stores").GET());

        String id = first.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(second.headers().firstValue("X-Request-Id")).isPresent().get().isNotEqualTo(id);
        assertThat(ENGINE.requests().get(0).header("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void keepsASaneRequestIdFromTheClient() throws Exception {
        HttpResponse<String> response = send(request("/api/stores").GET().header("X-Request-Id", "app-42.req_7"));

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("app-42.req_7");
        assertThat(ENGINE.requests().get(0).header("X-Request-Id")).isEqualTo("app-42.req_7");
    }

    @Test
    void replacesAnInsaneRequestId() throws Exception {
        String insane = "x".repeat(200);
        HttpResponse<String> response = send(request("/api/stores").GET().header("X-Request-Id", insane));

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).isNotEqualTo(insane).matches("[0-9a-f-]{36}");
        assertThat(ENGINE.requests().get(0).header("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void errorAnswersCarryTheRequestIdToo() throws Exception {
        HttpResponse<String> response = send(request("/nowhere").GET().header("X-Request-Id", "trace-1"));

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-1");
        assertThat(JSON.readTree(response.body()).path("requestId").asText()).isEqualTo("trace-1");
    }

    // ---------------------------------------------------------------- the gateway's own errors

    @Test
    void unknownRouteIsA404Problem() throws Exception {
        HttpResponse<String> response = send(request("/nowhere/at/all").GET());

        JsonNode problem = assertProblem(response, 404);
        assertThat(problem.path("instance").asText()).isEqualTo("/nowhere/at/all");
        assertNothingForwarded();
    }

    @Test
    void unknownApiRouteWithATokenIsA404Problem() throws Exception {
        HttpResponse<String> response = send(request("/api/orders/o-1").method("DELETE",
                HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + TestTokens.customer("c")));

        assertProblem(response, 404);
        assertNothingForwarded();
    }

    @Test
    void servicesActuatorIsNotReachable() throws Exception {
        assertProblem(send(request("/actuator/env").GET()), 404);
        assertProblem(send(request("/actuator/beans").GET()), 404);
        assertProblem(send(request("/engine-rest/../actuator/env").GET()), 400);
        assertProblem(send(request("/camunda/%2e%2e/actuator/env").GET()), 400);
        assertProblem(send(request("/camunda/..;/actuator/env").GET()), 400);
        assertProblem(send(request("/api/payments/..%2F..%2Factuator%2Fprometheus").GET()
                .header("Authorization", "Bearer " + TestTokens.customer("c"))), 400);
        assertNothingForwarded();

        // the gateway's own actuator on the public port: the probes only
        HttpResponse<String> readiness = send(request("/actuator/health/readiness").GET());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(send(request("/actuator/health/liveness").GET()).statusCode()).isEqualTo(200);
        assertProblem(send(request("/actuator/prometheus").GET()), 404);
        assertProblem(send(request("/actuator").GET()), 404);
        assertNothingForwarded();
    }

    @Test
    void prometheusAndHealthAnswerOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + managementPort + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("application=\"baedal-gateway\"");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + managementPort + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertNothingForwarded();
    }

    @Test
    void rootRedirectsToTheCamundaWebapps() throws Exception {
        HttpResponse<String> response = send(request("/").GET());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/camunda/app/");
    }

    // ---------------------------------------------------------------- body size limit (256 KB)

    /** A placement through the gateway with this body, as a customer. */
    private HttpResponse<String> placeAsCustomer(HttpRequest.BodyPublisher body) throws Exception {
        return send(request("/api/orders").POST(body).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.customer("c")));
    }

    /** Sent with a Content-Length, or chunked (no length announced up front). */
    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void bodyAboveTheLimitIsA413Problem(boolean chunked) throws Exception {
        byte[] big = jsonOfSize(300 * 1024);
        HttpResponse<String> response = placeAsCustomer(chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))
                : HttpRequest.BodyPublishers.ofByteArray(big));

        assertProblem(response, 413);
        assertNothingForwarded();
    }

    @Test
    void chunkedBodyBelowTheLimitArrivesWhole() throws Exception {
        byte[] body = jsonOfSize(200 * 1024);
        HttpResponse<String> response = placeAsCustomer(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ENGINE.requests()).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(body));
    }

    // ---------------------------------------------------------------- CVE-2026-109432: expressions in task queries

    static Stream<Arguments> expressionQueries() {
        String topLevel = "{\"assigneeExpression\":\"${currentUser()}\"}";
        String inOrQueries = "{\"assignee\":\"demo\",\"orQueries\":[{\"candidateGroupsExpression\":"
                + "\"${''.getClass().forName('java.lang.Runtime')}\"}]}";
        String deferred = "{\"orQueries\":[{\"nameLike\":\"x\"},{\"dueAfterExpression\":\"#{now()}\"}]}";
        String jsonEscaped = "{\"orQueries\":[{\"assigneeExpression\":\"\\u0024{currentUser()}\"}]}";
        return Stream.of(
                Arguments.of("POST", "/engine-rest/task", topLevel),
                Arguments.of("POST", "/engine-rest/task", inOrQueries),
                Arguments.of("POST", "/engine-rest/task?firstResult=0&maxResults=15", jsonEscaped),
                Arguments.of("POST", "/engine-rest/task/count", inOrQueries),
                Arguments.of("POST", "/engine-rest/engine/default/task", deferred),
                Arguments.of("POST", "/engine-rest/filter/f-1/list", inOrQueries),
                Arguments.of("POST", "/engine-rest/filter/f-1/count", topLevel),
                Arguments.of("POST", "/engine-rest/filter/create",
                        "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":" + inOrQueries + "}"),
                Arguments.of("POST", "/camunda/api/engine/engine/default/task", inOrQueries),
                Arguments.of("POST", "/camunda/api/engine/engine/default/task/count", deferred),
                Arguments.of("POST", "/camunda/api/engine/engine/default/filter/f-1/list?firstResult=0", inOrQueries),
                Arguments.of("GET", "/engine-rest/task?assigneeExpression=%24%7BcurrentUser()%7D", ""),
                Arguments.of("GET", "/engine-rest/task/count?candidateGroupExpression=%23%7Bx%7D", ""),
                Arguments.of("GET", "/engine-rest/task?assigneeExpression=%2524%257Bx%257D", ""),
                Arguments.of("GET", "/camunda/api/engine/engine/default/task?assigneeExpression=%24%7Bx%7D", ""),
                Arguments.of("GET", "/engine-rest/filter/f-1/list?assigneeExpression=%24%7Bx%7D", ""));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("expressionQueries")
    void taskQueriesWithExpressionsAreRefused(String method, String pathAndQuery, String body) throws Exception {
        HttpResponse<String> response = send(request(pathAndQuery).method(method, publisher(body))
                .header("Content-Type", "application/json"));

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("detail").asText()).contains("Expressions");
        assertNothingForwarded();
    }

    @Test
    void chunkedTaskQueryWithAnExpressionIsRefused() throws Exception {
        byte[] body = "{\"orQueries\":[{\"assigneeExpression\":\"${x}\"}]}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(request("/engine-rest/task")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .header("Content-Type", "application/json"));

        assertProblem(response, 400);
        assertNothingForwarded();
    }

    @Test
    void taskQueryThatIsNotJsonIsRefused() throws Exception {
        HttpResponse<String> response = send(request("/engine-rest/task").POST(publisher("{\"assignee\":"))
                .header("Content-Type", "application/json"));

        assertProblem(response, 400);
        assertNothingForwarded();
    }

    static Stream<Arguments> harmlessEngineRequests() {
        return Stream.of(
                Arguments.of("POST", "/engine-rest/filter/f-1/list", "{}"),
                Arguments.of("POST", "/engine-rest/filter/f-1/list?firstResult=0&maxResults=15", ""),
                Arguments.of("POST", "/camunda/api/engine/engine/default/filter/f-1/list",
                        "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"asc\"}]}"),
                Arguments.of("POST", "/engine-rest/task",
                        "{\"assignee\":\"demo\",\"orQueries\":[{\"candidateGroup\":\"store-s-1\"}]}"),
                Arguments.of("GET", "/engine-rest/task?candidateGroup=riders-gangnam&sortBy=created", ""),
                Arguments.of("GET", "/engine-rest/filter/f-1/count", ""),
                // not a query: a form value may mention ${...} as text
                Arguments.of("POST", "/engine-rest/task/t-1/complete",
                        "{\"variables\":{\"reason\":{\"value\":\"costs ${5}\",\"type\":\"String\"}}}"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("harmlessEngineRequests")
    void harmlessEngineRequestsPassUnchanged(String method, String pathAndQuery, String body) throws Exception {
        HttpResponse<String> response = send(request(pathAndQuery).method(method, publisher(body))
                .header("Content-Type", "application/json"));

        assertThat(response.statusCode()).isEqualTo(200);
        URI sent = URI.create(pathAndQuery);
        assertThat(ENGINE.requests()).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo(method);
            assertThat(seen.rawPath()).isEqualTo(sent.getRawPath());
            assertThat(seen.rawQuery()).isEqualTo(sent.getRawQuery());
            assertThat(seen.bodyText()).isEqualTo(body);
        });
    }

    // ---------------------------------------------------------------- Swagger UI

    @Test
    void servesTheSwaggerUiWithTheServicesDocuments() throws Exception {
        HttpResponse<String> entry = send(request("/api/docs").GET());
        assertThat(entry.statusCode()).isEqualTo(302);
        String ui = entry.headers().firstValue("Location").orElseThrow();
        assertThat(ui).isEqualTo("/api/docs/swagger-ui/index.html");

        HttpResponse<String> page = send(request(ui).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");

        HttpResponse<String> config = send(request("/api/docs/gateway/swagger-config").GET());
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode urls = JSON.readTree(config.body()).path("urls");
        assertThat(urls.findValuesAsText("url"))
                .containsExactly("/api/docs/engine", "/api/docs/read-model", "/api/docs/workers");
    }

    // ---------------------------------------------------------------- helpers

    static HttpRequest.BodyPublisher publisher(String body) {
        return body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    static void assertNothingForwarded() {
        assertThat(ENGINE.requests()).isEmpty();
        assertThat(READ_MODEL.requests()).isEmpty();
        assertThat(WORKERS.requests()).isEmpty();
    }

    static TestUpstream upstream(String name) {
        return switch (name) {
            case "engine" -> ENGINE;
            case "read-model" -> READ_MODEL;
            case "workers" -> WORKERS;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static byte[] jsonOfSize(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        bytes[0] = '"';
        bytes[size - 1] = '"';
        return bytes;
    }
}
