package com.baedal.workers.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.spring.boot.starter.ClientProperties;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts fetching once the application is ready (database migrated, subscriptions open: auto-fetching is off in
 * application.yaml) and stops it first on shutdown, before the web server drains: the shared client of the starter
 * (notifications) and every {@link FetchLoop} (payments). Stopping waits for the running fetch (at most the
 * long-polling timeout) and the task in hand; tasks fetched in the same batch but not started yet are unlocked at
 * once ({@link TaskHandling}), so another instance picks them up without waiting for the lock to expire.
 * <p>
 * Locks are short ({@code camunda.bpm.client.lock-duration}, 10 s): a task of a worker that died is offered again
 * within that time. The task in hand keeps its lock for as long as it runs ({@link #keepLocked}): every third of the
 * lock duration its lock is extended by another lock duration, so a slow provider call is never taken over by a
 * second worker while the first is still alive.
 */
@Component
public class WorkerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerLifecycle.class);

    private final ExternalTaskClient client;
    /** Resolved when fetching starts: the loops' handlers need this lifecycle themselves. */
    private final ObjectProvider<FetchLoop> loops;
    private final boolean autoStart;
    private final Duration lockDuration;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean running;
    private volatile boolean stopping;

    public WorkerLifecycle(ExternalTaskClient client, ObjectProvider<FetchLoop> loops, ClientProperties clientProperties,
                           @Value("${baedal.worker.auto-start:true}") boolean autoStart) {
        this.client = client;
        this.loops = loops;
        this.autoStart = autoStart;
        this.lockDuration = Duration.ofMillis(clientProperties.getLockDuration() == null
                ? 20_000 : clientProperties.getLockDuration()); // the client's own default
        // two threads: one extension stuck on an unreachable engine does not hold up the others
        AtomicInteger threads = new AtomicInteger();
        this.heartbeats = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "task-lock-heartbeat-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startFetching() {
        if (autoStart && running && !stopping) {
            client.start();
            List<FetchLoop> started = loops.orderedStream().toList();
            started.forEach(FetchLoop::start);
            log.info("External-task client started fetching, and the fetch loops {}", started);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopping = true;
        log.info("Stopping the external-task clients: no new fetches, unstarted tasks are unlocked");
        loops.orderedStream().forEach(FetchLoop::stop);
        client.stop();
        heartbeats.shutdownNow();
        running = false;
        log.info("External-task clients stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first on shutdown: before the web server's graceful shutdown and the data source. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** True once shutdown began: handlers hand back the tasks they have not started. */
    public boolean isStopping() {
        return stopping;
    }

    /**
     * Keeps the task locked for this worker until the returned handle is closed. Once {@code close} returned, no
     * extension is sent any more (the handler may shorten the lock itself afterwards).
     */
    public LockHeartbeat keepLocked(ExternalTask task, ExternalTaskService service) {
        LockHeartbeat heartbeat = new LockHeartbeat(task, service);
        long every = Math.max(1, lockDuration.toMillis() / 3);
        try {
            heartbeat.schedule(heartbeats.scheduleAtFixedRate(heartbeat::beat, every, every, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException shuttingDown) {
            // no heartbeat during shutdown: the task is finished or released within the lock duration anyway
        }
        return heartbeat;
    }

    /**
     * Hands the task back to the engine after {@code delay} (the caller holds its lock beyond that). An unlock wakes
     * the engine's long polls at once, while a lock that merely runs out is noticed at the next poll only.
     */
    public void releaseAfter(ExternalTask task, ExternalTaskService service, Duration delay) {
        try {
            heartbeats.schedule(() -> {
                try {
                    service.unlock(task);
                } catch (ExternalTaskClientException | IllegalStateException failed) {
                    // gone meanwhile, or the engine unreachable: the lock runs out by itself
                    log.debug("Could not hand back task {}: {}", task.getId(), failed.getMessage());
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the lock runs out by itself
        }
    }

    /** The lock extensions of one task in hand. */
    @RequiredArgsConstructor(access = AccessLevel.PRIVATE)
    public final class LockHeartbeat implements AutoCloseable {

        private final ExternalTask task;
        private final ExternalTaskService service;
        private ScheduledFuture<?> schedule;
        private boolean closed;

        private synchronized void schedule(ScheduledFuture<?> future) {
            this.schedule = future;
            if (closed) {
                future.cancel(false);
            }
        }

        private synchronized void beat() {
            if (closed) {
                return;
            }
            try {
                service.extendLock(task, lockDuration.toMillis());
                log.debug("Extended the lock of task {} of topic {} by {}", task.getId(), task.getTopicName(),
                        lockDuration);
            } catch (NotFoundException gone) {
                log.info("Task {} of topic {} is gone (the order moved on) while it was being handled",
                        task.getId(), task.getTopicName());
                close();
            } catch (ExternalTaskClientException | IllegalStateException failed) {
                // engine unreachable or the lock already lost: the next beat tries again, the result report decides
                log.warn("Could not extend the lock of task {} of topic {}: {}", task.getId(), task.getTopicName(),
                        failed.getMessage());
            }
        }

        synchronized boolean isClosed() {
            return closed;
        }

        /** Stops the extensions; an extension running right now finishes before this returns. */
        @Override
        public synchronized void close() {
            closed = true;
            if (schedule != null) {
                schedule.cancel(false);
            }
        }
    }
}
