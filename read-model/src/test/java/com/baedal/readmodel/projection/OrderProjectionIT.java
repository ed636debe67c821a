package com.baedal.readmodel.projection;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

class OrderProjectionIT extends ReadModelIntegrationTest {

    @Autowired
    MeterRegistry meters;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ProjectionRebuild rebuild;

    private TestOrder newOrder() {
        return new TestOrder(json, "cust-" + UUID.randomUUID(), "store-" + UUID.randomUUID(), "gangnam");
    }

    private JsonNode view(TestOrder order) {
        return get("/api/orders/" + order.orderId, TestTokens.operator()).jsonBody();
    }

    private void assertEndedAs(TestOrder order, String status, String paymentStatus, boolean paymentCancelled) {
        JsonNode view = view(order);
        assertThat(view.path("status").asText()).isEqualTo(status);
        assertThat(view.path("payment").path("status").asText()).isEqualTo(paymentStatus);
        assertThat(view.path("payment").path("cancelled").asBoolean()).isEqualTo(paymentCancelled);
    }

    @Test
    void deliveredOrderGivesTheFullViewWithEveryHistoryStep() {
        TestOrder order = newOrder();
        send(order.delivered("rider-gangnam-1"));
        awaitApplied(order.orderId, 8);

        JsonNode view = get("/api/orders/" + order.orderId, TestTokens.customer(order.customerId)).jsonBody();
        assertThat(view.path("orderId").asText()).isEqualTo(order.orderId);
        assertThat(view.path("customerId").asText()).isEqualTo(order.customerId);
        assertThat(view.path("storeId").asText()).isEqualTo(order.storeId);
        assertThat(view.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(view.path("total").asLong()).isEqualTo(38000);
        assertThat(view.path("items")).hasSize(2);
        assertThat(view.path("items").get(0).path("name").asText()).isEqualTo("Fried chicken");
        assertThat(view.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(view.path("deliveryAddress").path("street").asText()).isEqualTo("12 Teheran-ro");
        assertThat(view.path("payment").path("status").asText()).isEqualTo("APPROVED");
        assertThat(view.path("payment").path("amount").asLong()).isEqualTo(38000);
        assertThat(view.path("payment").path("cancelled").asBoolean()).isFalse();
        assertThat(view.path("riderId").asText()).isEqualTo("rider-gangnam-1");
        assertThat(view.path("updatedAt").asText()).isEqualTo(order.at(8));
        assertThat(view.has("region")).isFalse();
        List<String> statuses = new ArrayList<>();
        view.path("history").forEach(step -> statuses.add(step.path("status").asText()));
        assertThat(statuses).containsExactly("PLACED", "PAID", "ACCEPTED", "COOKING", "READY_FOR_PICKUP",
                "PICKED_UP", "DELIVERED");
        // each step at the time of its event (the escalation #6 is no status step)
        assertThat(view.path("history").get(0).path("at").asText()).isEqualTo(order.at(1));
        assertThat(view.path("history").get(5).path("at").asText()).isEqualTo(order.at(7));
    }

    @Test
    void rejectedOrderIsRefundedAndCancelled() {
        TestOrder order = newOrder();
        sendApplied(List.of(order.placed(),
                order.event(OrderEventType.PaymentApproved, 2, new OrderEventData.PaymentApproved(38000)),
                order.event(OrderEventType.OrderRejected, 3, new OrderEventData.OrderRejected("STORE_TIMEOUT")),
                order.event(OrderEventType.PaymentRefunded, 4, new OrderEventData.PaymentRefunded(38000))));
        assertEndedAs(order, "REJECTED", "REFUNDED", true);
    }

    @Test
    void declinedPaymentEndsPaymentFailed() {
        TestOrder order = newOrder();
        sendApplied(List.of(order.placed(),
                order.event(OrderEventType.PaymentDeclined, 2, new OrderEventData.PaymentDeclined(38000))));
        assertEndedAs(order, "PAYMENT_FAILED", "DECLINED", false);
    }

    @Test
    void duplicatesAndRedeliveryChangeNothing() {
        TestOrder order = newOrder();
        List<OrderEvent> events = order.delivered("rider-1");
        send(events);
        awaitApplied(order.orderId, 8);
        String before = get("/api/orders/" + order.orderId, TestTokens.operator()).body();
        double duplicates = counter("baedal.readmodel.events.duplicates");

        // the relay sends some events again (same eventIds), and the whole order once more
        send(List.of(events.get(0), events.get(2), events.get(7)));
        send(events);
        await().atMost(WAIT).until(() -> counter("baedal.readmodel.events.duplicates") >= duplicates + 11);

        assertThat(get("/api/orders/" + order.orderId, TestTokens.operator()).body()).isEqualTo(before);
        assertThat(historyRows(order.orderId)).isEqualTo(7);
    }

    @Test
    void outOfOrderEventsNeverShowAWrongStatusAndEndRight() {
        TestOrder order = newOrder();
        List<OrderEvent> events = order.delivered("rider-1");
        send(events.get(0));
        awaitApplied(order.orderId, 1);

        // #3 (OrderAccepted) and #5 arrive before #2 and #4: parked
        send(events.get(2));
        send(events.get(4));
        await().atMost(WAIT).until(() -> parkedRows(order.orderId) == 2);
        assertThat(view(order).path("status").asText()).isEqualTo("PLACED");
        assertThat(lastSequence(order.orderId)).isEqualTo(1);

        send(events.get(1)); // #2 unblocks #3
        awaitApplied(order.orderId, 3);
        assertThat(view(order).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(parkedRows(order.orderId)).isEqualTo(1);

        send(events.get(3)); // #4 unblocks #5
        awaitApplied(order.orderId, 5);
        JsonNode view = view(order);
        assertThat(view.path("status").asText()).isEqualTo("READY_FOR_PICKUP");
        assertThat(view.path("history")).extracting(step -> step.path("status").asText())
                .containsExactly("PLACED", "PAID", "ACCEPTED", "COOKING", "READY_FOR_PICKUP");
        assertThat(parkedRows(order.orderId)).isZero();
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        TestOrder order = newOrder();
        String notJson = "poison-" + UUID.randomUUID();
        String unknownType = "poison-" + UUID.randomUUID();
        String noOrderId = "poison-" + UUID.randomUUID();
        double deadLettered = counter("baedal.readmodel.events.dead.lettered");

        sendRaw(notJson, "this is { not json");
        String placed = json.writeValueAsString(order.placed());
        sendRaw(unknownType, placed.replace("\"OrderPlaced\"", "\"OrderTeleported\"")
                .replace(order.orderId, unknownType));
        sendRaw(noOrderId, placed.replace("\"orderId\":\"" + order.orderId + "\",", ""));
        send(order.delivered("rider-1"));

        awaitApplied(order.orderId, 8);
        assertThat(view(order).path("status").asText()).isEqualTo("DELIVERED");

        Set<String> keys = new HashSet<>();
        Map<String, Object> props = KafkaTestUtils.consumerProps("dlt-reader-" + UUID.randomUUID(), "false", broker);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(OrderEvent.DEAD_LETTER_TOPIC));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
                return keys.containsAll(List.of(notJson, unknownType, noOrderId));
            });
        }
        assertThat(keys).doesNotContain(order.orderId);
        assertThat(counter("baedal.readmodel.events.dead.lettered")).isGreaterThanOrEqualTo(deadLettered + 3);
        assertThat(lastSequence(unknownType)).isZero();
    }

    @Test
    void rebuildGivesIdenticalViews() {
        TestOrder delivered = newOrder();
        TestOrder cancelled = newOrder();
        TestOrder gap = newOrder();
        send(delivered.delivered("rider-1"));
        send(List.of(cancelled.placed(),
                cancelled.event(OrderEventType.OrderCancelled, 2, new OrderEventData.OrderCancelled())));
        List<OrderEvent> gapEvents = gap.delivered("rider-2");
        send(List.of(gapEvents.get(0), gapEvents.get(1), gapEvents.get(3))); // #3 never comes: #4 stays parked
        awaitApplied(delivered.orderId, 8);
        awaitApplied(cancelled.orderId, 2);
        awaitApplied(gap.orderId, 2);
        await().atMost(WAIT).until(() -> parkedRows(gap.orderId) == 1);
        List<String> before = List.of(view(delivered).toString(), view(cancelled).toString(), view(gap).toString());
        // a row that no event on the topic produced: a rebuild must drop it
        String stray = "stray-" + UUID.randomUUID();
        jdbc.sql("insert into order_view select :stray, customer_id, store_id, store_name, region, status, total, "
                + "items, delivery_address, payment_status, payment_amount, payment_cancelled, rider_id, "
                + "last_sequence, placed_at, updated_at, store_lat, store_lon from order_view where order_id = :id")
                .param("stray", stray).param("id", delivered.orderId).update();

        rebuild.rebuild();

        await().atMost(WAIT).until(() -> lastSequence(delivered.orderId) == 8 && lastSequence(cancelled.orderId) == 2
                && lastSequence(gap.orderId) == 2 && parkedRows(gap.orderId) == 1);
        assertThat(List.of(view(delivered).toString(), view(cancelled).toString(), view(gap).toString()))
                .isEqualTo(before);
        assertThat(lastSequence(stray)).isZero();
    }

    @Test
    void metricsAreExposedForPrometheus() {
        TestOrder order = newOrder();
        send(order.upTo(2));
        awaitApplied(order.orderId, 2);
        await().atMost(WAIT).untilAsserted(() -> {
            Response scrape = get("/actuator/prometheus", null);
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.body()).contains("baedal_readmodel_events_applied_total{application=\"baedal-read-model\",type=\"PaymentApproved\"}")
                    .contains("baedal_readmodel_events_duplicates_total", "baedal_readmodel_events_parked_total",
                            "baedal_readmodel_events_dead_lettered_total", "baedal_readmodel_event_age_seconds_count",
                            "kafka_consumer_fetch_manager_records_lag_max");
        });
        assertThat(get("/actuator/health/readiness", null).body()).contains("UP");
        assertThat(get("/actuator/env", null).status()).isIn(401, 403);
    }

    private double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private long parkedRows(String orderId) {
        return jdbc.sql("select count(*) from pending_event where order_id = :id").param("id", orderId)
                .query(Long.class).single();
    }

    private long historyRows(String orderId) {
        return jdbc.sql("select count(*) from order_history where order_id = :id").param("id", orderId)
                .query(Long.class).single();
    }
}
