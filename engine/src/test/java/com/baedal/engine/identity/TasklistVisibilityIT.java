package com.baedal.engine.identity;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderFixtures;
import com.baedal.engine.support.OrderFixtures.StartedOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Store owners see only their store's tasks, riders none of the stores' tasks, both through the Java API (as the
 * engine's authorization checks see it) and through the engine REST API with Basic auth (as Tasklist sees it),
 * directly and through the shared filters.
 */
@EngineIntegrationTest
class TasklistVisibilityIT {

    static final String STORE_A = "chicken-gangnam";
    static final String STORE_B = "pizza-mapo";
    static final String OWNER_A = "owner-" + STORE_A;
    static final String OWNER_B = "owner-" + STORE_B;
    static final String RIDER_GANGNAM = "rider-gangnam-1";
    /** Camunda REST's date format, e.g. {@code 2026-11-24T10:15:30.123+0000}. */
    static final DateTimeFormatter CAMUNDA_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ExternalTaskService externalTaskService;
    @Autowired IdentityService identityService;
    @Autowired AuthorizationService authorizationService;
    @Autowired FilterService filterService;
    @Autowired TasklistFilters tasklistFilters;
    @Autowired IdentitySetup identitySetup;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper objectMapper;
    @Autowired JdbcClient jdbc;

    final List<StartedOrder> orders = new ArrayList<>();
    StartedOrder orderA;
    StartedOrder orderB;
    Task taskA;
    Task taskB;

    @BeforeEach
    void twoOrdersWaitingForTheirStores() {
        orderA = started(OrderFixtures.startOrder(runtimeService, jdbc, STORE_A, "Gangnam Fried Chicken", "gangnam"));
        orderB = started(OrderFixtures.startOrder(runtimeService, jdbc, STORE_B, "Mapo Pizza Lab", "mapo"));
        OrderFixtures.completeCharge(externalTaskService, orderA);
        OrderFixtures.completeCharge(externalTaskService, orderB);
        taskA = OrderFixtures.awaitTask(taskService, orderA, TASK_ACCEPT_ORDER);
        taskB = OrderFixtures.awaitTask(taskService, orderB, TASK_ACCEPT_ORDER);
    }

    @AfterEach
    void removeOrders() {
        identityService.clearAuthentication();
        for (StartedOrder order : orders) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(order.processInstanceId()).count() > 0) {
                runtimeService.deleteProcessInstance(order.processInstanceId(), "test cleanup", true, true);
            }
        }
    }

    @Test
    void taskNamesCarryTheOrderNumber() {
        assertThat(taskA.getName()).isEqualTo("Accept or reject order \u00B7 " + orderA.orderNumber());
        assertThat(taskB.getName()).isEqualTo("Accept or reject order \u00B7 " + orderB.orderNumber());
    }

    @Test
    void javaApiShowsEachOwnerOnlyTheirStoresTasks() {
        List<Task> seenByA = as(OWNER_A, () -> taskService.createTaskQuery().list());
        assertThat(ids(seenByA)).contains(taskA.getId()).doesNotContain(taskB.getId());
        assertThat(seenByA).allSatisfy(task -> assertThat(storeOf(task)).isEqualTo(STORE_A));

        List<Task> seenByB = as(OWNER_B, () -> taskService.createTaskQuery().list());
        assertThat(ids(seenByB)).contains(taskB.getId()).doesNotContain(taskA.getId());
        assertThat(seenByB).allSatisfy(task -> assertThat(storeOf(task)).isEqualTo(STORE_B));

        List<Task> seenByRider = as(RIDER_GANGNAM, () -> taskService.createTaskQuery().list());
        assertThat(ids(seenByRider)).doesNotContain(taskA.getId(), taskB.getId());
        assertThat(seenByRider).allSatisfy(task ->
                assertThat(task.getTaskDefinitionKey()).isIn(TASK_PICK_UP, TASK_CONFIRM_DELIVERY));
    }

    @Test
    void engineRestShowsEachOwnerOnlyTheirStoresTasks() throws Exception {
        JsonNode seenByA = getJson(OWNER_A, "/engine-rest/task?processDefinitionKey=" + PROCESS_KEY);
        assertThat(taskIds(seenByA)).contains(taskA.getId()).doesNotContain(taskB.getId());
        for (JsonNode task : seenByA) {
            assertThat(runtimeService.getVariable(task.get("processInstanceId").asText(), VAR_STORE_ID))
                    .isEqualTo(STORE_A);
        }
        JsonNode seenByB = getJson(OWNER_B, "/engine-rest/task?processDefinitionKey=" + PROCESS_KEY);
        assertThat(taskIds(seenByB)).contains(taskB.getId()).doesNotContain(taskA.getId());

        JsonNode seenByRider = getJson(RIDER_GANGNAM, "/engine-rest/task");
        assertThat(taskIds(seenByRider)).doesNotContain(taskA.getId(), taskB.getId());

        // another store's task cannot be read directly either
        ResponseEntity<String> foreign = basic(OWNER_B).getForEntity("/engine-rest/task/" + taskA.getId(),
                String.class);
        assertThat(foreign.getStatusCode().is4xxClientError()).isTrue();
    }

    @Test
    void ownerCanOpenTheCamundaFormOfTheirTask() throws Exception {
        JsonNode form = getJson(OWNER_A, "/engine-rest/task/" + taskA.getId() + "/deployed-form");
        assertThat(form.get("id").asText()).isEqualTo(FORM_ACCEPT_ORDER);
        JsonNode variables = getJson(OWNER_A, "/engine-rest/task/" + taskA.getId() + "/form-variables");
        assertThat(variables.get(VAR_ORDER_NUMBER).get("value").asText()).isEqualTo(orderA.orderNumber());
    }

    @Test
    void tasklistListShowsTheOrderOnTheCardButNotTheProcessVariables() throws Exception {
        JsonNode task = listedTask(OWNER_A, TasklistFilters.ORDERS_FOR_MY_STORE, taskA, Map.of());
        assertThat(task.get("name").asText()).endsWith(orderA.orderNumber());
        assertThat(task.get("description").asText()).isEqualTo("""
                Items: 2 x Fried chicken, 1 x Cola 1.25 L
                Total: 43,000 KRW""");
        // nothing else to read: the order number is the process's, and owners read no process variables
        assertThat(task.at("/_embedded/variable")).isEmpty();
        JsonNode processVariables = getJson(OWNER_A, "/engine-rest/variable-instance?processInstanceIdIn="
                + taskA.getProcessInstanceId() + "&variableName=" + VAR_CUSTOMER_ID);
        assertThat(processVariables).isEmpty();
    }

    @Test
    void userTasksCarryNoVariablesOfTheirOwn() {
        List<String> taskIds = new ArrayList<>();
        taskIds.add(taskA.getId());
        taskService.complete(taskA.getId(), Map.of(VAR_ACCEPTED, true));
        taskIds.add(completeStep(orderA, TASK_START_COOKING, VAR_COOKING_STARTED_CONFIRMED));
        taskIds.add(completeStep(orderA, TASK_FINISH_COOKING, VAR_COOKING_FINISHED_CONFIRMED));
        Task pickUp = OrderFixtures.awaitTask(taskService, orderA, TASK_PICK_UP);
        assertThat(pickUp.getDescription()).isEqualTo("""
                Pick up: Gangnam Fried Chicken, Gangnam-daero 396 (gangnam)
                Deliver to: 12 Teheran-ro, gangnam
                Total: 43,000 KRW""");
        taskService.claim(pickUp.getId(), RIDER_GANGNAM);
        taskService.complete(pickUp.getId(), Map.of(VAR_PICKED_UP_CONFIRMED, true));
        taskIds.add(pickUp.getId());
        taskIds.add(completeStep(orderA, TASK_CONFIRM_DELIVERY, VAR_DELIVERED));

        // every variable of the order is the process instance's: no task wrote one, no task got a copy
        assertThat(historyService.createHistoricVariableInstanceQuery()
                .processInstanceIdIn(orderA.processInstanceId()).list())
                .isNotEmpty().allSatisfy(variable -> assertThat(variable.getTaskId()).as(variable.getName()).isNull());
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(orderA.processInstanceId())
                .list()).extracting(HistoricTaskInstance::getId).containsExactlyInAnyOrderElementsOf(taskIds);
    }

    @Test
    void tasklistListsInTheOrderItsSortControlAsksFor() throws Exception {
        StartedOrder laterA = started(OrderFixtures.startOrder(runtimeService, jdbc, STORE_A, "Gangnam Fried Chicken",
                "gangnam"));
        OrderFixtures.completeCharge(externalTaskService, laterA);
        OrderFixtures.awaitTask(taskService, laterA, TASK_ACCEPT_ORDER);
        Comparator<JsonNode> byCreated = Comparator.comparing(task -> Instant.from(CAMUNDA_DATE.parse(
                task.get("created").asText())));
        for (String direction : List.of("asc", "desc")) {
            Map<String, Object> search = Map.of(
                    "processInstanceIdIn", List.of(orderA.processInstanceId(), laterA.processInstanceId()),
                    "sorting", List.of(Map.of("sortBy", "created", "sortOrder", direction)));
            List<JsonNode> listed = new ArrayList<>();
            listedTasks(OWNER_A, IdentitySetup.DEMO_PASSWORD, TasklistFilters.ORDERS_FOR_MY_STORE, search)
                    .forEach(listed::add);
            assertThat(listed).as(direction).hasSize(2)
                    .isSortedAccordingTo("asc".equals(direction) ? byCreated : byCreated.reversed());
        }
    }

    @Test
    void anOrderNumberIsFoundWhateverItsCaseAsTaskOrProcessVariable() throws Exception {
        String lowerCase = orderA.orderNumber().toLowerCase(Locale.ROOT);
        for (String kind : List.of("taskVariables", "processVariables")) {
            for (Map<String, String> condition : List.of(
                    Map.of("name", VAR_ORDER_NUMBER, "operator", "eq", "value", lowerCase),
                    Map.of("name", VAR_ORDER_NUMBER, "operator", "like", "value", "%" + lowerCase.substring(3) + "%"),
                    Map.of("name", VAR_ORDER_NUMBER, "operator", "eq", "value", orderA.orderNumber()))) {
                JsonNode found = listedTasks(OWNER_A, IdentitySetup.DEMO_PASSWORD, TasklistFilters.ORDERS_FOR_MY_STORE,
                        Map.of(kind, List.of(condition)));
                assertThat(taskIds(found)).as("%s %s", kind, condition).containsExactly(taskA.getId());
            }
        }
        // another store's order number finds nothing in this store's filter, nor does a wrong one
        for (String number : List.of(orderB.orderNumber(), "BD-00000000")) {
            assertThat(listedTasks(OWNER_A, IdentitySetup.DEMO_PASSWORD, TasklistFilters.ORDERS_FOR_MY_STORE,
                    Map.of("taskVariables", List.of(Map.of("name", VAR_ORDER_NUMBER, "operator", "eq",
                            "value", number))))).isEmpty();
        }
        // free text is Tasklist's task-name search, case-insensitive too
        assertThat(taskIds(listedTasks(OWNER_A, IdentitySetup.DEMO_PASSWORD, TasklistFilters.ORDERS_FOR_MY_STORE,
                Map.of("nameLike", "%" + lowerCase + "%")))).containsExactly(taskA.getId());
    }

    @Test
    void sharedFiltersExistAndListOnlyTheCallersTasks() throws Exception {
        String storeFilter = tasklistFilters.find(TasklistFilters.ORDERS_FOR_MY_STORE).orElseThrow().getId();
        String regionFilter = tasklistFilters.find(TasklistFilters.DELIVERIES_IN_MY_REGION).orElseThrow().getId();
        String myDeliveries = tasklistFilters.find(TasklistFilters.MY_DELIVERIES).orElseThrow().getId();

        JsonNode listA = getJson(OWNER_A, "/engine-rest/filter/" + storeFilter + "/list");
        assertThat(taskIds(listA)).contains(taskA.getId()).doesNotContain(taskB.getId());
        JsonNode listB = getJson(OWNER_B, "/engine-rest/filter/" + storeFilter + "/list");
        assertThat(taskIds(listB)).contains(taskB.getId()).doesNotContain(taskA.getId());

        // owners see their filter, riders theirs
        assertThat(filterNames(getJson(OWNER_A, "/engine-rest/filter?resourceType=Task")))
                .contains(TasklistFilters.ORDERS_FOR_MY_STORE)
                .doesNotContain(TasklistFilters.DELIVERIES_IN_MY_REGION);
        assertThat(filterNames(getJson(RIDER_GANGNAM, "/engine-rest/filter?resourceType=Task")))
                .contains(TasklistFilters.DELIVERIES_IN_MY_REGION, TasklistFilters.MY_DELIVERIES)
                .doesNotContain(TasklistFilters.ORDERS_FOR_MY_STORE);
        assertThat(basic(RIDER_GANGNAM).getForEntity("/engine-rest/filter/" + storeFilter + "/list", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // the filter offers the order number to Tasklist's search and sorts nothing itself: the sort control does
        JsonNode filter = getJson(OWNER_A, "/engine-rest/filter/" + storeFilter);
        assertThat(filter.at("/properties/variables").findValuesAsText("name")).containsExactly(VAR_ORDER_NUMBER);
        assertThat(filter.at("/properties/variables").findValuesAsText("label")).containsExactly("Order number");
        assertThat(filter.at("/query").has("sorting")).isFalse();
        List<String> keys = new ArrayList<>();
        filter.at("/query/taskDefinitionKeyIn").forEach(key -> keys.add(key.asText()));
        assertThat(keys).containsExactlyInAnyOrder(TASK_ACCEPT_ORDER, TASK_START_COOKING, TASK_FINISH_COOKING);
        assertThat(filter.at("/query/candidateGroupsExpression").asText()).isEqualTo("${currentUserGroups()}");

        JsonNode regionList = getJson(RIDER_GANGNAM, "/engine-rest/filter/" + regionFilter + "/list");
        assertThat(taskIds(regionList)).doesNotContain(taskA.getId(), taskB.getId());
        JsonNode mine = getJson(RIDER_GANGNAM, "/engine-rest/filter/" + myDeliveries + "/list");
        assertThat(taskIds(mine)).doesNotContain(taskA.getId(), taskB.getId());
    }

    @Test
    void ridersOfTheRegionSeeTheDeliveryAndOnceClaimedOnlyThePickerWorksIt() throws Exception {
        taskService.complete(taskA.getId(), Map.of(VAR_ACCEPTED, true));
        taskService.complete(OrderFixtures.awaitTask(taskService, orderA, TASK_START_COOKING).getId(),
                Map.of(VAR_COOKING_STARTED_CONFIRMED, true));
        taskService.complete(OrderFixtures.awaitTask(taskService, orderA, TASK_FINISH_COOKING).getId(),
                Map.of(VAR_COOKING_FINISHED_CONFIRMED, true));
        Task pickUp = OrderFixtures.awaitTask(taskService, orderA, TASK_PICK_UP);
        assertThat(pickUp.getName()).isEqualTo("Pick up order \u00B7 " + orderA.orderNumber());

        String regionFilter = tasklistFilters.find(TasklistFilters.DELIVERIES_IN_MY_REGION).orElseThrow().getId();
        String myDeliveries = tasklistFilters.find(TasklistFilters.MY_DELIVERIES).orElseThrow().getId();
        assertThat(taskIds(getJson(RIDER_GANGNAM, "/engine-rest/filter/" + regionFilter + "/list")))
                .contains(pickUp.getId());
        assertThat(taskIds(getJson("rider-gangnam-2", "/engine-rest/filter/" + regionFilter + "/list")))
                .contains(pickUp.getId());
        assertThat(taskIds(getJson("rider-mapo-1", "/engine-rest/task"))).doesNotContain(pickUp.getId());
        assertThat(taskIds(getJson(OWNER_A, "/engine-rest/task"))).doesNotContain(pickUp.getId());

        // rider 1 claims and picks it up in Tasklist
        assertThat(basic(RIDER_GANGNAM).postForEntity("/engine-rest/task/" + pickUp.getId() + "/claim",
                jsonEntity("{\"userId\":\"" + RIDER_GANGNAM + "\"}"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskIds(getJson("rider-gangnam-2", "/engine-rest/filter/" + regionFilter + "/list")))
                .doesNotContain(pickUp.getId());
        assertThat(taskIds(getJson(RIDER_GANGNAM, "/engine-rest/filter/" + myDeliveries + "/list")))
                .contains(pickUp.getId());
        assertThat(basic(RIDER_GANGNAM).postForEntity("/engine-rest/task/" + pickUp.getId() + "/complete",
                jsonEntity("{\"variables\":{\"" + VAR_PICKED_UP_CONFIRMED + "\":{\"value\":true}}}"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        Task confirm = OrderFixtures.awaitTask(taskService, orderA, TASK_CONFIRM_DELIVERY);
        assertThat(confirm.getAssignee()).isEqualTo(RIDER_GANGNAM);
        assertThat(taskIds(getJson(RIDER_GANGNAM, "/engine-rest/filter/" + myDeliveries + "/list")))
                .contains(confirm.getId());
        assertThat(taskIds(getJson("rider-gangnam-2", "/engine-rest/task"))).doesNotContain(confirm.getId());
        assertThat(basic("rider-gangnam-2").postForEntity("/engine-rest/task/" + confirm.getId() + "/complete",
                jsonEntity("{}"), String.class).getStatusCode().is4xxClientError()).isTrue();
    }

    @Test
    void colleaguesSeeEachOthersNamesNobodyElseDoes() throws Exception {
        JsonNode colleague = getJson("rider-gangnam-2", "/engine-rest/user/" + RIDER_GANGNAM + "/profile");
        assertThat(colleague.get("firstName").asText() + " " + colleague.get("lastName").asText())
                .isEqualTo("Rider 1 Gangnam");
        JsonNode self = getJson(OWNER_A, "/engine-rest/user/" + OWNER_A + "/profile");
        assertThat(self.get("firstName").asText() + " " + self.get("lastName").asText())
                .isEqualTo("Owner Gangnam Fried Chicken");
        for (String stranger : List.of("rider-mapo-1", OWNER_A)) {
            assertThat(basic(stranger).getForEntity("/engine-rest/user/" + RIDER_GANGNAM + "/profile", String.class)
                    .getStatusCode().is2xxSuccessful()).as(stranger).isFalse();
        }
        assertThat(basic(RIDER_GANGNAM).getForEntity("/engine-rest/user/" + OWNER_A + "/profile", String.class)
                .getStatusCode().is2xxSuccessful()).isFalse();
    }

    @Test
    void thereIsNoGlobalTaskGrant() {
        assertThat(authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GLOBAL).resourceType(Resources.TASK).count()).isZero();
        assertThat(authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                .resourceType(Resources.PROCESS_DEFINITION).count()).isZero();
    }

    @Test
    void workersServiceUserFetchesOrderTasksButStoreOwnersCannot() throws Exception {
        String body = """
                {"workerId":"it-rest-worker","maxTasks":5,
                 "topics":[{"topicName":"%s","lockDuration":1000,"businessKey":"%s"}]}"""
                .formatted(TOPIC_NOTIFY_STORE, orderA.orderId());
        ResponseEntity<String> asOwner = basic(OWNER_A).postForEntity("/engine-rest/external-task/fetchAndLock",
                jsonEntity(body), String.class);
        // only the workers' service account works external tasks (ExternalTaskWorkInterceptor)
        assertThat(asOwner.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> asWorkers = rest.withBasicAuth("svc-workers", "workers-demo")
                .postForEntity("/engine-rest/external-task/fetchAndLock", jsonEntity(body), String.class);
        assertThat(asWorkers.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode fetched = objectMapper.readTree(asWorkers.getBody());
        assertThat(fetched).hasSize(1);
        assertThat(fetched.get(0).get("businessKey").asText()).isEqualTo(orderA.orderId());

        ResponseEntity<String> completed = rest.withBasicAuth("svc-workers", "workers-demo").postForEntity(
                "/engine-rest/external-task/" + fetched.get(0).get("id").asText() + "/complete",
                jsonEntity("{\"workerId\":\"it-rest-worker\"}"), String.class);
        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        // but the service account is not let in anywhere else
        assertThat(rest.withBasicAuth("svc-workers", "workers-demo").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void setUpIsIdempotent() {
        long authorizations = authorizationService.createAuthorizationQuery().count();
        long groups = identityService.createGroupQuery().count();
        long users = identityService.createUserQuery().count();
        long filters = filterService.createFilterQuery().count();
        identitySetup.setUp();
        assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
        assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
        assertThat(identityService.createUserQuery().count()).isEqualTo(users);
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
        assertThat(identityService.createUserQuery().memberOfGroup(GROUP_OPERATORS).userId("admin").count())
                .isEqualTo(1);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private <T> T as(String userId, Supplier<T> action) {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        assertThat(groups).isNotEmpty();
        identityService.setAuthentication(userId, groups);
        try {
            return action.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private StartedOrder started(StartedOrder order) {
        orders.add(order);
        return order;
    }

    private String completeStep(StartedOrder order, String taskKey, String confirmation) {
        Task task = OrderFixtures.awaitTask(taskService, order, taskKey);
        taskService.complete(task.getId(), Map.of(confirmation, true));
        return task.getId();
    }

    /** The task as Tasklist's list shows it (HAL, with the filter's variables embedded), found by its process. */
    private JsonNode listedTask(String userId, String filterName, Task task, Map<String, Object> search)
            throws Exception {
        Map<String, Object> narrowed = new HashMap<>(search);
        // narrowed to the task's instance the way Tasklist's search narrows it, so that older open tasks of the same
        // store left by other tests in the shared engine cannot push this one off the first page
        narrowed.put("processInstanceId", task.getProcessInstanceId());
        for (JsonNode candidate : listedTasks(userId, IdentitySetup.DEMO_PASSWORD, filterName, narrowed)) {
            if (candidate.get("id").asText().equals(task.getId())) {
                return candidate;
            }
        }
        throw new AssertionError("task " + task.getId() + " not in the list of " + userId);
    }

    /** The request Tasklist makes for its task list: the filter extended by the search and the sort control. */
    private JsonNode listedTasks(String userId, String password, String filterName, Map<String, Object> search)
            throws Exception {
        String filterId = tasklistFilters.find(filterName).orElseThrow().getId();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
        ResponseEntity<String> response = rest.withBasicAuth(userId, password).exchange("/engine-rest/filter/"
                        + filterId + "/list?firstResult=0&maxResults=15", HttpMethod.POST,
                new HttpEntity<>(objectMapper.writeValueAsString(search), headers), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return objectMapper.readTree(response.getBody()).at("/_embedded/task");
    }

    private String storeOf(Task task) {
        return (String) runtimeService.getVariable(task.getProcessInstanceId(), VAR_STORE_ID);
    }

    private TestRestTemplate basic(String userId) {
        return rest.withBasicAuth(userId, IdentitySetup.DEMO_PASSWORD);
    }

    private JsonNode getJson(String userId, String path) throws Exception {
        return getJsonAs(basic(userId), path);
    }

    private JsonNode getJsonAs(TestRestTemplate client, String path) throws Exception {
        ResponseEntity<String> response = client.exchange(path, HttpMethod.GET, null, String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return objectMapper.readTree(response.getBody());
    }

    private static HttpEntity<String> jsonEntity(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::getId).toList();
    }

    private static List<String> taskIds(JsonNode tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    private static List<String> filterNames(JsonNode filters) {
        List<String> names = new ArrayList<>();
        filters.forEach(filter -> names.add(filter.get("name").asText()));
        return names;
    }
}
