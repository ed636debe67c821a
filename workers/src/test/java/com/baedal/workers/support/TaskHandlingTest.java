package com.baedal.workers.support;

import static com.baedal.process.OrderProcess.TOPIC_PAYMENT_CHARGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.baedal.support.OrderLogContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.exception.BadRequestException;
import org.camunda.bpm.client.exception.EngineException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.exception.RestException;
import org.camunda.bpm.client.spring.boot.starter.ClientProperties;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The common handler behaviour: failures become retries/incidents, shutdown releases tasks, the task in hand keeps its
 * lock, a deferred task comes back soon, metrics count.
 */
class TaskHandlingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExternalTaskClient client = mock(ExternalTaskClient.class);
    private final FetchLoop payments = mock(FetchLoop.class);
    private final WorkerLifecycle lifecycle = new WorkerLifecycle(client, loops(payments), lockDuration(300), true);
    private final ExternalTask task = mock(ExternalTask.class);
    private final ExternalTaskService service = mock(ExternalTaskService.class);
    private final AtomicInteger handled = new AtomicInteger();
    private RuntimeException failure;
    private TaskOutcome outcome = TaskOutcome.COMPLETED;
    /** counted down by the handler's work: lets a test hold the task in hand */
    private CountDownLatch working;
    /** the order id in the log context while the handler worked */
    private String orderIdWhileHandling;

    private final ExternalTaskHandler handler = new TaskHandling(new WorkerMetrics(registry), lifecycle,
            TaskTracing.OFF).decorate(new TopicHandler() {
        @Override
        public TaskOutcome handle(ExternalTask task, ExternalTaskService service) {
            handled.incrementAndGet();
            orderIdWhileHandling = MDC.get(OrderLogContext.MDC_KEY);
            if (failure != null) {
                throw failure;
            }
            if (working != null) {
                try {
                    assertThat(working.await(20, TimeUnit.SECONDS)).as("released while in hand").isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (outcome == TaskOutcome.COMPLETED) {
                service.complete(task);
            }
            return outcome;
        }
    }, new RetryPolicy(3, Duration.ofSeconds(1)), Duration.ofMillis(750));

    private static ObjectProvider<FetchLoop> loops(FetchLoop... loops) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < loops.length; i++) {
            beans.addBean("loop" + i, loops[i]);
        }
        return beans.getBeanProvider(FetchLoop.class);
    }

    private static ClientProperties lockDuration(long millis) {
        ClientProperties properties = new ClientProperties();
        properties.setLockDuration(millis);
        return properties;
    }

    @BeforeEach
    void task() {
        given(task.getTopicName()).willReturn(TOPIC_PAYMENT_CHARGE);
        given(task.getId()).willReturn("task-1");
        given(task.getBusinessKey()).willReturn("order-1");
        lifecycle.start();
    }

    private double count(String outcome) {
        return registry.counter(WorkerMetrics.TASKS, "topic", TOPIC_PAYMENT_CHARGE, "outcome", outcome).count();
    }

    @Test
    void completedTaskIsCountedAndTimed() {
        handler.execute(task, service);

        verify(service).complete(task);
        assertThat(count("completed")).isEqualTo(1);
        assertThat(registry.timer(WorkerMetrics.TASK_DURATION, "topic", TOPIC_PAYMENT_CHARGE).count()).isEqualTo(1);
    }

    /**
     * How the engine answers the handler's completion: with this error on the first report only or on every one,
     * how often the task is then handled, and its outcome. A 500 (EngineException) rolled back and is worth reporting
     * again a few times; anything else is not.
     */
    static Stream<Arguments> completionFailures() {
        RestException lostRace = restException("Entity was updated by another transaction concurrently", 500,
                "OptimisticLockingException");
        // the engine's database connection was killed under the completion: 500, rolled back
        RestException rolledBack = restException("connection terminated", 500, "ProcessEnginePersistenceException");
        RestException down = restException("database down", 500, null);
        RestException invalid = restException("no such variable type", 400, null);
        return Stream.of(
                arguments(named("lost an optimistic-locking race: reported again at once",
                        new EngineException("complete failed", lostRace)), true, 2, "completed"),
                arguments(named("rolled back by the engine: reported again after a short pause",
                        new EngineException("complete failed", rolledBack)), true, 2, "completed"),
                arguments(named("the engine keeps failing: left to the task's lock after a few tries",
                        new EngineException("complete failed", down)), false, 4, "unreported"),
                arguments(named("refused: not reported again",
                        new BadRequestException("complete failed", invalid)), false, 1, "unreported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completionFailures")
    void aFailedCompletionIsHandledAndReportedAgainOnlyWhileTheEngineMayTakeIt(RuntimeException error,
            boolean firstReportOnly, int handlings, String outcome) {
        if (firstReportOnly) {
            willThrow(error).willDoNothing().given(service).complete(task);
        } else {
            willThrow(error).given(service).complete(task);
        }

        handler.execute(task, service);

        assertThat(handled).hasValue(handlings);
        verify(service, times(handlings)).complete(task);
        verify(service, never()).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());
        assertThat(count(outcome)).isEqualTo(1);
    }

    private static RestException restException(String message, int status, String type) {
        RestException error = new RestException(message, null, status);
        if (type != null) {
            error.setType(type);
        }
        return error;
    }

    @Test
    void anUnexpectedErrorOnTheFirstDeliveryIsRetriedWithTheBaseBackoff() {
        failure = new IllegalStateException("database down");
        given(task.getRetries()).willReturn(null); // the engine sends no retries before the first failure

        handler.execute(task, service);

        verify(service).handleFailure(eq(task), eq("IllegalStateException: database down"), anyString(), eq(2),
                eq(1_000L));
        assertThat(count("retry")).isEqualTo(1);
    }

    @Test
    void aFailureTheHandlerRecognisesIsReportedWithItsMessageAndTheRetryPolicy() {
        failure = new TaskFailure("Card provider unavailable", "HTTP 503");
        given(task.getRetries()).willReturn(2);

        handler.execute(task, service);

        verify(service).handleFailure(task, "Card provider unavailable", "HTTP 503", 1, 2_000L);
        assertThat(handled).hasValue(1);
        assertThat(count("retry")).isEqualTo(1);
    }

    @Test
    void theOrderIdIsInTheLogContextWhileTheTaskIsHandledAndReported() {
        failure = new IllegalStateException("database down");
        String[] orderIdWhileReporting = new String[1];
        willAnswer(call -> {
            orderIdWhileReporting[0] = MDC.get(OrderLogContext.MDC_KEY);
            return null;
        }).given(service).handleFailure(eq(task), anyString(), anyString(), anyInt(), anyLong());

        handler.execute(task, service);

        assertThat(OrderLogContext.MDC_KEY).isEqualTo("orderId");
        assertThat(orderIdWhileHandling).isEqualTo("order-1");
        assertThat(orderIdWhileReporting[0]).isEqualTo("order-1");
        assertThat(MDC.get(OrderLogContext.MDC_KEY)).isNull();
    }

    @Test
    void anErrorWithTheLastRetryRaisesAnIncident() {
        failure = new IllegalStateException("database down");
        given(task.getRetries()).willReturn(1);

        handler.execute(task, service);

        verify(service).handleFailure(eq(task), anyString(), anyString(), eq(0), eq(0L));
        assertThat(count("incident")).isEqualTo(1);
    }

    @Test
    void aTaskThatNoLongerExistsIsNotFailed() {
        failure = new NotFoundException("gone", null);

        handler.execute(task, service);

        verify(service, never()).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());
        assertThat(count("gone")).isEqualTo(1);
    }

    @Test
    void duringShutdownUnstartedTasksAreHandedBackUntouched() {
        lifecycle.stop();

        handler.execute(task, service);

        assertThat(handled).hasValue(0);
        verify(service).unlock(task);
        verify(client).stop();
        verify(payments).stop();
        assertThat(count("released")).isEqualTo(1);
    }

    @Test
    void fetchingStartsOnlyWhenTheApplicationIsReadyInEveryLoop() {
        verifyNoInteractions(client, payments);

        lifecycle.startFetching();

        verify(client).start();
        verify(payments).start();
    }

    @Test
    void theTaskInHandKeepsItsLockForAsLongAsItRuns() {
        // lock duration 300 ms: extended by 300 ms every 100 ms; the handler finishes after two extensions
        working = new CountDownLatch(2);
        willAnswer(call -> {
            working.countDown();
            return null;
        }).given(service).extendLock(task, 300L);

        handler.execute(task, service);

        verify(service, atLeast(2)).extendLock(task, 300L);
        verify(service).complete(task);
    }

    @Test
    void theLockExtensionsEndBeforeTheReportSoTheyNeverRaceIt() {
        // an extension and a report of one task at once: one of them loses an optimistic-locking race in the engine
        WorkerLifecycle.LockHeartbeat extensions = lifecycle.keepLocked(task, service);
        ReportingTaskService reporting = new ReportingTaskService(service, extensions);
        boolean[] extendingWhileReporting = new boolean[1];
        willAnswer(call -> {
            extendingWhileReporting[0] = !extensions.isClosed();
            return null;
        }).given(service).complete(task);

        reporting.extendLock(task, 300L);
        assertThat(extensions.isClosed()).as("an extension is no report").isFalse();
        reporting.complete(task);

        assertThat(extendingWhileReporting[0]).isFalse();
        assertThat(extensions.isClosed()).isTrue();
    }

    @Test
    void aDeferredTaskIsOfferedAgainShortlyWithoutUsingARetry() {
        outcome = TaskOutcome.DEFERRED;

        handler.execute(task, service);

        // locked a little beyond the hand-back (in case the worker dies first), then handed back: that wakes the
        // engine's long polls, a lock running out would not
        verify(service).extendLock(task, 5_750L);
        verify(service, timeout(10_000)).unlock(task);
        verify(service, never()).handleFailure(any(ExternalTask.class), anyString(), anyString(), anyInt(), anyLong());
        verify(service, never()).complete(task);
        assertThat(count("deferred")).isEqualTo(1);
    }
}
