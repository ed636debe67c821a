package com.baedal.e2e;

import static com.baedal.e2e.Apps.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.contract.PaymentStatus;
import com.baedal.contract.api.OrderView;
import com.baedal.contract.api.StepResult;
import com.baedal.simulator.BaedalClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Every way an order can leave the happy path, through the gateway, with the real workers and card simulator. */
class FailurePathsIT {

    private final Apps apps = new Apps();

    @Test
    void rejectedOrderIsRefunded() {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");
        assertProblem(apps.store(orderId, apps.owner(Apps.STORE), "reject", Map.of()), 400);
        Response rejected = apps.store(orderId, apps.owner(Apps.STORE), "reject", Map.of("reason", "Out of chicken"));
        assertThat(rejected.body().get("status").asText()).isEqualTo("REJECTED");

        apps.awaitStatus(orderId, customer, "REJECTED");
        assertMoneyReturned(orderId, customer);
    }

    @Test
    void cancelBeforeCookingRefunds() {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");
        assertThat(apps.store(orderId, apps.owner(Apps.STORE), "accept", null).status()).isEqualTo(200);

        Response cancel = apps.api.post("/api/orders/" + orderId + "/cancel", customer, null);
        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.as(StepResult.class).status()).isEqualTo(StepResult.CANCEL_REQUESTED);
        OrderView view = apps.awaitStatus(orderId, customer, "CANCELLED");
        assertThat(view.payment().cancelled()).isTrue();
        assertMoneyReturned(orderId, customer);
    }

    @Test
    void cancelRightAfterPlacingKeepsNothing() {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        assertThat(apps.api.post("/api/orders/" + orderId + "/cancel", customer, null).status()).isEqualTo(202);

        apps.awaitStatus(orderId, customer, "CANCELLED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response payment = apps.api.get("/api/payments/" + orderId, customer);
            // never charged (404), or charged and given back: never money kept
            if (payment.status() != 404) {
                assertThat(payment.status()).isEqualTo(200);
                assertThat(payment.body().get("cancelled").asBoolean()).isTrue();
                assertThat(payment.body().get("status").asText()).isNotEqualTo("APPROVED");
            }
        });
    }

    @Test
    void cancelAfterCookingStartedIsRefused() {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");
        String owner = apps.owner(Apps.STORE);
        apps.store(orderId, owner, "accept", null);
        assertThat(apps.store(orderId, owner, "cooking-started", null).status()).isEqualTo(200);

        assertProblem(apps.api.post("/api/orders/" + orderId + "/cancel", customer, null), 409);
        assertThat(apps.store(orderId, owner, "cooking-finished", null).status()).isEqualTo(200);
        apps.awaitStatus(orderId, customer, "READY_FOR_PICKUP");
    }

    @Test
    void declinedCardEndsPaymentFailed() {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_declined");
        OrderView view = apps.awaitStatus(orderId, customer, "PAYMENT_FAILED");
        assertThat(view.payment().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(apps.payment(orderId, customer).get("status").asText()).isEqualTo("DECLINED");
        assertProblem(apps.store(orderId, apps.owner(Apps.STORE), "accept", null), 409);
    }

    @Test
    void flakyProviderIsRetriedAndChargesOnce() {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_flaky");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> "PAID".equals(apps.api.get("/api/orders/" + orderId, customer).body()
                        .path("status").asText()));
        JsonNode payment = apps.payment(orderId, customer);
        assertThat(payment.get("status").asText()).isEqualTo("APPROVED");
        assertThat(payment.get("attempts").asInt()).isEqualTo(3);
        assertThat(payment.get("amount").asLong()).isPositive();
    }

    @Test
    void twoRidersPickingAtOnceGiveOneWinnerAndOnlyTheWinnerDelivers() throws Exception {
        String customer = apps.customer();
        String orderId = apps.readyForPickup(customer);
        String first = apps.rider("rider-gangnam-1", Apps.REGION);
        String second = apps.rider("rider-gangnam-2", Apps.REGION);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Response> a = CompletableFuture.supplyAsync(() -> pickAfter(go, orderId, first));
        CompletableFuture<Response> b = CompletableFuture.supplyAsync(() -> pickAfter(go, orderId, second));
        go.countDown();
        List<Integer> statuses = List.of(a.get().status(), b.get().status());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);

        String winner = a.get().status() == 200 ? first : second;
        String loser = winner.equals(first) ? second : first;
        assertProblem(apps.api.post("/api/deliveries/" + orderId + "/complete", loser, null), 403);
        assertThat(apps.api.post("/api/deliveries/" + orderId + "/complete", winner, null).status()).isEqualTo(200);
        apps.awaitStatus(orderId, customer, "DELIVERED");
    }

    private Response pickAfter(CountDownLatch go, String orderId, String rider) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return apps.api.post("/api/deliveries/" + orderId + "/pick", rider, null);
    }

    private void assertMoneyReturned(String orderId, String customer) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode payment = apps.payment(orderId, customer);
            assertThat(payment.get("status").asText()).isEqualTo("REFUNDED");
            assertThat(payment.get("cancelled").asBoolean()).isTrue();
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(apps.api.get("/api/orders/" + orderId,
                customer).body().path("payment").path("status").asText()).isEqualTo("REFUNDED"));
    }
}
