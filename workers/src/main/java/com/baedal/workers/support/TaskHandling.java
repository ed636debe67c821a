package com.baedal.workers.support;

import com.baedal.support.OrderLogContext;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.camunda.bpm.client.exception.EngineException;
import org.camunda.bpm.client.exception.ExternalTaskClientException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * The one decorator around every {@link TopicHandler}: {@link #decorate} turns a plain handler bean into the
 * {@link ExternalTaskHandler} that a client subscribes. Around each call it continues the order's trace
 * ({@link TaskTracing}), puts the order id into the log context, hands back unstarted tasks during shutdown, keeps the
 * task locked while it is handled, up to its report ({@link WorkerLifecycle#keepLocked},
 * {@link ReportingTaskService}), turns a {@link TaskFailure} and unexpected exceptions into {@code handleFailure} with
 * the retry policy, offers a deferred task again shortly, and records the metrics. Handlers stay thin: read
 * variables, call a domain service, complete / report a BPMN error / fail / defer.
 */
@Component
public class TaskHandling {

    /** How soon a deferred task is offered again unless the topic says otherwise. */
    public static final Duration DEFAULT_DEFERRAL = Duration.ofSeconds(1);

    private static final Duration DEFERRAL_MARGIN = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(TaskHandling.class);

    private final WorkerMetrics metrics;
    private final WorkerLifecycle lifecycle;
    private final TaskTracing tracing;
    /**
     * The engine may fail to take a result for a moment and roll back: a completion can lose an optimistic-locking
     * race on the process instance (the engine queues completions behind the order's commands on the order's lock,
     * but not behind a timer firing on the same order), or the engine's database connection dropped under it. It
     * answers 500 either way. Handling is idempotent, so the task is handled and reported again after a short pause
     * (well under a second in all) instead of waiting for its lock to run out and the next poll.
     */
    private final RetryTemplate onEngineHiccup = RetryTemplate.builder()
            .maxAttempts(4)
            .exponentialBackoff(50, 3, 500)
            .retryOn(TaskHandling::engineHiccup)
            .build();

    /** @param tracing the order's trace for every task (optional: without it, handling is not traced) */
    @Autowired
    public TaskHandling(WorkerMetrics metrics, WorkerLifecycle lifecycle, ObjectProvider<TaskTracing> tracing) {
        this(metrics, lifecycle, tracing.getIfAvailable(() -> TaskTracing.OFF));
    }

    public TaskHandling(WorkerMetrics metrics, WorkerLifecycle lifecycle, TaskTracing tracing) {
        this.metrics = metrics;
        this.lifecycle = lifecycle;
        this.tracing = tracing;
    }

    /** {@code handler} with every concern above; a deferred task is offered again after {@link #DEFAULT_DEFERRAL}. */
    public ExternalTaskHandler decorate(TopicHandler handler, RetryPolicy retryPolicy) {
        return decorate(handler, retryPolicy, DEFAULT_DEFERRAL);
    }

    /**
     * @param deferral how soon a deferred task is offered again ({@link TaskOutcome#DEFERRED}: it waits for another
     *                 step, e.g. a refund for the charge in flight)
     */
    public ExternalTaskHandler decorate(TopicHandler handler, RetryPolicy retryPolicy, Duration deferral) {
        return (task, service) -> tracing.handle(task, () -> {
            execute(handler, retryPolicy, deferral, task, service);
            return null;
        });
    }

    private void execute(TopicHandler handler, RetryPolicy retryPolicy, Duration deferral, ExternalTask task,
                         ExternalTaskService service) {
        String topic = task.getTopicName();
        if (lifecycle.isStopping()) {
            release(task, service);
            return;
        }
        Timer.Sample sample = metrics.start();
        TaskOutcome outcome;
        // the order id stays in the log context for the failure handling too (its logs matter most)
        try (OrderLogContext.Scope ignored = OrderLogContext.open(task.getBusinessKey())) {
            try (WorkerLifecycle.LockHeartbeat locked = lifecycle.keepLocked(task, service)) {
                outcome = handleAndReport(handler, retryPolicy, task, new ReportingTaskService(service, locked),
                        topic);
            }
            if (outcome == TaskOutcome.DEFERRED) {
                outcome = offerAgainShortly(task, service, deferral);
            }
        }
        metrics.handled(topic, outcome, sample);
    }

    /**
     * A deferred task: no retry is used up and no failure recorded; the task stays locked for {@code deferral} and is
     * then handed back, which wakes the engine's long polls (a lock running out would not).
     */
    private TaskOutcome offerAgainShortly(ExternalTask task, ExternalTaskService service, Duration deferral) {
        try {
            // kept locked a little beyond the hand-back, in case this worker dies before it: then the lock runs out
            service.extendLock(task, deferral.plus(DEFERRAL_MARGIN).toMillis());
            lifecycle.releaseAfter(task, service, deferral);
            log.info("Task {} of topic {} waits for another step; offered again in {}", task.getId(),
                    task.getTopicName(), deferral);
            return TaskOutcome.DEFERRED;
        } catch (NotFoundException gone) {
            return TaskOutcome.GONE;
        } catch (ExternalTaskClientException engineRefused) {
            log.info("Could not keep deferred task {} ({}); it is offered again when its lock runs out",
                    task.getId(), engineRefused.getMessage());
            return TaskOutcome.DEFERRED;
        }
    }

    private TaskOutcome handleAndReport(TopicHandler handler, RetryPolicy retryPolicy, ExternalTask task,
                                        ExternalTaskService service, String topic) {
        try {
            return onEngineHiccup.execute(attempt -> {
                try {
                    return handler.handle(task, service);
                } catch (TaskFailure failure) {
                    return fail(retryPolicy, task, service, failure.getMessage(), failure.details());
                }
            });
        } catch (NotFoundException gone) {
            log.info("Task {} of topic {} no longer exists (the order moved on): {}", task.getId(), topic,
                    gone.getMessage());
            return TaskOutcome.GONE;
        } catch (ExternalTaskClientException engineRefused) {
            log.warn("Could not report the result of task {} of topic {} (engine unreachable or lock lost); it will be offered again",
                    task.getId(), topic, engineRefused);
            return TaskOutcome.UNREPORTED;
        } catch (RuntimeException unexpected) {
            log.warn("Task {} of topic {} failed", task.getId(), topic, unexpected);
            return fail(retryPolicy, task, service,
                    unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage(),
                    stackTrace(unexpected));
        }
    }

    /** Reports a failure with the retry policy: decreasing retries, growing back-off, incident at zero. */
    private static TaskOutcome fail(RetryPolicy retryPolicy, ExternalTask task, ExternalTaskService service,
                                    String message, String details) {
        RetryPolicy.Decision decision = retryPolicy.next(task.getRetries());
        try {
            service.handleFailure(task, message, details, decision.retriesLeft(), decision.delay().toMillis());
        } catch (NotFoundException gone) {
            return TaskOutcome.GONE;
        }
        if (decision.incident()) {
            log.error("Task {} of topic {} failed with no retry left: incident raised ({})", task.getId(),
                    task.getTopicName(), message);
            return TaskOutcome.INCIDENT;
        }
        log.warn("Task {} of topic {} failed, {} retries left, next try in {} ({})", task.getId(),
                task.getTopicName(), decision.retriesLeft(), decision.delay(), message);
        return TaskOutcome.RETRY;
    }

    private void release(ExternalTask task, ExternalTaskService service) {
        Timer.Sample sample = metrics.start();
        try {
            service.unlock(task);
            log.info("Shutting down: released task {} of topic {}", task.getId(), task.getTopicName());
        } catch (ExternalTaskClientException e) {
            log.info("Shutting down: could not release task {} ({}); its lock expires", task.getId(),
                    e.getMessage());
        }
        metrics.handled(task.getTopicName(), TaskOutcome.RELEASED, sample);
    }

    /**
     * The engine answered 500 (the client's {@link EngineException}): its transaction rolled back (a lost race, a
     * dropped database connection).
     */
    static boolean engineHiccup(Throwable error) {
        return error instanceof EngineException;
    }

    private static String stackTrace(Throwable error) {
        java.io.StringWriter out = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(out));
        String text = out.toString();
        return text.length() > 4000 ? text.substring(0, 4000) : text;
    }
}
