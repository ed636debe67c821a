package com.baedal.readmodel.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventData;
import com.baedal.contract.event.OrderEventType;
import com.baedal.readmodel.support.ReadModelIntegrationTest;
import com.baedal.readmodel.support.TestOrder;
import com.baedal.readmodel.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderApiIT extends ReadModelIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private TestOrder order(String customer, String store, String region) {
        return new TestOrder(json, customer, store, region);
    }

    @Test
    void noOrInvalidTokenIs401ProblemJson() {
        Response none = get("/api/orders/" + UUID.randomUUID(), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.jsonBody().path("status").asInt()).isEqualTo(401);

        Response forged = get("/api/orders", TestTokens.customer("c").substring(0, 20) + "xxx.yyy.zzz");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
    }

    @Test
    void whoMaySeeOneOrder() {
        String region = id("gangnam");
        TestOrder order = order(id("cust"), id("store"), region);
        sendApplied(order.upTo(5)); // READY_FOR_PICKUP
        String path = "/api/orders/" + order.orderId;

        assertThat(get(path, TestTokens.customer(order.customerId)).status()).isEqualTo(200);
        assertThat(get(path, TestTokens.owner(order.storeId)).status()).isEqualTo(200);
        assertThat(get(path, TestTokens.operator()).status()).isEqualTo(200);
        assertThat(get(path, TestTokens.rider("rider-a", region)).status()).isEqualTo(200);

        Response otherCustomer = get(path, TestTokens.customer(id("cust")));
        assertThat(otherCustomer.status()).isEqualTo(404);
        assertThat(otherCustomer.contentType()).startsWith("application/problem+json");
        assertThat(get(path, TestTokens.owner(id("store"))).status()).isEqualTo(404);
        assertThat(get(path, TestTokens.rider("rider-x", id("mapo"))).status()).isEqualTo(404);
        assertThat(get("/api/orders/" + UUID.randomUUID(), TestTokens.operator()).status()).isEqualTo(404);

        // rider-a picks it: from now on only rider-a among the riders
        send(order.event(OrderEventType.OrderPickedUp, 6, new OrderEventData.OrderPickedUp("rider-a")));
        awaitApplied(order.orderId, 6);
        assertThat(get(path, TestTokens.rider("rider-a", region)).jsonBody().path("riderId").asText())
                .isEqualTo("rider-a");
        assertThat(get(path, TestTokens.rider("rider-b", region)).status()).isEqualTo(404);
    }

    @Test
    void customerListsOwnOrdersNewestFirstPaged() {
        String customer = id("cust");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestOrder oldest = new TestOrder(json, customer, id("store"), "gangnam", now.minusSeconds(300), null, null);
        TestOrder middle = new TestOrder(json, customer, id("store"), "gangnam", now.minusSeconds(200), null, null);
        TestOrder newest = new TestOrder(json, customer, id("store"), "gangnam", now.minusSeconds(100), null, null);
        TestOrder someoneElses = order(id("cust"), id("store"), "gangnam");
        Stream.of(middle, newest, oldest, someoneElses).forEach(o -> send(o.placed()));
        Stream.of(middle, newest, oldest, someoneElses).forEach(o -> awaitApplied(o.orderId, 1));

        JsonNode first = get("/api/orders?size=2", TestTokens.customer(customer)).jsonBody();
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(first.path("totalElements").asLong()).isEqualTo(3);
        assertThat(first.path("content")).extracting(v -> v.path("orderId").asText())
                .containsExactly(newest.orderId, middle.orderId);
        assertThat(first.path("content").get(0).path("history")).hasSize(1);
        JsonNode second = get("/api/orders?customerId=" + customer + "&page=1&size=2",
                TestTokens.customer(customer)).jsonBody();
        assertThat(second.path("content")).extracting(v -> v.path("orderId").asText())
                .containsExactly(oldest.orderId);
        JsonNode defaults = get("/api/orders", TestTokens.customer(customer)).jsonBody();
        assertThat(defaults.path("size").asInt()).isEqualTo(20);
        assertThat(defaults.path("content")).hasSize(3);

        JsonNode byOperator = get("/api/orders?customerId=" + customer, TestTokens.operator()).jsonBody();
        assertThat(byOperator.path("totalElements").asLong()).isEqualTo(3);

        Response foreign = get("/api/orders?customerId=" + someoneElses.customerId, TestTokens.customer(customer));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/orders", TestTokens.rider("r", "gangnam")).status()).isEqualTo(403);
        assertThat(get("/api/orders?size=101", TestTokens.customer(customer)).status()).isEqualTo(400);
        assertThat(get("/api/orders?page=-1", TestTokens.customer(customer)).status()).isEqualTo(400);
        Response notANumber = get("/api/orders?page=abc", TestTokens.customer(customer));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.contentType()).startsWith("application/problem+json");
    }

    @Test
    void storeBoardIsForItsOwnerOnly() {
        String store = id("store");
        TestOrder paid = order(id("cust"), store, "gangnam");
        TestOrder placed = order(id("cust"), store, "gangnam");
        send(paid.upTo(2));
        send(placed.placed());
        awaitApplied(paid.orderId, 2);
        awaitApplied(placed.orderId, 1);

        JsonNode board = get("/api/stores/" + store + "/orders?status=PAID", TestTokens.owner(store)).jsonBody();
        assertThat(board.path("content")).extracting(v -> v.path("orderId").asText()).containsExactly(paid.orderId);
        JsonNode all = get("/api/stores/" + store + "/orders", TestTokens.owner(store)).jsonBody();
        assertThat(all.path("totalElements").asLong()).isEqualTo(2);

        Response otherOwner = get("/api/stores/" + store + "/orders", TestTokens.owner(id("store")));
        assertThat(otherOwner.status()).isEqualTo(403);
        assertThat(otherOwner.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/stores/" + store + "/orders", TestTokens.customer(paid.customerId)).status())
                .isEqualTo(403);
        assertThat(get("/api/stores/" + store + "/orders?status=BOGUS", TestTokens.owner(store)).status())
                .isEqualTo(400);
        // a control character is not trimmed away into "no status filter"
        assertThat(get("/api/stores/" + store + "/orders?status=%00", TestTokens.owner(store)).status())
                .isEqualTo(400);
        assertThat(get("/api/stores/" + store + "/orders?status=", TestTokens.owner(store)).jsonBody()
                .path("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void ridersSeeReadyOrdersOfTheirRegionOnlyOldestOrNearestFirst() {
        String region = id("gangnam");
        String otherRegion = id("mapo");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // older but far away (store at 37.60), newer and near (store at 37.501)
        TestOrder olderFar = new TestOrder(json, id("cust"), id("store"), region, now.minusSeconds(600), 37.60, 127.03);
        TestOrder newerNear = new TestOrder(json, id("cust"), id("store"), region, now.minusSeconds(300), 37.501,
                127.03);
        TestOrder notReady = order(id("cust"), id("store"), region);
        TestOrder elsewhere = order(id("cust"), id("store"), otherRegion);
        send(olderFar.upTo(5));
        send(newerNear.upTo(5));
        send(notReady.upTo(4));
        send(elsewhere.upTo(5));
        awaitApplied(olderFar.orderId, 5);
        awaitApplied(newerNear.orderId, 5);
        awaitApplied(notReady.orderId, 4);
        awaitApplied(elsewhere.orderId, 5);
        String rider = TestTokens.rider("rider-1", region);

        JsonNode oldestFirst = get("/api/deliveries?region=" + region, rider).jsonBody();
        assertThat(oldestFirst).extracting(d -> d.path("orderId").asText())
                .containsExactly(olderFar.orderId, newerNear.orderId);
        assertThat(oldestFirst.get(0).path("distanceMeters").isNull()).isTrue();
        JsonNode nearestFirst = get("/api/deliveries?region=" + region + "&lat=37.5&lon=127.03", rider).jsonBody();
        assertThat(nearestFirst).extracting(d -> d.path("orderId").asText())
                .containsExactly(newerNear.orderId, olderFar.orderId);
        assertThat(nearestFirst.get(0).path("distanceMeters").asLong()).isBetween(100L, 130L);
        // the region's riders, without a region parameter: the token's region
        assertThat(get("/api/deliveries", rider).jsonBody()).hasSize(2);

        // another region's rider sees none of them, and may not ask for this region
        JsonNode theirs = get("/api/deliveries?region=" + otherRegion, TestTokens.rider("rider-9", otherRegion))
                .jsonBody();
        assertThat(theirs).extracting(d -> d.path("orderId").asText()).containsExactly(elsewhere.orderId);
        Response foreign = get("/api/deliveries?region=" + region, TestTokens.rider("rider-9", otherRegion));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/deliveries?region=" + region, TestTokens.customer("c")).status()).isEqualTo(403);
        assertThat(get("/api/deliveries?region=" + region + "&lat=37.5", rider).status()).isEqualTo(400);
        assertThat(get("/api/deliveries?region=" + region + "&lat=91&lon=0", rider).status()).isEqualTo(400);
    }

    @Test
    void streamSendsCurrentStatusThenEachChangeAndCompletesAtAFinalStatus() throws Exception {
        TestOrder order = order(id("cust"), id("store"), "gangnam");
        List<OrderEvent> events = order.delivered("rider-1");
        sendApplied(events.subList(0, 2)); // PAID

        Follower customer = follow(order, null);
        await().atMost(WAIT).until(() -> dataLines(customer.lines()).size() == 1);
        send(events.subList(2, 8));

        customer.done().get(WAIT.toSeconds(), TimeUnit.SECONDS); // the server ended the stream
        List<String> lines = customer.lines();
        List<JsonNode> data = dataLines(lines);
        assertThat(data).extracting(d -> d.path("status").asText())
                .containsExactly("PAID", "ACCEPTED", "COOKING", "READY_FOR_PICKUP", "PICKED_UP", "DELIVERED");
        assertThat(data).allSatisfy(d -> assertThat(d.path("orderId").asText()).isEqualTo(order.orderId));
        assertThat(data.get(1).path("at").asText()).isEqualTo(order.at(3));
        assertThat(lines).filteredOn(line -> line.startsWith("event:")).allMatch(line -> line.equals("event:status"));
    }

    @Test
    void streamOfAnEndedOrderSendsItsFinalStatusAndEnds() throws Exception {
        TestOrder order = order(id("cust"), id("store"), "gangnam");
        sendApplied(List.of(order.placed(),
                order.event(OrderEventType.OrderCancelled, 2, new OrderEventData.OrderCancelled())));
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders/" + order.orderId + "/stream"))
                .header("Authorization", "Bearer " + TestTokens.operator()).timeout(Duration.ofSeconds(10)).GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(dataLines(response.body().lines().toList())).extracting(d -> d.path("status").asText())
                .containsExactly("CANCELLED");
    }

    @Test
    void streamResumedWithLastEventIdSendsEveryMissedChangeInOrder() throws Exception {
        TestOrder order = order(id("cust"), id("store"), "gangnam");
        List<OrderEvent> events = order.delivered("rider-1");
        sendApplied(events.subList(0, 5)); // READY_FOR_PICKUP

        // the client saw ACCEPTED (sequence 3), lost the connection and reconnects as EventSource does
        Follower customer = follow(order, "3");
        List<String> lines = customer.lines();
        await().atMost(WAIT).until(() -> dataLines(lines).size() == 2);
        send(events.subList(5, 8));

        customer.done().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(dataLines(lines)).extracting(d -> d.path("status").asText())
                .containsExactly("COOKING", "READY_FOR_PICKUP", "PICKED_UP", "DELIVERED");
        List<Long> ids = lines.stream().filter(line -> line.startsWith("id:"))
                .map(line -> Long.parseLong(line.substring("id:".length()))).toList();
        assertThat(ids).hasSize(4).isSorted().doesNotHaveDuplicates().allMatch(id -> id > 3);
    }

    @Test
    void streamResumedAfterTheFinalEventEndsWithoutSendingAnything() throws Exception {
        TestOrder order = order(id("cust"), id("store"), "gangnam");
        sendApplied(order.delivered("rider-1"));
        long finalId = jdbc.sql("select max(sequence) from order_history where order_id = :id")
                .param("id", order.orderId).query(Long.class).single();

        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders/" + order.orderId + "/stream"))
                .header("Authorization", "Bearer " + TestTokens.customer(order.customerId))
                .header("Last-Event-ID", Long.toString(finalId)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(dataLines(response.body().lines().toList())).isEmpty();
    }

    @Test
    void streamRefusesALastEventIdThatIsNoEventId() throws Exception {
        TestOrder order = order(id("cust"), id("store"), "gangnam");
        send(order.placed());
        awaitApplied(order.orderId, 1);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/orders/" + order.orderId + "/stream"))
                .header("Authorization", "Bearer " + TestTokens.customer(order.customerId))
                .header("Last-Event-ID", "PAID").timeout(Duration.ofSeconds(10)).GET();
        // as EventSource asks: it only needs the status to give up
        assertThat(http.send(request.copy().header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        HttpResponse<String> response = http.send(request.header("Accept", "text/event-stream, application/problem+json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).path("errors").path(0).path("field").asText())
                .isEqualTo("Last-Event-ID");
    }

    @Test
    void streamOpenedRightAfterPlacingWaitsForTheOrderInsteadOf404() throws Exception {
        TestOrder order = order(id("cust"), id("store"), "gangnam");
        List<OrderEvent> events = order.delivered("rider-1");
        // the app opens the stream as soon as POST /api/orders answered; OrderPlaced has not crossed Kafka yet
        double waitingBefore = waitingStreams();
        Follower customer = follow(order, null);
        List<String> lines = customer.lines();
        await().atMost(WAIT).until(() -> waitingStreams() > waitingBefore); // the request waits for the order
        send(events);

        assertThat(customer.done().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
        // it starts at whatever status the order had when it arrived (PLACED on a slow projection, up to DELIVERED
        // on a quick one), then each later status once, in process order, and ends with the final one
        List<String> streamed = dataLines(lines).stream().map(d -> d.path("status").asText()).toList();
        assertThat(streamed).isNotEmpty().doesNotHaveDuplicates().last().isEqualTo("DELIVERED");
        assertThat(List.of("PLACED", "PAID", "ACCEPTED", "COOKING", "READY_FOR_PICKUP", "PICKED_UP", "DELIVERED"))
                .containsSubsequence(streamed);
    }

    @Test
    void streamOfAnOrderThatNeverCame404sAfterTheWait() throws Exception {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders/" + UUID.randomUUID() + "/stream"))
                .header("Authorization", "Bearer " + TestTokens.customer(id("cust")))
                .header("Accept", "text/event-stream, application/problem+json")
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // it waited for the order (the ITs configure 6 s) before giving up
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(5900));
    }

    @Test
    void streamWaitingForAnOrderStillChecksWhoMaySeeIt() throws Exception {
        TestOrder order = order(id("cust"), id("store"), "gangnam");
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders/" + order.orderId + "/stream"))
                .header("Authorization", "Bearer " + TestTokens.customer(id("someone-else")))
                .header("Accept", "text/event-stream, application/problem+json")
                .timeout(Duration.ofSeconds(10)).GET().build();
        double waitingBefore = waitingStreams();
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        await().atMost(WAIT).until(() -> waitingStreams() > waitingBefore);
        send(order.placed());
        assertThat(response.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    }

    @Test
    void streamHasTheSameAccessAsTheView() throws Exception {
        TestOrder order = order(id("cust"), id("store"), "gangnam");
        send(order.placed());
        awaitApplied(order.orderId, 1);
        HttpRequest request = HttpRequest.newBuilder(uri("/api/orders/" + order.orderId + "/stream"))
                .header("Authorization", "Bearer " + TestTokens.customer(id("cust")))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(get("/api/orders/" + order.orderId + "/stream", null).status()).isEqualTo(401);
    }

    /** Stream requests of the read-model waiting for an order that has not been projected yet. */
    private double waitingStreams() {
        return meters.get(OrderStreamHub.STREAMS_METRIC).tag("state", "waiting").gauge().value();
    }

    /** The order's customer following its stream (after {@code lastEventId}, if any): each line, and the status. */
    private record Follower(List<String> lines, CompletableFuture<Integer> done) {
    }

    private Follower follow(TestOrder order, String lastEventId) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/orders/" + order.orderId + "/stream"))
                .header("Authorization", "Bearer " + TestTokens.customer(order.customerId))
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<Integer> done = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    response.body().forEach(lines::add);
                    return response.statusCode();
                });
        return new Follower(lines, done);
    }

    private List<JsonNode> dataLines(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("data:"))
                .map(line -> {
                    try {
                        return json.readTree(line.substring("data:".length()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
