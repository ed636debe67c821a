package com.baedal.engine.events;

import com.baedal.contract.event.OrderEventType;
import com.baedal.engine.monitoring.CachedReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outbox and order-event metrics: outbox size and age of its oldest row (one cheap query, cached for a second),
 * events published / failed, relay batch sizes, committed events by type and orders reaching each status.
 */
@Component
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Counter failed;
    private final DistributionSummary batchSize;

    private record Snapshot(double size, double oldestAgeSeconds) {
    }

    private final CachedReading<Snapshot> snapshot;

    public OutboxMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.snapshot = new CachedReading<>("outbox size", Duration.ofSeconds(1), () -> jdbc.sql("""
                        select count(*) as size,
                               coalesce(extract(epoch from now() - min(created_at)), 0) as age
                          from baedal.outbox_event
                        """)
                .query((rs, row) -> new Snapshot(rs.getLong("size"), rs.getDouble("age")))
                .single(), new Snapshot(Double.NaN, Double.NaN));
        Gauge.builder("baedal.outbox.size", this, m -> m.snapshot().size())
                .description("Order events written but not yet published to Kafka").register(registry);
        Gauge.builder("baedal.outbox.oldest.age.seconds", this, m -> m.snapshot().oldestAgeSeconds())
                .description("Age of the oldest unpublished order event (0 when the outbox is empty)")
                .baseUnit("seconds").register(registry);
        published = Counter.builder("baedal.outbox.published")
                .description("Order events published to Kafka (acknowledged)").register(registry);
        failed = Counter.builder("baedal.outbox.failed")
                .description("Relay batches that failed (broker unavailable, send timeout) and were rolled back")
                .register(registry);
        batchSize = DistributionSummary.builder("baedal.outbox.batch.size")
                .description("Order events per published relay batch").register(registry);
    }

    private Snapshot snapshot() {
        return snapshot.get();
    }

    void published(int events) {
        published.increment(events);
        batchSize.record(events);
    }

    void failed() {
        failed.increment();
    }

    /** Called once the step's transaction committed: counts its events and the statuses they reached. */
    void committed(Collection<OrderEventType> types) {
        for (OrderEventType type : types) {
            registry.counter("baedal.orders.events", "type", type.name()).increment();
            type.status().ifPresent(status -> registry.counter("baedal.orders", "status", status.name()).increment());
        }
    }
}
