package com.baedal.engine.events;

import com.baedal.contract.event.OrderEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outbox and order-event metrics: outbox size and age of its oldest row (one cheap query, cached for a second),
 * events published / failed, relay batch sizes, committed events by type and orders reaching each status.
 */
@Component
public class OutboxMetrics {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);
    private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Counter published;
    private final Counter failed;
    private final DistributionSummary batchSize;

    private record Snapshot(double size, double oldestAgeSeconds, long readAt) {
    }

    private volatile Snapshot snapshot = new Snapshot(Double.NaN, Double.NaN, Long.MIN_VALUE / 2);

    public OutboxMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
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
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (now - current.readAt() < CACHE_NANOS) {
            return current;
        }
        synchronized (this) {
            if (now - snapshot.readAt() < CACHE_NANOS) {
                return snapshot;
            }
            try {
                snapshot = jdbc.sql("""
                                select count(*) as size,
                                       coalesce(extract(epoch from now() - min(created_at)), 0) as age
                                  from baedal.outbox_event
                                """)
                        .query((rs, row) -> new Snapshot(rs.getLong("size"), rs.getDouble("age"), now))
                        .single();
            } catch (RuntimeException e) {
                log.debug("Cannot read the outbox size", e);
                snapshot = new Snapshot(Double.NaN, Double.NaN, now);
            }
            return snapshot;
        }
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
