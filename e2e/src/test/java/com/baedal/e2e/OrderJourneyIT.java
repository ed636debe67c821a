package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.contract.OrderNumber;
import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import com.baedal.contract.api.OrderView;
import com.baedal.contract.api.PlacedOrder;
import com.baedal.contract.api.StepResult;
import com.baedal.simulator.BaedalClient.Response;
import com.baedal.simulator.BaedalClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The ten user stories of SPEC §1 in one flow, through the gateway, with the live stream watching. */
class OrderJourneyIT {

    private final Apps apps = new Apps();

    @Test
    void anOrderGoesFromMenuToDoorstep() throws Exception {
        // 1. the customer picks menu items of an open store and places an order
        JsonNode store = BaedalClient.elements(apps.api.get("/api/stores", null).body()).stream()
                .filter(s -> s.get("storeId").asText().equals(Apps.STORE)).findFirst().orElseThrow();
        assertThat(store.get("open").asBoolean()).isTrue();
        List<JsonNode> menu = apps.menu(Apps.STORE);
        long expectedTotal = 2 * menu.get(0).get("price").asLong() + menu.get(1).get("price").asLong();
        String customer = apps.customer();
        Response placed = apps.api.post("/api/orders", customer, apps.orderBody("tok_visa"));
        assertThat(placed.status()).isEqualTo(201);
        PlacedOrder answer = placed.as(PlacedOrder.class);
        assertThat(answer.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(answer.total()).isEqualTo(expectedTotal);
        String orderId = answer.orderId();
        // the customer's app follows the live stream from the moment the order is placed (the read-model waits
        // for an order it has not seen yet instead of answering 404)
        CompletableFuture<List<String>> stream = watch(orderId, customer, null);

        // 2. the platform charges automatically
        apps.awaitStatus(orderId, customer, "PAID");
        JsonNode payment = apps.payment(orderId, customer);
        assertThat(payment.get("status").asText()).isEqualTo("APPROVED");
        assertThat(payment.get("amount").asLong()).isEqualTo(expectedTotal);

        // 3. the store owner is told: the order is on the store's board and a task waits in Tasklist
        String owner = apps.owner(Apps.STORE);
        assertThat(BaedalClient.elements(apps.api.get("/api/stores/" + Apps.STORE + "/orders?status=PAID", owner)
                .body())).extracting(o -> o.get("orderId").asText()).contains(orderId);
        String orderNumber = OrderNumber.of(orderId);
        assertThat(engineRestTasks("owner-" + Apps.STORE)).anyMatch(name -> name.contains(orderNumber));
        assertThat(engineRestTasks("owner-pizza-mapo")).noneMatch(name -> name.contains(orderNumber));

        // 4. and 5. the owner accepts, starts and finishes cooking
        assertThat(apps.store(orderId, owner, "accept", null).as(StepResult.class))
                .isEqualTo(new StepResult(orderId, OrderStatus.ACCEPTED));
        assertThat(apps.store(orderId, owner, "cooking-started", null).as(StepResult.class))
                .isEqualTo(new StepResult(orderId, OrderStatus.COOKING));
        assertThat(apps.store(orderId, owner, "cooking-finished", null).as(StepResult.class))
                .isEqualTo(new StepResult(orderId, OrderStatus.READY_FOR_PICKUP));

        // 7. riders of the customer's area see the delivery
        String rider = apps.rider("rider-gangnam-1", Apps.REGION);
        apps.awaitStatus(orderId, customer, "READY_FOR_PICKUP");
        assertThat(BaedalClient.elements(apps.api.get("/api/deliveries?region=" + Apps.REGION, rider).body()))
                .extracting(d -> d.get("orderId").asText()).contains(orderId);
        String mapoRider = apps.rider("rider-mapo-1", "mapo");
        assertThat(BaedalClient.elements(apps.api.get("/api/deliveries?region=mapo", mapoRider).body()))
                .extracting(d -> d.get("orderId").asText()).doesNotContain(orderId);

        // 8. one rider picks it up; 10. and confirms the delivery
        assertThat(apps.api.post("/api/deliveries/" + orderId + "/pick", rider, null).as(StepResult.class))
                .isEqualTo(new StepResult(orderId, OrderStatus.PICKED_UP));
        assertThat(apps.api.post("/api/deliveries/" + orderId + "/complete", rider, null).as(StepResult.class))
                .isEqualTo(new StepResult(orderId, OrderStatus.DELIVERED));

        // 9. the customer sees the status with the history of every step
        OrderView view = apps.awaitStatus(orderId, customer, "DELIVERED");
        List<String> history = view.history().stream().map(step -> step.status().name()).toList();
        assertThat(history).containsExactly("PLACED", "PAID", "ACCEPTED", "COOKING", "READY_FOR_PICKUP",
                "PICKED_UP", "DELIVERED");
        assertThat(view.riderId()).isEqualTo("rider-gangnam-1");
        assertThat(view.total()).isEqualTo(expectedTotal);
        assertThat(view.payment().status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(view.payment().cancelled()).isFalse();

        // the live stream started at a status the order had when the stream opened, showed each later one once, in
        // process order, and ended with the final one
        List<String> streamed = stream.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(streamed).isNotEmpty().doesNotHaveDuplicates().last().isEqualTo("DELIVERED");
        assertThat(history).containsSubsequence(streamed);

        // an app that lost its stream after the first event reconnects with Last-Event-ID (through the gateway)
        // and gets every status it missed, not only the current one
        assertThat(watch(orderId, customer, "1").get(60, java.util.concurrent.TimeUnit.SECONDS))
                .containsExactlyElementsOf(history.subList(1, history.size()));
    }

    /** Names of the tasks a Camunda user sees through the gateway's /engine-rest (HTTP Basic, demo password). */
    private List<String> engineRestTasks(String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(Platform.get().gateway().resolve("/engine-rest/task"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .build();
        List<String> names = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            names.clear();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
                    .forEach(task -> names.add(task.get("name").asText()));
        });
        return names;
    }

    /** Follows the order's Server-Sent Events through the gateway until the stream ends (after lastEventId). */
    private static CompletableFuture<List<String>> watch(String orderId, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Platform.get().gateway().resolve(
                        "/api/orders/" + orderId + "/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(Apps::streamedStatuses);
    }
}
