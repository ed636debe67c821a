package com.baedal.engine.order;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.contract.OrderNumber;
import com.baedal.engine.identity.IdentitySetup;
import com.baedal.engine.security.DevTokenIssuer;
import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderFixtures;
import com.baedal.engine.support.OrderFixtures.StartedOrder;
import com.baedal.contract.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No payment credential in the process (issue 12 point 1): a card token placed through the API appears nowhere in
 * the engine, neither in the runtime and history variables nor in any other column of its database, nor in what the
 * store owner or an operator reads over engine REST; the process carries only the sealed credential.
 */
@EngineIntegrationTest
class PaymentCredentialIT {

    static final String STORE = "chicken-gangnam";

    @Autowired TestRestTemplate http;
    @Autowired DevTokenIssuer devTokens;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ExternalTaskService externalTasks;
    @Autowired HistoryService history;
    @Autowired JdbcClient jdbc;

    @Test
    void theCardTokenIsNowhereInTheEngineOnlyItsSealedCredential() {
        String cardToken = "tok_it_" + UUID.randomUUID().toString().replace("-", "");
        String orderId = place(cardToken);
        String processInstanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId)
                .singleResult().getId();
        StartedOrder order = new StartedOrder(orderId, OrderNumber.of(orderId), processInstanceId);
        OrderFixtures.completeCharge(externalTasks, order);
        Task accept = OrderFixtures.awaitTask(tasks, order, TASK_ACCEPT_ORDER);

        // the process carries the sealed credential: a compact JWE, not the token
        Object credential = runtime.getVariable(processInstanceId, VAR_PAYMENT_CREDENTIAL);
        assertThat(credential).asString().matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+")
                .doesNotContain(cardToken);
        assertThat(runtime.getVariables(processInstanceId).values()).noneMatch(value ->
                String.valueOf(value).contains(cardToken));
        List<HistoricVariableInstance> historic = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list();
        assertThat(historic).extracting(HistoricVariableInstance::getName).contains(VAR_PAYMENT_CREDENTIAL)
                .doesNotContain("cardToken");
        assertThat(historic).noneMatch(variable -> String.valueOf(variable.getValue()).contains(cardToken));

        // nor anywhere else in the engine's database (act_ru_*, act_hi_varinst, act_hi_detail, bytes, outbox ...)
        assertThat(columnsHolding(cardToken)).isEmpty();

        // nor in what people read over engine REST: the store's owner on the task, an operator everywhere
        CamundaApi owner = CamundaApi.engineRest(http, "owner-" + STORE, IdentitySetup.DEMO_PASSWORD);
        CamundaApi operator = CamundaApi.engineRest(http, "admin", "admin");
        List<ResponseEntity<String>> reads = List.of(
                owner.get("/task/" + accept.getId() + "/variables"),
                owner.get("/task/" + accept.getId() + "/form-variables"),
                operator.get("/process-instance/" + processInstanceId + "/variables"),
                operator.get("/variable-instance?processInstanceIdIn=" + processInstanceId),
                operator.get("/history/variable-instance?processInstanceId=" + processInstanceId),
                operator.get("/history/detail?processInstanceId=" + processInstanceId));
        assertThat(reads).allSatisfy(read -> {
            assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(read.getBody()).doesNotContain(cardToken);
        });
        assertThat(reads.get(2).getBody()).contains(VAR_PAYMENT_CREDENTIAL);

        runtime.deleteProcessInstance(processInstanceId, "test cleanup", true, true);
    }

    /** Every text, JSON and binary column of the engine's two schemas that holds the value somewhere. */
    private List<String> columnsHolding(String value) {
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_schema, table_name, column_name, data_type from information_schema.columns
                 where table_schema in ('public', 'baedal')
                   and data_type in ('character varying', 'text', 'json', 'jsonb', 'bytea')
                """).query().listOfRows();
        assertThat(columns).hasSizeGreaterThan(50);
        List<String> holding = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String name = column.get("table_schema") + "." + column.get("table_name") + "."
                    + column.get("column_name");
            String quoted = "\"" + column.get("column_name") + "\"";
            String condition = "bytea".equals(column.get("data_type"))
                    ? "position(convert_to(:value, 'UTF8') in " + quoted + ") > 0"
                    : quoted + "::text like '%' || :value || '%'";
            long rows = jdbc.sql("select count(*) from \"" + column.get("table_schema") + "\".\""
                    + column.get("table_name") + "\" where " + condition).param("value", value)
                    .query(Long.class).single();
            if (rows > 0) {
                holding.add(name);
            }
        }
        return holding;
    }

    private String place(String cardToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(devTokens.issue("customer-" + UUID.randomUUID(), Role.CUSTOMER, null, null));
        ResponseEntity<List<Map<String, Object>>> menu = http.exchange("/api/stores/" + STORE + "/menu",
                HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        Map<String, Object> body = Map.of("storeId", STORE,
                "items", List.of(Map.of("menuItemId", menu.getBody().get(0).get("menuItemId"), "quantity", 1)),
                "deliveryAddress", Map.of("region", "gangnam", "street", "Teheran-ro 1"),
                "payment", Map.of("method", "CARD", "cardToken", cardToken));
        ResponseEntity<Map<String, Object>> placed = http.exchange("/api/orders", HttpMethod.POST,
                new HttpEntity<>(body, headers), new ParameterizedTypeReference<>() {
                });
        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) placed.getBody().get("orderId");
    }
}
