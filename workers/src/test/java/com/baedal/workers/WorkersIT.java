package com.baedal.workers;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.baedal.engine.EngineApplication;
import com.baedal.contract.PaymentStatus;
import com.baedal.testsupport.LocalPostgres;
import com.baedal.workers.payment.CardProvider;
import com.baedal.workers.payment.PaymentCredentials;
import com.baedal.workers.payment.PaymentService;
import com.baedal.workers.payment.PaymentSnapshot;
import com.baedal.workers.payment.ScriptedCardProvider;
import com.baedal.workers.payment.SimulatedCardProvider;
import com.baedal.workers.support.FetchLoop;
import com.baedal.workers.support.WorkerMetrics;
import com.baedal.workers.support.WorkersTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The workers against a real engine: the engine application runs in-process on its own database
 * (workers_it_engine) with its local profile (demo stores, demo users, the svc-workers service account); the workers
 * run as a Spring Boot test on workers_it, with the real external-task client fetching over HTTP. Orders are placed
 * through the engine's REST API with its dev tokens. The only stand-in is the card provider: the simulated one,
 * scripted so a test can hold a charge in flight or let the worker die after the provider charged
 * ({@link ScriptedCardProvider}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "baedal.payment.provider=scripted-simulated")
@ActiveProfiles({"local", "it"})
class WorkersIT {

    private static final String STORE = "chicken-gangnam";
    private static final String REGION = "gangnam";

    @TestConfiguration
    static class Provider {
        @Bean(destroyMethod = "close")
        ScriptedCardProvider scriptedCardProvider(DataSourceProperties dataSource) {
            return new ScriptedCardProvider(SimulatedCardProvider.connect(dataSource.determineUrl(),
                    dataSource.determineUsername(), dataSource.determinePassword(), 2));
        }
    }

    private static ConfigurableApplicationContext engine;
    private static int enginePort;

    @BeforeAll
    static void startEngine() {
        String engineDatabase = LocalPostgres.freshDatabase(WorkersTestDatabase.ENGINE);
        LocalPostgres.freshDatabase(WorkersTestDatabase.WORKERS);
        engine = new SpringApplicationBuilder(EngineApplication.class)
                .profiles("local")
                .run("--server.port=0",
                        // the workers' application.yaml shadows the engine's on this class path
                        "--spring.config.location=" + engineConfigLocation(),
                        "--spring.datasource.url=" + engineDatabase,
                        "--spring.autoconfigure.exclude="
                                + "org.camunda.bpm.client.spring.boot.starter.impl.ClientAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration",
                        // the rider-search escalation timer fires quickly, for the full delivery case
                        "--baedal.order.rider-search-timeout=PT1S",
                        // events are the read-model's business: no Kafka here, the outbox just fills up
                        "--baedal.events.relay.enabled=false",
                        "--logging.level.com.baedal=info");
        enginePort = Integer.parseInt(engine.getEnvironment().getProperty("local.server.port"));
    }

    @DynamicPropertySource
    static void engineRestUrl(DynamicPropertyRegistry registry) {
        registry.add("camunda.bpm.client.base-url", () -> "http://localhost:" + enginePort + "/engine-rest");
    }

    @AfterAll
    static void stopEngine(@Autowired ExternalTaskClient client, @Autowired FetchLoop paymentFetchLoop) {
        // no more fetches against an engine that is going away
        client.stop();
        paymentFetchLoop.stop();
        if (engine != null) {
            engine.close();
        }
    }

    /** The folder of the engine's own application*.yaml: its jar (or classes directory). */
    private static String engineConfigLocation() {
        URL location = EngineApplication.class.getProtectionDomain().getCodeSource().getLocation();
        String path = location.toString();
        if (path.endsWith(".jar")) {
            return "jar:" + path + "!/";
        }
        return path.endsWith("/") ? path : path + "/";
    }

    @Autowired ScriptedCardProvider provider;
    @Autowired PaymentService payments;
    @Autowired PaymentCredentials credentials;
    @Autowired ExternalTaskClient client;
    /** the payment topics' own fetch loop */
    @Autowired FetchLoop paymentFetchLoop;
    @Autowired JdbcClient workersDb;
    @Autowired MeterRegistry meters;
    @LocalServerPort int workersPort;

    private RestClient engineApi;
    private RestClient workersApi;
    private String customer;
    private String customerToken;

    @BeforeEach
    void clients() {
        engineApi = RestClient.create("http://localhost:" + enginePort);
        workersApi = RestClient.builder().baseUrl("http://localhost:" + workersPort)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
        customer = "customer-" + UUID.randomUUID();
        customerToken = token(Map.of("sub", customer, "role", "CUSTOMER"));
    }

    // ---- the cases of issue #4 ---------------------------------------------------------------------------------

    @Test
    void approvedOrderWaitsAtTheStoresAcceptTaskWithThePaymentApproved() {
        String orderId = placeOrder("tok_visa");

        awaitAcceptTask(orderId);
        PaymentSnapshot payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(payment.attempts()).isEqualTo(1);
        assertThat(payment.cancelled()).isFalse();
        assertThat(provider.simulator.calls(PaymentService.chargeKey(orderId))).isEqualTo(1);
        assertThat(provider.charged(orderId)).isTrue();
        assertThat(engineBean(RuntimeService.class).getVariable(processInstanceId(orderId), VAR_PAYMENT_STATUS))
                .isEqualTo(PaymentStatus.APPROVED.name());

        // the store is notified once
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(orderId, "STORE_NEW_ORDER") == 1);
        assertThat(workersDb.sql("select recipients from notification where order_id = ?").param(orderId)
                .query(String.class).single()).isEqualTo(storeGroup(STORE));

        // GET /api/payments with the engine's dev tokens: the customer sees it, another customer does not
        ResponseEntity<Map<String, Object>> mine = getPayment(orderId, customerToken);
        assertThat(mine.getStatusCode().value()).isEqualTo(200);
        assertThat(mine.getBody()).containsEntry("orderId", orderId).containsEntry("status", PaymentStatus.APPROVED.name())
                .containsEntry("cancelled", false).containsEntry("attempts", 1)
                .containsKeys("amount", "updatedAt");
        ResponseEntity<Map<String, Object>> others = getPayment(orderId,
                token(Map.of("sub", "someone-else", "role", "CUSTOMER")));
        assertThat(others.getStatusCode().value()).isEqualTo(404);
        assertThat(others.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(getPayment(orderId, token(Map.of("sub", "ops", "role", "OPERATOR"))).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void declinedCardEndsTheOrderPaymentFailedWithNothingCharged() {
        String orderId = placeOrder(SimulatedCardProvider.TOKEN_DECLINED);

        awaitEndedAt(orderId, END_PAYMENT_FAILED);
        PaymentSnapshot payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.attempts()).isEqualTo(1); // a BPMN error, not retried
        assertThat(provider.charged(orderId)).isFalse();
    }

    @Test
    void flakyProviderIsRetriedAndChargedOnce() {
        String orderId = placeOrder(SimulatedCardProvider.TOKEN_FLAKY);

        awaitAcceptTask(orderId);
        PaymentSnapshot payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(payment.attempts()).isEqualTo(3);
        assertThat(provider.simulator.calls(PaymentService.chargeKey(orderId))).isEqualTo(3);
        assertThat(provider.operations(orderId)).hasSize(1);
        assertThat(meters.counter(WorkerMetrics.TASKS, "topic", TOPIC_PAYMENT_CHARGE, "outcome", "retry").count())
                .isGreaterThanOrEqualTo(2);
        assertThat(getPayment(orderId, customerToken).getBody()).containsEntry("attempts", 3);
    }

    @Test
    void aChargeTaskWhoseWorkerDiedAfterTheProviderChargedIsFetchedAgainAndChargesOnce() {
        String orderId = chargeByAWorkerThatDiesAfterTheProviderCharged();

        awaitAcceptTask(orderId); // the real worker got the task again once the dead one's lock expired
        assertThat(provider.simulator.calls(PaymentService.chargeKey(orderId))).as("asked by key, not charged again")
                .isEqualTo(1);
        assertThat(provider.operations(orderId)).hasSize(1);
        PaymentSnapshot payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(payment.providerReference()).isEqualTo(provider.operations(orderId).get(0).reference());
        assertThat(payment.attempts()).isEqualTo(2);
    }

    @Test
    void anOrderCancelledAfterItsWorkerDiedBetweenProviderChargeAndCommitIsRefundedOnce() {
        // the workers are down (killed, restarting) and the customer cancels meanwhile: the charge task goes away
        // with the cancel; then the workers are back
        String orderId = whileNoWorkerFetchesCharges(() -> {
            String order = chargeByAWorkerThatDiesAfterTheProviderCharged();
            cancelAsCustomer(order);
            return order;
        });

        awaitEndedAt(orderId, END_ORDER_CANCELLED);
        PaymentSnapshot payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.cancelled()).isTrue();
        List<CardProvider.Operation> ledger = provider.operations(orderId);
        assertThat(ledger).extracting(CardProvider.Operation::kind)
                .containsExactly(CardProvider.Kind.CHARGE, CardProvider.Kind.REFUND);
        assertThat(ledger.get(1).amount()).as("exactly what was charged").isEqualTo(ledger.get(0).amount());
        assertThat(ledger.get(1).chargeReference()).isEqualTo(ledger.get(0).reference());
        assertThat(finalPaymentStatus(orderId)).isEqualTo(PaymentStatus.REFUNDED.name());
    }

    /** Runs {@code setUp} with the payments' fetch loop stopped, then starts it: no worker charges meanwhile. */
    private String whileNoWorkerFetchesCharges(Supplier<String> setUp) {
        paymentFetchLoop.stop();
        try {
            return setUp.get();
        } finally {
            paymentFetchLoop.start();
        }
    }

    /**
     * Plays a worker that fetches the order's charge task (lock of one second), gets it charged at the provider and
     * dies before recording the answer or completing the task. The payments' fetch loop is stopped meanwhile.
     */
    private String chargeByAWorkerThatDiesAfterTheProviderCharged() {
        boolean wasActive = paymentFetchLoop.isActive();
        paymentFetchLoop.stop();
        try {
            String orderId = placeOrder("tok_visa");
            ExternalTaskService engineTasks = engineBean(ExternalTaskService.class);
            List<LockedExternalTask> locked = await().atMost(Duration.ofSeconds(20)).until(
                    () -> engineTasks.fetchAndLock(1, "worker-that-crashes")
                            .topic(TOPIC_PAYMENT_CHARGE, 1_000)
                            .businessKey(orderId)
                            .variables(VAR_ORDER_ID, VAR_CUSTOMER_ID, VAR_TOTAL, VAR_PAYMENT_CREDENTIAL)
                            .execute(),
                    tasks -> !tasks.isEmpty());
            Map<String, Object> variables = locked.get(0).getVariables();
            provider.crashOnce(ScriptedCardProvider.Crash.AFTER_CHARGE);
            assertThatThrownBy(() -> payments.charge(new PaymentService.ChargeRequest(
                    (String) variables.get(VAR_ORDER_ID), (String) variables.get(VAR_CUSTOMER_ID),
                    ((Number) variables.get(VAR_TOTAL)).longValue(),
                    credentials.cardToken(orderId, (String) variables.get(VAR_PAYMENT_CREDENTIAL)))))
                    .hasMessageContaining("kill -9");
            assertThat(provider.charged(orderId)).as("the provider took the money").isTrue();
            assertThat(payment(orderId).status()).as("the record does not know yet").isEqualTo(PaymentStatus.PENDING);
            return orderId;
        } finally {
            if (wasActive) {
                paymentFetchLoop.start();
            }
        }
    }

    @Test
    void aChargeSlowerThanTheLockKeepsItsLockAndIsNotTakenOverByAnotherWorker() throws Exception {
        String orderId = placeOrder(ScriptedCardProvider.TOKEN_HELD);
        provider.hold(orderId).awaitReached();
        ExternalTaskService engineTasks = engineBean(ExternalTaskService.class);
        org.camunda.bpm.engine.externaltask.ExternalTask charge = engineTasks.createExternalTaskQuery()
                .processInstanceId(processInstanceId(orderId)).topicName(TOPIC_PAYMENT_CHARGE).singleResult();
        assertThat(charge.getWorkerId()).as("fetched by the payments' own loop").endsWith("-payments");
        Instant firstLockExpiry = charge.getLockExpirationTime().toInstant();

        // the first lock would have run out by now: the worker keeps extending it while the provider call runs
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(firstLockExpiry.plusSeconds(1)));
        assertThat(engineTasks.createExternalTaskQuery().externalTaskId(charge.getId()).singleResult()
                .getLockExpirationTime().toInstant()).isAfter(Instant.now());
        assertThat(engineTasks.fetchAndLock(1, "another-worker").topic(TOPIC_PAYMENT_CHARGE, 10_000)
                .businessKey(orderId).execute()).as("nobody else gets the task").isEmpty();

        provider.hold(orderId).release().countDown();
        awaitAcceptTask(orderId);
        assertThat(provider.operations(orderId)).hasSize(1);
        assertThat(payment(orderId).attempts()).isEqualTo(1);
    }

    @Test
    void rejectedOrderIsRefunded() {
        String orderId = placeOrder("tok_visa");
        awaitAcceptTask(orderId);

        ResponseEntity<Map<String, Object>> rejected = engineApi.post()
                .uri("/api/stores/{store}/orders/{order}/reject", STORE, orderId)
                .header("Authorization", "Bearer " + token(Map.of("sub", "owner-" + STORE, "role", "STORE_OWNER",
                        "storeId", STORE)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "Out of chicken"))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });
        assertThat(rejected.getStatusCode().value()).isEqualTo(200);

        awaitEndedAt(orderId, END_ORDER_REJECTED);
        PaymentSnapshot payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.cancelled()).isTrue();
        assertThat(provider.refunded(orderId)).isTrue();
        assertThat(provider.simulator.calls(PaymentService.refundKey(orderId))).isEqualTo(1);
        assertThat(finalPaymentStatus(orderId)).as("the engine learns that money went back")
                .isEqualTo(PaymentStatus.REFUNDED.name());
    }

    /** The last value of the order's paymentStatus variable, read from the engine's history. */
    private Object finalPaymentStatus(String orderId) {
        HistoryService history = engineBean(HistoryService.class);
        return history.createHistoricVariableInstanceQuery()
                .processInstanceId(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult().getId())
                .variableName(VAR_PAYMENT_STATUS)
                .singleResult()
                .getValue();
    }

    @Test
    void cancelWhileTheChargeIsInFlightKeepsNothing() throws Exception {
        String orderId = placeOrder(ScriptedCardProvider.TOKEN_HELD);
        provider.hold(orderId).awaitReached();
        double refundsWaiting = deferred(TOPIC_PAYMENT_REFUND);

        cancelAsCustomer(orderId);
        // the refund (another handler thread) must not conclude "nothing taken" while the charge is in flight
        await().atMost(Duration.ofSeconds(30)).until(() -> deferred(TOPIC_PAYMENT_REFUND) > refundsWaiting);
        assertThat(payment(orderId).cancelled()).isTrue();
        provider.hold(orderId).release().countDown(); // the provider answers now: approved, after the order was cancelled

        awaitEndedAt(orderId, END_ORDER_CANCELLED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> payment(orderId).status() == PaymentStatus.REFUNDED);
        assertThat(payment(orderId).cancelled()).isTrue();
        // money was taken by the late charge and given back: nothing kept, and the engine knows
        assertThat(provider.charged(orderId)).isTrue();
        assertThat(provider.refunded(orderId)).isTrue();
        assertThat(finalPaymentStatus(orderId)).isEqualTo(PaymentStatus.REFUNDED.name());
    }

    @Test
    void cancelBeforeTheChargeRanKeepsNothingAndNeverCharges() {
        // the order is cancelled before any worker fetched its charge
        String orderId = whileNoWorkerFetchesCharges(() -> {
            String order = placeOrder("tok_visa");
            cancelAsCustomer(order);
            return order;
        });

        awaitEndedAt(orderId, END_ORDER_CANCELLED);
        PaymentSnapshot payment = payment(orderId);
        assertThat(payment.cancelled()).isTrue();
        assertThat(payment.attempts()).isZero();
        assertThat(provider.simulator.calls(PaymentService.chargeKey(orderId))).isZero();
        // no charge was ever attempted: the payments API answers 404
        assertThat(getPayment(orderId, customerToken).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void unavailableProviderEndsInAnIncidentAfterTheRetries() {
        String orderId = placeOrder(SimulatedCardProvider.TOKEN_UNAVAILABLE);

        RuntimeService runtime = engineBean(RuntimeService.class);
        Incident incident = await().atMost(Duration.ofSeconds(45)).until(
                () -> runtime.createIncidentQuery().processInstanceId(processInstanceId(orderId)).singleResult(),
                found -> found != null);
        assertThat(incident.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(TASK_CHARGE_PAYMENT);
        assertThat(incident.getIncidentMessage()).contains("Card provider unavailable");
        PaymentSnapshot payment = payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.attempts()).isEqualTo(3);
        assertThat(provider.operations(orderId)).isEmpty();
        assertThat(meters.counter(WorkerMetrics.TASKS, "topic", TOPIC_PAYMENT_CHARGE, "outcome", "incident")
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aPaymentCredentialSealedForAnotherOrderChargesNothing() {
        // the credential is swapped before any worker sees the charge
        String orderId = whileNoWorkerFetchesCharges(() -> {
            String order = placeOrder("tok_visa");
            String otherOrderId = placeOrder("tok_visa");
            RuntimeService runtime = engineBean(RuntimeService.class);
            runtime.setVariable(processInstanceId(order), VAR_PAYMENT_CREDENTIAL,
                    runtime.getVariable(processInstanceId(otherOrderId), VAR_PAYMENT_CREDENTIAL));
            return order;
        });

        RuntimeService runtime = engineBean(RuntimeService.class);
        Incident incident = await().atMost(Duration.ofSeconds(45)).until(
                () -> runtime.createIncidentQuery().processInstanceId(processInstanceId(orderId)).singleResult(),
                found -> found != null);
        assertThat(incident.getActivityId()).isEqualTo(TASK_CHARGE_PAYMENT);
        assertThat(incident.getIncidentMessage()).contains("payment credential of order " + orderId)
                .contains("sealed for another order");
        assertThat(provider.simulator.calls(PaymentService.chargeKey(orderId))).isZero();
        assertThat(provider.operations(orderId)).isEmpty();
    }

    @Test
    void aDeliveredOrderNotifiedStoreRidersOperatorsAndCustomerOnceEach() {
        String orderId = placeOrder("tok_visa");
        awaitAcceptTask(orderId);
        String owner = token(Map.of("sub", "owner-" + STORE, "role", "STORE_OWNER", "storeId", STORE));
        for (String step : List.of("accept", "cooking-started", "cooking-finished")) {
            assertThat(command("/api/stores/" + STORE + "/orders/" + orderId + "/" + step, owner)).isEqualTo(200);
        }
        // nobody picks it within PT1S: the escalation goes out (operators + neighbouring regions' riders)
        await().atMost(Duration.ofSeconds(45)).until(() -> notifications(orderId, "RIDER_SEARCH_ESCALATED") == 1);
        String rider = token(Map.of("sub", "rider-" + REGION + "-1", "role", "RIDER", "region", REGION));
        assertThat(command("/api/deliveries/" + orderId + "/pick", rider)).isEqualTo(200);
        assertThat(command("/api/deliveries/" + orderId + "/complete", rider)).isEqualTo(200);

        awaitEndedAt(orderId, END_ORDER_DELIVERED);
        assertThat(workersDb.sql("select kind || ' -> ' || recipients from notification where order_id = ? "
                        + "order by kind").param(orderId).query(String.class).list())
                .containsExactly(
                        "CUSTOMER_DELIVERED -> " + customer,
                        "RIDERS_NEW_DELIVERY -> " + ridersGroup(REGION),
                        "RIDER_SEARCH_ESCALATED -> " + String.join(",", GROUP_OPERATORS, ridersGroup("seocho"),
                                ridersGroup("songpa")),
                        "STORE_NEW_ORDER -> " + storeGroup(STORE));
        assertThat(payment(orderId).status()).isEqualTo(PaymentStatus.APPROVED); // delivered: money kept
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static <T> T engineBean(Class<T> type) {
        return engine.getBean(type);
    }

    private String token(Map<String, String> claims) {
        Map<String, Object> answer = RestClient.create("http://localhost:" + enginePort).post()
                .uri("/api/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .body(claims)
                .retrieve()
                .body(new ParameterizedTypeReference<>() { });
        return (String) answer.get("token");
    }

    /** The customer cancels the order through the engine's API (202: accepted). */
    private void cancelAsCustomer(String orderId) {
        ResponseEntity<Map<String, Object>> cancel = engineApi.post()
                .uri("/api/orders/{order}/cancel", orderId)
                .header("Authorization", "Bearer " + customerToken)
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });
        assertThat(cancel.getStatusCode().value()).isEqualTo(202);
    }

    private String placeOrder(String cardToken) {
        List<Map<String, Object>> menu = engineApi.get().uri("/api/stores/{store}/menu", STORE).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        Map<String, Object> placed = engineApi.post().uri("/api/orders")
                .header("Authorization", "Bearer " + customerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("storeId", STORE,
                        "items", List.of(Map.of("menuItemId", menu.get(0).get("menuItemId"), "quantity", 2)),
                        "deliveryAddress", Map.of("region", REGION, "street", "Teheran-ro 152"),
                        "payment", Map.of("method", "CARD", "cardToken", cardToken)))
                .retrieve()
                .body(new ParameterizedTypeReference<>() { });
        return (String) placed.get("orderId");
    }

    private int command(String path, String bearer) {
        return engineApi.post().uri(path)
                .header("Authorization", "Bearer " + bearer)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode().value();
    }

    private ResponseEntity<Map<String, Object>> getPayment(String orderId, String bearer) {
        return workersApi.get().uri("/api/payments/{order}", orderId)
                .header("Authorization", "Bearer " + bearer)
                .retrieve()
                .toEntity(new ParameterizedTypeReference<>() { });
    }

    private PaymentSnapshot payment(String orderId) {
        return payments.find(orderId).orElseThrow(() -> new AssertionError("no payment record of " + orderId));
    }

    private double deferred(String topic) {
        return meters.counter(WorkerMetrics.TASKS, "topic", topic, "outcome", "deferred").count();
    }

    private long notifications(String orderId, String kind) {
        return workersDb.sql("select count(*) from notification where order_id = ? and kind = ?")
                .params(orderId, kind).query(Long.class).single();
    }

    private static String processInstanceId(String orderId) {
        HistoricProcessInstance instance = engineBean(HistoryService.class).createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).singleResult();
        assertThat(instance).as("process instance of order " + orderId).isNotNull();
        return instance.getId();
    }

    private static void awaitAcceptTask(String orderId) {
        TaskService tasks = engineBean(TaskService.class);
        await().atMost(Duration.ofSeconds(45)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(orderId).taskDefinitionKey(TASK_ACCEPT_ORDER).count() == 1);
    }

    private static void awaitEndedAt(String orderId, String endEventId) {
        HistoryService history = engineBean(HistoryService.class);
        await().atMost(Duration.ofSeconds(45)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).finished().count() == 1);
        assertThat(history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId(orderId)).activityId(endEventId).count())
                .as("order %s ended at %s", orderId, endEventId).isEqualTo(1);
    }
}
