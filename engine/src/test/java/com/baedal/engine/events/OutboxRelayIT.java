package com.baedal.engine.events;

import static com.baedal.process.OrderProcess.*;
import static com.baedal.contract.event.OrderEventType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderEventsOnTopic;
import com.baedal.engine.support.OrderFixtures;
import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventType;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay against real brokers: a broker that goes away and comes back, a relay stopped and started mid-stream,
 * two relays on one database. Every order's events arrive complete and in sequence (at least once: a repeated
 * sequence is a tolerated duplicate, a gap or a step back is a failure).
 */
@EngineIntegrationTest
class OutboxRelayIT extends PlacedOrders {

    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired OutboxRelay contextRelay;
    @Autowired OutboxSignal signal;
    @Autowired OutboxMetrics metrics;
    @Autowired MeterRegistry meters;
    @Autowired KafkaProperties kafkaProperties;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers;

    final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception alreadyClosed) {
                // a broker or relay the test already stopped
            }
        }
        contextRelay.start(); // idempotent: running again for the other tests
    }

    @Test
    void whileKafkaIsDownStepsCommitAndTheOutboxGrowsThenEverythingIsDeliveredInOrder() throws Exception {
        contextRelay.stop();
        int port = freePort();
        EmbeddedKafkaKraftBroker broker = startBroker(port);
        OutboxRelay relay = relay("relay-broker-outage", brokerAddress(port), 500);
        relay.start();

        String first = api.place("tok_visa");
        try (OrderEventsOnTopic topic = new OrderEventsOnTopic(brokerAddress(port))) {
            topic.await(first, 1);
        }

        broker.destroy(); // Kafka is gone
        double failuresBefore = meters.get("baedal.outbox.failed").counter().count();
        api.charge(first);
        api.store(first, "accept");
        api.store(first, "cooking-started");
        String second = api.place("tok_visa");
        api.charge(second);

        // every step committed; the events wait in the outbox and the relay keeps failing
        assertThat(outboxTypes(first)).containsExactly("PaymentApproved", "OrderAccepted", "CookingStarted");
        assertThat(outboxTypes(second)).containsExactly("OrderPlaced", "PaymentApproved");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(meters.get("baedal.outbox.failed").counter().count()).isGreaterThan(failuresBefore);
            assertThat(meters.get("baedal.outbox.size").gauge().value()).isGreaterThanOrEqualTo(5);
            assertThat(meters.get("baedal.outbox.oldest.age.seconds").gauge().value()).isPositive();
        });
        assertThat(outboxTypes(first)).hasSize(3);

        // Kafka is back (a new broker on the same address): everything is delivered, in order
        EmbeddedKafkaKraftBroker back = startBroker(port);
        try (OrderEventsOnTopic topic = new OrderEventsOnTopic(brokerAddress(port))) {
            assertDelivered(topic, first, 2, PaymentApproved, OrderAccepted, CookingStarted);
            assertDelivered(topic, second, 1, OrderPlaced, PaymentApproved);
        }
        await().atMost(DELIVERY).until(() -> outboxTypes(first).isEmpty() && outboxTypes(second).isEmpty());
        assertThat(relay.published()).isGreaterThanOrEqualTo(6);
        relay.stop();
        back.destroy();
    }

    @Test
    void aRelayStoppedAndStartedMidStreamLosesNothing() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String orderId = api.place("tok_visa");
            api.charge(orderId);
            orders.add(orderId);
        }
        contextRelay.stop();
        for (String orderId : orders) {
            api.store(orderId, "accept");
            assertThat(outboxTypes(orderId)).contains("OrderAccepted");
        }
        contextRelay.start();
        for (String orderId : orders) {
            api.store(orderId, "cooking-started");
        }
        contextRelay.stop();
        contextRelay.start();
        for (String orderId : orders) {
            api.store(orderId, "cooking-finished");
        }

        try (OrderEventsOnTopic topic = new OrderEventsOnTopic(bootstrapServers)) {
            for (String orderId : orders) {
                assertDelivered(topic, orderId, 1, OrderPlaced, PaymentApproved, OrderAccepted, CookingStarted,
                        CookingFinished);
            }
        }
        await().atMost(DELIVERY).until(() -> orders.stream().allMatch(o -> outboxTypes(o).isEmpty()));
    }

    @Test
    void twoRelaysOnOneDatabaseSendEveryRowOnceInOrderPerOrder() {
        OutboxRelay second = relay("relay-second-node", bootstrapServers, 3);
        second.start();
        List<OrderFixtures.StartedOrder> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            orders.add(OrderFixtures.startOrder(runtime, jdbc, EventsApi.STORE, "Gangnam Fried Chicken",
                    EventsApi.REGION));
            api.placed.add(orders.get(i).orderId());
        }
        for (OrderFixtures.StartedOrder order : orders) {
            OrderFixtures.completeCharge(externalTasks, order);
        }
        for (OrderFixtures.StartedOrder order : orders) {
            taskService.complete(OrderFixtures.awaitTask(taskService, order, TASK_ACCEPT_ORDER).getId(),
                    Map.of(VAR_ACCEPTED, true));
        }

        try (OrderEventsOnTopic topic = new OrderEventsOnTopic(bootstrapServers)) {
            for (OrderFixtures.StartedOrder order : orders) {
                assertDelivered(topic, order.orderId(), 1, OrderPlaced, PaymentApproved, OrderAccepted);
            }
        }
        await().atMost(DELIVERY).until(() -> orders.stream().allMatch(o -> outboxTypes(o.orderId()).isEmpty()));
        second.stop();
        assertThat(contextRelay.isRunning()).isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /**
     * The order's events arrive with consecutive sequences from {@code firstSequence}, in that order, each at least
     * once; a duplicate may only repeat an event already seen (at-least-once), never come back after a newer one
     * of a later sequence than the one that follows it.
     */
    private static void assertDelivered(OrderEventsOnTopic topic, String orderId, long firstSequence,
                                        OrderEventType... types) {
        List<OrderEvent> events = topic.awaitRecords(orderId, records -> distinctSequences(records) >= types.length,
                DELIVERY).stream().map(OrderEventsOnTopic.Received::event).toList();
        List<OrderEvent> firstSeen = new ArrayList<>();
        long highest = firstSequence - 1;
        for (OrderEvent event : events) {
            if (event.sequence() > highest) {
                assertThat(event.sequence()).as("no gap in the sequence of %s", orderId).isEqualTo(highest + 1);
                highest = event.sequence();
                firstSeen.add(event);
            }
        }
        assertThat(firstSeen).extracting(OrderEvent::type).containsExactly(types);
        assertThat(firstSeen).extracting(OrderEvent::sequence).containsExactlyElementsOf(
                LongStream.range(firstSequence, firstSequence + types.length).boxed().toList());
    }

    private static long distinctSequences(List<OrderEventsOnTopic.Received> records) {
        return records.stream().mapToLong(r -> r.event().sequence()).distinct().count();
    }

    private OutboxRelay relay(String name, String bootstrap, int batchSize) {
        Map<String, Object> producer = kafkaProperties.buildProducerProperties(null);
        producer.put("bootstrap.servers", bootstrap);
        producer.put("max.block.ms", 1000);
        producer.put("request.timeout.ms", 1000);
        producer.put("delivery.timeout.ms", 2000);
        producer.put("linger.ms", 0);
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(producer);
        cleanup.add(factory::destroy);
        OutboxRelay relay = new OutboxRelay(name, tx, jdbc, new KafkaTemplate<>(factory), signal, metrics,
                new EventsProperties.Relay(true, batchSize, Duration.ofMillis(100), Duration.ofSeconds(3),
                        Duration.ofMillis(100), Duration.ofSeconds(1)));
        cleanup.add(relay::stop);
        return relay;
    }

    private EmbeddedKafkaKraftBroker startBroker(int port) {
        // (kafkaPorts is not honoured in KRaft mode: the fixed port goes into the listeners directly)
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, OrderEvent.TOPIC);
        broker.brokerProperty("listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0");
        broker.brokerListProperty("baedal.it.outage-broker");
        broker.afterPropertiesSet();
        cleanup.add(broker::destroy);
        return broker;
    }

    private static String brokerAddress(int port) {
        return "localhost:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private List<String> outboxTypes(String orderId) {
        return jdbc.sql("select type from baedal.outbox_event where order_id = ? order by id")
                .param(UUID.fromString(orderId)).query(String.class).list();
    }
}
