package com.baedal.engine.camunda;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.engine.order.OrderRepository;
import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderFixtures;
import com.baedal.engine.support.OrderFixtures.StartedOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A worker completing a notification while the store's accept holds the order: the completion waits for the order's
 * lock before the engine reads anything, then works on what the accept committed, and succeeds at the first try. A
 * worker's failure report takes the same way (the lock, then the engine's own call) and arrives as reported.
 */
@EngineIntegrationTest
class WorkerCompletionOrderLockIT {

    static final String WORKER = "lock-it-worker";

    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ExternalTaskService externalTaskService;
    @Autowired OrderRepository orders;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired JdbcClient jdbc;

    StartedOrder order;

    @AfterEach
    void removeOrder() {
        if (order != null && runtimeService.createProcessInstanceQuery()
                .processInstanceId(order.processInstanceId()).count() > 0) {
            runtimeService.deleteProcessInstance(order.processInstanceId(), "test cleanup", true, true);
        }
    }

    @Test
    void completionQueuesBehindACommandOnTheSameOrderAndSucceedsFirstTime() throws Exception {
        order = OrderFixtures.startOrder(runtimeService, jdbc, "chicken-gangnam", "Gangnam Fried Chicken", "gangnam");
        OrderFixtures.completeCharge(externalTaskService, order);
        String acceptTask = OrderFixtures.awaitTask(taskService, order, TASK_ACCEPT_ORDER).getId();
        List<LockedExternalTask> notifyStore = externalTaskService.fetchAndLock(1, WORKER)
                .topic(TOPIC_NOTIFY_STORE, 60_000).businessKey(order.orderId()).execute();
        assertThat(notifyStore).hasSize(1);

        CountDownLatch acceptHoldsTheOrder = new CountDownLatch(1);
        CountDownLatch letAcceptCommit = new CountDownLatch(1);
        CompletableFuture<Void> accept = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    // what an order command does: the order's lock, then the engine
                    orders.lock(order.orderId());
                    taskService.complete(acceptTask, Map.of(VAR_ACCEPTED, true));
                    acceptHoldsTheOrder.countDown();
                    awaitLatch(letAcceptCommit);
                }));
        assertThat(acceptHoldsTheOrder.await(10, TimeUnit.SECONDS)).isTrue();

        long waitingBefore = backendsWaitingForALock();
        CompletableFuture<Void> completion = CompletableFuture.runAsync(() ->
                externalTaskService.complete(notifyStore.get(0).getId(), WORKER));
        // the completion's connection queues on a row lock (the order's) while the accept holds it
        await().atMost(Duration.ofSeconds(10)).until(() -> backendsWaitingForALock() > waitingBefore);
        assertThat(completion).as("the completion waits for the order's lock").isNotDone();

        letAcceptCommit.countDown();
        accept.get(10, TimeUnit.SECONDS);
        completion.get(10, TimeUnit.SECONDS); // an optimistic-locking failure would surface here

        assertThat(externalTaskService.createExternalTaskQuery().processInstanceId(order.processInstanceId())
                .topicName(TOPIC_NOTIFY_STORE).count()).isZero();
        assertThat(OrderFixtures.awaitTask(taskService, order, TASK_START_COOKING)).isNotNull();
    }

    @Test
    void aReportedFailureGoesThroughTheLockingServiceAndArrivesAsReported() {
        order = OrderFixtures.startOrder(runtimeService, jdbc, "chicken-gangnam", "Gangnam Fried Chicken", "gangnam");
        List<LockedExternalTask> charge = externalTaskService.fetchAndLock(1, WORKER)
                .topic(TOPIC_PAYMENT_CHARGE, 60_000).businessKey(order.orderId()).execute();
        assertThat(charge).hasSize(1);
        String taskId = charge.get(0).getId();

        externalTaskService.handleFailure(taskId, WORKER, "provider unreachable", "timeout after 5s", 2, 0);

        ExternalTask failed = externalTaskService.createExternalTaskQuery().externalTaskId(taskId).singleResult();
        assertThat(failed.getRetries()).isEqualTo(2);
        assertThat(failed.getErrorMessage()).isEqualTo("provider unreachable");
        assertThat(externalTaskService.getExternalTaskErrorDetails(taskId)).isEqualTo("timeout after 5s");
    }

    /** PostgreSQL sessions of this database waiting for the lock of an order row held by another transaction. */
    private long backendsWaitingForALock() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                         where datname = current_database() and wait_event_type = 'Lock'
                           and query like '%customer_order%for update%'
                        """).query(Long.class).single();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
