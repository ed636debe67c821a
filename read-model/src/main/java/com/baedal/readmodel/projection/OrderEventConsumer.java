package com.baedal.readmodel.projection;

import com.baedal.contract.event.OrderEvent;
import com.baedal.support.tracing.TraceContexts;
import java.nio.charset.StandardCharsets;
import lombok.RequiredArgsConstructor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@value OrderEvent#TOPIC} in consumer group {@code spring.kafka.consumer.group-id} ({@code read-model}).
 * One database transaction per record; the offsets are committed after every record of a poll is applied, so a crash
 * means redelivery (of the rest of that poll too), which the projection absorbs as duplicates. Started by
 * {@link ProjectionRebuild} (after an optional rebuild).
 */
@Component
@RequiredArgsConstructor
public class OrderEventConsumer {

    public static final String LISTENER_ID = "order-projection";
    private static final Logger log = LoggerFactory.getLogger(OrderEventConsumer.class);

    private final OrderEventReader reader;
    private final OrderProjection projection;
    private final ProjectionMetrics metrics;
    private final TraceContexts traces;

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = OrderEvent.TOPIC, autoStartup = "false")
    public void onEvent(ConsumerRecord<String, String> record) {
        // the apply continues the trace of the engine's step that wrote the event (the outbox row's traceparent)
        Header traceparent = record.headers().lastHeader(TraceContexts.TRACEPARENT);
        traces.inSpan("apply " + OrderEvent.TOPIC, traceparent == null ? null
                : new String(traceparent.value(), StandardCharsets.US_ASCII), () -> apply(record));
    }

    private void apply(ConsumerRecord<String, String> record) {
        OrderEvent event = reader.read(record.key(), record.value());
        ApplyOutcome outcome = projection.apply(event);
        metrics.record(outcome);
        log.debug("{} #{} of order {}: {} ({} applied)", event.type(), event.sequence(), event.orderId(),
                outcome.kind(), outcome.applied().size());
    }
}
