package com.baedal.simulator;

import com.baedal.contract.api.OrderView;
import com.baedal.contract.api.PlacedOrder;
import com.baedal.simulator.BaedalClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A living platform: customers place orders for the open demo stores (a few with declined cards or flaky ones,
 * a few cancelled right away), store bots accept (some reject), cook and finish, rider bots of each region pick
 * and deliver. Bots learn what to do from the read-model (store boards, delivery lists) as the apps would.
 */
public final class Simulation {

    /** How an order ended. */
    public enum Outcome { DELIVERED, REJECTED, CANCELLED, PAYMENT_FAILED }

    public record Settings(int orders, double ordersPerSecond, double rejectShare, double cancelShare,
                           double declinedShare, double flakyShare, Duration timeout, long seed) {
        public static Settings demo(int orders, double ordersPerSecond) {
            return new Settings(orders, ordersPerSecond, 0.08, 0.06, 0.05, 0.03, Duration.ofMinutes(5), 42);
        }
    }

    /** What the simulation has seen so far. */
    public record Progress(int placed, int target, Map<Outcome, Integer> ended, int errors) {
        public int finished() {
            return ended.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private record Store(String storeId, String region, String ownerToken, List<String> menuItemIds) {
    }

    private record Order(String orderId, String customerToken) {
    }

    private final BaedalClient client;
    private final Settings settings;
    private final Random random;
    private final Map<String, Order> open = new ConcurrentHashMap<>();
    private final Map<Outcome, AtomicInteger> ended = new EnumMap<>(Outcome.class);
    private final AtomicInteger placed = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final Map<String, Boolean> rejectDecision = new ConcurrentHashMap<>();

    public Simulation(BaedalClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
        this.random = new Random(settings.seed());
        for (Outcome outcome : Outcome.values()) {
            ended.put(outcome, new AtomicInteger());
        }
    }

    /** Runs until every placed order has ended or the timeout passed; reports progress about twice a second. */
    public Progress run(Consumer<Progress> onProgress) throws InterruptedException {
        List<Store> stores = openStores();
        Map<String, List<String>> riderTokens = riders(stores);
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        try {
            long periodMicros = (long) (1_000_000 / settings.ordersPerSecond());
            pool.scheduleAtFixedRate(() -> placeOne(stores), 0, periodMicros, TimeUnit.MICROSECONDS);
            pool.scheduleWithFixedDelay(() -> stores.forEach(this::workStore), 200, 300, TimeUnit.MILLISECONDS);
            pool.scheduleWithFixedDelay(() -> riderTokens.forEach(this::workRegion), 250, 300, TimeUnit.MILLISECONDS);
            pool.scheduleWithFixedDelay(this::followOrders, 500, 500, TimeUnit.MILLISECONDS);
            Instant deadline = Instant.now().plus(settings.timeout());
            while (Instant.now().isBefore(deadline)) {
                Progress progress = progress();
                onProgress.accept(progress);
                if (progress.placed() >= settings.orders() && open.isEmpty()) {
                    return progress;
                }
                Thread.sleep(500);
            }
            return progress();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    public Progress progress() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        ended.forEach((outcome, count) -> counts.put(outcome, count.get()));
        return new Progress(placed.get(), settings.orders(), counts, errors.get());
    }

    private List<Store> openStores() {
        Response response = client.get("/api/stores", null);
        if (!response.ok()) {
            throw new IllegalStateException("cannot list stores: HTTP " + response.status());
        }
        List<Store> stores = new ArrayList<>();
        for (JsonNode store : BaedalClient.elements(response.body())) {
            if (!store.get("open").asBoolean()) {
                continue;
            }
            String storeId = store.get("storeId").asText();
            List<String> items = new ArrayList<>();
            BaedalClient.elements(client.get("/api/stores/" + storeId + "/menu", null).body())
                    .forEach(item -> items.add(item.get("menuItemId").asText()));
            stores.add(new Store(storeId, store.get("region").asText(),
                    client.token("owner-" + storeId, "STORE_OWNER", storeId, null), items));
        }
        if (stores.isEmpty()) {
            throw new IllegalStateException("no open store to order from");
        }
        return stores;
    }

    private Map<String, List<String>> riders(List<Store> stores) {
        Map<String, List<String>> tokens = new LinkedHashMap<>();
        for (Store store : stores) {
            tokens.computeIfAbsent(store.region(), region -> List.of(
                    client.token("rider-" + region + "-1", "RIDER", null, region),
                    client.token("rider-" + region + "-2", "RIDER", null, region)));
        }
        return tokens;
    }

    private void placeOne(List<Store> stores) {
        int number = placed.get();
        if (number >= settings.orders()) {
            return;
        }
        try {
            Store store;
            String cardToken;
            boolean cancel;
            List<Map<String, Object>> items = new ArrayList<>();
            synchronized (random) {
                store = stores.get(random.nextInt(stores.size()));
                double dice = random.nextDouble();
                cardToken = dice < settings.declinedShare() ? "tok_declined"
                        : dice < settings.declinedShare() + settings.flakyShare() ? "tok_flaky" : "tok_visa";
                cancel = random.nextDouble() < settings.cancelShare();
                int lines = 1 + random.nextInt(Math.min(3, store.menuItemIds().size()));
                for (int i = 0; i < lines; i++) {
                    items.add(Map.of("menuItemId", store.menuItemIds().get(random.nextInt(store.menuItemIds().size())),
                            "quantity", 1 + random.nextInt(2)));
                }
            }
            String customer = "customer-" + (1 + number % 25);
            String token = client.token(customer, "CUSTOMER", null, null);
            Response response = client.post("/api/orders", token, Map.of(
                    "storeId", store.storeId(), "items", items,
                    "deliveryAddress", Map.of("region", store.region(), "street", "Demo-ro " + (1 + number)),
                    "payment", Map.of("method", "CARD", "cardToken", cardToken)));
            if (response.status() != 201) {
                errors.incrementAndGet();
                return;
            }
            placed.incrementAndGet();
            String orderId = response.as(PlacedOrder.class).orderId();
            open.put(orderId, new Order(orderId, token));
            if (cancel) {
                client.post("/api/orders/" + orderId + "/cancel", token, null);
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    private void workStore(Store store) {
        try {
            for (JsonNode order : board(store, "PAID")) {
                String orderId = order.get("orderId").asText();
                boolean reject = rejectDecision.computeIfAbsent(orderId, id -> {
                    synchronized (random) {
                        return random.nextDouble() < settings.rejectShare();
                    }
                });
                if (reject) {
                    client.post(storePath(store, orderId, "reject"), store.ownerToken(),
                            Map.of("reason", "Out of ingredients"));
                } else {
                    client.post(storePath(store, orderId, "accept"), store.ownerToken(), null);
                }
            }
            for (JsonNode order : board(store, "ACCEPTED")) {
                client.post(storePath(store, order.get("orderId").asText(), "cooking-started"), store.ownerToken(), null);
            }
            for (JsonNode order : board(store, "COOKING")) {
                client.post(storePath(store, order.get("orderId").asText(), "cooking-finished"), store.ownerToken(),
                        null);
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    private List<JsonNode> board(Store store, String status) {
        Response response = client.get("/api/stores/" + store.storeId() + "/orders?status=" + status,
                store.ownerToken());
        return response.ok() ? BaedalClient.elements(response.body()) : List.of();
    }

    private static String storePath(Store store, String orderId, String action) {
        return "/api/stores/" + store.storeId() + "/orders/" + orderId + "/" + action;
    }

    private void workRegion(String region, List<String> tokens) {
        try {
            String rider = tokens.get(0);
            Response deliveries = client.get("/api/deliveries?region=" + region, rider);
            if (!deliveries.ok()) {
                return;
            }
            for (JsonNode delivery : BaedalClient.elements(deliveries.body())) {
                String orderId = delivery.get("orderId").asText();
                String picker;
                synchronized (random) {
                    picker = tokens.get(random.nextInt(tokens.size()));
                }
                if (client.post("/api/deliveries/" + orderId + "/pick", picker, null).status() == 200) {
                    client.post("/api/deliveries/" + orderId + "/complete", picker, null);
                }
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
        }
    }

    private void followOrders() {
        for (Order order : List.copyOf(open.values())) {
            Response view = client.get("/api/orders/" + order.orderId(), order.customerToken());
            if (!view.ok()) {
                continue;
            }
            Outcome outcome = switch (view.as(OrderView.class).status().name()) {
                case "DELIVERED" -> Outcome.DELIVERED;
                case "REJECTED" -> Outcome.REJECTED;
                case "CANCELLED" -> Outcome.CANCELLED;
                case "PAYMENT_FAILED" -> Outcome.PAYMENT_FAILED;
                default -> null;
            };
            if (outcome != null && open.remove(order.orderId()) != null) {
                ended.get(outcome).incrementAndGet();
            }
        }
    }
}
