package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §7 through the gateway on the real platform: a corpus of hostile input (NUL and other control characters,
 * over-long values, wrong JSON types, malformed ids, huge pages, bad headers, tokens no issuer of ours signs) swept
 * over every public endpoint of SPEC §5 with the roles that may call it. Every answer is a 4xx
 * {@code application/problem+json}, never a 5xx; afterwards the order and its payment the commands aimed at are
 * read back unchanged and no order was placed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    /** The local profile's HS256 secret (application-local.yaml of every service). */
    static final String LOCAL_SECRET = "baedal-local-dev-secret-not-for-production-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Apps apps;
    static String customer;
    static String customerId;
    static String owner;
    static String rider;
    static String operator;
    static String orderId;
    static JsonNode paymentBefore;

    /** JSON string literals (escapes as sent on the wire) that no field of the API accepts. */
    static final List<String> HOSTILE_STRINGS = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\"",
            "\"esc\\u001b[2J\"", "\"del\\u007f\"", "\"c1\\u0085\"", "\"line\\nbreak\"", "\"\\ud800\"",
            "\"" + "x".repeat(2001) + "\"");
    /** Path segments (raw, as sent) that are no order id. */
    static final List<String> BAD_IDS = List.of("not-a-uuid", "%00", "%01", "a%0Ab", "%7F", "1-1-1-1-1",
            "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a1", "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11x", "x".repeat(300),
            "%C0%80", "%E2%80%AE");

    @BeforeAll
    static void anOrderToAimAt() {
        apps = new Apps();
        customerId = "customer-" + UUID.randomUUID();
        customer = apps.api.token(customerId, "CUSTOMER", null, null);
        owner = apps.owner(Apps.STORE);
        rider = apps.rider("rider-gangnam-1", Apps.REGION);
        operator = apps.operator();
        orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");
        paymentBefore = apps.payment(orderId, customer);
    }

    record Probe(String name, String token, String method, String path, String body, Map<String, String> headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> corpus() {
        List<Probe> probes = new ArrayList<>();
        String order = orderBody();
        // POST /api/orders: every string field, wrong types, broken bodies, bad headers
        for (String field : List.of("storeId", "menuItemId", "region", "street", "method", "cardToken")) {
            for (String hostile : HOSTILE_STRINGS) {
                probes.add(post("place " + field + "=" + abbreviate(hostile), customer, "/api/orders",
                        order.replace("\"" + field + "\":" + valueOf(order, field), "\"" + field + "\":" + hostile)));
            }
        }
        for (String[] wrong : new String[][] {{"\"items\":[", "\"items\":\"all\",\"x\":["},
                {"\"quantity\":2", "\"quantity\":\"two\""}, {"\"quantity\":2", "\"quantity\":1e400"},
                {"\"quantity\":2", "\"quantity\":99999999999"}, {"\"quantity\":2", "\"quantity\":-2"},
                {"\"quantity\":2", "\"quantity\":null"}, {"\"street\":", "\"lat\":\"north\",\"street\":"},
                {"\"street\":", "\"lat\":1e999,\"street\":"}, {"\"payment\":{", "\"payment\":[{"},
                {"\"storeId\":", "\"storeId\":{\"$gt\":\"\"},\"x\":"}}) {
            probes.add(post("place " + wrong[1], customer, "/api/orders", order.replace(wrong[0], wrong[1])));
        }
        for (String broken : List.of("", "{", "[]", "null", "\"order\"", "{\"storeId\":", "\u0000")) {
            probes.add(post("place body " + abbreviate(broken), customer, "/api/orders", broken));
        }
        probes.add(new Probe("place Idempotency-Key of 201", customer, "POST", "/api/orders", order,
                Map.of("Idempotency-Key", "k".repeat(201))));
        probes.add(new Probe("place Idempotency-Key blank", customer, "POST", "/api/orders", order,
                Map.of("Idempotency-Key", " ")));
        probes.add(new Probe("place as text/plain", customer, "POST", "/api/orders", order,
                Map.of("Content-Type", "text/plain")));
        // commands on malformed ids, by the roles that may call them
        for (String id : BAD_IDS) {
            probes.add(post("cancel " + id, customer, "/api/orders/" + id + "/cancel", null));
            for (String action : List.of("accept", "cooking-started", "cooking-finished")) {
                probes.add(post(action + " " + id, owner, storeOrders(Apps.STORE, id) + action, null));
            }
            probes.add(post("reject " + id, owner, storeOrders(Apps.STORE, id) + "reject", "{\"reason\":\"busy\"}"));
            probes.add(post("pick " + id, rider, "/api/deliveries/" + id + "/pick", null));
            probes.add(post("complete " + id, rider, "/api/deliveries/" + id + "/complete", null));
            probes.add(get("view " + id, customer, "/api/orders/" + id));
            probes.add(get("stream " + id, customer, "/api/orders/" + id + "/stream"));
            probes.add(get("payment " + id, customer, "/api/payments/" + id));
        }
        // store ids in paths
        for (String store : List.of("%00", "%01", "s%1B", "x".repeat(65), "%E2%80%AE")) {
            probes.add(get("menu of " + store, null, "/api/stores/" + store + "/menu"));
            probes.add(get("board of " + store, owner, "/api/stores/" + store + "/orders"));
            probes.add(post("accept at " + store, owner, storeOrders(store, orderId) + "accept", null));
        }
        // a reject of the real order with reasons nobody may store: the order must stay PAID
        for (String reason : List.of("\"no\\u0000rice\"", "\"\\u0007\"", "\"" + "r".repeat(501) + "\"",
                "null", "\"\"", "[\"busy\"]", "{\"text\":\"busy\"}")) {
            probes.add(post("reject with reason " + abbreviate(reason), owner,
                    storeOrders(Apps.STORE, orderId) + "reject", "{\"reason\":" + reason + "}"));
        }
        // query parameters
        for (String query : List.of("customerId=%00", "customerId=a%01b", "customerId=" + "c".repeat(256),
                "page=99999999999", "page=-1", "page=abc", "size=0", "size=101", "size=1e3", "page=2147483647&size=-5")) {
            probes.add(get("orders?" + abbreviate(query), operator, "/api/orders?" + query));
        }
        for (String query : List.of("status=EATEN", "status=%00", "status=PAID%00", "status=%01X", "page=-3",
                "size=100000")) {
            probes.add(get("board?" + query, owner, "/api/stores/" + Apps.STORE + "/orders?" + query));
        }
        for (String query : List.of("region=%00", "region=gang%0Anam", "region=" + "r".repeat(65), "lat=north&lon=1",
                "lat=NaN&lon=1", "lat=91&lon=1", "lat=1", "lon=1e999&lat=1")) {
            probes.add(get("deliveries?" + query, rider, "/api/deliveries?" + query));
        }
        // headers
        for (String lastEventId : List.of("junk", "-1", "1e3", "99999999999999999999", "1;2")) {
            probes.add(new Probe("stream Last-Event-ID " + lastEventId, customer, "GET",
                    "/api/orders/" + orderId + "/stream", null, Map.of("Last-Event-ID", lastEventId)));
        }
        // development tokens (local profile)
        for (String field : List.of("sub", "role", "storeId", "region")) {
            for (String hostile : List.of("\"\\u0000\"", "\"a\\u001bb\"", "\"" + "s".repeat(256) + "\"", "{}")) {
                String body = "{\"sub\":\"kim\",\"role\":\"STORE_OWNER\",\"storeId\":\"s\",\"region\":\"r\"}"
                        .replaceFirst("\"" + field + "\":\"[^\"]*\"",
                                Matcher.quoteReplacement("\"" + field + "\":" + hostile));
                probes.add(post("dev token " + field + "=" + abbreviate(hostile), null, "/api/dev/tokens", body));
            }
        }
        // tokens no issuer of ours hands out
        Instant now = Instant.now();
        Map<String, String> bearers = new LinkedHashMap<>();
        bearers.put("without exp", sign(claims(customerId, now, null)));
        bearers.put("living 30 days", sign(claims(customerId, now, now.plus(Duration.ofDays(30)))));
        bearers.put("sub of 256", sign(claims("s".repeat(256), now, now.plusSeconds(600))));
        bearers.put("sub with NUL", sign(claims("kim\u0000", now, now.plusSeconds(600))));
        bearers.put("role ROOT", sign(withRole(claims(customerId, now, now.plusSeconds(600)), "ROOT")));
        bearers.put("alg none", unsigned(claims(customerId, now, now.plusSeconds(600))));
        bearers.forEach((name, token) -> {
            probes.add(get("token " + name + " view", token, "/api/orders/" + orderId));
            probes.add(post("token " + name + " cancel", token, "/api/orders/" + orderId + "/cancel", null));
            probes.add(get("token " + name + " payment", token, "/api/payments/" + orderId));
        });
        return probes.stream().map(Arguments::of);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileInputIsA4xxProblemNeverA5xx(Probe probe) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Platform.get().gateway() + probe.path()))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json, text/event-stream");
        if (probe.token() != null) {
            request.header("Authorization", "Bearer " + probe.token());
        }
        if (probe.body() != null) {
            request.header("Content-Type", "application/json");
        }
        probe.headers().forEach(request::setHeader);
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(request.method(probe.method(), body).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s -> %s", probe, response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as("%s -> %s", probe, response.body())
                .hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("type").asText()).startsWith("https://baedal.example/problems/");
        assertThat(response.body()).doesNotContain("Exception", "java.", "org.springframework", "SQL");
    }

    @Order(2)
    @Test
    void nothingChanged() {
        JsonNode view = apps.api.get("/api/orders/" + orderId, customer).body();
        assertThat(view.path("status").asText()).isEqualTo("PAID");
        assertThat(view.path("history")).hasSize(2);
        assertThat(view.path("deliveryAddress").path("street").asText()).isEqualTo("Teheran-ro 152");
        assertThat(apps.payment(orderId, customer)).isEqualTo(paymentBefore);
        JsonNode orders = apps.api.get("/api/orders?customerId=" + customerId, customer).body();
        assertThat(orders.path("totalElements").asInt()).as("no hostile placement made an order").isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private static String orderBody() {
        List<JsonNode> menu = apps.menu(Apps.STORE);
        return "{\"storeId\":\"" + Apps.STORE + "\",\"items\":[{\"menuItemId\":\""
                + menu.get(0).get("menuItemId").asText() + "\",\"quantity\":2}],"
                + "\"deliveryAddress\":{\"region\":\"" + Apps.REGION + "\",\"street\":\"Teheran-ro 152\"},"
                + "\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}";
    }

    /** The JSON literal of {@code field} in {@code body} (each field name occurs once in the order body). */
    private static String valueOf(String body, String field) {
        int start = body.indexOf("\"" + field + "\":") + field.length() + 3;
        int end = body.indexOf('"', start + 1) + 1;
        return body.substring(start, end);
    }

    private static String storeOrders(String store, String order) {
        return "/api/stores/" + store + "/orders/" + order + "/";
    }

    private static Probe post(String name, String token, String path, String body) {
        return new Probe(name, token, "POST", path, body, Map.of());
    }

    private static Probe get(String name, String token, String path) {
        return new Probe(name, token, "GET", path, null, Map.of());
    }

    private static String abbreviate(String value) {
        String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 24 ? shown.substring(0, 20) + "...(" + shown.length() + ")" : shown;
    }

    private static Map<String, Object> claims(String subject, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("role", "CUSTOMER");
        claims.put("iat", issuedAt.getEpochSecond());
        if (expiresAt != null) {
            claims.put("exp", expiresAt.getEpochSecond());
        }
        return claims;
    }

    private static Map<String, Object> withRole(Map<String, Object> claims, String role) {
        claims.put("role", role);
        return claims;
    }

    /** HS256 with the local secret: a token that only breaks our rules, not its signature. */
    private static String sign(Map<String, Object> claims) {
        try {
            String signingInput = part(Map.of("alg", "HS256", "typ", "JWT")) + "." + part(claims);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(LOCAL_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(Map<String, Object> claims) {
        return part(Map.of("alg", "none")) + "." + part(claims) + ".";
    }

    private static String part(Map<String, ?> json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
