package com.baedal.process;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.contract.PaymentStatus;
import com.baedal.testsupport.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A database created by Camunda 7.24 CE, with orders waiting in every state, keeps working on Operaton: the orders
 * started on Camunda finish on Operaton, and new orders start on the deployment Camunda made.
 * <p>
 * Both engines are on this test's class path (their packages differ: org.camunda.bpm 7.24 for the first half,
 * org.operaton.bpm for the second), each a plain engine on the real PostgreSQL, one after the other on one
 * database. Operaton 1.0 continues the 7.24 schema (its newest upgrade script is {@code *_7.23_to_7.24.sql}): it
 * runs here with schema update off, so it must take the database exactly as Camunda left it. Compiled and run only
 * in the Operaton build (the default; its profile adds src/test-operaton/java); written in both engines' own names,
 * so the build's name mapping does not apply to it.
 */
class UpgradeFromCamundaTest {

    static final String DATABASE = "baedal_upgrade_test";
    private static final String WORKER = "upgrade-test-worker";
    private static final String STORE_ID = "store-a";
    private static final String RIDER = "rider-gangnam-1";

    @Test
    void ordersStartedOnCamunda724FinishOnOperatonWithoutASchemaChange() throws SQLException {
        String jdbcUrl = LocalPostgres.freshDatabase(DATABASE);

        // 1. Camunda 7.24: schema, deployment, one order waiting in each state
        Map<String, String> orders = new LinkedHashMap<>();
        org.camunda.bpm.engine.ProcessEngine camunda = camunda(jdbcUrl);
        String definitionOnCamunda;
        try {
            OnCamunda steps = new OnCamunda(camunda);
            definitionOnCamunda = steps.deploy();
            orders.put("PLACED", steps.place());
            orders.put("PAID", steps.toPaid(steps.place()));
            orders.put("COOKING", steps.toCooking(steps.toPaid(steps.place())));
            orders.put("READY_FOR_PICK_UP", steps.toReadyForPickUp(steps.toCooking(steps.toPaid(steps.place()))));
            orders.put("PAID_THEN_CANCELLED", steps.toPaid(steps.place()));
            orders.forEach((state, orderId) -> assertThat(steps.isRunning(orderId)).as(state).isTrue());
        } finally {
            camunda.close();
        }
        String schemaVersion = schemaVersion(jdbcUrl);
        assertThat(schemaVersion).startsWith("7.24");

        // 2. Operaton on the same database, schema untouched
        org.operaton.bpm.engine.ProcessEngine operaton = operaton(jdbcUrl);
        try {
            OnOperaton steps = new OnOperaton(operaton);
            assertThat(steps.latestDefinitionId()).isEqualTo(definitionOnCamunda);

            steps.deliver(steps.toReadyForPickUp(steps.toCooking(steps.toPaid(orders.get("PLACED")))));
            steps.deliver(steps.toReadyForPickUp(steps.toCooking(orders.get("PAID"))));
            steps.deliver(steps.toReadyForPickUp(orders.get("COOKING")));
            steps.deliver(orders.get("READY_FOR_PICK_UP"));
            steps.cancelAndRefund(orders.get("PAID_THEN_CANCELLED"));
            String newOrder = steps.place();
            steps.deliver(steps.toReadyForPickUp(steps.toCooking(steps.toPaid(newOrder))));

            orders.forEach((state, orderId) -> assertThat(steps.isRunning(orderId)).as(state).isFalse());
            for (String state : List.of("PLACED", "PAID", "COOKING", "READY_FOR_PICK_UP")) {
                assertThat(steps.passed(orders.get(state))).as(state)
                        .contains(TASK_CONFIRM_DELIVERY, END_ORDER_DELIVERED);
            }
            assertThat(steps.passed(orders.get("PAID_THEN_CANCELLED")))
                    .contains(TASK_REFUND_PAYMENT, END_ORDER_CANCELLED).doesNotContain(TASK_START_COOKING);
            assertThat(steps.passed(newOrder)).contains(END_ORDER_DELIVERED);
            assertThat(steps.definitionIdOf(newOrder)).isEqualTo(definitionOnCamunda);
        } finally {
            operaton.close();
        }
        assertThat(schemaVersion(jdbcUrl)).as("Operaton changed no schema").isEqualTo(schemaVersion);
    }

    private static org.camunda.bpm.engine.ProcessEngine camunda(String jdbcUrl) {
        var configuration = new org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("baedal-upgrade-camunda");
        configuration.setJdbcUrl(jdbcUrl);
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(LocalPostgres.USER);
        configuration.setJdbcPassword("");
        configuration.setDatabaseSchemaUpdate(org.camunda.bpm.engine.ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(org.camunda.bpm.engine.ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setJavaSerializationFormatEnabled(false);
        return configuration.buildProcessEngine();
    }

    private static org.operaton.bpm.engine.ProcessEngine operaton(String jdbcUrl) {
        var configuration = new org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("baedal-upgrade-operaton");
        configuration.setJdbcUrl(jdbcUrl);
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(LocalPostgres.USER);
        configuration.setJdbcPassword("");
        // check the schema, change nothing
        configuration.setDatabaseSchemaUpdate(org.operaton.bpm.engine.ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
        configuration.setHistory(org.operaton.bpm.engine.ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setJavaSerializationFormatEnabled(false);
        return configuration.buildProcessEngine();
    }

    /** The newest entry of the engine's schema log: the version its tables are at. */
    private static String schemaVersion(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             ResultSet rows = connection.createStatement().executeQuery(
                     "select version_ from act_ge_schema_log order by cast(id_ as integer) desc limit 1")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    /** The steps of an order, written once; each engine supplies the few calls they are made of. */
    abstract static class Steps {

        abstract String start(Map<String, Object> variables);

        abstract void completeExternal(String orderId, String topic, Map<String, Object> variables);

        abstract void completeUserTask(String orderId, String taskKey, String claimAs, Map<String, Object> variables);

        abstract void correlateCancel(String orderId);

        abstract boolean isRunning(String orderId);

        String place() {
            String orderId = UUID.randomUUID().toString();
            return start(TestOrders.startVariables(orderId, STORE_ID, "gangnam", 31_000L));
        }

        /** Charged, store notified: waits for the store's answer. */
        String toPaid(String orderId) {
            completeExternal(orderId, TOPIC_PAYMENT_CHARGE, Map.of(VAR_PAYMENT_STATUS, PaymentStatus.APPROVED.name()));
            completeExternal(orderId, TOPIC_NOTIFY_STORE, Map.of());
            return orderId;
        }

        /** Accepted and cooking: waits for "finish cooking". */
        String toCooking(String orderId) {
            completeUserTask(orderId, TASK_ACCEPT_ORDER, null, Map.of(VAR_ACCEPTED, true));
            completeUserTask(orderId, TASK_START_COOKING, null, Map.of());
            return orderId;
        }

        /** Cooked: waits for a rider's pick-up (the rider-search timer is armed). */
        String toReadyForPickUp(String orderId) {
            completeUserTask(orderId, TASK_FINISH_COOKING, null, Map.of());
            return orderId;
        }

        void deliver(String orderId) {
            completeUserTask(orderId, TASK_PICK_UP, RIDER, Map.of());
            completeExternal(orderId, TOPIC_NOTIFY_RIDERS, Map.of());
            completeUserTask(orderId, TASK_CONFIRM_DELIVERY, null, Map.of());
            completeExternal(orderId, TOPIC_NOTIFY_CUSTOMER, Map.of());
        }

        void cancelAndRefund(String orderId) {
            correlateCancel(orderId);
            completeExternal(orderId, TOPIC_PAYMENT_REFUND, Map.of());
        }
    }

    static final class OnCamunda extends Steps {

        private final org.camunda.bpm.engine.ProcessEngine engine;

        OnCamunda(org.camunda.bpm.engine.ProcessEngine engine) {
            this.engine = engine;
        }

        String deploy() {
            var deployment = engine.getRepositoryService().createDeployment().name("order-delivery")
                    .addClasspathResource(BPMN_RESOURCE);
            for (String form : List.of(FORM_ACCEPT_ORDER, FORM_START_COOKING, FORM_FINISH_COOKING, FORM_PICK_UP,
                    FORM_CONFIRM_DELIVERY)) {
                deployment.addClasspathResource("forms/" + form + ".form");
            }
            deployment.deploy();
            return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                    .latestVersion().singleResult().getId();
        }

        @Override
        String start(Map<String, Object> variables) {
            String orderId = (String) variables.get(VAR_ORDER_ID);
            engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, orderId, variables);
            return orderId;
        }

        @Override
        void completeExternal(String orderId, String topic, Map<String, Object> variables) {
            var tasks = engine.getExternalTaskService().fetchAndLock(10, WORKER).topic(topic, 60_000L)
                    .businessKey(orderId).execute();
            assertThat(tasks).as("%s task of %s", topic, orderId).hasSize(1);
            engine.getExternalTaskService().complete(tasks.get(0).getId(), WORKER, variables);
        }

        @Override
        void completeUserTask(String orderId, String taskKey, String claimAs, Map<String, Object> variables) {
            var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(orderId)
                    .taskDefinitionKey(taskKey).singleResult();
            assertThat(task).as("%s task of %s (waiting at %s)", taskKey, orderId, engine.getRuntimeService()
                    .getActiveActivityIds(engine.getRuntimeService().createProcessInstanceQuery()
                            .processInstanceBusinessKey(orderId).singleResult().getId())).isNotNull();
            if (claimAs != null) {
                engine.getTaskService().claim(task.getId(), claimAs);
            }
            engine.getTaskService().complete(task.getId(), variables);
        }

        @Override
        void correlateCancel(String orderId) {
            engine.getRuntimeService().createMessageCorrelation(MESSAGE_CANCEL_REQUESTED)
                    .processInstanceBusinessKey(orderId).correlate();
        }

        @Override
        boolean isRunning(String orderId) {
            return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                    .count() > 0;
        }
    }

    static final class OnOperaton extends Steps {

        private final org.operaton.bpm.engine.ProcessEngine engine;

        OnOperaton(org.operaton.bpm.engine.ProcessEngine engine) {
            this.engine = engine;
        }

        String latestDefinitionId() {
            return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
                    .latestVersion().singleResult().getId();
        }

        String definitionIdOf(String orderId) {
            return engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(orderId).singleResult().getProcessDefinitionId();
        }

        List<String> passed(String orderId) {
            String instanceId = engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(orderId).singleResult().getId();
            return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                    .finished().list().stream().map(activity -> activity.getActivityId()).toList();
        }

        @Override
        String start(Map<String, Object> variables) {
            String orderId = (String) variables.get(VAR_ORDER_ID);
            engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, orderId, variables);
            return orderId;
        }

        @Override
        void completeExternal(String orderId, String topic, Map<String, Object> variables) {
            var tasks = engine.getExternalTaskService().fetchAndLock(10, WORKER).topic(topic, 60_000L)
                    .businessKey(orderId).execute();
            assertThat(tasks).as("%s task of %s", topic, orderId).hasSize(1);
            engine.getExternalTaskService().complete(tasks.get(0).getId(), WORKER, variables);
        }

        @Override
        void completeUserTask(String orderId, String taskKey, String claimAs, Map<String, Object> variables) {
            var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(orderId)
                    .taskDefinitionKey(taskKey).singleResult();
            assertThat(task).as("%s task of %s", taskKey, orderId).isNotNull();
            if (claimAs != null) {
                engine.getTaskService().claim(task.getId(), claimAs);
            }
            engine.getTaskService().complete(task.getId(), variables);
        }

        @Override
        void correlateCancel(String orderId) {
            engine.getRuntimeService().createMessageCorrelation(MESSAGE_CANCEL_REQUESTED)
                    .processInstanceBusinessKey(orderId).correlate();
        }

        @Override
        boolean isRunning(String orderId) {
            return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                    .count() > 0;
        }
    }
}
