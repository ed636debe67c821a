package com.baedal.engine.order;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderFixtures;
import com.baedal.engine.support.OrderFixtures.StartedOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A worker completing a notification while the store's accept holds the order: the completion waits for the order's
 * lock before the engine reads anything, then works on what the accept committed, and succeeds at the first try.
 */
@EngineIntegrationTest
class WorkerCompletionOrderLockIT {

    static final String WORKER = "lock-it-worker";

    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ExternalTaskService externalTaskService;
    @Autowired OrderLock orderLock;
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
                    orderLock.lock(order.orderId());
                    taskService.complete(acceptTask, Map.of(VAR_ACCEPTED, true));
                    acceptHoldsTheOrder.countDown();
                    await(letAcceptCommit);
                }));
        assertThat(acceptHoldsTheOrder.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> completion = CompletableFuture.runAsync(() ->
                externalTaskService.complete(notifyStore.get(0).getId(), WORKER));
        Thread.sleep(500);
        assertThat(completion).as("the completion waits for the order's lock").isNotDone();

        letAcceptCommit.countDown();
        accept.get(10, TimeUnit.SECONDS);
        completion.get(10, TimeUnit.SECONDS); // an optimistic-locking failure would surface here

        assertThat(externalTaskService.createExternalTaskQuery().processInstanceId(order.processInstanceId())
                .topicName(TOPIC_NOTIFY_STORE).count()).isZero();
        assertThat(OrderFixtures.awaitTask(taskService, order, TASK_START_COOKING)).isNotNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
