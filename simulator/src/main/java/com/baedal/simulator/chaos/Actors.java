package com.baedal.simulator.chaos;

import com.baedal.contract.api.OrderView;
import com.baedal.contract.api.PlacedOrder;
import com.baedal.simulator.BaedalClient.Response;
import com.baedal.simulator.BaedalClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Customers, a store owner, two riders and an operator of the demo data, through the gateway. */
final class Actors {

    static final String STORE = "chicken-gangnam";
    static final String REGION = "gangnam";

    /** A customer: the token and the subject the engine records as the order's customer. */
    record Customer(String id, String token) {
    }

    /** The first time an order was seen in one of the awaited statuses. */
    record Seen(String status, long nanoTime) {
    }

    final BaedalClient api;
    final String owner;
    final String operator;
    final List<String> riders;
    final List<String> riderIds = List.of("rider-" + REGION + "-1", "rider-" + REGION + "-2");
    private final List<String> menu;

    Actors(BaedalClient api) {
        this.api = api;
        this.owner = api.token("owner-" + STORE, "STORE_OWNER", STORE, null);
        this.operator = api.token("chaos-operator", "OPERATOR", null, null);
        this.riders = riderIds.stream().map(id -> api.token(id, "RIDER", null, REGION)).toList();
        this.menu = BaedalClient.elements(api.get("/api/stores/" + STORE + "/menu", null).body()).stream()
                .map(item -> item.get("menuItemId").asText()).toList();
    }

    Customer customer() {
        String id = "chaos-" + UUID.randomUUID();
        return new Customer(id, api.token(id, "CUSTOMER", null, null));
    }

    Map<String, Object> order(String cardToken) {
        return Map.of("storeId", STORE,
                "items", List.of(Map.of("menuItemId", menu.get(0), "quantity", 2),
                        Map.of("menuItemId", menu.get(1), "quantity", 1)),
                "deliveryAddress", Map.of("region", REGION, "street", "Chaos-ro 1"),
                "payment", Map.of("method", "CARD", "cardToken", cardToken));
    }

    /** Places an order with a card that the provider approves; its id. */
    String place(Customer customer) {
        Response placed = api.post("/api/orders", customer.token(), order("tok_visa"));
        if (placed.status() != 201) {
            throw new IllegalStateException("placing an order: HTTP " + placed.status() + " " + placed.body());
        }
        return placed.as(PlacedOrder.class).orderId();
    }

    /** Places {@code count} orders for one customer, one after the other; their ids in that order. */
    List<String> place(Customer customer, int count) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(place(customer));
        }
        return orders;
    }

    Response cancel(Customer customer, String orderId) {
        return api.post("/api/orders/" + orderId + "/cancel", customer.token(), null);
    }

    Response store(String orderId, String action) {
        return api.post("/api/stores/" + STORE + "/orders/" + orderId + "/" + action, owner,
                action.equals("reject") ? Map.of("reason", "Kitchen on fire (chaos)") : null);
    }

    Response pick(int rider, String orderId) {
        return api.post("/api/deliveries/" + orderId + "/pick", riders.get(rider), null);
    }

    Response complete(int rider, String orderId) {
        return api.post("/api/deliveries/" + orderId + "/complete", riders.get(rider), null);
    }

    OrderView view(String orderId) {
        Response view = api.get("/api/orders/" + orderId, operator);
        return view.status() == 200 ? view.as(OrderView.class) : null;
    }

    /** Waits (polling the read-model) until the order shows one of these statuses; null when it did not in time. */
    Seen await(String orderId, Set<String> statuses, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OrderView view = view(orderId);
            String status = view == null ? null : view.status().name();
            if (status != null && statuses.contains(status)) {
                return new Seen(status, System.nanoTime());
            }
            Thread.sleep(100);
        }
        return null;
    }

    Seen await(String orderId, String status, Duration timeout) throws InterruptedException {
        return await(orderId, Set.of(status), timeout);
    }

    /** Accepts, cooks and finishes a paid order; true once it is ready for pick-up. */
    boolean toReadyForPickup(String orderId, Duration timeout) throws InterruptedException {
        if (await(orderId, "PAID", timeout) == null || store(orderId, "accept").status() != 200
                || store(orderId, "cooking-started").status() != 200
                || store(orderId, "cooking-finished").status() != 200) {
            return false;
        }
        return await(orderId, "READY_FOR_PICKUP", timeout) != null;
    }
}
