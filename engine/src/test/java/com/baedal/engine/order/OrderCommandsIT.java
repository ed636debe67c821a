package com.baedal.engine.order;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.baedal.engine.support.EngineIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The engine's rows of SPEC §5 through real HTTP, on the real engine and PostgreSQL. External tasks (the workers'
 * job) are completed through the engine API, as the workers would.
 */
@EngineIntegrationTest
class OrderCommandsIT {

    private static final String OPEN_STORE = "chicken-gangnam";
    private static final String OTHER_STORE = "pizza-mapo";
    private static final String CLOSED_STORE = "bibimbap-gangnam";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Autowired TestRestTemplate http;
    @Autowired ExternalTaskService externalTasks;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtime;
    @Autowired ProcessEngine processEngine;

    private String customer;
    private String customerToken;

    @BeforeEach
    void newCustomer() {
        // the assertions ask this context's engine, not whichever engine the JVM registered last
        BpmnAwareTests.init(processEngine);
        customer = "customer-" + UUID.randomUUID();
        customerToken = token(Map.of("sub", customer, "role", "CUSTOMER"));
    }

    // ---- placement -------------------------------------------------------------------------------------

    @Test
    void placesAnOrderPricedByTheServerAndStartsItsProcess() {
        List<Map<String, Object>> menu = menu(OPEN_STORE);
        long first = ((Number) menu.get(0).get("price")).longValue();
        long second = ((Number) menu.get(1).get("price")).longValue();

        ResponseEntity<Map<String, Object>> response = post("/api/orders", customerToken, Map.of(
                "storeId", OPEN_STORE,
                "items", List.of(Map.of("menuItemId", menu.get(0).get("menuItemId"), "quantity", 2),
                        Map.of("menuItemId", menu.get(1).get("menuItemId"), "quantity", 1)),
                "deliveryAddress", Map.of("region", "gangnam", "street", "Teheran-ro 1"),
                "payment", Map.of("method", "CARD", "cardToken", "tok_visa")), null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String orderId = (String) response.getBody().get("orderId");
        assertThat(response.getBody()).containsEntry("status", "PLACED");
        assertThat(((Number) response.getBody().get("total")).longValue()).isEqualTo(2 * first + second);
        assertThat(response.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);

        ProcessInstance instance = instance(orderId);
        assertThat(instance).isWaitingAt(TASK_CHARGE_PAYMENT);
        assertThat(instance).variables()
                .containsEntry(VAR_CUSTOMER_ID, customer)
                .containsEntry(VAR_STORE_ID, OPEN_STORE)
                .containsEntry(VAR_REGION, "gangnam")
                .containsEntry(VAR_TOTAL, 2 * first + second)
                .containsKey(VAR_PAYMENT_CREDENTIAL)
                .doesNotContainValue("tok_visa")
                .containsEntry(VAR_STORE_ANSWER_TIMEOUT, "PT5M");
    }

    @Test
    void aTestChoosesTheOrderIdAndSoItsNumberInTheLocalProfile() {
        String chosen = "12345678" + UUID.randomUUID().toString().substring(8);
        String item = (String) menu(OPEN_STORE).get(0).get("menuItemId");
        Map<String, Object> body = order(OPEN_STORE, item, "gangnam", "tok_visa");
        HttpHeaders headers = bearer(customerToken);
        headers.set(OrderController.DEV_ORDER_ID_HEADER, chosen.toUpperCase());

        ResponseEntity<Map<String, Object>> placed = http.exchange("/api/orders", HttpMethod.POST,
                new HttpEntity<>(body, headers), new ParameterizedTypeReference<>() {
                });
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(placed.getBody()).containsEntry("orderId", chosen);
        assertThat(instance(chosen)).variables().containsEntry(VAR_ORDER_NUMBER, "BD-12345678");

        // an id that is taken is a conflict, and no second order
        assertProblem(http.exchange("/api/orders", HttpMethod.POST, new HttpEntity<>(body, headers),
                new ParameterizedTypeReference<>() {
                }), HttpStatus.CONFLICT);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(chosen).count()).isEqualTo(1);
    }

    @Test
    void badBodyIsA400WithFieldErrors() {
        ResponseEntity<Map<String, Object>> response = post("/api/orders", customerToken, Map.of(
                "storeId", OPEN_STORE, "items", List.of(),
                "deliveryAddress", Map.of("region", "gangnam"),
                "payment", Map.of("method", "CASH", "cardToken", "tok_visa")), null);

        assertProblem(response, HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors").toString())
                .contains("items", "deliveryAddress.street", "payment.method");
    }

    @Test
    void malformedJsonIsA400() {
        HttpHeaders headers = bearer(customerToken);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map<String, Object>> response = http.exchange("/api/orders", HttpMethod.POST,
                new HttpEntity<>("{\"storeId\": ", headers), new ParameterizedTypeReference<>() {
                });
        assertProblem(response, HttpStatus.BAD_REQUEST);
    }

    @Test
    void unknownStoreOrItemOrForeignRegionIs422AndClosedStoreIs409() {
        String item = (String) menu(OPEN_STORE).get(0).get("menuItemId");
        assertProblem(post("/api/orders", customerToken, order("no-such-store", item, "gangnam", "tok_visa"),
                null), HttpStatus.UNPROCESSABLE_ENTITY);
        assertProblem(post("/api/orders", customerToken, order(OPEN_STORE, "no-such-item", "gangnam", "tok_visa"),
                null), HttpStatus.UNPROCESSABLE_ENTITY);
        assertProblem(post("/api/orders", customerToken, order(OPEN_STORE, item, "mapo", "tok_visa"), null),
                HttpStatus.UNPROCESSABLE_ENTITY);
        String closedItem = (String) menu(CLOSED_STORE).get(0).get("menuItemId");
        assertProblem(post("/api/orders", customerToken, order(CLOSED_STORE, closedItem, "gangnam", "tok_visa"),
                null), HttpStatus.CONFLICT);
        assertThat(runtime.createProcessInstanceQuery().variableValueEquals(VAR_CUSTOMER_ID, customer).count())
                .as("no refused placement starts a process").isZero();
    }

    @Test
    void onlyAuthenticatedCustomersPlaceOrders() {
        String item = (String) menu(OPEN_STORE).get(0).get("menuItemId");
        Map<String, Object> body = order(OPEN_STORE, item, "gangnam", "tok_visa");
        assertProblem(post("/api/orders", null, body, null), HttpStatus.UNAUTHORIZED);
        assertProblem(post("/api/orders", "not-a-jwt", body, null), HttpStatus.UNAUTHORIZED);
        assertProblem(post("/api/orders", ownerToken(OPEN_STORE), body, null), HttpStatus.FORBIDDEN);
    }

    @Test
    void sameIdempotencyKeyGivesTheSameAnswerAndOneOrder() {
        String item = (String) menu(OPEN_STORE).get(0).get("menuItemId");
        Map<String, Object> body = order(OPEN_STORE, item, "gangnam", "tok_visa");
        String key = UUID.randomUUID().toString();

        ResponseEntity<Map<String, Object>> first = post("/api/orders", customerToken, body, key);
        ResponseEntity<Map<String, Object>> again = post("/api/orders", customerToken, body, key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(runtime.createProcessInstanceQuery().variableValueEquals(VAR_CUSTOMER_ID, customer).count())
                .isEqualTo(1);

        Map<String, Object> otherBody = order(OPEN_STORE, item, "gangnam", "tok_mastercard");
        assertProblem(post("/api/orders", customerToken, otherBody, key), HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void concurrentCallsWithOneIdempotencyKeyPlaceOneOrder() throws Exception {
        String item = (String) menu(OPEN_STORE).get(0).get("menuItemId");
        Map<String, Object> body = order(OPEN_STORE, item, "gangnam", "tok_visa");
        String key = UUID.randomUUID().toString();

        List<ResponseEntity<Map<String, Object>>> answers = concurrently(
                () -> post("/api/orders", customerToken, body, key),
                () -> post("/api/orders", customerToken, body, key));

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode()).isEqualTo(HttpStatus.CREATED));
        assertThat(answers.get(0).getBody()).isEqualTo(answers.get(1).getBody());
        assertThat(runtime.createProcessInstanceQuery().variableValueEquals(VAR_CUSTOMER_ID, customer).count())
                .isEqualTo(1);
    }

    // ---- cancel ----------------------------------------------------------------------------------------

    @Test
    void cancelWhileTheChargeIsInFlightEndsCancelledWithARefundOfWhateverWasCharged() {
        String orderId = place();
        ResponseEntity<Map<String, Object>> response = post("/api/orders/" + orderId + "/cancel", customerToken,
                null, null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getBody()).containsEntry("orderId", orderId).containsEntry("status", "CANCEL_REQUESTED");
        ProcessInstance instance = instance(orderId);
        assertThat(instance).isWaitingAt(TASK_REFUND_CHARGE_IN_FLIGHT);
        completeExternalTask(orderId, TOPIC_PAYMENT_REFUND);
        assertThat(instance).isEnded().hasPassed(END_ORDER_CANCELLED);
    }

    @Test
    void cancelAfterPaymentRefundsThroughCompensation() {
        String orderId = paidOrder();
        assertThat(post("/api/orders/" + orderId + "/cancel", customerToken, null, null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        ProcessInstance instance = instance(orderId);
        assertThat(instance).isWaitingAt(TASK_REFUND_PAYMENT);
        completeExternalTask(orderId, TOPIC_PAYMENT_REFUND);
        assertThat(instance).isEnded().hasPassed(END_ORDER_CANCELLED).hasNotPassed(TASK_REFUND_CHARGE_IN_FLIGHT);
    }

    @Test
    void cancelIsRefusedOnceCookingStartedAndForOthersAndUnknownOrders() {
        String orderId = paidOrder();
        String owner = ownerToken(OPEN_STORE);
        assertThat(post(storePath(orderId, "accept"), owner, null, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post(storePath(orderId, "cooking-started"), owner, null, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        String stranger = token(Map.of("sub", "customer-" + UUID.randomUUID(), "role", "CUSTOMER"));
        assertProblem(post("/api/orders/" + orderId + "/cancel", stranger, null, null), HttpStatus.FORBIDDEN);
        assertProblem(post("/api/orders/" + UUID.randomUUID() + "/cancel", customerToken, null, null),
                HttpStatus.NOT_FOUND);
        assertProblem(post("/api/orders/" + orderId + "/cancel", customerToken, null, null), HttpStatus.CONFLICT);
        assertThat(instance(orderId)).isWaitingAt(TASK_FINISH_COOKING);
    }

    // ---- store owner -----------------------------------------------------------------------------------

    @Test
    void storeOwnerAcceptsCooksAndFinishesOnlyAtTheRightStep() {
        String orderId = place();
        String owner = ownerToken(OPEN_STORE);
        assertProblem(post(storePath(orderId, "accept"), owner, null, null), HttpStatus.CONFLICT);

        completeExternalTask(orderId, TOPIC_PAYMENT_CHARGE);
        assertProblem(post(storePath(orderId, "cooking-started"), owner, null, null), HttpStatus.CONFLICT);
        assertStep(post(storePath(orderId, "accept"), owner, null, null), orderId, "ACCEPTED");
        assertProblem(post(storePath(orderId, "accept"), owner, null, null), HttpStatus.CONFLICT);
        assertStep(post(storePath(orderId, "cooking-started"), owner, null, null), orderId, "COOKING");
        assertStep(post(storePath(orderId, "cooking-finished"), owner, null, null), orderId, "READY_FOR_PICKUP");
        assertThat(instance(orderId)).isWaitingAt(TASK_PICK_UP);
    }

    @Test
    void anotherStoresOwnerIsForbiddenAndRejectNeedsAReason() {
        String orderId = paidOrder();
        assertProblem(post(storePath(orderId, "accept"), ownerToken(OTHER_STORE), null, null), HttpStatus.FORBIDDEN);
        assertProblem(post("/api/stores/" + OTHER_STORE + "/orders/" + orderId + "/accept", ownerToken(OTHER_STORE),
                null, null), HttpStatus.NOT_FOUND);
        assertProblem(post(storePath(orderId, "accept"), customerToken, null, null), HttpStatus.FORBIDDEN);
        assertProblem(post(storePath(orderId, "reject"), ownerToken(OPEN_STORE), Map.of(), null),
                HttpStatus.BAD_REQUEST);
        assertProblem(post(storePath(orderId, "reject"), ownerToken(OPEN_STORE), Map.of("reason", " "), null),
                HttpStatus.BAD_REQUEST);
        assertThat(instance(orderId)).isWaitingAt(TASK_ACCEPT_ORDER);
    }

    @Test
    void rejectingRefundsThePayment() {
        String orderId = paidOrder();
        assertStep(post(storePath(orderId, "reject"), ownerToken(OPEN_STORE), Map.of("reason", "Out of chicken"),
                null), orderId, "REJECTED");

        ProcessInstance instance = instance(orderId);
        assertThat(instance).isWaitingAt(TASK_REFUND_PAYMENT).variables()
                .containsEntry(VAR_REJECTION_REASON, "Out of chicken");
        completeExternalTask(orderId, TOPIC_PAYMENT_REFUND);
        assertThat(instance).isEnded().hasPassed(END_ORDER_REJECTED);
    }

    // ---- rider -----------------------------------------------------------------------------------------

    @Test
    void riderOfTheRegionPicksAndCompletesAndOthersCannot() {
        String orderId = place();
        String gangnamRider = riderToken("rider-gangnam-1", "gangnam");
        String otherGangnamRider = riderToken("rider-gangnam-2", "gangnam");
        String mapoRider = riderToken("rider-mapo-1", "mapo");
        assertProblem(post("/api/deliveries/" + orderId + "/pick", gangnamRider, null, null), HttpStatus.CONFLICT);

        readyForPickup(orderId);
        assertProblem(post("/api/deliveries/" + orderId + "/complete", gangnamRider, null, null),
                HttpStatus.CONFLICT);
        assertProblem(post("/api/deliveries/" + orderId + "/pick", mapoRider, null, null), HttpStatus.FORBIDDEN);
        assertProblem(post("/api/deliveries/" + orderId + "/pick", customerToken, null, null), HttpStatus.FORBIDDEN);
        assertStep(post("/api/deliveries/" + orderId + "/pick", gangnamRider, null, null), orderId, "PICKED_UP");
        assertProblem(post("/api/deliveries/" + orderId + "/pick", otherGangnamRider, null, null),
                HttpStatus.CONFLICT);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(orderId)
                .taskDefinitionKey(TASK_CONFIRM_DELIVERY).singleResult().getAssignee()).isEqualTo("rider-gangnam-1");

        assertProblem(post("/api/deliveries/" + orderId + "/complete", otherGangnamRider, null, null),
                HttpStatus.FORBIDDEN);
        assertStep(post("/api/deliveries/" + orderId + "/complete", gangnamRider, null, null), orderId, "DELIVERED");
        ProcessInstance instance = instance(orderId);
        assertThat(instance).isWaitingAt(TASK_NOTIFY_CUSTOMER, TASK_NOTIFY_RIDERS);
        completeExternalTask(orderId, TOPIC_NOTIFY_RIDERS);
        completeExternalTask(orderId, TOPIC_NOTIFY_CUSTOMER);
        assertThat(instance).isEnded().hasPassed(END_ORDER_DELIVERED);
    }

    @Test
    void twoRidersPickingAtOnceGiveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 3; round++) {
            String orderId = place();
            readyForPickup(orderId);
            String first = riderToken("rider-gangnam-1", "gangnam");
            String second = riderToken("rider-gangnam-2", "gangnam");

            List<ResponseEntity<Map<String, Object>>> answers = concurrently(
                    () -> post("/api/deliveries/" + orderId + "/pick", first, null, null),
                    () -> post("/api/deliveries/" + orderId + "/pick", second, null, null));

            assertThat(answers).extracting(ResponseEntity::getStatusCode)
                    .containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey(orderId)
                    .taskDefinitionKey(TASK_CONFIRM_DELIVERY).count()).isEqualTo(1);
        }
    }

    // ---- concurrent steps of one order -----------------------------------------------------------------

    @Test
    void aWorkerCompletingANotificationWhileTheStoreAndTheRiderActNeverFailsTheirCommands() throws Exception {
        for (int round = 0; round < 6; round++) {
            String orderId = paidOrder();
            String owner = ownerToken(OPEN_STORE);
            List<ResponseEntity<Map<String, Object>>> accepted = concurrently(
                    () -> post(storePath(orderId, "accept"), owner, null, null),
                    () -> {
                        completeAsAWorkerWould(orderId, TOPIC_NOTIFY_STORE);
                        return null;
                    });
            assertStep(accepted.get(0), orderId, "ACCEPTED");
            assertThat(post(storePath(orderId, "cooking-started"), owner, null, null).getStatusCode())
                    .isEqualTo(HttpStatus.OK);
            assertThat(post(storePath(orderId, "cooking-finished"), owner, null, null).getStatusCode())
                    .isEqualTo(HttpStatus.OK);

            String rider = riderToken("rider-gangnam-1", "gangnam");
            List<ResponseEntity<Map<String, Object>>> picked = concurrently(
                    () -> post("/api/deliveries/" + orderId + "/pick", rider, null, null),
                    () -> {
                        completeAsAWorkerWould(orderId, TOPIC_NOTIFY_RIDERS);
                        return null;
                    });
            assertStep(picked.get(0), orderId, "PICKED_UP");
            assertThat(instance(orderId)).isWaitingAt(TASK_CONFIRM_DELIVERY);
            assertThat(externalTasks.createExternalTaskQuery().processInstanceId(instance(orderId).getId())
                    .count()).as("both notifications were completed").isZero();
        }
    }

    /**
     * Completes the order's open task of that topic as a worker does, once: the completion queues on the order's lock
     * behind the command, so it never loses an optimistic-locking race (which would throw here).
     */
    private void completeAsAWorkerWould(String orderId, String topic) {
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, "order-commands-it")
                .topic(topic, 60_000).businessKey(orderId).execute();
        assertThat(locked).hasSize(1);
        externalTasks.complete(locked.get(0).getId(), "order-commands-it");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private String place() {
        String item = (String) menu(OPEN_STORE).get(0).get("menuItemId");
        ResponseEntity<Map<String, Object>> response = post("/api/orders", customerToken,
                order(OPEN_STORE, item, "gangnam", "tok_visa"), null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) response.getBody().get("orderId");
    }

    private String paidOrder() {
        String orderId = place();
        completeExternalTask(orderId, TOPIC_PAYMENT_CHARGE);
        assertThat(instance(orderId)).isWaitingAt(TASK_ACCEPT_ORDER);
        return orderId;
    }

    private void readyForPickup(String orderId) {
        completeExternalTask(orderId, TOPIC_PAYMENT_CHARGE);
        String owner = ownerToken(OPEN_STORE);
        for (String step : List.of("accept", "cooking-started", "cooking-finished")) {
            assertThat(post(storePath(orderId, step), owner, null, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
    }

    private void completeExternalTask(String orderId, String topic) {
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, "order-commands-it")
                .topic(topic, 60_000)
                .businessKey(orderId)
                .execute();
        assertThat(locked).as("open %s task of order %s", topic, orderId).hasSize(1);
        externalTasks.complete(locked.get(0).getId(), "order-commands-it",
                TOPIC_PAYMENT_CHARGE.equals(topic) ? Map.of(VAR_PAYMENT_STATUS, "APPROVED") : Map.of());
    }

    /** The running instance of an order; BpmnAwareTests follows it into history once it ends. */
    private ProcessInstance instance(String orderId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .singleResult();
        assertThat(instance).as("running process of order %s", orderId).isNotNull();
        return instance;
    }

    private static String storePath(String orderId, String action) {
        return "/api/stores/" + OPEN_STORE + "/orders/" + orderId + "/" + action;
    }

    private static Map<String, Object> order(String storeId, String menuItemId, String region, String cardToken) {
        return Map.of("storeId", storeId,
                "items", List.of(Map.of("menuItemId", menuItemId, "quantity", 1)),
                "deliveryAddress", Map.of("region", region, "street", "Some street 7"),
                "payment", Map.of("method", "CARD", "cardToken", cardToken));
    }

    private List<Map<String, Object>> menu(String storeId) {
        ResponseEntity<List<Map<String, Object>>> response = http.exchange("/api/stores/" + storeId + "/menu",
                HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).isNotEmpty();
        return response.getBody();
    }

    private String ownerToken(String storeId) {
        return token(Map.of("sub", "owner-" + storeId, "role", "STORE_OWNER", "storeId", storeId));
    }

    private String riderToken(String riderId, String region) {
        return token(Map.of("sub", riderId, "role", "RIDER", "region", region));
    }

    private String token(Map<String, Object> claims) {
        ResponseEntity<Map<String, Object>> response = post("/api/dev/tokens", null, claims, null);
        assertThat(response.getStatusCode().is2xxSuccessful()).isTrue();
        return (String) response.getBody().get("token");
    }

    private ResponseEntity<Map<String, Object>> post(String path, String token, Object body, String idempotencyKey) {
        HttpHeaders headers = bearer(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                new ParameterizedTypeReference<>() {
                });
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return headers;
    }

    private static void assertProblem(ResponseEntity<Map<String, Object>> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString(PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("status", status.value());
    }

    private static void assertStep(ResponseEntity<Map<String, Object>> response, String orderId, String status) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("orderId", orderId).containsEntry("status", status);
    }

    @SafeVarargs
    private static <T> List<T> concurrently(Callable<T>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
