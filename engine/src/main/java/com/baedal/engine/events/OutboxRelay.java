package com.baedal.engine.events;

import com.baedal.contract.event.OrderEvent;
import com.baedal.support.tracing.TraceContexts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lombok.RequiredArgsConstructor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka topic {@value OrderEvent#TOPIC} (key = orderId, value = the event JSON), at least
 * once and in order per order. One loop on its own thread, started and stopped with the application context:
 * <ol>
 *   <li>in one database transaction, take a transaction-scoped advisory lock — only one relay across all engine
 *       nodes works at a time, so rows leave in id order (per order, ids follow the event sequence);</li>
 *   <li>lock up to {@code batchSize} rows in id order, send them all, flush, wait for every acknowledgement;</li>
 *   <li>delete the rows and commit. Any failure rolls the transaction back: the rows stay and are sent again
 *       (duplicates possible, loss not), after a back-off that doubles up to a cap.</li>
 * </ol>
 * Idle, it polls every {@code pollInterval}; a commit that wrote outbox rows wakes it at once ({@link OutboxSignal}).
 * The table is the only state, so a restart (of the relay or the node) continues where it stopped.
 */
@RequiredArgsConstructor
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay: "baedal" in ASCII. */
    static final long LOCK_KEY = 0x62_61_65_64_61_6cL;

    private final String name;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxSignal signal;
    private final OutboxMetrics metrics;
    private final EventsProperties.Relay settings;
    private final AtomicLong publishedByThisRelay = new AtomicLong();

    private volatile boolean running;
    private Thread thread;

    private record Row(long id, String orderId, String payload, String traceparent) {
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
        log.info("Outbox relay {} started", name);
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping = thread;
            thread = null;
        }
        signal.signal();
        try {
            // a batch in flight finishes (commit) or fails (rollback) within the send timeout
            stopping.join(settings.sendTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Outbox relay {} stopped", name);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Events this relay instance has published (acknowledged and deleted) since it was created. */
    public long published() {
        return publishedByThisRelay.get();
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            long seen = signal.current();
            try {
                int sent = relayBatch();
                backoff = Duration.ZERO;
                if (sent < settings.batchSize()) {
                    signal.awaitAfter(seen, settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                metrics.failed();
                backoff = backoff.isZero() ? settings.backoffMin()
                        : min(backoff.multipliedBy(2), settings.backoffMax());
                log.warn("Outbox relay {}: publishing failed, rows stay in the outbox; retrying in {} ms: {}",
                        name, backoff.toMillis(), e.toString());
                log.debug("Outbox relay failure", e);
                kafka.getProducerFactory().reset(); // a fresh producer after a broker outage or a fenced producer
                pause(backoff);
            }
        }
    }

    /** One transaction: lock, read a batch, send it, wait for the acks, delete it. Returns the rows sent. */
    int relayBatch() {
        Integer sent = tx.execute(status -> {
            Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                    .param("key", LOCK_KEY).query(Boolean.class).single();
            if (!Boolean.TRUE.equals(locked)) {
                return 0; // another relay (on this or another node) is publishing
            }
            List<Row> rows = jdbc.sql("""
                            select id, order_id::text as order_id, payload::text as payload, traceparent
                              from baedal.outbox_event
                             order by id
                             limit :limit
                               for update
                            """)
                    .param("limit", settings.batchSize())
                    .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("order_id"), rs.getString("payload"),
                            rs.getString("traceparent")))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            publish(rows);
            jdbc.sql("delete from baedal.outbox_event where id in (:ids)")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
            return rows.size();
        });
        int count = sent == null ? 0 : sent;
        if (count > 0) {
            publishedByThisRelay.addAndGet(count);
            metrics.published(count);
        }
        return count;
    }

    private void publish(List<Row> rows) {
        List<CompletableFuture<SendResult<String, String>>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(OrderEvent.TOPIC, row.orderId(),
                    row.payload());
            if (row.traceparent() != null) {
                // the step's trace goes on with the event: the read-model's apply joins it
                record.headers().add(TraceContexts.TRACEPARENT, row.traceparent().getBytes(StandardCharsets.US_ASCII));
            }
            acks.add(kafka.send(record));
        }
        kafka.flush();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch of " + rows.size() + " events", e);
        }
    }

    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
