package com.baedal.engine.events;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderEventsOnTopic;
import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventType;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * History cleanup as configured (application.yaml: window, batch size; the process's history time to live): an ended
 * order's history stays until its time to live has passed since it ended, then the cleanup job removes it. What the
 * customer sees is untouched: the order's events stay on the topic the read-model projects (the read-model never
 * reads the engine's history) and the engine's order row stays.
 */
@EngineIntegrationTest
class HistoryCleanupIT extends PlacedOrdersOnTopic {

    @Autowired RepositoryService repository;
    @Autowired HistoryService history;
    @Autowired ManagementService management;
    @Autowired ProcessEngineConfiguration configuration;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theCleanupIsConfiguredFromApplicationYaml() {
        ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
        assertThat(engine.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(engine.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(engine.getHistoryCleanupBatchSize()).isEqualTo(500);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).latestVersion()
                .singleResult().getHistoryTimeToLive()).isEqualTo(30);
    }

    @Test
    void anEndedOrdersHistoryIsRemovedAfterItsTimeToLiveWhileTheCustomersViewStays() {
        String delivered = api.place("tok_visa");
        api.readyForPickup(delivered);
        api.deliver(delivered, "rider-gangnam-1");
        endProcess(delivered);
        String running = api.place("tok_visa");

        HistoricProcessInstance ended = historyOf(delivered);
        assertThat(ended.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(ended.getRemovalTime()).as("removal time = end + 30 days")
                .isEqualTo(Date.from(ended.getEndTime().toInstant().plus(Duration.ofDays(30))));

        // within its time to live the cleanup keeps it
        cleanUpNow();
        assertThat(historyOf(delivered)).isNotNull();

        // a day after its time to live it is gone, with its activities and variables; the running order keeps its
        ClockUtil.setCurrentTime(Date.from(ended.getEndTime().toInstant().plus(Duration.ofDays(31))));
        // (each round removes at most a batch per table, and other tests' ended orders are due too: several rounds)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            cleanUpNow();
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(delivered).count())
                    .isZero();
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(ended.getId()).count())
                    .isZero();
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(ended.getId()).count())
                    .isZero();
        });
        assertThat(historyOf(running)).isNotNull();

        // the customer's view: every event of the order is still on the topic, and the engine's order row stays
        List<OrderEvent> events = topic.awaitRecords(delivered, r -> r.size() >= 7, Duration.ofSeconds(20)).stream()
                .map(OrderEventsOnTopic.Received::event).toList();
        assertThat(events).extracting(OrderEvent::type).contains(OrderEventType.OrderPlaced,
                OrderEventType.OrderDelivered);
        assertThat(jdbc.sql("select count(*) from baedal.customer_order where order_id = :id")
                .param("id", UUID.fromString(delivered)).query(Integer.class).single()).isEqualTo(1);
    }

    private HistoricProcessInstance historyOf(String orderId) {
        return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult();
    }

    /** Runs one round of the history cleanup now, outside its window (or lets the job executor run it). */
    private void cleanUpNow() {
        try {
            Job job = history.cleanUpHistoryAsync(true);
            management.executeJob(job.getId());
        } catch (OptimisticLockingException takenByTheJobExecutor) {
            // the job executor rescheduled or ran the cleanup job at the same time (scheduling it updates the same
            // row): fine, the assertions wait for its result
        }
    }

    /** Completes the workers' tasks left (notifications) until the order's process has ended. */
    private void endProcess(String orderId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).list().forEach(instance ->
                    externalTasks.createExternalTaskQuery().processInstanceId(instance.getId()).notLocked().list()
                            .forEach(task -> api.complete(orderId, task.getTopicName(), Map.of())));
            return runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).count() == 0;
        });
    }
}
