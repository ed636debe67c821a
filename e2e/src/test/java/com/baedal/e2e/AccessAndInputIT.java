package com.baedal.e2e;

import static com.baedal.e2e.Apps.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.simulator.BaedalClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may do what, and what bad input gets, as seen through the gateway. */
class AccessAndInputIT {

    private final Apps apps = new Apps();

    @Test
    void withoutATokenNothingButTheCatalogAnswers() {
        assertThat(apps.api.get("/api/stores", null).status()).isEqualTo(200);
        assertProblem(apps.api.post("/api/orders", null, apps.orderBody("tok_visa")), 401);
        assertProblem(apps.api.get("/api/orders/" + UUID.randomUUID(), null), 401);
        assertProblem(apps.api.get("/api/deliveries?region=gangnam", null), 401);
        assertProblem(apps.api.get("/api/payments/" + UUID.randomUUID(), null), 401);
    }

    @Test
    void othersSeeAndTouchNothingOfAnOrder() {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");
        String stranger = apps.customer();

        assertProblem(apps.api.get("/api/orders/" + orderId, stranger), 404);
        assertProblem(apps.api.post("/api/orders/" + orderId + "/cancel", stranger, null), 403);
        assertThat(apps.api.get("/api/payments/" + orderId, stranger).status()).isIn(403, 404);
        assertProblem(apps.api.get("/api/orders?customerId=" + "someone-else", customer), 403);
        assertProblem(apps.store(orderId, apps.owner("pizza-mapo"), "accept", null), 403);
        assertProblem(apps.api.get("/api/deliveries?region=gangnam", apps.rider("rider-mapo-1", "mapo")), 403);
        // the operator sees everything
        assertThat(apps.api.get("/api/orders/" + orderId, apps.operator()).status()).isEqualTo(200);
        assertThat(apps.api.get("/api/payments/" + orderId, apps.operator()).status()).isEqualTo(200);
    }

    @Test
    void badInputIsAnsweredWithProblemDetails() {
        String customer = apps.customer();
        Response invalid = apps.api.post("/api/orders", customer, Map.of("storeId", Apps.STORE, "items", List.of(),
                "payment", Map.of("method", "CARD")));
        assertProblem(invalid, 400);
        assertThat(invalid.body().get("errors").toString()).contains("items", "deliveryAddress", "cardToken");

        Map<String, Object> unknownStore = new java.util.HashMap<>(apps.orderBody("tok_visa"));
        unknownStore.put("storeId", "no-such-store");
        assertProblem(apps.api.post("/api/orders", customer, unknownStore), 422);

        Map<String, Object> closed = Map.of("storeId", "bibimbap-gangnam",
                "items", List.of(Map.of("menuItemId", apps.menu("bibimbap-gangnam").get(0).get("menuItemId").asText(),
                        "quantity", 1)),
                "deliveryAddress", Map.of("region", "gangnam", "street", "Gangnam-daero 1"),
                "payment", Map.of("method", "CARD", "cardToken", "tok_visa"));
        assertProblem(apps.api.post("/api/orders", customer, closed), 409);
        assertProblem(apps.api.post("/api/orders/" + UUID.randomUUID() + "/cancel", customer, null), 404);
        assertProblem(apps.api.get("/api/no-such-thing", customer), 404);
    }

    @Test
    void placingTwiceWithOneIdempotencyKeyGivesOneOrder() {
        String customer = apps.customer();
        String key = UUID.randomUUID().toString();
        Response first = postWithKey(customer, key, apps.orderBody("tok_visa"));
        Response again = postWithKey(customer, key, apps.orderBody("tok_visa"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertProblem(postWithKey(customer, key, apps.orderBody("tok_mastercard")), 422);
    }

    private Response postWithKey(String token, String key, Object body) {
        return apps.api.post("/api/orders", token, body, Map.of("Idempotency-Key", key));
    }
}
