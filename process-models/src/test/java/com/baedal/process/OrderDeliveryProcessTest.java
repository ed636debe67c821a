package com.baedal.process;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.baedal.contract.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.assertions.bpmn.ProcessInstanceAssert;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code order-delivery} on a real engine on PostgreSQL. External tasks are worked through the
 * engine's ExternalTaskService exactly like a worker would (fetch and lock by topic, then complete or throw a
 * BPMN error), user tasks through the TaskService, timers by executing their jobs.
 */
@Deployment(resources = {
        OrderProcess.BPMN_RESOURCE,
        OrderDeliveryProcessTest.FORMS + OrderProcess.FORM_ACCEPT_ORDER + OrderDeliveryProcessTest.FORM_SUFFIX,
        OrderDeliveryProcessTest.FORMS + OrderProcess.FORM_START_COOKING + OrderDeliveryProcessTest.FORM_SUFFIX,
        OrderDeliveryProcessTest.FORMS + OrderProcess.FORM_FINISH_COOKING + OrderDeliveryProcessTest.FORM_SUFFIX,
        OrderDeliveryProcessTest.FORMS + OrderProcess.FORM_PICK_UP + OrderDeliveryProcessTest.FORM_SUFFIX,
        OrderDeliveryProcessTest.FORMS + OrderProcess.FORM_CONFIRM_DELIVERY + OrderDeliveryProcessTest.FORM_SUFFIX})
class OrderDeliveryProcessTest {

    static final String FORMS = "forms/";
    static final String FORM_SUFFIX = ".form";

    private static final String WORKER = "process-test-worker";
    private static final String STORE_ID = "store-a";
    private static final String REGION = "gangnam";
    private static final String RIDER = "rider-gangnam-1";
    private static final long TOTAL = 31_000L;

    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessEngineExtension.builder()
            .useProcessEngine(PostgresTestDatabase.engine()).build();

    ProcessEngine processEngine;

    private RuntimeService runtimeService;
    private TaskService taskService;
    private ExternalTaskService externalTaskService;
    private ManagementService managementService;
    private HistoryService historyService;

    private String orderId;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        runtimeService = processEngine.getRuntimeService();
        taskService = processEngine.getTaskService();
        externalTaskService = processEngine.getExternalTaskService();
        managementService = processEngine.getManagementService();
        historyService = processEngine.getHistoryService();
        orderId = UUID.randomUUID().toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. happy path
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void happyPathDeliversTheOrderToTheRiderWhoClaimedThePickUp() {
        ProcessInstance order = placeOrder();
        assertOpenWork(order, TASK_CHARGE_PAYMENT);
        assertThat(order.getBusinessKey()).isEqualTo(orderId);

        chargeApproved(order);
        assertOpenWork(order, TASK_NOTIFY_STORE, TASK_ACCEPT_ORDER);
        Task accept = userTask(order, TASK_ACCEPT_ORDER);
        assertThat(candidateGroups(accept)).containsExactly(storeGroup(STORE_ID));
        assertThat(accept.getName()).isEqualTo("Accept or reject order");

        completeExternal(order, TOPIC_NOTIFY_STORE, TASK_NOTIFY_STORE, Map.of());
        taskService.complete(accept.getId(), Map.of(VAR_ACCEPTED, true));

        Task startCooking = userTask(order, TASK_START_COOKING);
        assertThat(candidateGroups(startCooking)).containsExactly(storeGroup(STORE_ID));
        taskService.complete(startCooking.getId());

        assertOpenWork(order, TASK_FINISH_COOKING);
        Task finishCooking = userTask(order, TASK_FINISH_COOKING);
        assertThat(candidateGroups(finishCooking)).containsExactly(storeGroup(STORE_ID));
        taskService.complete(finishCooking.getId());

        assertOpenWork(order, TASK_NOTIFY_RIDERS, TASK_PICK_UP);
        Task pickUp = userTask(order, TASK_PICK_UP);
        assertThat(candidateGroups(pickUp)).containsExactly(ridersGroup(REGION));
        taskService.claim(pickUp.getId(), RIDER);
        taskService.complete(pickUp.getId());
        assertThat(runtimeService.getVariable(order.getId(), VAR_RIDER_ID)).isEqualTo(RIDER);

        Task confirm = userTask(order, TASK_CONFIRM_DELIVERY);
        assertThat(confirm.getAssignee()).isEqualTo(RIDER);
        completeExternal(order, TOPIC_NOTIFY_RIDERS, TASK_NOTIFY_RIDERS, Map.of());
        taskService.complete(confirm.getId());

        assertOpenWork(order, TASK_NOTIFY_CUSTOMER);
        completeExternal(order, TOPIC_NOTIFY_CUSTOMER, TASK_NOTIFY_CUSTOMER, Map.of());

        BpmnAwareTests.assertThat(order).isEnded().hasPassed(END_ORDER_DELIVERED)
                .hasNotPassed(EVENT_RIDER_SEARCH_TIMEOUT, EVENT_STORE_ANSWER_TIMEOUT);
        assertThat(refundTasksCreated(order)).isEmpty();
        // total stays a Long all the way (forms never write the displayed variables back)
        assertThat(historicVariable(order, VAR_TOTAL)).isEqualTo(TOTAL);
    }

    @Test
    void theRiderIsWhoeverClaimedThePickUpWhateverAVariableSays() {
        ProcessInstance order = placeOrder();
        Task pickUp = pickUpClaimedBy(order, RIDER);
        // a riderId sneaked in with the completion (the engine refuses it; the process does not rely on that)
        taskService.complete(pickUp.getId(), Map.of(VAR_RIDER_ID, "rider-gangnam-7"));

        assertThat(runtimeService.getVariable(order.getId(), VAR_RIDER_ID)).isEqualTo(RIDER);
        assertThat(userTask(order, TASK_CONFIRM_DELIVERY).getAssignee()).isEqualTo(RIDER);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. payment declined
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void declinedPaymentEndsInPaymentFailedWithoutRefund() {
        ProcessInstance order = placeOrder();

        LockedExternalTask charge = fetchOne(order, TOPIC_PAYMENT_CHARGE);
        externalTaskService.handleBpmnError(charge.getId(), WORKER, ERROR_PAYMENT_DECLINED, "card declined");

        BpmnAwareTests.assertThat(order).isEnded().hasPassed(EVENT_PAYMENT_DECLINED, END_PAYMENT_FAILED)
                .hasNotPassed(TASK_ACCEPT_ORDER, TASK_NOTIFY_STORE, TASK_REFUND_PAYMENT, TASK_REFUND_CHARGE_IN_FLIGHT);
        assertThat(refundTasksCreated(order)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. rejected by the store
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void rejectedOrderIsRefundedThroughCompensationAndEndsRejected() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);

        taskService.complete(userTask(order, TASK_ACCEPT_ORDER).getId(),
                Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, "Sold out"));

        BpmnAwareTests.assertThat(order).isWaitingAt(TASK_REFUND_PAYMENT);
        refundedAndEnded(order, TASK_REFUND_PAYMENT)
                .hasPassed(EVENT_SUBPROCESS_REJECTION, EVENT_ORDER_REJECTED, END_ORDER_REJECTED)
                .hasNotPassed(TASK_START_COOKING, END_ORDER_CANCELLED);
        assertThat(historicVariable(order, VAR_REJECTION_REASON)).isEqualTo("Sold out");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4.-7. cancellation
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void cancelAfterChargeBeforeAcceptRefundsExactlyOnce() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);
        BpmnAwareTests.assertThat(order).isWaitingAt(TASK_ACCEPT_ORDER);

        requestCancel();

        assertOpenWork(order, TASK_REFUND_PAYMENT);
        assertThat(taskService.createTaskQuery().processInstanceId(order.getId()).count()).isZero();
        refundedAndEnded(order, TASK_REFUND_PAYMENT)
                .hasPassed(EVENT_CANCEL_REQUESTED, EVENT_ORDER_CANCELLED, END_ORDER_CANCELLED)
                .hasNotPassed(TASK_REFUND_CHARGE_IN_FLIGHT, END_ORDER_REJECTED);
    }

    @Test
    void cancelAfterAcceptBeforeCookingRefundsExactlyOnce() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);
        completeExternal(order, TOPIC_NOTIFY_STORE, TASK_NOTIFY_STORE, Map.of());
        taskService.complete(userTask(order, TASK_ACCEPT_ORDER).getId(), Map.of(VAR_ACCEPTED, true));
        assertOpenWork(order, TASK_START_COOKING);

        requestCancel();

        assertOpenWork(order, TASK_REFUND_PAYMENT);
        refundedAndEnded(order, TASK_REFUND_PAYMENT).hasPassed(END_ORDER_CANCELLED)
                .hasNotPassed(TASK_FINISH_COOKING, TASK_REFUND_CHARGE_IN_FLIGHT);
    }

    @Test
    void cancelWhileTheChargeIsInFlightCancelsTheChargeAndRefundsWhateverItTakes() {
        ProcessInstance order = placeOrder();
        LockedExternalTask charge = fetchOne(order, TOPIC_PAYMENT_CHARGE); // a worker holds the charge

        requestCancel();

        assertThat(externalTaskService.createExternalTaskQuery().processInstanceId(order.getId())
                .activityId(TASK_CHARGE_PAYMENT).count()).isZero();
        assertOpenWork(order, TASK_REFUND_CHARGE_IN_FLIGHT);
        // the late worker cannot complete the cancelled charge any more
        assertThatThrownBy(() -> externalTaskService.complete(charge.getId(), WORKER,
                Map.of(VAR_PAYMENT_STATUS, PaymentStatus.APPROVED.name())))
                .isInstanceOf(NotFoundException.class);

        refundedAndEnded(order, TASK_REFUND_CHARGE_IN_FLIGHT).hasPassed(END_ORDER_CANCELLED)
                .hasNotPassed(TASK_REFUND_PAYMENT, TASK_ACCEPT_ORDER);
    }

    @Test
    void cancelBeforeAnyWorkerFetchedTheChargeAlsoEndsCancelledWithTheInFlightRefund() {
        ProcessInstance order = placeOrder();

        requestCancel();

        assertOpenWork(order, TASK_REFUND_CHARGE_IN_FLIGHT);
        refundedAndEnded(order, TASK_REFUND_CHARGE_IN_FLIGHT).hasPassed(END_ORDER_CANCELLED);
    }

    @Test
    void cancelAfterCookingStartedIsRefusedAndTheOrderGoesOn() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);
        taskService.complete(userTask(order, TASK_ACCEPT_ORDER).getId(), Map.of(VAR_ACCEPTED, true));
        taskService.complete(userTask(order, TASK_START_COOKING).getId());
        assertOpenWork(order, TASK_FINISH_COOKING);

        assertThatThrownBy(this::requestCancel).isInstanceOf(MismatchingMessageCorrelationException.class);

        BpmnAwareTests.assertThat(order).isNotEnded();
        assertOpenWork(order, TASK_FINISH_COOKING);
        taskService.complete(userTask(order, TASK_FINISH_COOKING).getId());
        BpmnAwareTests.assertThat(order).isWaitingAt(TASK_PICK_UP);
        assertThat(refundTasksCreated(order)).isEmpty();
    }

    @Test
    void cancelAfterTheOrderEndedIsRefused() {
        ProcessInstance order = placeOrder();
        externalTaskService.handleBpmnError(fetchOne(order, TOPIC_PAYMENT_CHARGE).getId(), WORKER,
                ERROR_PAYMENT_DECLINED);
        BpmnAwareTests.assertThat(order).isEnded();

        assertThatThrownBy(this::requestCancel).isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void cancelWhileTheRejectionRefundIsRunningIsRefusedAndTheRefundGoesOn() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);
        completeExternal(order, TOPIC_NOTIFY_STORE, TASK_NOTIFY_STORE, Map.of());
        taskService.complete(userTask(order, TASK_ACCEPT_ORDER).getId(),
                Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, "Sold out"));
        assertOpenWork(order, TASK_REFUND_PAYMENT);

        // the rejection has already interrupted the part of the order that can be cancelled
        assertThatThrownBy(this::requestCancel).isInstanceOf(MismatchingMessageCorrelationException.class);

        assertOpenWork(order, TASK_REFUND_PAYMENT);
        refundedAndEnded(order, TASK_REFUND_PAYMENT).hasPassed(EVENT_SUBPROCESS_REJECTION, END_ORDER_REJECTED)
                .hasNotPassed(EVENT_SUBPROCESS_CANCELLATION, END_ORDER_CANCELLED);
    }

    @Test
    void secondCancelWhileTheCancellationRefundIsRunningIsRefused() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);
        requestCancel();
        assertOpenWork(order, TASK_REFUND_PAYMENT);

        assertThatThrownBy(this::requestCancel).isInstanceOf(MismatchingMessageCorrelationException.class);

        refundedAndEnded(order, TASK_REFUND_PAYMENT).hasPassed(END_ORDER_CANCELLED);
    }

    @Test
    void storeTimeoutWhileTheCancellationRefundIsRunningCannotFireAnyMore() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);
        requestCancel();

        assertThat(managementService.createJobQuery().processInstanceId(order.getId()).timers().count()).isZero();
        completeExternal(order, TOPIC_PAYMENT_REFUND, TASK_REFUND_PAYMENT, Map.of());
        BpmnAwareTests.assertThat(order).isEnded().hasPassed(END_ORDER_CANCELLED).hasNotPassed(END_ORDER_REJECTED);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 8. store does not answer
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void storeTimeoutRejectsWithReasonAndRefunds() {
        ProcessInstance order = placeOrder(Map.of(VAR_STORE_ANSWER_TIMEOUT, "PT2M"));
        chargeApproved(order);

        Job timer = timerJob(order, EVENT_STORE_ANSWER_TIMEOUT);
        assertThat(timer.getDuedate().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofMinutes(2)), within(30, ChronoUnit.SECONDS));
        managementService.executeJob(timer.getId());

        assertThat(runtimeService.getVariable(order.getId(), VAR_REJECTION_REASON)).isEqualTo(REASON_STORE_TIMEOUT);
        BpmnAwareTests.assertThat(order).isWaitingAt(TASK_REFUND_PAYMENT);
        assertThat(taskService.createTaskQuery().processInstanceId(order.getId()).count()).isZero();
        refundedAndEnded(order, TASK_REFUND_PAYMENT).hasPassed(EVENT_STORE_ANSWER_TIMEOUT, END_ORDER_REJECTED);
        assertThat(historicVariable(order, VAR_REJECTION_REASON)).isEqualTo(REASON_STORE_TIMEOUT);
    }

    @Test
    void storeAnswerTimerUsesTheDefaultOfFiveMinutes() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);

        assertThat(timerJob(order, EVENT_STORE_ANSWER_TIMEOUT).getDuedate().toInstant())
                .isCloseTo(Instant.now().plus(Duration.parse(DEFAULT_STORE_ANSWER_TIMEOUT)), within(30, ChronoUnit.SECONDS));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 9. no rider takes the order in time
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void riderSearchEscalationFiresWithoutStoppingTheDelivery() {
        ProcessInstance order = placeOrder();
        runToPickUp(order);

        Job timer = timerJob(order, EVENT_RIDER_SEARCH_TIMEOUT);
        assertThat(timer.getDuedate().toInstant())
                .isCloseTo(Instant.now().plus(Duration.parse(DEFAULT_RIDER_SEARCH_TIMEOUT)), within(30, ChronoUnit.SECONDS));
        managementService.executeJob(timer.getId());

        BpmnAwareTests.assertThat(order).isWaitingAt(TASK_NOTIFY_RIDER_SEARCH_ESCALATION, TASK_PICK_UP);
        completeExternal(order, TOPIC_NOTIFY_RIDER_SEARCH_ESCALATION, TASK_NOTIFY_RIDER_SEARCH_ESCALATION, Map.of());

        Task pickUp = userTask(order, TASK_PICK_UP);
        taskService.claim(pickUp.getId(), RIDER);
        taskService.complete(pickUp.getId());
        taskService.complete(userTask(order, TASK_CONFIRM_DELIVERY).getId());
        completeExternal(order, TOPIC_NOTIFY_RIDERS, TASK_NOTIFY_RIDERS, Map.of());
        completeExternal(order, TOPIC_NOTIFY_CUSTOMER, TASK_NOTIFY_CUSTOMER, Map.of());

        BpmnAwareTests.assertThat(order).isEnded()
                .hasPassed(EVENT_RIDER_SEARCH_TIMEOUT, TASK_NOTIFY_RIDER_SEARCH_ESCALATION, END_ORDER_DELIVERED);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 10. notifications never hold back a user task
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void openStoreNotificationDoesNotHoldBackCooking() {
        ProcessInstance order = placeOrder();
        chargeApproved(order);
        LockedExternalTask notify = fetchOne(order, TOPIC_NOTIFY_STORE); // still being worked on

        taskService.complete(userTask(order, TASK_ACCEPT_ORDER).getId(), Map.of(VAR_ACCEPTED, true));
        taskService.complete(userTask(order, TASK_START_COOKING).getId());

        assertOpenWork(order, TASK_FINISH_COOKING);
        BpmnAwareTests.assertThat(order).hasPassed(SUBPROCESS_BEFORE_COOKING);
        assertThat(userTask(order, TASK_FINISH_COOKING)).isNotNull();
        assertThat(externalTaskService.createExternalTaskQuery().processInstanceId(order.getId())
                .activityId(TASK_NOTIFY_STORE).count()).isZero();
        assertThatThrownBy(() -> externalTaskService.complete(notify.getId(), WORKER))
                .isInstanceOf(NotFoundException.class);
        assertThat(refundTasksCreated(order)).isEmpty();
    }

    @Test
    void openRiderNotificationDoesNotHoldBackDelivery() {
        ProcessInstance order = placeOrder();
        Task pickUp = pickUpClaimedBy(order, RIDER);
        taskService.complete(pickUp.getId());
        taskService.complete(userTask(order, TASK_CONFIRM_DELIVERY).getId());
        completeExternal(order, TOPIC_NOTIFY_CUSTOMER, TASK_NOTIFY_CUSTOMER, Map.of());

        // the order is delivered; only the riders' notification is still open
        BpmnAwareTests.assertThat(order).hasPassed(END_ORDER_DELIVERED);
        assertOpenWork(order, TASK_NOTIFY_RIDERS);
        completeExternal(order, TOPIC_NOTIFY_RIDERS, TASK_NOTIFY_RIDERS, Map.of());
        BpmnAwareTests.assertThat(order).isEnded();
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------------------

    private ProcessInstance placeOrder() {
        return placeOrder(Map.of());
    }

    private ProcessInstance placeOrder(Map<String, Object> overrides) {
        Map<String, Object> variables = TestOrders.startVariables(orderId, STORE_ID, REGION, TOTAL);
        variables.putAll(overrides);
        return runtimeService.startProcessInstanceByKey(PROCESS_KEY, orderId, variables);
    }

    private void runToPickUp(ProcessInstance order) {
        chargeApproved(order);
        completeExternal(order, TOPIC_NOTIFY_STORE, TASK_NOTIFY_STORE, Map.of());
        taskService.complete(userTask(order, TASK_ACCEPT_ORDER).getId(), Map.of(VAR_ACCEPTED, true));
        taskService.complete(userTask(order, TASK_START_COOKING).getId());
        taskService.complete(userTask(order, TASK_FINISH_COOKING).getId());
        assertOpenWork(order, TASK_NOTIFY_RIDERS, TASK_PICK_UP);
    }

    /** Runs the order to its pick-up and lets {@code rider} claim it; the claimed pick-up task. */
    private Task pickUpClaimedBy(ProcessInstance order, String rider) {
        runToPickUp(order);
        Task pickUp = userTask(order, TASK_PICK_UP);
        taskService.claim(pickUp.getId(), rider);
        return pickUp;
    }

    private void chargeApproved(ProcessInstance order) {
        completeExternal(order, TOPIC_PAYMENT_CHARGE, TASK_CHARGE_PAYMENT,
                Map.of(VAR_PAYMENT_STATUS, PaymentStatus.APPROVED.name()));
    }

    private void requestCancel() {
        runtimeService.createMessageCorrelation(MESSAGE_CANCEL_REQUESTED).processInstanceBusinessKey(orderId).correlate();
    }

    private LockedExternalTask fetchOne(ProcessInstance order, String topic) {
        List<LockedExternalTask> tasks = externalTaskService.fetchAndLock(10, WORKER)
                .topic(topic, 60_000L).businessKey(order.getBusinessKey()).execute();
        assertThat(tasks).as("open external tasks on topic %s", topic).hasSize(1);
        return tasks.get(0);
    }

    private void completeExternal(ProcessInstance order, String topic, String activityId, Map<String, Object> variables) {
        LockedExternalTask task = fetchOne(order, topic);
        assertThat(task.getActivityId()).isEqualTo(activityId);
        externalTaskService.complete(task.getId(), WORKER, variables);
    }

    /** The open work of the order, exactly: its user tasks and external tasks by activity id. */
    private void assertOpenWork(ProcessInstance order, String... activityIds) {
        List<String> open = new ArrayList<>();
        taskService.createTaskQuery().processInstanceId(order.getId()).list()
                .forEach(task -> open.add(task.getTaskDefinitionKey()));
        externalTaskService.createExternalTaskQuery().processInstanceId(order.getId()).list()
                .forEach(task -> open.add(task.getActivityId()));
        assertThat(open).as("open work").containsExactlyInAnyOrder(activityIds);
        BpmnAwareTests.assertThat(order).isWaitingAt(activityIds);
    }

    private Task userTask(ProcessInstance order, String taskDefinitionKey) {
        Task task = taskService.createTaskQuery().processInstanceId(order.getId()).taskDefinitionKey(taskDefinitionKey)
                .singleResult();
        assertThat(task).as("user task %s", taskDefinitionKey).isNotNull();
        return task;
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId)
                .toList();
    }

    private Job timerJob(ProcessInstance order, String activityId) {
        Job job = managementService.createJobQuery().processInstanceId(order.getId()).activityId(activityId).timers()
                .singleResult();
        assertThat(job).as("timer %s", activityId).isNotNull();
        return job;
    }

    /** Completes the refund {@code refundTask}: the order ends, and that refund is the only one it created. */
    private ProcessInstanceAssert refundedAndEnded(ProcessInstance order, String refundTask) {
        completeExternal(order, TOPIC_PAYMENT_REFUND, refundTask, Map.of());
        assertThat(refundTasksCreated(order)).containsExactly(refundTask);
        return BpmnAwareTests.assertThat(order).isEnded();
    }

    /** Activity ids of every external task on the refund topic ever created for the order. */
    private List<String> refundTasksCreated(ProcessInstance order) {
        return historyService.createHistoricExternalTaskLogQuery().processInstanceId(order.getId())
                .creationLog().topicName(TOPIC_PAYMENT_REFUND).list().stream()
                .map(HistoricExternalTaskLog::getActivityId)
                .toList();
    }

    private Object historicVariable(ProcessInstance order, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(order.getId()).variableName(name)
                .singleResult().getValue();
    }
}
