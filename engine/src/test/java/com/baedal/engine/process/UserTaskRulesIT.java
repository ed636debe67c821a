package com.baedal.engine.process;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.identity.IdentitySetup;
import com.baedal.engine.security.DevTokenIssuer;
import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderFixtures;
import com.baedal.engine.support.OrderEventsOnTopic;
import com.baedal.engine.support.OrderEventsOnTopic.Received;
import com.baedal.engine.support.OrderFixtures.StartedOrder;
import com.baedal.contract.Role;
import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Task users work their tasks and write nothing else (issue 12, points 2 and 3), through the engine's own APIs
 * called directly: engine REST with HTTP Basic and the webapps' API with a Tasklist session. Every refusal reads the
 * order back and shows that nothing changed.
 */
@EngineIntegrationTest
class UserTaskRulesIT {

    static final String STORE = "chicken-gangnam";
    static final String REGION = "gangnam";
    static final String OWNER = "owner-" + STORE;
    static final String OTHER_STORES_OWNER = "owner-pizza-mapo";
    static final String RIDER_1 = "rider-gangnam-1";
    static final String RIDER_2 = "rider-gangnam-2";
    static final String OTHER_REGIONS_RIDER = "rider-mapo-1";
    static final long TOTAL = 43000L;

    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ExternalTaskService externalTasks;
    @Autowired HistoryService history;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired IdentitySetup identitySetup;
    @Autowired DevTokenIssuer devTokens;
    @Autowired TestRestTemplate rest;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Value("${spring.kafka.bootstrap-servers}") String kafka;

    StartedOrder order;
    final List<String> usersToRemove = new ArrayList<>();

    @BeforeEach
    void paidOrderWaitsForTheStore() {
        order = OrderFixtures.startOrder(runtime, jdbc, STORE, "Gangnam Fried Chicken", REGION);
        OrderFixtures.completeCharge(externalTasks, order);
        OrderFixtures.awaitTask(tasks, order, TASK_ACCEPT_ORDER);
    }

    @AfterEach
    void cleanUp() {
        identity.clearAuthentication();
        if (runtime.createProcessInstanceQuery().processInstanceId(order.processInstanceId()).count() > 0) {
            runtime.deleteProcessInstance(order.processInstanceId(), "test cleanup", true, true);
        }
        usersToRemove.forEach(identity::deleteUser);
    }

    // ---- permissions ------------------------------------------------------------------------------------------

    @Test
    void candidatesGetReadAndTaskWorkOnTheirTaskNothingMore() {
        Task accept = task(TASK_ACCEPT_ORDER);
        Authorization grant = authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(accept.getId()).groupIdIn(storeGroup(STORE)).singleResult();

        assertThat(grant).isNotNull();
        assertThat(grant.isPermissionGranted(Permissions.READ)).isTrue();
        assertThat(grant.isPermissionGranted(Permissions.TASK_WORK)).isTrue();
        assertThat(grant.isPermissionGranted(Permissions.UPDATE)).isFalse();
        assertThat(grant.isPermissionGranted(Permissions.TASK_ASSIGN)).isFalse();
        assertThat(grant.isPermissionGranted(TaskPermissions.UPDATE_VARIABLE)).isFalse();
    }

    @Test
    void taskGrantsOfOlderTasksLoseUpdateAtStart() {
        Task accept = task(TASK_ACCEPT_ORDER);
        Authorization legacy = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        legacy.setResource(Resources.TASK);
        legacy.setResourceId(accept.getId());
        legacy.setUserId("owner-from-before");
        legacy.addPermission(Permissions.READ);
        legacy.addPermission(Permissions.UPDATE);
        authorizations.saveAuthorization(legacy);

        identitySetup.setUp();

        Authorization now = authorizations.createAuthorizationQuery().resourceType(Resources.TASK)
                .resourceId(accept.getId()).userIdIn("owner-from-before").singleResult();
        assertThat(now.isPermissionGranted(Permissions.UPDATE)).isFalse();
        assertThat(now.isPermissionGranted(Permissions.TASK_WORK)).isTrue();
        assertThat(now.isPermissionGranted(Permissions.READ)).isTrue();
        authorizations.deleteAuthorization(now.getId());
    }

    // ---- completion with the form's fields ----------------------------------------------------------------------

    @Test
    void ownerCompletesWithTheAnswerOfTheFormAndNothingElse() throws Exception {
        Task accept = task(TASK_ACCEPT_ORDER);
        CamundaApi owner = rest(OWNER);
        String complete = "/task/" + accept.getId() + "/complete";

        assertRefused(owner.post(complete, variables("accepted", true, "region", "mapo")), 400,
                "'region' is not a field of the form");
        assertRefused(owner.post(complete, variables("accepted", true, VAR_RIDER_ID, "someone")), 400,
                "'riderId' is not a field");
        assertRefused(owner.post(complete, variables("accepted", "yes")), 400, "'accepted' must be one of");
        assertRefused(owner.post(complete, variables()), 400, "'accepted' is required");
        assertRefused(owner.post(complete, variables("accepted", false)), 400, "'rejectionReason' is required");
        assertRefused(owner.post(complete, variables("accepted", false, "rejectionReason", "sold\u0000out")), 400,
                "control characters");
        assertRefused(owner.post(complete, variables("accepted", false, "rejectionReason", "x".repeat(501))), 400,
                "at most 500");
        assertRefused(owner.post(complete, json(Map.of("variables", Map.of("accepted", Map.of("value", "true",
                "type", "Object", "valueInfo", Map.of("objectTypeName", "java.lang.Boolean",
                        "serializationDataFormat", "application/json")))))), 400, "plain value");
        // the webapps' API (Tasklist's own channel) answers the same
        assertRefused(CamundaApi.webapp(rest, OWNER, IdentitySetup.DEMO_PASSWORD).post(
                "/task/" + accept.getId() + "/submit-form", variables("accepted", true, "total", 1, "paymentStatus",
                        "REFUNDED")), 400, "'paymentStatus' is not a field");
        assertOrderUnchanged();
        assertThat(task(TASK_ACCEPT_ORDER).getId()).isEqualTo(accept.getId());

        // Tasklist sends the display fields back (and a hidden reason): accepted, but never written
        ResponseEntity<String> submitted = CamundaApi.webapp(rest, OWNER, IdentitySetup.DEMO_PASSWORD).post(
                "/task/" + accept.getId() + "/submit-form", variables("accepted", true, "total", 1,
                        "orderNumber", "HACKED", "rejectionReason", "hidden when accepted"));
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        OrderFixtures.awaitTask(tasks, order, TASK_START_COOKING);
        Map<String, Object> variables = runtime.getVariables(order.processInstanceId());
        assertThat(variables).containsEntry(VAR_ACCEPTED, true).containsEntry(VAR_TOTAL, TOTAL)
                .containsEntry(VAR_ORDER_NUMBER, order.orderNumber()).doesNotContainKey(VAR_REJECTION_REASON);
    }

    @Test
    void ownerSetsNoVariableAnyOtherWay() throws Exception {
        Task accept = task(TASK_ACCEPT_ORDER);
        String pid = order.processInstanceId();
        String value = json(Map.of("value", "mapo"));
        String modification = json(Map.of("modifications", Map.of(VAR_REGION, Map.of("value", "mapo"))));
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("PUT /task/" + accept.getId() + "/variables/" + VAR_REGION, value);
        attempts.put("PUT /task/" + accept.getId() + "/localVariables/" + VAR_REGION, value);
        attempts.put("POST /task/" + accept.getId() + "/variables", modification);
        attempts.put("POST /task/" + accept.getId() + "/localVariables", modification);
        attempts.put("DELETE /task/" + accept.getId() + "/variables/" + VAR_TOTAL, null);
        attempts.put("DELETE /task/" + accept.getId() + "/localVariables/" + VAR_TOTAL, null);
        attempts.put("PUT /process-instance/" + pid + "/variables/" + VAR_REGION, value);
        attempts.put("POST /process-instance/" + pid + "/variables", modification);
        attempts.put("PUT /execution/" + pid + "/localVariables/" + VAR_REGION, value);
        attempts.put("POST /task/" + accept.getId() + "/resolve", variables("accepted", true, VAR_REGION, "mapo"));
        attempts.put("POST /task/" + accept.getId() + "/bpmnError", json(Map.of("errorCode", ERROR_PAYMENT_DECLINED,
                "variables", Map.of(VAR_PAYMENT_STATUS, Map.of("value", "DECLINED")))));
        attempts.put("POST /task/" + accept.getId() + "/bpmnEscalation", json(Map.of("escalationCode",
                ESCALATION_REJECT_ORDER, "variables", Map.of(VAR_REGION, Map.of("value", "mapo")))));
        attempts.put("POST /message", json(Map.of("messageName", MESSAGE_CANCEL_REQUESTED,
                "businessKey", order.orderId(), "processVariables", Map.of(VAR_REGION, Map.of("value", "mapo")))));
        attempts.put("PUT /task/" + accept.getId(), json(Map.of("name", "mine now", "assignee", OWNER)));
        attempts.put("POST /task/" + accept.getId() + "/delegate", json(Map.of("userId", OTHER_STORES_OWNER)));
        attempts.put("POST /task/" + accept.getId() + "/identity-links",
                json(Map.of("groupId", storeGroup("pizza-mapo"), "type", "candidate")));

        for (CamundaApi owner : List.of(rest(OWNER), CamundaApi.webapp(rest, OWNER, IdentitySetup.DEMO_PASSWORD))) {
            attempts.forEach((request, body) -> {
                String[] methodAndPath = request.split(" ", 2);
                ResponseEntity<String> answer = owner.call(HttpMethod.valueOf(methodAndPath[0]), methodAndPath[1],
                        body);
                assertThat(answer.getStatusCode().is4xxClientError()).as("%s -> %s %s", request,
                        answer.getStatusCode(), answer.getBody()).isTrue();
            });
        }
        assertOrderUnchanged();
        Task still = task(TASK_ACCEPT_ORDER);
        assertThat(still.getId()).isEqualTo(accept.getId());
        assertThat(still.getName()).startsWith("Accept or reject order");
        assertThat(still.getAssignee()).isNull();
        assertThat(tasks.getIdentityLinksForTask(accept.getId())).extracting(link -> link.getGroupId())
                .containsOnly(storeGroup(STORE));
    }

    @Test
    void onlyTheStoresPeopleWorkItsTasksAndAnyOfThemMay() {
        Task accept = task(TASK_ACCEPT_ORDER);
        String colleague = user("colleague-" + UUID.randomUUID().toString().substring(0, 8), storeGroup(STORE));
        String operator = user("operator-" + UUID.randomUUID().toString().substring(0, 8), GROUP_OPERATORS);
        String answer = variables("accepted", true);

        for (String outsider : List.of(OTHER_STORES_OWNER, RIDER_1, operator)) {
            assertThat(rest(outsider).post("/task/" + accept.getId() + "/claim", json(Map.of("userId", outsider)))
                    .getStatusCode().value()).as(outsider).isEqualTo(403);
            assertThat(rest(outsider).post("/task/" + accept.getId() + "/complete", answer).getStatusCode().value())
                    .as(outsider).isEqualTo(403);
        }
        assertThat(CamundaApi.engineRest(rest, "svc-workers", "workers-demo")
                .post("/task/" + accept.getId() + "/complete", answer).getStatusCode().value()).isEqualTo(401);
        assertOrderUnchanged();
        assertThat(task(TASK_ACCEPT_ORDER).getAssignee()).isNull();

        // a claim in the shop says "I'm on it"; a colleague may still answer the order (store decision)
        assertThat(rest(OWNER).post("/task/" + accept.getId() + "/claim", json(Map.of("userId", OWNER)))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(rest(colleague).post("/task/" + accept.getId() + "/complete", answer).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(OrderFixtures.awaitTask(tasks, order, TASK_START_COOKING)).isNotNull();
    }

    // ---- the owner who takes an order keeps it; a colleague takes over ----------------------------------------

    @Test
    void theOwnerWhoTookTheOrderInTasklistKeepsItsLaterStepsWithoutClaimingThem() {
        CamundaApi owner = CamundaApi.webapp(rest, OWNER, IdentitySetup.DEMO_PASSWORD);
        Task accept = task(TASK_ACCEPT_ORDER);
        assertThat(owner.post("/task/" + accept.getId() + "/claim", json(Map.of("userId", OWNER))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(owner.post("/task/" + accept.getId() + "/submit-form", variables("accepted", true))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        Task start = task(TASK_START_COOKING);
        assertThat(start.getAssignee()).isEqualTo(OWNER);
        assertThat(owner.post("/task/" + start.getId() + "/submit-form",
                variables(VAR_COOKING_STARTED_CONFIRMED, true)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(task(TASK_FINISH_COOKING).getAssignee()).isEqualTo(OWNER);
        // what Tasklist asks after Complete to open the owner's next step of the same order
        assertThat(owner.get("/task?assignee=" + OWNER + "&processInstanceId=" + order.processInstanceId())
                .getBody()).contains(task(TASK_FINISH_COOKING).getId());
    }

    @Test
    void stepsAnsweredThroughTheApiStayOpenToTheWholeStore() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(devTokens.issue(OWNER, Role.STORE_OWNER, STORE, null));
        assertThat(rest.exchange("/api/stores/" + STORE + "/orders/" + order.orderId() + "/accept", HttpMethod.POST,
                new HttpEntity<>(headers), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(task(TASK_START_COOKING).getAssignee()).isNull();
    }

    @Test
    void aColleagueTakesOverAStepFromAnOwnerWhoIsAwayNobodyElseDoes() {
        String colleague = user("colleague-" + UUID.randomUUID().toString().substring(0, 8), storeGroup(STORE));
        String operator = user("operator-" + UUID.randomUUID().toString().substring(0, 8), GROUP_OPERATORS);
        Task accept = task(TASK_ACCEPT_ORDER);
        String path = "/task/" + accept.getId();
        assertThat(rest(OWNER).post(path + "/claim", json(Map.of("userId", OWNER))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        for (String outsider : List.of(OTHER_STORES_OWNER, RIDER_1, operator)) {
            assertThat(rest(outsider).post(path + "/unclaim", null).getStatusCode().value()).as(outsider)
                    .isEqualTo(403);
            assertThat(rest(outsider).post(path + "/assignee", json(Map.of("userId", outsider))).getStatusCode()
                    .value()).as(outsider).isEqualTo(403);
        }
        assertThat(task(TASK_ACCEPT_ORDER).getAssignee()).isEqualTo(OWNER);

        // Tasklist: "Reset assignee" hands the order back to the store, then the colleague claims it
        CamundaApi tasklist = CamundaApi.webapp(rest, colleague, IdentitySetup.DEMO_PASSWORD);
        assertThat(tasklist.post(path + "/unclaim", null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(task(TASK_ACCEPT_ORDER).getAssignee()).isNull();
        assertThat(tasklist.post(path + "/claim", json(Map.of("userId", colleague))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        // or takes it over at once (Tasklist's assignee field), but gives it to nobody else
        assertThat(rest(OWNER).post(path + "/assignee", json(Map.of("userId", OWNER))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(tasklist.post(path + "/assignee", json(Map.of("userId", colleague))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(tasklist.post(path + "/assignee", json(Map.of("userId", OWNER))).getStatusCode().value())
                .isEqualTo(403);
        assertThat(tasklist.post(path + "/assignee", json(Map.of("userId", OTHER_STORES_OWNER))).getStatusCode()
                .value()).isEqualTo(403);
        assertThat(task(TASK_ACCEPT_ORDER).getAssignee()).isEqualTo(colleague);
        assertOrderUnchanged();

        // and the order goes on with the colleague
        assertThat(tasklist.post(path + "/submit-form", variables("accepted", true)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(task(TASK_START_COOKING).getAssignee()).isEqualTo(colleague);
    }

    @Test
    void aRiderHandsBackAPickUpTheyHoldButNoDelivery() {
        Task pickUp = toPickUp();
        String path = "/task/" + pickUp.getId();
        CamundaApi rider1 = CamundaApi.webapp(rest, RIDER_1, IdentitySetup.DEMO_PASSWORD);
        assertThat(rider1.post(path + "/claim", json(Map.of("userId", RIDER_1))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(rider1.post(path + "/assignee", json(Map.of("userId", RIDER_2))).getStatusCode().value())
                .isEqualTo(403);
        assertThat(rider1.post(path + "/unclaim", null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(task(TASK_PICK_UP).getAssignee()).isNull();

        assertThat(rider1.post(path + "/claim", json(Map.of("userId", RIDER_1))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(rider1.post(path + "/submit-form", variables(VAR_PICKED_UP_CONFIRMED, true)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        Task confirm = task(TASK_CONFIRM_DELIVERY);
        assertThat(rider1.post("/task/" + confirm.getId() + "/unclaim", null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(task(TASK_CONFIRM_DELIVERY).getAssignee()).isEqualTo(RIDER_1);
    }

    // ---- one rider owns a pick-up ------------------------------------------------------------------------------

    @Test
    void aClaimedPickUpIsItsRidersAlone() throws Exception {
        Task pickUp = toPickUp();
        assertThat(rest(RIDER_1).post("/task/" + pickUp.getId() + "/claim", json(Map.of("userId", RIDER_1)))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String confirmed = variables(VAR_PICKED_UP_CONFIRMED, true);

        for (CamundaApi rider2 : List.of(rest(RIDER_2), CamundaApi.webapp(rest, RIDER_2, IdentitySetup.DEMO_PASSWORD))) {
            assertThat(rider2.post("/task/" + pickUp.getId() + "/claim", json(Map.of("userId", RIDER_2)))
                    .getStatusCode().is4xxClientError()).isTrue();
            assertThat(rider2.post("/task/" + pickUp.getId() + "/unclaim", null).getStatusCode().value())
                    .isEqualTo(403);
            assertThat(rider2.post("/task/" + pickUp.getId() + "/assignee", json(Map.of("userId", RIDER_2)))
                    .getStatusCode().value()).isEqualTo(403);
            // order tasks are delegated by nobody
            assertThat(rider2.post("/task/" + pickUp.getId() + "/delegate", json(Map.of("userId", RIDER_2)))
                    .getStatusCode().value()).isEqualTo(400);
            assertThat(rider2.post("/task/" + pickUp.getId() + "/complete", confirmed).getStatusCode().value())
                    .isEqualTo(403);
            assertThat(rider2.post("/task/" + pickUp.getId() + "/submit-form", confirmed).getStatusCode().value())
                    .isEqualTo(403);
        }
        // the rider's app gets the same answer
        assertThat(pickThroughTheApi(RIDER_2).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(task(TASK_PICK_UP).getAssignee()).isEqualTo(RIDER_1);
        assertThat(runtime.getVariable(order.processInstanceId(), VAR_RIDER_ID)).isNull();

        assertThat(rest(RIDER_1).post("/task/" + pickUp.getId() + "/complete", confirmed).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertTheRiderIs(RIDER_1);

        Task confirm = task(TASK_CONFIRM_DELIVERY);
        assertThat(rest(RIDER_2).post("/task/" + confirm.getId() + "/complete", variables(VAR_DELIVERED, true))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(task(TASK_CONFIRM_DELIVERY).getId()).isEqualTo(confirm.getId());
    }

    @Test
    void completingAnUnclaimedPickUpInTasklistMakesTheCompleterTheRider() throws Exception {
        Task pickUp = toPickUp();

        assertThat(rest(OTHER_REGIONS_RIDER).post("/task/" + pickUp.getId() + "/submit-form",
                variables(VAR_PICKED_UP_CONFIRMED, true)).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> submitted = CamundaApi.webapp(rest, RIDER_2, IdentitySetup.DEMO_PASSWORD)
                .post("/task/" + pickUp.getId() + "/submit-form", variables(VAR_PICKED_UP_CONFIRMED, true));

        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertTheRiderIs(RIDER_2);
        assertThat(history.createHistoricTaskInstanceQuery().taskId(pickUp.getId()).singleResult().getAssignee())
                .isEqualTo(RIDER_2);
    }

    @Test
    void ridersClaimForThemselvesOnly() {
        Task pickUp = toPickUp();

        assertThat(rest(RIDER_1).post("/task/" + pickUp.getId() + "/claim", json(Map.of("userId", RIDER_2)))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(rest(RIDER_1).post("/task/" + pickUp.getId() + "/claim", json(Map.of("userId", "nobody")))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(task(TASK_PICK_UP).getAssignee()).isNull();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Task toPickUp() {
        tasks.complete(task(TASK_ACCEPT_ORDER).getId(), Map.of(VAR_ACCEPTED, true));
        tasks.complete(OrderFixtures.awaitTask(tasks, order, TASK_START_COOKING).getId(),
                Map.of(VAR_COOKING_STARTED_CONFIRMED, true));
        tasks.complete(OrderFixtures.awaitTask(tasks, order, TASK_FINISH_COOKING).getId(),
                Map.of(VAR_COOKING_FINISHED_CONFIRMED, true));
        return OrderFixtures.awaitTask(tasks, order, TASK_PICK_UP);
    }

    /** The rider in the process (its one owner), on the confirm-delivery task and in the event. */
    private void assertTheRiderIs(String rider) throws Exception {
        Task confirm = OrderFixtures.awaitTask(tasks, order, TASK_CONFIRM_DELIVERY);
        assertThat(confirm.getAssignee()).isEqualTo(rider);
        assertThat(runtime.getVariable(order.processInstanceId(), VAR_RIDER_ID)).isEqualTo(rider);
        try (OrderEventsOnTopic topic = new OrderEventsOnTopic(kafka)) {
            OrderEvent pickedUp = topic.awaitRecords(order.orderId(), records -> records.stream()
                            .anyMatch(r -> r.event().type() == OrderEventType.OrderPickedUp), Duration.ofSeconds(20))
                    .stream().map(Received::event).filter(e -> e.type() == OrderEventType.OrderPickedUp)
                    .findFirst().orElseThrow();
            assertThat(pickedUp.data().get("riderId").asText()).isEqualTo(rider);
        }
    }

    private void assertOrderUnchanged() {
        Map<String, Object> variables = runtime.getVariables(order.processInstanceId());
        assertThat(variables).containsEntry(VAR_STORE_ID, STORE).containsEntry(VAR_REGION, REGION)
                .containsEntry(VAR_TOTAL, TOTAL).containsEntry(VAR_CUSTOMER_ID, "customer-it")
                .containsEntry(VAR_PAYMENT_STATUS, "APPROVED")
                .doesNotContainKeys(VAR_ACCEPTED, VAR_REJECTION_REASON, VAR_RIDER_ID);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(order.processInstanceId()).count())
                .isEqualTo(1);
        // no order event beyond OrderPlaced and PaymentApproved was recorded
        assertThat(jdbc.sql("select event_sequence from baedal.customer_order where order_id = :id")
                .param("id", UUID.fromString(order.orderId())).query(Integer.class).single()).isEqualTo(2);
    }

    private ResponseEntity<String> pickThroughTheApi(String rider) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(devTokens.issue(rider, Role.RIDER, null, REGION));
        return rest.exchange("/api/deliveries/" + order.orderId() + "/pick", HttpMethod.POST,
                new HttpEntity<>(headers), String.class);
    }

    private Task task(String key) {
        return OrderFixtures.awaitTask(tasks, order, key);
    }

    private CamundaApi rest(String user) {
        return CamundaApi.engineRest(rest, user, IdentitySetup.DEMO_PASSWORD);
    }

    private String user(String userId, String group) {
        User user = identity.newUser(userId);
        user.setPassword(IdentitySetup.DEMO_PASSWORD);
        identity.saveUser(user);
        identity.createMembership(userId, group);
        usersToRemove.add(userId);
        return userId;
    }

    private static void assertRefused(ResponseEntity<String> response, int status, String message) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getBody()).contains(message);
    }

    /** {@code {"variables": {name: {"value": value}, ...}}}, as Tasklist and the REST API send them. */
    private String variables(Object... namesAndValues) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Map<String, Object> value = new HashMap<>();
            value.put("value", namesAndValues[i + 1]);
            variables.put((String) namesAndValues[i], value);
        }
        return json(Map.of("variables", variables));
    }

    private String json(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
