package com.baedal.engine.support;

import com.baedal.contract.event.OrderEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topic {@code baedal.order-events} from the beginning, as a consumer of the real broker would, and collects
 * what arrives per record key.
 */
public final class OrderEventsOnTopic implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** One record: its key, partition and the event in its value. */
    public record Received(String key, int partition, OrderEvent event) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, List<Received>> byKey = new ConcurrentHashMap<>();

    public OrderEventsOnTopic(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(OrderEvent.TOPIC, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until the records of {@code orderId} satisfy {@code done}, or fails after the timeout. */
    public List<Received> awaitRecords(String orderId, Predicate<List<Received>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> now = records(orderId);
            if (done.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Order " + orderId + " did not reach the expected events on the topic in "
                        + timeout + "; got " + now.stream().map(r -> r.event().type() + "#" + r.event().sequence())
                        .toList());
            }
            poll(Duration.ofMillis(100));
        }
    }

    /** Waits for at least {@code count} events of the order and returns them (in topic order). */
    public List<OrderEvent> await(String orderId, int count) {
        return awaitRecords(orderId, records -> records.size() >= count, Duration.ofSeconds(20)).stream()
                .map(Received::event).toList();
    }

    /** Keeps polling for a while and returns everything of the order seen so far (to assert nothing more came). */
    public List<OrderEvent> settle(String orderId, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        return records(orderId).stream().map(Received::event).toList();
    }

    public List<Received> records(String orderId) {
        return List.copyOf(byKey.getOrDefault(orderId, List.of()));
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            try {
                OrderEvent event = JSON.readValue(record.value(), OrderEvent.class);
                byKey.computeIfAbsent(record.key(), key -> new ArrayList<>())
                        .add(new Received(record.key(), record.partition(), event));
            } catch (IOException e) {
                throw new UncheckedIOException("Not an order event on the topic: " + record.value(), e);
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
