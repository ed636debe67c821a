package com.baedal.engine.events;

import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventType;
import com.baedal.engine.order.OrderRepository;
import com.baedal.support.tracing.TraceContexts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes one order event into the outbox, in the caller's transaction (the engine's command joins Spring's
 * transaction on the same DataSource, so the row commits or rolls back with the process step): bumps the order's
 * event sequence (the row lock serialises concurrent steps of one order, also across engine nodes), inserts the
 * outbox row, and after the commit wakes the relay and counts the event.
 */
@Component
public class OrderEventWriter {

    private static final Logger log = LoggerFactory.getLogger(OrderEventWriter.class);

    private final JdbcClient jdbc;
    private final OrderRepository orders;
    private final ObjectMapper json;
    private final OutboxSignal signal;
    private final OutboxMetrics metrics;
    private final TraceContexts traces;

    public OrderEventWriter(JdbcClient jdbc, OrderRepository orders, OutboxSignal signal, OutboxMetrics metrics,
                            TraceContexts traces) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.json = EventJson.MAPPER;
        this.signal = signal;
        this.metrics = metrics;
        this.traces = traces;
    }

    /** Records the event and returns it (with its sequence); fails when the order has no row. */
    public OrderEvent append(String orderId, OrderEventType type, Object data) {
        UUID order = UUID.fromString(orderId);
        long sequence = orders.nextEventSequence(orderId)
                .orElseThrow(() -> new ProcessEngineException("Order " + orderId + " has no order row: cannot record "
                        + type + ". Orders are placed through POST /api/orders."));
        Instant occurredAt = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
        OrderEvent event = new OrderEvent(UUID.randomUUID(), type, orderId, sequence, occurredAt,
                json.valueToTree(data));
        jdbc.sql("""
                        insert into baedal.outbox_event (event_id, order_id, sequence, type, payload, traceparent)
                        values (:eventId, :orderId, :sequence, :type, cast(:payload as jsonb), :traceparent)
                        """)
                .param("eventId", event.eventId())
                .param("orderId", order)
                .param("sequence", sequence)
                .param("type", type.name())
                .param("payload", write(event))
                .param("traceparent", traces.current().orElse(null), java.sql.Types.VARCHAR)
                .update();
        log.debug("{} #{} of order {} written to the outbox", type, sequence, orderId);
        afterCommit(type);
        return event;
    }

    private String write(OrderEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write order event " + event.type(), e);
        }
    }

    private void afterCommit(OrderEventType type) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            metrics.committed(List.of(type));
            signal.signal();
            return;
        }
        @SuppressWarnings("unchecked")
        List<OrderEventType> pending = (List<OrderEventType>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<OrderEventType> types = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, types);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(OrderEventWriter.this);
                    if (status == STATUS_COMMITTED) {
                        metrics.committed(types);
                        signal.signal();
                    }
                }
            });
            pending = types;
        }
        pending.add(type);
    }
}
