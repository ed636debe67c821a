package com.baedal.readmodel.projection;

import com.baedal.contract.event.OrderEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@value OrderEvent#TOPIC} in consumer group {@code spring.kafka.consumer.group-id} ({@code read-model}).
 * One database transaction per record; the offset is committed after it, so a crash means redelivery, which the
 * projection absorbs as duplicates. Started by {@link ProjectionRebuild} (after an optional rebuild).
 */
@Component
public class OrderEventConsumer {

    public static final String LISTENER_ID = "order-projection";
    private static final Logger log = LoggerFactory.getLogger(OrderEventConsumer.class);

    private final OrderEventReader reader;
    private final OrderProjection projection;
    private final ProjectionMetrics metrics;

    public OrderEventConsumer(OrderEventReader reader, OrderProjection projection, ProjectionMetrics metrics) {
        this.reader = reader;
        this.projection = projection;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = OrderEvent.TOPIC, autoStartup = "false")
    public void onEvent(ConsumerRecord<String, String> record) {
        OrderEvent event = reader.read(record.key(), record.value());
        ApplyOutcome outcome = projection.apply(event);
        metrics.record(outcome);
        log.debug("{} #{} of order {}: {} ({} applied)", event.type(), event.sequence(), event.orderId(),
                outcome.kind(), outcome.applied().size());
    }
}
