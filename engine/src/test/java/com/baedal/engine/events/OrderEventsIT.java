package com.baedal.engine.events;

import static com.baedal.process.OrderProcess.*;
import static com.baedal.contract.event.OrderEventType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderEventsOnTopic;
import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventType;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Process steps become order events (SPEC §4) on the real Kafka topic: orders driven through the HTTP API, external
 * tasks completed as the workers would, timers run through the ManagementService.
 */
@EngineIntegrationTest
class OrderEventsIT extends PlacedOrdersOnTopic {

    private static final Duration QUIET = Duration.ofMillis(1500);

    @Autowired TaskService taskService;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired MeterRegistry meters;

    @Test
    void aDeliveredOrderPublishesItsStepsInOrderKeyedByOrderId() {
        String orderId = api.place("tok_visa");
        api.readyForPickup(orderId);
        api.deliver(orderId, "rider-gangnam-1");

        List<OrderEventsOnTopic.Received> records = topic.awaitRecords(orderId, r -> r.size() >= 7,
                Duration.ofSeconds(20));
        List<OrderEvent> events = records.stream().map(OrderEventsOnTopic.Received::event).toList();
        assertThat(events).extracting(OrderEvent::type).containsExactly(OrderPlaced, PaymentApproved, OrderAccepted,
                CookingStarted, CookingFinished, OrderPickedUp, OrderDelivered);
        assertThat(events).extracting(OrderEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(orderId));
        assertThat(records).extracting(OrderEventsOnTopic.Received::partition).containsOnly(records.get(0).partition());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.orderId()).isEqualTo(orderId);
            assertThat(e.occurredAt()).isNotNull();
        });
        assertThat(events).extracting(OrderEvent::eventId).doesNotHaveDuplicates();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).occurredAt()).isAfterOrEqualTo(events.get(i - 1).occurredAt());
        }

        // OrderPlaced carries the whole order, priced from the menu
        List<Map<String, Object>> menu = api.menu();
        long first = ((Number) menu.get(0).get("price")).longValue();
        long second = ((Number) menu.get(1).get("price")).longValue();
        Map<String, Object> store = api.store();
        JsonNode placed = events.get(0).data();
        assertThat(placed.get("customerId").asText()).isEqualTo(api.customer);
        assertThat(placed.get("storeId").asText()).isEqualTo(EventsApi.STORE);
        assertThat(placed.get("storeName").asText()).isEqualTo(store.get("name"));
        assertThat(placed.get("region").asText()).isEqualTo(EventsApi.REGION);
        assertThat(placed.get("total").asLong()).isEqualTo(2 * first + second);
        assertThat(placed.get("paymentMethod").asText()).isEqualTo("CARD");
        assertThat(placed.get("storeLat").asDouble()).isEqualTo(((Number) store.get("lat")).doubleValue());
        assertThat(placed.get("storeLon").asDouble()).isEqualTo(((Number) store.get("lon")).doubleValue());
        JsonNode items = placed.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("menuItemId").asText()).isEqualTo(menu.get(0).get("menuItemId"));
        assertThat(items.get(0).get("name").asText()).isEqualTo(menu.get(0).get("name"));
        assertThat(items.get(0).get("price").asLong()).isEqualTo(first);
        assertThat(items.get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(items.get(0).get("lineTotal").asLong()).isEqualTo(2 * first);
        assertThat(items.get(1).get("lineTotal").asLong()).isEqualTo(second);
        JsonNode address = placed.get("deliveryAddress");
        assertThat(address.get("region").asText()).isEqualTo(EventsApi.REGION);
        assertThat(address.get("street").asText()).isEqualTo("Teheran-ro 152");
        assertThat(address.get("lat").asDouble()).isEqualTo(37.5);

        assertThat(events.get(1).data().get("amount").asLong()).isEqualTo(2 * first + second);
        assertThat(events.get(5).data().get("riderId").asText()).isEqualTo("rider-gangnam-1");
        assertThat(events.get(6).data().get("riderId").asText()).isEqualTo("rider-gangnam-1");

        // nothing more for this order, and its outbox rows are gone once published
        assertThat(topic.settle(orderId, QUIET)).hasSize(7);
        assertThat(outboxRows(orderId)).isZero();
        assertThat(meters.get("baedal.orders.events").tag("type", "OrderDelivered").counter().count()).isPositive();
        assertThat(meters.get("baedal.orders").tag("status", "DELIVERED").counter().count()).isPositive();
        assertThat(meters.get("baedal.outbox.published").counter().count()).isGreaterThanOrEqualTo(7);
        assertThat(meters.get("baedal.outbox.size").gauge().value()).isNotNaN();
        assertThat(meters.get("baedal.outbox.oldest.age.seconds").gauge().value()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aDeclinedPaymentEndsWithPaymentDeclined() {
        String orderId = api.place("tok_declined");
        externalTasks.handleBpmnError(api.lock(orderId, TOPIC_PAYMENT_CHARGE).getId(), EventsApi.WORKER,
                ERROR_PAYMENT_DECLINED, "Card declined");

        List<OrderEvent> events = awaitExactly(orderId, OrderPlaced, PaymentDeclined);
        assertAmountIsTheOrderTotal(events, 1);
    }

    @Test
    void aRejectedOrderIsRejectedWithItsReasonThenRefunded() {
        String orderId = api.place("tok_visa");
        api.charge(orderId);
        api.store(orderId, "reject");
        api.complete(orderId, TOPIC_PAYMENT_REFUND, Map.of(VAR_PAYMENT_STATUS, "REFUNDED"));

        List<OrderEvent> events = awaitExactly(orderId, OrderPlaced, PaymentApproved, OrderRejected, PaymentRefunded);
        assertThat(events.get(2).data().get("reason").asText()).isEqualTo("Out of chicken");
        assertAmountIsTheOrderTotal(events, 3);
    }

    @Test
    void aStoreThatDoesNotAnswerRejectsWithStoreTimeout() {
        String orderId = api.place("tok_visa");
        api.charge(orderId);
        runTimer(orderId, EVENT_STORE_ANSWER_TIMEOUT);
        api.complete(orderId, TOPIC_PAYMENT_REFUND, Map.of(VAR_PAYMENT_STATUS, "REFUNDED"));

        List<OrderEvent> events = topic.await(orderId, 4);
        assertTypesAndSequence(events, OrderPlaced, PaymentApproved, OrderRejected, PaymentRefunded);
        assertThat(events.get(2).data().get("reason").asText()).isEqualTo(REASON_STORE_TIMEOUT);
    }

    @Test
    void cancelWhileTheChargeIsInFlightIsCancelledAfterTheRefundOfWhatWasCharged() {
        String orderId = api.place("tok_visa");
        api.lock(orderId, TOPIC_PAYMENT_CHARGE); // the payment worker is charging
        assertThat(api.cancel(orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.complete(orderId, TOPIC_PAYMENT_REFUND, Map.of(VAR_PAYMENT_STATUS, "REFUNDED"));

        awaitExactly(orderId, OrderPlaced, PaymentRefunded, OrderCancelled);
    }

    @Test
    void aRefundThatReturnedNoMoneyPublishesNoPaymentRefunded() {
        String orderId = api.place("tok_visa");
        api.lock(orderId, TOPIC_PAYMENT_CHARGE);
        assertThat(api.cancel(orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.complete(orderId, TOPIC_PAYMENT_REFUND, Map.of()); // nothing had been charged

        assertTypesAndSequence(topic.await(orderId, 2), OrderPlaced, OrderCancelled);
        assertThat(topic.settle(orderId, QUIET)).extracting(OrderEvent::type)
                .containsExactly(OrderPlaced, OrderCancelled);
    }

    @Test
    void cancelAfterPaymentIsRefundedThroughCompensationThenCancelled() {
        String orderId = api.place("tok_visa");
        api.charge(orderId);
        assertThat(api.cancel(orderId).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api.complete(orderId, TOPIC_PAYMENT_REFUND, Map.of(VAR_PAYMENT_STATUS, "REFUNDED"));

        assertTypesAndSequence(topic.await(orderId, 4), OrderPlaced, PaymentApproved, PaymentRefunded,
                OrderCancelled);
    }

    @Test
    void noRiderInTimeEscalatesToTheNeighbouringRegionsAndTheOrderGoesOn() {
        String orderId = api.place("tok_visa");
        api.readyForPickup(orderId);
        runTimer(orderId, EVENT_RIDER_SEARCH_TIMEOUT);
        api.deliver(orderId, "rider-gangnam-2");

        List<OrderEvent> events = topic.await(orderId, 8);
        assertTypesAndSequence(events, OrderPlaced, PaymentApproved, OrderAccepted, CookingStarted, CookingFinished,
                RiderSearchEscalated, OrderPickedUp, OrderDelivered);
        JsonNode escalated = events.get(5).data();
        assertThat(escalated.get("region").asText()).isEqualTo("gangnam");
        assertThat(escalated.get("notifiedRegions")).extracting(JsonNode::asText)
                .containsExactly("seocho", "songpa");
    }

    @Test
    void aStepWhoseTransactionRollsBackLeavesNoEvent() {
        String orderId = api.place("tok_visa");
        api.charge(orderId);
        String processInstanceId = jdbc.sql("select process_instance_id from baedal.customer_order where order_id = ?")
                .param(UUID.fromString(orderId)).query(String.class).single();
        Task accept = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(TASK_ACCEPT_ORDER).singleResult();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            taskService.complete(accept.getId(), Map.of(VAR_ACCEPTED, true));
            // inside the step's transaction the event row is there ...
            assertThat(outboxTypes(orderId)).contains(OrderAccepted.name());
            throw new IllegalStateException("the step fails after the engine completed the task");
        })).isInstanceOf(IllegalStateException.class);

        // ... and it went with the rollback: no row, sequence unchanged, nothing on the topic
        assertThat(outboxTypes(orderId)).doesNotContain(OrderAccepted.name());
        assertThat(sequenceOf(orderId)).isEqualTo(2);
        assertThat(topic.settle(orderId, QUIET)).extracting(OrderEvent::type)
                .containsExactly(OrderPlaced, PaymentApproved);

        api.store(orderId, "accept");
        assertTypesAndSequence(topic.await(orderId, 3), OrderPlaced, PaymentApproved, OrderAccepted);
    }

    @Test
    void anOrderProcessNotStartedByItsPlacementCannotStart() {
        String orderId = UUID.randomUUID().toString();
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(PROCESS_KEY, orderId,
                Map.of(VAR_ORDER_ID, orderId, VAR_STORE_ID, EventsApi.STORE)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Orders are placed through POST /api/orders");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).count()).isZero();
        assertThat(outboxRows(orderId)).isZero();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void runTimer(String orderId, String timerActivityId) {
        String processInstanceId = jdbc.sql("select process_instance_id from baedal.customer_order where order_id = ?")
                .param(UUID.fromString(orderId)).query(String.class).single();
        Job timer = management.createJobQuery().processInstanceId(processInstanceId).activityId(timerActivityId)
                .timers().singleResult();
        assertThat(timer).as("timer %s of order %s", timerActivityId, orderId).isNotNull();
        management.executeJob(timer.getId());
    }

    /** The order's events are these, in this order and sequence, and no more come once the topic is quiet. */
    private List<OrderEvent> awaitExactly(String orderId, OrderEventType... types) {
        List<OrderEvent> events = topic.await(orderId, types.length);
        assertTypesAndSequence(events, types);
        assertThat(topic.settle(orderId, QUIET)).hasSize(types.length);
        return events;
    }

    private static void assertTypesAndSequence(List<OrderEvent> events, OrderEventType... types) {
        assertThat(events).extracting(OrderEvent::type).containsExactly(types);
        assertThat(events).extracting(OrderEvent::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, types.length).mapToObj(i -> (long) i).toList());
    }

    /** A payment event's amount is the order's total, as OrderPlaced (the first event) carries it. */
    private static void assertAmountIsTheOrderTotal(List<OrderEvent> events, int paymentEvent) {
        assertThat(events.get(paymentEvent).data().get("amount").asLong())
                .isEqualTo(events.get(0).data().get("total").asLong());
    }

    private long outboxRows(String orderId) {
        return jdbc.sql("select count(*) from baedal.outbox_event where order_id = ?")
                .param(UUID.fromString(orderId)).query(Long.class).single();
    }

    private List<String> outboxTypes(String orderId) {
        return jdbc.sql("select type from baedal.outbox_event where order_id = ? order by id")
                .param(UUID.fromString(orderId)).query(String.class).list();
    }

    private int sequenceOf(String orderId) {
        return jdbc.sql("select event_sequence from baedal.customer_order where order_id = ?")
                .param(UUID.fromString(orderId)).query(Integer.class).single();
    }
}
