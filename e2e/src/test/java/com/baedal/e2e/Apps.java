package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.contract.api.OrderView;
import com.baedal.contract.api.PlacedOrder;
import com.baedal.simulator.BaedalClient.Response;
import com.baedal.simulator.BaedalClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the customer, store and rider apps do, through the gateway only. */
final class Apps {

    static final String STORE = "chicken-gangnam";
    static final String REGION = "gangnam";
    /** Local profile only: the id of the order a test places (engine OrderController.DEV_ORDER_ID_HEADER). */
    static final String DEV_ORDER_ID_HEADER = "Baedal-Dev-Order-Id";

    private static final ObjectMapper SSE_JSON = new ObjectMapper();

    final BaedalClient api = new BaedalClient(Platform.get().gateway());

    String customer() {
        return api.token("customer-" + UUID.randomUUID(), "CUSTOMER", null, null);
    }

    String owner(String storeId) {
        return api.token("owner-" + storeId, "STORE_OWNER", storeId, null);
    }

    String rider(String riderId, String region) {
        return api.token(riderId, "RIDER", null, region);
    }

    String operator() {
        return api.token("ops-" + UUID.randomUUID(), "OPERATOR", null, null);
    }

    List<JsonNode> menu(String storeId) {
        return BaedalClient.elements(api.get("/api/stores/" + storeId + "/menu", null).body());
    }

    Map<String, Object> orderBody(String cardToken) {
        List<JsonNode> menu = menu(STORE);
        return Map.of("storeId", STORE,
                "items", List.of(Map.of("menuItemId", menu.get(0).get("menuItemId").asText(), "quantity", 2),
                        Map.of("menuItemId", menu.get(1).get("menuItemId").asText(), "quantity", 1)),
                "deliveryAddress", Map.of("region", REGION, "street", "Teheran-ro 152"),
                "payment", Map.of("method", "CARD", "cardToken", cardToken));
    }

    String place(String customerToken, String cardToken) {
        Response placed = api.post("/api/orders", customerToken, orderBody(cardToken));
        assertThat(placed.status()).as("placement %s", placed.body()).isEqualTo(201);
        return placed.as(PlacedOrder.class).orderId();
    }

    /** Places an order with the id the test chose (the local profile lets a test choose it). */
    String place(String customerToken, String cardToken, String orderId) {
        Response placed = api.post("/api/orders", customerToken, orderBody(cardToken),
                Map.of(DEV_ORDER_ID_HEADER, orderId));
        assertThat(placed.status()).as("placement %s", placed.body()).isEqualTo(201);
        assertThat(placed.as(PlacedOrder.class).orderId()).isEqualTo(orderId);
        return orderId;
    }

    /** Waits until the read-model shows the order in that status, and returns the view. */
    OrderView awaitStatus(String orderId, String token, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/orders/" + orderId, token),
                        view -> view.status() == 200 && status.equals(view.as(OrderView.class).status().name()))
                .as(OrderView.class);
    }

    Response store(String orderId, String ownerToken, String action, Object body) {
        return api.post("/api/stores/" + STORE + "/orders/" + orderId + "/" + action, ownerToken, body);
    }

    /** Places a paid, accepted, cooked order that waits for a rider. */
    String readyForPickup(String customerToken) {
        String orderId = place(customerToken, "tok_visa");
        String owner = owner(STORE);
        awaitStatus(orderId, customerToken, "PAID");
        assertThat(store(orderId, owner, "accept", null).status()).isEqualTo(200);
        assertThat(store(orderId, owner, "cooking-started", null).status()).isEqualTo(200);
        assertThat(store(orderId, owner, "cooking-finished", null).status()).isEqualTo(200);
        awaitStatus(orderId, customerToken, "READY_FOR_PICKUP");
        return orderId;
    }

    JsonNode payment(String orderId, String token) {
        Response payment = api.get("/api/payments/" + orderId, token);
        assertThat(payment.status()).as("payment of %s", orderId).isEqualTo(200);
        return payment.body();
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as("answer %s", response.body()).isEqualTo(status);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.body().has("title")).isTrue();
    }

    /** The {@code status} of each Server-Sent Event of an order's stream, until the stream ends. */
    static List<String> streamedStatuses(HttpResponse<InputStream> response) {
        List<String> statuses = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    statuses.add(SSE_JSON.readTree(line.substring(5)).get("status").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return statuses;
    }
}
