package com.baedal.simulator.bench;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.api.PlacedOrder;
import com.baedal.simulator.BaedalClient.Response;
import com.baedal.simulator.BaedalClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import lombok.RequiredArgsConstructor;

/**
 * The platform side of the bench, through the gateway only. Virtual customers place orders for the open demo
 * stores; each order's Server-Sent Events stream ({@code GET /api/orders/{id}/stream}, the read-model) tells the
 * bots when the order reached a step, and the store bot (accept or reject, cooking started, cooking finished) or
 * the rider bot of the order's region (pick, complete) acts at once. A small share of orders is rejected, cancelled
 * right after placement or paid with a declined card.
 *
 * <p>Why the per-order stream and not the store boards / delivery lists: the stream pushes each status the moment
 * the read-model applied it (a PostgreSQL notification inside the read-model), so a bot reacts within milliseconds
 * without any polling load, and "command answered -> status visible" is measured exactly rather than to a polling
 * period. Polling the boards of three stores and two regions fast enough for the same latency would cost tens of
 * read-model queries per second and still add half a period of delay per step.
 *
 * <p>Closed loop: {@link #setConcurrency} virtual customers, each placing its next order when the previous one
 * ended. Open loop: {@link #startArrivals} places orders at a fixed rate whatever the platform does; placement
 * latency is then measured from the intended arrival time (no coordinated omission).
 */
public final class PlatformDriver implements AutoCloseable {

    /** How the bots will end an order. */
    @RequiredArgsConstructor
    public enum Plan {
        DELIVER(OrderStatus.DELIVERED), REJECT(OrderStatus.REJECTED), CANCEL(OrderStatus.CANCELLED),
        DECLINE(OrderStatus.PAYMENT_FAILED);

        public final OrderStatus end;
    }

    /** Shares of orders that do not end delivered. */
    public record Mix(double rejectShare, double cancelShare, double declinedShare) {
        public static final Mix DEFAULT = new Mix(0.04, 0.03, 0.03);
        public static final Mix ALL_DELIVERED = new Mix(0, 0, 0);

        public Plan plan(double dice) {
            if (dice < rejectShare) {
                return Plan.REJECT;
            }
            if (dice < rejectShare + cancelShare) {
                return Plan.CANCEL;
            }
            if (dice < rejectShare + cancelShare + declinedShare) {
                return Plan.DECLINE;
            }
            return Plan.DELIVER;
        }
    }

    /** Told every status of every order the first time the bots see it (the chaos runner times recovery by it). */
    @FunctionalInterface
    public interface Observer {
        void seen(String orderId, OrderStatus status, long nanoTime);
    }

    /** An order that ended (or was given up: {@code status} null). */
    public record Ended(String orderId, Plan plan, OrderStatus status) {
    }

    private record Store(String storeId, String region, String ownerToken, List<String> menuItemIds) {
    }

    @RequiredArgsConstructor
    private static final class Customer {
        final String token;
        volatile boolean active = true;
    }

    private static final int STREAM_RETRIES = 40;

    private final BaedalClient client;
    private final Metrics metrics;
    private final Mix mix;
    private final Duration orderTimeout;
    private final Random random;
    private final ExecutorService placers;
    private final ExecutorService bots;
    private final ScheduledExecutorService timer;
    private final Map<String, LiveOrder> inFlight = new ConcurrentHashMap<>();
    private final List<Customer> customers = new CopyOnWriteArrayList<>();
    private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();
    private final AtomicLong placedTotal = new AtomicLong();
    /** Placements sent and not yet answered with 201 or given up (retries of a lost answer included). */
    private final AtomicInteger placing = new AtomicInteger();
    /** Orders still to place when {@link #limitOrders} was called. */
    private final AtomicLong remaining = new AtomicLong();
    private volatile boolean limited;
    private final AtomicInteger customerNumber = new AtomicInteger();
    private List<Store> stores = List.of();
    private Map<String, List<String>> riders = Map.of();
    private final List<String> openLoopTokens = new ArrayList<>();
    private volatile Thread arrivals;
    private volatile Observer observer = (orderId, status, nanoTime) -> { };

    public PlatformDriver(BaedalClient client, Metrics metrics, Mix mix, Duration orderTimeout, long seed) {
        this.client = client;
        this.metrics = metrics;
        this.mix = mix;
        this.orderTimeout = orderTimeout;
        this.random = new Random(seed);
        this.placers = Executors.newFixedThreadPool(32, named("bench-place"));
        this.bots = Executors.newFixedThreadPool(32, named("bench-bot"));
        this.timer = Executors.newScheduledThreadPool(2, named("bench-timer"));
        timer.scheduleWithFixedDelay(this::giveUpStuckOrders, 1, 1, TimeUnit.SECONDS);
    }

    /** Reads the open stores and their menus, gets tokens for owners, riders and open-loop customers. */
    public void prepare() {
        Response response = client.get("/api/stores", null);
        if (response.status() != 200) {
            throw new IllegalStateException("cannot list stores: HTTP " + response.status());
        }
        List<Store> open = new ArrayList<>();
        Map<String, List<String>> regions = new LinkedHashMap<>();
        for (JsonNode store : BaedalClient.elements(response.body())) {
            if (!store.path("open").asBoolean()) {
                continue;
            }
            String storeId = store.get("storeId").asText();
            String region = store.get("region").asText();
            List<String> items = new ArrayList<>();
            BaedalClient.elements(client.get("/api/stores/" + storeId + "/menu", null).body())
                    .forEach(item -> items.add(item.get("menuItemId").asText()));
            open.add(new Store(storeId, region, client.token("owner-" + storeId, "STORE_OWNER", storeId, null),
                    items));
            regions.computeIfAbsent(region, r -> List.of(client.token("rider-" + r + "-1", "RIDER", null, r),
                    client.token("rider-" + r + "-2", "RIDER", null, r)));
        }
        if (open.isEmpty()) {
            throw new IllegalStateException("no open store to order from");
        }
        for (int i = 1; i <= 40; i++) {
            openLoopTokens.add(client.token("bench-walk-in-" + i, "CUSTOMER", null, null));
        }
        this.stores = List.copyOf(open);
        this.riders = Map.copyOf(regions);
    }

    public void observe(Observer observer) {
        this.observer = observer;
    }

    /** The orders under way now. */
    public java.util.Set<String> inFlightOrders() {
        return java.util.Set.copyOf(inFlight.keySet());
    }

    /** Places at most this many more orders (for a smoke run); the default is no limit. */
    public void limitOrders(long orders) {
        remaining.set(orders);
        limited = true;
    }

    /** Closed loop: this many virtual customers, each placing its next order when its previous one ended. */
    public void setConcurrency(int concurrency) {
        List<Customer> active = customers.stream().filter(c -> c.active).toList();
        for (int i = active.size(); i < concurrency; i++) {
            Customer customer = new Customer(client.token("bench-customer-" + customerNumber.incrementAndGet(),
                    "CUSTOMER", null, null));
            customers.add(customer);
            placers.execute(() -> place(customer, false, 0));
        }
        for (int i = concurrency; i < active.size(); i++) {
            active.get(i).active = false;
        }
    }

    /** Open loop: one order every 1/rate seconds from now on, until {@link #stopArrivals}. */
    public synchronized void startArrivals(double ordersPerSecond) {
        stopArrivals();
        long period = (long) (1e9 / ordersPerSecond);
        Thread thread = new Thread(() -> {
            long next = System.nanoTime();
            int n = 0;
            while (!Thread.currentThread().isInterrupted()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                long intended = next;
                String token = openLoopTokens.get(n++ % openLoopTokens.size());
                placers.execute(() -> place(new Customer(token), true, intended));
                next += period;
            }
        }, "bench-arrivals");
        thread.setDaemon(true);
        arrivals = thread;
        thread.start();
    }

    /** Stops the closed-loop customers (after their current order) and the open-loop arrivals. */
    public synchronized void stopArrivals() {
        customers.forEach(c -> c.active = false);
        Thread thread = arrivals;
        if (thread != null) {
            thread.interrupt();
            arrivals = null;
        }
    }

    public int inFlight() {
        return inFlight.size();
    }

    public long placedTotal() {
        return placedTotal.get();
    }

    public List<Ended> ended() {
        return List.copyOf(ended);
    }

    /**
     * Waits until no order is in flight and no placement is still being retried (or the timeout passed); true when
     * drained. A placement whose answer was lost (the gateway went away) may exist in the engine: it is retried with
     * its Idempotency-Key until answered, and only then followed, so draining waits for it too.
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((!inFlight.isEmpty() || placing.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return inFlight.isEmpty() && placing.get() == 0;
    }

    @Override
    public void close() {
        stopArrivals();
        timer.shutdownNow();
        placers.shutdownNow();
        bots.shutdownNow();
    }

    // ---- customers ------------------------------------------------------------------------------------

    /** One order as the app sends it; a retry after no answer sends the same body with the same key. */
    private record Placement(Plan plan, Store store, Map<String, Object> body, String idempotencyKey) {
    }

    private void place(Customer customer, boolean openLoop, long intendedNanos) {
        if (!customer.active || (limited && remaining.getAndDecrement() <= 0)) {
            return;
        }
        Plan plan;
        Store store;
        List<Map<String, Object>> items = new ArrayList<>();
        synchronized (random) {
            plan = mix.plan(random.nextDouble());
            store = stores.get(random.nextInt(stores.size()));
            int lines = 1 + random.nextInt(Math.min(2, store.menuItemIds().size()));
            for (int i = 0; i < lines; i++) {
                items.add(Map.of("menuItemId", store.menuItemIds().get(random.nextInt(store.menuItemIds().size())),
                        "quantity", 1 + random.nextInt(2)));
            }
        }
        Map<String, Object> body = Map.of("storeId", store.storeId(), "items", items,
                "deliveryAddress", Map.of("region", store.region(), "street", "Bench-ro " + placedTotal.get()),
                "payment", Map.of("method", "CARD", "cardToken", plan == Plan.DECLINE ? "tok_declined" : "tok_visa"));
        placing.incrementAndGet();
        place(customer, openLoop, openLoop ? intendedNanos : System.nanoTime(),
                new Placement(plan, store, body, UUID.randomUUID().toString()), 1);
    }

    /**
     * Places one order; open loop measures from the intended arrival time, closed loop from now. Without an answer
     * (no connection, 5xx) the order may exist or not: the app sends the same request with the same {@code
     * Idempotency-Key} again until it gets one, so that it never loses track of an order it placed.
     */
    private void place(Customer customer, boolean openLoop, long start, Placement placement, int attempt) {
        Plan plan = placement.plan();
        Store store = placement.store();
        Response response = client.post("/api/orders", customer.token, placement.body(),
                Map.of("Idempotency-Key", placement.idempotencyKey()));
        long answered = System.nanoTime();
        if (response.status() != 201) {
            metrics.error("place: HTTP " + response.status());
            if (response.status() >= 500 && answered - start < orderTimeout.toNanos()) {
                timer.schedule(() -> placers.execute(() -> place(customer, openLoop, start, placement, attempt + 1)),
                        backoffMillis(attempt), TimeUnit.MILLISECONDS);
                return;
            }
            placing.decrementAndGet();
            if (limited) {
                remaining.incrementAndGet();
            }
            if (!openLoop && customer.active) {
                timer.schedule(() -> placers.execute(() -> place(customer, false, 0)), 200, TimeUnit.MILLISECONDS);
            }
            return;
        }
        metrics.record(Metrics.PLACE, answered - start);
        metrics.placed();
        placedTotal.incrementAndGet();
        String orderId = response.as(PlacedOrder.class).orderId();
        LiveOrder order = new LiveOrder(orderId, plan, store, customer, answered);
        inFlight.put(orderId, order);
        placing.decrementAndGet();
        if (plan == Plan.CANCEL) {
            command(order, "cancel", "/api/orders/" + orderId + "/cancel", customer.token, null, null, 1);
        }
        // at once: the read-model holds the stream request until OrderPlaced has crossed Kafka
        follow(order);
    }

    // ---- the order's live stream ----------------------------------------------------------------------

    private void follow(LiveOrder order) {
        metrics.streamRequest();
        client.stream("/api/orders/" + order.orderId + "/stream", order.customer.token,
                data -> onStatus(order, data), status -> onStreamEnd(order, status));
    }

    private void onStreamEnd(LiveOrder order, int status) {
        if (order.done) {
            return;
        }
        if (status == 200) {
            follow(order);
        } else if (status == 404) {
            // the read-model did not apply OrderPlaced within its wait
            int attempt = ++order.streamAttempts;
            if (attempt > STREAM_RETRIES) {
                metrics.error("stream: gave up after HTTP 404");
                giveUp(order);
                return;
            }
            timer.schedule(() -> follow(order), Math.min(200, 30L * attempt), TimeUnit.MILLISECONDS);
        } else if (status >= 500) {
            // no connection or a service away: the app follows again until the order's timeout gives it up
            metrics.error("stream: HTTP " + status);
            int attempt = ++order.streamFailures;
            timer.schedule(() -> follow(order), backoffMillis(attempt), TimeUnit.MILLISECONDS);
        } else {
            metrics.error("stream: gave up after HTTP " + status);
            giveUp(order);
        }
    }

    /** 100 ms, doubling, at most 2 s: retries while a service restarts, without hammering it. */
    static long backoffMillis(int attempt) {
        return Math.min(2000, 100L << Math.min(5, attempt - 1));
    }

    private void onStatus(LiveOrder order, JsonNode data) {
        OrderStatus status;
        try {
            status = OrderStatus.valueOf(data.path("status").asText());
        } catch (IllegalArgumentException e) {
            metrics.error("stream: unknown status " + data.path("status").asText());
            return;
        }
        long now = System.nanoTime();
        if (!order.firstSeen(status, now, metrics)) {
            return;
        }
        observer.seen(order.orderId, status, now);
        if (status.isFinal()) {
            end(order, status, now);
            return;
        }
        String id = order.orderId;
        Store store = order.store;
        switch (status) {
            case PAID -> {
                metrics.record(Metrics.TO_PAID, now - order.placedAt);
                if (order.plan == Plan.REJECT) {
                    command(order, "reject", storePath(store, id, "reject"), store.ownerToken(),
                            Map.of("reason", "Out of ingredients"), OrderStatus.REJECTED, 1);
                } else if (order.plan != Plan.CANCEL) {
                    command(order, "accept", storePath(store, id, "accept"), store.ownerToken(), null,
                            OrderStatus.ACCEPTED, 1);
                }
            }
            case ACCEPTED -> command(order, "cooking-started", storePath(store, id, "cooking-started"),
                    store.ownerToken(), null, OrderStatus.COOKING, 1);
            case COOKING -> command(order, "cooking-finished", storePath(store, id, "cooking-finished"),
                    store.ownerToken(), null, OrderStatus.READY_FOR_PICKUP, 1);
            case READY_FOR_PICKUP -> {
                List<String> regionRiders = riders.get(store.region());
                synchronized (random) {
                    order.riderToken = regionRiders.get(random.nextInt(regionRiders.size()));
                }
                command(order, "pick", "/api/deliveries/" + id + "/pick", order.riderToken, null,
                        OrderStatus.PICKED_UP, 1);
            }
            case PICKED_UP -> command(order, "complete", "/api/deliveries/" + id + "/complete", order.riderToken,
                    null, OrderStatus.DELIVERED, 1);
            default -> {
                // PLACED: the charge is the engine's and the workers' business
            }
        }
    }

    private static String storePath(Store store, String orderId, String action) {
        return "/api/stores/" + store.storeId() + "/orders/" + orderId + "/" + action;
    }

    private void command(LiveOrder order, String name, String path, String token, Object body,
                         OrderStatus expected, int attempt) {
        bots.execute(() -> {
            if (order.done) {
                return;
            }
            long start = System.nanoTime();
            Response response = client.post(path, token, body);
            long answered = System.nanoTime();
            if (response.status() / 100 == 2) {
                metrics.record(name, answered - start);
                if (expected != null) {
                    order.answered(expected, answered, metrics);
                }
            } else {
                metrics.error(name + ": HTTP " + response.status());
                // no answer or a service away (5xx): again until the order's timeout; a refusal (4xx): twice more
                boolean away = response.status() >= 500;
                if (!order.done && (away ? answered - order.placedAt < orderTimeout.toNanos() : attempt < 3)) {
                    timer.schedule(() -> command(order, name, path, token, body, expected, attempt + 1),
                            away ? backoffMillis(attempt) : 100, TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    // ---- end of an order ------------------------------------------------------------------------------

    private void end(LiveOrder order, OrderStatus status, long now) {
        if (!order.finish()) {
            return;
        }
        inFlight.remove(order.orderId);
        metrics.ended(status.name(), now);
        if (status == OrderStatus.DELIVERED) {
            metrics.record(Metrics.ORDER, now - order.placedAt);
        }
        if (status != order.plan.end) {
            metrics.error("ended " + status + " instead of " + order.plan.end);
        }
        ended.add(new Ended(order.orderId, order.plan, status));
        next(order.customer);
    }

    private void giveUp(LiveOrder order) {
        if (!order.finish()) {
            return;
        }
        inFlight.remove(order.orderId);
        ended.add(new Ended(order.orderId, order.plan, null));
        next(order.customer);
    }

    private void next(Customer customer) {
        if (customer.active && customers.contains(customer)) {
            placers.execute(() -> place(customer, false, 0));
        }
    }

    private void giveUpStuckOrders() {
        long now = System.nanoTime();
        for (LiveOrder order : inFlight.values()) {
            if (now - order.placedAt > orderTimeout.toNanos()) {
                metrics.error("no final status within " + orderTimeout.toSeconds() + " s");
                giveUp(order);
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One order on its way, as the bots know it. */
    @RequiredArgsConstructor
    static final class LiveOrder {
        final String orderId;
        final Plan plan;
        final Store store;
        final Customer customer;
        final long placedAt;
        private final EnumSet<OrderStatus> seen = EnumSet.noneOf(OrderStatus.class);
        private final Map<OrderStatus, Long> answeredAt = new EnumMap<>(OrderStatus.class);
        private final EnumSet<OrderStatus> seenBeforeAnswer = EnumSet.noneOf(OrderStatus.class);
        volatile String riderToken;
        volatile boolean done;
        int streamAttempts;
        int streamFailures;

        /** First sighting of a status: records its read-model lag if the command that caused it has answered. */
        synchronized boolean firstSeen(OrderStatus status, long now, Metrics metrics) {
            if (!seen.add(status)) {
                return false;
            }
            Long answered = answeredAt.remove(status);
            if (answered != null) {
                metrics.record(Metrics.LAG, now - answered);
            } else {
                seenBeforeAnswer.add(status);
            }
            return true;
        }

        /** A command answered; its status may have been seen already (then the lag is zero). */
        synchronized void answered(OrderStatus expected, long now, Metrics metrics) {
            if (seenBeforeAnswer.remove(expected)) {
                metrics.record(Metrics.LAG, 0);
            } else {
                answeredAt.put(expected, now);
            }
        }

        synchronized boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            return true;
        }
    }
}
