package com.baedal.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Escalation;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

/**
 * Keeps {@link OrderProcess} and the deployed resources in step: every constant that names an element, topic,
 * message, error, escalation or form exists in the BPMN or the forms, and the BPMN uses no name the contract
 * does not know. Parses the model with Camunda's BPMN model API; needs no engine.
 */
class OrderProcessContractTest {

    private static BpmnModelInstance model;
    private static String bpmnText;

    @BeforeAll
    static void readModel() throws IOException {
        try (InputStream in = resource(OrderProcess.BPMN_RESOURCE)) {
            bpmnText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        model = Bpmn.readModelFromStream(resource(OrderProcess.BPMN_RESOURCE));
        Bpmn.validateModel(model);
    }

    @Test
    void processIsExecutableWithHistoryTimeToLive() {
        Process process = model.getModelElementById(OrderProcess.PROCESS_KEY);
        assertThat(process).isNotNull();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
    }

    @Test
    void everyElementConstantNamesANamedElementOfTheModel() {
        List<String> prefixes = List.of("TASK_", "START_", "SUBPROCESS_", "EVENT_SUBPROCESS_", "EVENT_", "END_");
        Map<String, String> elementConstants = constants(name -> prefixes.stream().anyMatch(name::startsWith));
        assertThat(elementConstants).hasSizeGreaterThan(20);
        elementConstants.forEach((constant, id) -> {
            FlowElement element = model.getModelElementById(id);
            assertThat(element).as("%s = %s in the BPMN", constant, id).isNotNull();
            assertThat(element.getName()).as("name of %s", id).isNotBlank();
        });
    }

    @Test
    void topicsOfTheModelAndTheContractAreTheSame() {
        Set<String> topicsInModel = model.getModelElementsByType(ServiceTask.class).stream()
                .peek(task -> assertThat(task.getCamundaType()).as("type of %s", task.getId()).isEqualTo("external"))
                .map(ServiceTask::getCamundaTopic)
                .collect(Collectors.toSet());
        assertThat(topicsInModel).containsExactlyInAnyOrderElementsOf(OrderProcess.TOPICS);
        assertThat(constants(name -> name.startsWith("TOPIC_")).values())
                .containsExactlyInAnyOrderElementsOf(OrderProcess.TOPICS);
    }

    @Test
    void externalTasksUseTheirContractTopics() {
        Map<String, String> expected = Map.of(
                OrderProcess.TASK_CHARGE_PAYMENT, OrderProcess.TOPIC_PAYMENT_CHARGE,
                OrderProcess.TASK_REFUND_PAYMENT, OrderProcess.TOPIC_PAYMENT_REFUND,
                OrderProcess.TASK_REFUND_CHARGE_IN_FLIGHT, OrderProcess.TOPIC_PAYMENT_REFUND,
                OrderProcess.TASK_NOTIFY_STORE, OrderProcess.TOPIC_NOTIFY_STORE,
                OrderProcess.TASK_NOTIFY_RIDERS, OrderProcess.TOPIC_NOTIFY_RIDERS,
                OrderProcess.TASK_NOTIFY_RIDER_SEARCH_ESCALATION, OrderProcess.TOPIC_NOTIFY_RIDER_SEARCH_ESCALATION,
                OrderProcess.TASK_NOTIFY_CUSTOMER, OrderProcess.TOPIC_NOTIFY_CUSTOMER);
        expected.forEach((taskId, topic) ->
                assertThat(((ServiceTask) model.getModelElementById(taskId)).getCamundaTopic()).as(taskId).isEqualTo(topic));
        assertThat(model.getModelElementsByType(ServiceTask.class)).hasSize(expected.size());
    }

    @Test
    void messagesErrorsAndEscalationsAreDeclaredWithTheContractNames() {
        assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
                .containsExactlyInAnyOrderElementsOf(constants(name -> name.startsWith("MESSAGE_")).values());
        assertThat(model.getModelElementsByType(Error.class)).extracting(Error::getErrorCode)
                .containsExactlyInAnyOrderElementsOf(constants(name -> name.startsWith("ERROR_")).values());
        assertThat(model.getModelElementsByType(Escalation.class)).extracting(Escalation::getEscalationCode)
                .containsExactlyInAnyOrderElementsOf(constants(name -> name.startsWith("ESCALATION_")).values());
    }

    @Test
    void subprocessBoundariesCatchTheContractErrors() {
        assertBoundaryError(OrderProcess.EVENT_PAYMENT_DECLINED, OrderProcess.ERROR_PAYMENT_DECLINED, OrderProcess.END_PAYMENT_FAILED);
        assertBoundaryError(OrderProcess.EVENT_ORDER_REJECTED, OrderProcess.ERROR_ORDER_REJECTED, OrderProcess.END_ORDER_REJECTED);
        assertBoundaryError(OrderProcess.EVENT_ORDER_CANCELLED, OrderProcess.ERROR_ORDER_CANCELLED, OrderProcess.END_ORDER_CANCELLED);
    }

    @Test
    void chargeIsCompensatedByTheRefundHandler() {
        BoundaryEvent compensation = model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(event -> event.getAttachedTo().getId().equals(OrderProcess.TASK_CHARGE_PAYMENT))
                .findFirst().orElseThrow();
        assertThat(compensation.getEventDefinitions()).singleElement().isInstanceOf(CompensateEventDefinition.class);
        ServiceTask refund = model.getModelElementById(OrderProcess.TASK_REFUND_PAYMENT);
        assertThat(refund.isForCompensation()).isTrue();
        assertThat(bpmnText).containsPattern("sourceRef=\"" + compensation.getId() + "\" targetRef=\""
                + OrderProcess.TASK_REFUND_PAYMENT + "\"");
    }

    @Test
    void timersReadTheirDurationsFromTheContractVariables() {
        assertTimer(OrderProcess.EVENT_STORE_ANSWER_TIMEOUT, OrderProcess.VAR_STORE_ANSWER_TIMEOUT, true);
        assertTimer(OrderProcess.EVENT_RIDER_SEARCH_TIMEOUT, OrderProcess.VAR_RIDER_SEARCH_TIMEOUT, false);
        BoundaryEvent storeTimeout = model.getModelElementById(OrderProcess.EVENT_STORE_ANSWER_TIMEOUT);
        CamundaExecutionListener listener = storeTimeout.getExtensionElements()
                .getElementsQuery().filterByType(CamundaExecutionListener.class).singleResult();
        assertThat(listener.getCamundaExpression()).contains(OrderProcess.VAR_REJECTION_REASON, OrderProcess.REASON_STORE_TIMEOUT);
    }

    @Test
    void userTasksHaveTheirGroupsAssigneeAndDeployedForms() {
        assertUserTask(OrderProcess.TASK_ACCEPT_ORDER, OrderProcess.FORM_ACCEPT_ORDER);
        assertUserTask(OrderProcess.TASK_START_COOKING, OrderProcess.FORM_START_COOKING);
        assertUserTask(OrderProcess.TASK_FINISH_COOKING, OrderProcess.FORM_FINISH_COOKING);
        assertUserTask(OrderProcess.TASK_PICK_UP, OrderProcess.FORM_PICK_UP);
        assertUserTask(OrderProcess.TASK_CONFIRM_DELIVERY, OrderProcess.FORM_CONFIRM_DELIVERY);
        assertThat(model.getModelElementsByType(UserTask.class)).hasSize(5);

        String storeGroup = OrderProcess.GROUP_STORE_PREFIX + "${" + OrderProcess.VAR_STORE_ID + "}";
        for (String id : List.of(OrderProcess.TASK_ACCEPT_ORDER, OrderProcess.TASK_START_COOKING, OrderProcess.TASK_FINISH_COOKING)) {
            assertThat(((UserTask) model.getModelElementById(id)).getCamundaCandidateGroups()).as(id).isEqualTo(storeGroup);
        }
        UserTask pickUp = model.getModelElementById(OrderProcess.TASK_PICK_UP);
        assertThat(pickUp.getCamundaCandidateGroups())
                .isEqualTo(OrderProcess.GROUP_RIDERS_PREFIX + "${" + OrderProcess.VAR_REGION + "}");
        CamundaTaskListener recordRider = pickUp.getExtensionElements().getElementsQuery()
                .filterByType(CamundaTaskListener.class).singleResult();
        assertThat(recordRider.getCamundaEvent()).isEqualTo("complete");
        assertThat(recordRider.getCamundaExpression()).contains(OrderProcess.VAR_RIDER_ID);
        UserTask confirm = model.getModelElementById(OrderProcess.TASK_CONFIRM_DELIVERY);
        assertThat(confirm.getCamundaAssignee()).isEqualTo("${" + OrderProcess.VAR_RIDER_ID + "}");
    }

    @Test
    void everyFormConstantHasAFormFileWithThatIdAndValidFields() throws IOException {
        Collection<String> formIds = constants(name -> name.startsWith("FORM_")).values();
        assertThat(formIds).hasSize(5);
        Set<String> contractVariables = Set.copyOf(constants(name -> name.startsWith("VAR_")).values());
        for (String formId : formIds) {
            String json;
            try (InputStream in = resource("forms/" + formId + ".form")) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat((String) JsonPath.read(json, "$.id")).isEqualTo(formId);
            assertThat((Integer) JsonPath.read(json, "$.schemaVersion")).isEqualTo(16);
            List<String> componentIds = JsonPath.read(json, "$.components[*].id");
            assertThat(componentIds).doesNotHaveDuplicates().doesNotContainNull();
            // fields that display order data are disabled: form-js does not submit them, so they never overwrite
            // the variables (e.g. the Long total), and they show only variables of the contract
            List<String> displayed = JsonPath.read(json, "$.components[?(@.disabled == true)].key");
            assertThat(displayed).as("displayed in %s", formId).isNotEmpty().allMatch(contractVariables::contains);
            assertThat(displayed).contains(OrderProcess.VAR_ORDER_NUMBER);
            // what a task user answers: contract variables too, and never a routing or money fact of the order
            List<Map<String, Object>> keyed = JsonPath.read(json, "$.components[?(@.key)]");
            List<Object> answered = keyed.stream().filter(field -> !Boolean.TRUE.equals(field.get("disabled")))
                    .map(field -> field.get("key")).toList();
            assertThat(answered).as("answered in %s", formId).isNotEmpty().allMatch(contractVariables::contains)
                    .noneMatch(OrderProcess.ORDER_FACTS::contains);
        }
    }

    @Test
    void acceptFormAsksForTheAnswerAndAReasonWhenRejecting() throws IOException {
        String json;
        try (InputStream in = resource("forms/" + OrderProcess.FORM_ACCEPT_ORDER + ".form")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Map<String, Object>> answer = JsonPath.read(json, "$.components[?(@.key == '" + OrderProcess.VAR_ACCEPTED + "')]");
        assertThat(answer).singleElement().satisfies(field -> {
            assertThat(field.get("type")).isEqualTo("radio");
            assertThat(JsonPath.<List<Object>>read(field, "$.values[*].value")).containsExactly(true, false);
            assertThat(JsonPath.<Boolean>read(field, "$.validate.required")).isTrue();
        });
        List<Map<String, Object>> reason = JsonPath.read(json, "$.components[?(@.key == '" + OrderProcess.VAR_REJECTION_REASON + "')]");
        assertThat(reason).singleElement().satisfies(field -> {
            assertThat(JsonPath.<Boolean>read(field, "$.validate.required")).isTrue();
            assertThat(JsonPath.<String>read(field, "$.conditional.hide")).contains(OrderProcess.VAR_ACCEPTED);
        });
        assertThat(JsonPath.<List<String>>read(json, "$.components[?(@.disabled == true)].key"))
                .containsExactlyInAnyOrder(OrderProcess.VAR_ORDER_NUMBER, OrderProcess.VAR_STORE_NAME,
                        OrderProcess.VAR_ITEMS_SUMMARY, OrderProcess.VAR_TOTAL, OrderProcess.VAR_DELIVERY_ADDRESS);
    }

    @Test
    void modelHasNoScriptsAndADiagramForEveryElement() {
        assertThat(model.getModelElementsByType(ScriptTask.class)).isEmpty();
        assertThat(bpmnText).doesNotContain("camunda:script").doesNotContain("scriptFormat");
        Set<String> drawn = model.getModelElementsByType(BpmnShape.class).stream()
                .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
        drawn.addAll(model.getModelElementsByType(BpmnEdge.class).stream()
                .map(edge -> edge.getBpmnElement().getId()).toList());
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            assertThat(drawn).as("diagram element for %s", element.getId()).contains(element.getId());
            if (element instanceof FlowNode || element instanceof SubProcess) {
                assertThat(element.getName()).as("name of %s", element.getId()).isNotBlank();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void assertBoundaryError(String boundaryId, String errorCode, String endId) {
        BoundaryEvent boundary = model.getModelElementById(boundaryId);
        assertThat(boundary.getAttachedTo().getId()).isEqualTo(OrderProcess.SUBPROCESS_BEFORE_COOKING);
        assertThat(boundary.cancelActivity()).isTrue();
        ErrorEventDefinition definition = (ErrorEventDefinition) boundary.getEventDefinitions().iterator().next();
        assertThat(definition.getError().getErrorCode()).isEqualTo(errorCode);
        assertThat(boundary.getOutgoing()).singleElement()
                .satisfies(flow -> assertThat(flow.getTarget().getId()).isEqualTo(endId));
    }

    private void assertTimer(String boundaryId, String variable, boolean interrupting) {
        BoundaryEvent boundary = model.getModelElementById(boundaryId);
        assertThat(boundary.cancelActivity()).isEqualTo(interrupting);
        TimerEventDefinition timer = (TimerEventDefinition) boundary.getEventDefinitions().iterator().next();
        assertThat(timer.getTimeDuration().getTextContent()).isEqualTo("${" + variable + "}");
    }

    private void assertUserTask(String taskId, String formId) {
        UserTask task = model.getModelElementById(taskId);
        assertThat(task.getCamundaFormRef()).as(taskId).isEqualTo(formId);
        assertThat(task.getCamundaFormRefBinding()).as(taskId).isEqualTo("deployment");
        assertThat(OrderProcessContractTest.class.getClassLoader().getResource("forms/" + formId + ".form"))
                .as("form file of %s", formId).isNotNull();
    }

    private static Map<String, String> constants(java.util.function.Predicate<String> namePredicate) {
        return Arrays.stream(OrderProcess.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> namePredicate.test(field.getName()))
                .collect(Collectors.toMap(Field::getName, OrderProcessContractTest::value));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = OrderProcessContractTest.class.getClassLoader().getResourceAsStream(path);
        assertThat(in).as("classpath resource %s", path).isNotNull();
        return in;
    }

}
