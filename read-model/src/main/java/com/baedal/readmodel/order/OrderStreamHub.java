package com.baedal.readmodel.order;

import com.baedal.readmodel.ReadModelProperties;
import com.baedal.support.security.Caller;
import com.baedal.support.tracing.TraceContexts;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live order streams of this instance. Each subscription remembers the last history sequence it sent; when an
 * order changes (an {@link OrderChangeSignal}, whichever instance applied the event) or every
 * {@code baedal.read-model.stream.refresh-interval} (lost notifications, keep-alive), it sends the history rows after
 * that sequence, in order, and completes after a final status. Access is re-checked each time: a rider who did not
 * pick the order stops seeing it once another rider has it.
 */
@Component
public class OrderStreamHub implements DisposableBean {

    public static final String EVENT_NAME = "status";
    /** Gauge of this instance's streams, tag {@code state} = {@code open} or {@code waiting}. */
    public static final String STREAMS_METRIC = "baedal.readmodel.streams";
    private static final Logger log = LoggerFactory.getLogger(OrderStreamHub.class);

    private final Map<String, Set<Subscription>> byOrder = new ConcurrentHashMap<>();
    /** Stream requests waiting for an order that was not projected yet, by order id. */
    private final Map<String, Set<Runnable>> awaited = new ConcurrentHashMap<>();
    private final OrderQueries queries;
    private final Duration timeout;
    private final ExecutorService senders;

    private final TraceContexts traces;

    public OrderStreamHub(OrderQueries queries, ReadModelProperties properties, MeterRegistry registry,
                          TraceContexts traces) {
        this.queries = queries;
        this.traces = traces;
        this.timeout = properties.stream().timeout();
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "order-stream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder(STREAMS_METRIC, byOrder, streams -> streams.values().stream().mapToInt(Set::size).sum())
                .description("Order streams (SSE) of this instance: open, or waiting for an order not projected yet")
                .tag("state", "open").register(registry);
        Gauge.builder(STREAMS_METRIC, awaited, waiting -> waiting.values().stream().mapToInt(Set::size).sum())
                .description("Order streams (SSE) of this instance: open, or waiting for an order not projected yet")
                .tag("state", "waiting").register(registry);
    }

    /**
     * Opens a stream; the caller has been checked already. Without {@code resumeAfter} the first event (the current
     * status) is sent at once; with it, every change after that sequence.
     */
    public SseEmitter subscribe(Caller caller, String orderId, OptionalLong resumeAfter) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Subscription subscription = new Subscription(caller, orderId, emitter);
        resumeAfter.ifPresent(sequence -> {
            subscription.lastSequence = sequence;
            subscription.started = true;
        });
        byOrder.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(subscription);
        emitter.onCompletion(() -> remove(subscription));
        emitter.onTimeout(() -> {
            remove(subscription);
            emitter.complete();
        });
        emitter.onError(error -> remove(subscription));
        refresh(subscription, false);
        return emitter;
    }

    /**
     * Runs {@code onChange} once, on a sender thread, at the next change of the order (the first one of an order that
     * is not projected yet). Returns what cancels the wait. The caller checks the order again after registering: a
     * change that came before it would not be seen.
     */
    public Runnable awaitChange(String orderId, Runnable onChange) {
        awaited.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(onChange);
        return () -> awaited.computeIfPresent(orderId, (id, waiting) -> {
            waiting.remove(onChange);
            return waiting.isEmpty() ? null : waiting;
        });
    }

    /** An order changed (called by {@link OrderChangeSignal}). */
    public void orderChanged(String orderId) {
        orderChanged(orderId, null);
    }

    /** An order changed by an apply of trace {@code traceparent} (may be null): the pushes join that trace. */
    public void orderChanged(String orderId, String traceparent) {
        Set<Runnable> waiting = awaited.remove(orderId);
        if (waiting != null) {
            waiting.forEach(senders::execute);
        }
        Set<Subscription> subscriptions = byOrder.get(orderId);
        if (subscriptions != null) {
            subscriptions.forEach(subscription -> senders.execute(() -> traces.inSpan("sse push", traceparent, () -> {
                log.debug("Pushing the status of order {}", orderId);
                refresh(subscription, false);
            })));
        }
    }

    /** Re-checks every stream: catches up after lost notifications and keeps idle connections open. */
    @Scheduled(fixedDelayString = "${baedal.read-model.stream.refresh-interval:PT15S}")
    public void refreshAll() {
        byOrder.values().forEach(subscriptions -> subscriptions.forEach(subscription -> refresh(subscription, true)));
    }

    private void refresh(Subscription subscription, boolean keepAlive) {
        synchronized (subscription) {
            if (subscription.done) {
                return;
            }
            try {
                Optional<OrderView> view = queries.find(subscription.orderId);
                if (view.isEmpty() || !OrderAccess.canView(subscription.caller, view.get())) {
                    finish(subscription);
                    return;
                }
                List<OrderQueries.HistoryRow> rows = queries.historyAfter(subscription.orderId,
                        subscription.lastSequence);
                if (!subscription.started && !rows.isEmpty()) {
                    // the first event is the current status
                    rows = List.of(rows.get(rows.size() - 1));
                }
                subscription.started = true;
                for (OrderQueries.HistoryRow row : rows) {
                    subscription.emitter.send(SseEmitter.event().name(EVENT_NAME).id(Long.toString(row.sequence()))
                            .data(new StatusEvent(subscription.orderId, row.status(), row.at()),
                                    MediaType.APPLICATION_JSON));
                    subscription.lastSequence = row.sequence();
                    if (row.status().isFinal()) {
                        finish(subscription);
                        return;
                    }
                }
                if (rows.isEmpty() && view.get().status().isFinal()) {
                    // resumed after the final event: nothing more will come
                    finish(subscription);
                    return;
                }
                if (rows.isEmpty() && keepAlive) {
                    subscription.emitter.send(SseEmitter.event().comment("keep-alive"));
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away (or the emitter timed out meanwhile)
                log.debug("Stream of order {} closed: {}", subscription.orderId, e.getMessage());
                subscription.done = true;
                remove(subscription);
            } catch (RuntimeException e) {
                log.warn("Stream of order {} failed", subscription.orderId, e);
                subscription.done = true;
                remove(subscription);
                subscription.emitter.completeWithError(e);
            }
        }
    }

    private void finish(Subscription subscription) {
        subscription.done = true;
        remove(subscription);
        subscription.emitter.complete();
    }

    private void remove(Subscription subscription) {
        byOrder.computeIfPresent(subscription.orderId, (id, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
        byOrder.values().forEach(subscriptions -> subscriptions.forEach(subscription -> subscription.emitter.complete()));
        byOrder.clear();
        awaited.clear();
    }

    @RequiredArgsConstructor
    private static final class Subscription {
        final Caller caller;
        final String orderId;
        final SseEmitter emitter;
        long lastSequence;
        boolean started;
        boolean done;
    }
}
