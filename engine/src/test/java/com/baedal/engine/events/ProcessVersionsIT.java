package com.baedal.engine.events;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.engine.support.EngineIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A new version of {@code order-delivery} deployed while orders run (README "Change the process"): version 2 adds a
 * step (the customer is told that cooking started, topic {@value com.baedal.process.OrderProcess#TOPIC_NOTIFY_CUSTOMER},
 * which the workers already handle). Orders in every waiting state of version 1 either finish on version 1 or are
 * moved to version 2 by Camunda's migration plan (same activity ids mapped): orders before the charge migrate,
 * orders after it are refused by Camunda (the refund's compensation subscription) and finish on version 1; new
 * orders start on version 2; all of them are driven to delivery through the order API, as the apps and workers
 * would.
 */
@EngineIntegrationTest
class ProcessVersionsIT extends PlacedOrders {

    /** The step version 2 adds between "Until cooking starts" and "Finish cooking". */
    static final String NEW_STEP = "notifyCustomerCookingStarted";
    private static final String RIDER = "rider-gangnam-1";

    @Autowired TaskService taskService;
    @Autowired RepositoryService repository;
    @Autowired HistoryService history;

    Deployment version2;

    @AfterEach
    void cleanUp() {
        if (version2 != null) {
            // the other tests expect version 1 as the latest
            repository.deleteDeployment(version2.getId(), true, true, true);
        }
    }

    @Test
    void ordersOfEveryStateOfVersionOneFinishOnItOrMigratedWhileNewOrdersStartOnVersionTwo() throws IOException {
        ProcessDefinition v1 = latest();

        // two orders in every waiting state of version 1: one stays, one is migrated
        Map<String, String> stays = new LinkedHashMap<>();
        Map<String, String> migrates = new LinkedHashMap<>();
        for (Map<String, String> orders : List.of(stays, migrates)) {
            orders.putAll(oneOrderInEveryWaitingState());
        }
        assertThat(definitionsOf(stays.values())).containsOnly(v1.getId());

        version2 = deployVersionTwo();
        ProcessDefinition v2 = latest();
        assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);
        assertThat(v2.getDeploymentId()).isEqualTo(version2.getId());

        // running orders stay on their version until migrated
        assertThat(definitionsOf(stays.values())).containsOnly(v1.getId());
        MigrationPlan plan = runtime.createMigrationPlan(v1.getId(), v2.getId())
                .mapEqualActivities()
                .updateEventTriggers()
                .build();
        // Orders past the charge hold the refund's compensation subscription; Camunda 7.24 cannot migrate it for this
        // model (the compensation association sits at process level, where the Modeler draws it): it refuses, the
        // order stays on version 1 untouched and finishes there. Orders before the charge migrate.
        String placed = migrates.remove("PLACED");
        runtime.newMigration(plan).processInstanceIds(instanceIds(List.of(placed))).execute();
        assertThat(definitionsOf(List.of(placed))).containsOnly(v2.getId());
        for (Map.Entry<String, String> order : migrates.entrySet()) {
            assertThatThrownBy(() -> runtime.newMigration(plan).processInstanceIds(instanceIds(List.of(order.getValue())))
                    .execute()).as("migration of a %s order", order.getKey()).isInstanceOf(RuntimeException.class);
        }
        assertThat(definitionsOf(migrates.values())).containsOnly(v1.getId());
        stays.putAll(prefixed(migrates));
        migrates.clear();
        migrates.put("PLACED", placed);

        // a new order starts on version 2
        String placedOnV2 = api.place("tok_visa");
        assertThat(definitionsOf(List.of(placedOnV2))).containsOnly(v2.getId());

        List<String> all = new ArrayList<>();
        all.addAll(stays.values());
        all.addAll(migrates.values());
        all.add(placedOnV2);
        for (String orderId : all) {
            driveToDelivery(orderId);
        }

        for (String orderId : all) {
            HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(orderId).singleResult();
            assertThat(ended.getState()).as("order %s", orderId).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
            assertThat(passed(orderId)).as("order %s", orderId).contains(TASK_CONFIRM_DELIVERY, "endOrderDelivered");
        }
        // version 1 orders never see the new step; migrated orders see it when they had not passed its place yet
        for (String orderId : stays.values()) {
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId).singleResult()
                    .getProcessDefinitionId()).isEqualTo(v1.getId());
            assertThat(passed(orderId)).doesNotContain(NEW_STEP);
        }
        for (Map.Entry<String, String> order : migrates.entrySet()) {
            boolean before = Set.of("PLACED", "PAID", "ACCEPTED").contains(order.getKey());
            assertThat(passed(order.getValue()).contains(NEW_STEP)).as("%s order passes the new step", order.getKey())
                    .isEqualTo(before);
        }
        assertThat(passed(placedOnV2)).contains(NEW_STEP);
    }

    private static Map<String, String> prefixed(Map<String, String> orders) {
        Map<String, String> renamed = new LinkedHashMap<>();
        orders.forEach((state, orderId) -> renamed.put("not migrated " + state, orderId));
        return renamed;
    }

    /**
     * A new order in every waiting state, by status: each placed and driven through the order API one step further
     * than the one before.
     */
    private Map<String, String> oneOrderInEveryWaitingState() {
        Map<String, Consumer<String>> stepTo = new LinkedHashMap<>();
        stepTo.put("PAID", api::charge);
        stepTo.put("ACCEPTED", orderId -> api.store(orderId, "accept"));
        stepTo.put("COOKING", orderId -> api.store(orderId, "cooking-started"));
        stepTo.put("READY_FOR_PICKUP", orderId -> api.store(orderId, "cooking-finished"));
        stepTo.put("PICKED_UP", orderId -> api.pick(orderId, RIDER));

        Map<String, String> orders = new LinkedHashMap<>();
        orders.put("PLACED", api.place("tok_visa"));
        List<Consumer<String>> stepsSoFar = new ArrayList<>();
        stepTo.forEach((status, step) -> {
            stepsSoFar.add(step);
            String orderId = api.place("tok_visa");
            stepsSoFar.forEach(done -> done.accept(orderId));
            orders.put(status, orderId);
        });
        return orders;
    }

    /** Does whatever the order waits for (a worker's task or the store's / rider's step) until it is delivered. */
    private void driveToDelivery(String orderId) {
        for (int step = 0; step < 30; step++) {
            List<ProcessInstance> running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                    .list();
            if (running.isEmpty()) {
                return;
            }
            List<ExternalTask> open = externalTasks.createExternalTaskQuery()
                    .processInstanceId(running.get(0).getId()).notLocked().list();
            if (!open.isEmpty()) {
                String topic = open.get(0).getTopicName();
                api.complete(orderId, topic, TOPIC_PAYMENT_CHARGE.equals(topic)
                        ? Map.of(VAR_PAYMENT_STATUS, "APPROVED") : Map.of());
                continue;
            }
            List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(orderId).list();
            assertThat(tasks).as("order %s waits for something", orderId).isNotEmpty();
            switch (tasks.get(0).getTaskDefinitionKey()) {
                case TASK_ACCEPT_ORDER -> api.store(orderId, "accept");
                case TASK_START_COOKING -> api.store(orderId, "cooking-started");
                case TASK_FINISH_COOKING -> api.store(orderId, "cooking-finished");
                case TASK_PICK_UP -> api.pick(orderId, RIDER);
                case TASK_CONFIRM_DELIVERY -> api.completeDelivery(orderId, RIDER);
                default -> throw new AssertionError("unexpected task " + tasks.get(0).getTaskDefinitionKey());
            }
        }
        throw new AssertionError("order " + orderId + " did not end within 30 steps");
    }

    private Set<String> passed(String orderId) {
        String instanceId = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .singleResult().getId();
        Set<String> activities = new HashSet<>();
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                .processInstanceId(instanceId).list()) {
            activities.add(activity.getActivityId());
        }
        return activities;
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).latestVersion()
                .singleResult();
    }

    private List<String> instanceIds(Iterable<String> orderIds) {
        List<String> ids = new ArrayList<>();
        orderIds.forEach(orderId -> ids.add(runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .singleResult().getId()));
        return ids;
    }

    private Set<String> definitionsOf(Iterable<String> orderIds) {
        Set<String> definitions = new HashSet<>();
        orderIds.forEach(orderId -> definitions.add(runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(orderId).singleResult().getProcessDefinitionId()));
        return definitions;
    }

    /**
     * Version 1's BPMN with one step more, deployed with the forms as the engine deploys them at start (the user tasks
     * bind their forms within the deployment).
     */
    private Deployment deployVersionTwo() throws IOException {
        String v1;
        try (InputStream in = getClass().getResourceAsStream("/bpmn/order-delivery.bpmn")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String flow = "<bpmn:sequenceFlow id=\"flowToFinishCooking\" sourceRef=\"beforeCooking\" targetRef=\"finishCooking\"/>";
        assertThat(v1).contains(flow);
        String v2 = v1.replace(flow, """
                <bpmn:sequenceFlow id="flowToFinishCooking" sourceRef="beforeCooking" targetRef="%1$s"/>
                    <bpmn:serviceTask id="%1$s" name="Tell the customer cooking started" camunda:type="external" camunda:topic="%2$s"/>
                    <bpmn:sequenceFlow id="flowFromNewStepToFinishCooking" sourceRef="%1$s" targetRef="finishCooking"/>
                """.formatted(NEW_STEP, TOPIC_NOTIFY_CUSTOMER));
        DeploymentBuilder deployment = repository.createDeployment().name("order-delivery v2 (ProcessVersionsIT)")
                .addString("order-delivery.bpmn", v2);
        for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
            try (InputStream in = form.getInputStream()) {
                deployment.addString(form.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return deployment.deploy();
    }
}
