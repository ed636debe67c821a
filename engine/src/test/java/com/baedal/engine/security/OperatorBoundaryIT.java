package com.baedal.engine.security;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderWaitingForItsCharge;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Operators repair orders, they do not rewrite them (SPEC §7): a Camunda administrator, through engine REST and
 * through the webapps' API (Cockpit), can neither write or remove an order's facts nor work its external tasks (a
 * completed {@code payment-charge} would move the order on without charging it). What incidents need stays theirs:
 * retries. Called on the engine's own port, as anything inside the cluster could.
 */
@EngineIntegrationTest
class OperatorBoundaryIT extends OrderWaitingForItsCharge {

    @Autowired TestRestTemplate rest;
    @Autowired ExternalTaskService externalTasks;
    @Autowired ObjectMapper json;

    @Test
    void anAdministratorWritesNoOrderFactThroughEitherApi() {
        String instance = "/process-instance/" + order.processInstanceId();
        for (CamundaApi admin : List.of(CamundaApi.engineRest(rest, "admin", "admin"),
                CamundaApi.webapp(rest, "admin", "admin"))) {
            assertForbidden(admin.put(instance + "/variables/" + VAR_TOTAL, "{\"value\":1,\"type\":\"Long\"}"));
            assertForbidden(admin.put(instance + "/variables/" + VAR_REGION, "{\"value\":\"mapo\"}"));
            assertForbidden(admin.post(instance + "/variables", "{\"modifications\":{\"" + VAR_STORE_ID
                    + "\":{\"value\":\"pizza-mapo\"}}}"));
            assertForbidden(admin.post(instance + "/variables", "{\"deletions\":[\"" + VAR_CUSTOMER_ID + "\"]}"));
            assertForbidden(admin.delete(instance + "/variables/" + VAR_PAYMENT_CREDENTIAL));
            assertForbidden(admin.put("/execution/" + order.processInstanceId() + "/localVariables/"
                    + VAR_PAYMENT_STATUS, "{\"value\":\"APPROVED\"}"));
            assertForbidden(admin.post("/process-instance/variables-async", "{\"processInstanceIds\":[\""
                    + order.processInstanceId() + "\"],\"variables\":{\"" + VAR_RIDER_ID + "\":{\"value\":\"x\"}}}"));
        }

        Map<String, Object> variables = runtime.getVariables(order.processInstanceId());
        assertThat(variables).containsEntry(VAR_TOTAL, 43000L).containsEntry(VAR_REGION, "gangnam")
                .containsEntry(VAR_STORE_ID, "chicken-gangnam").containsKey(VAR_CUSTOMER_ID)
                .containsKey(VAR_PAYMENT_CREDENTIAL).doesNotContainKeys(VAR_PAYMENT_STATUS, VAR_RIDER_ID);
        // a variable that is no fact of the order stays an operator's to set
        assertThat(CamundaApi.engineRest(rest, "admin", "admin").put(instance + "/variables/operatorNote",
                "{\"value\":\"called the store\"}").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(runtime.getVariable(order.processInstanceId(), "operatorNote")).isEqualTo("called the store");
    }

    @Test
    void anAdministratorWorksNoExternalTaskButMayRetryIt() throws Exception {
        String fetch = json.writeValueAsString(Map.of("workerId", "admin-as-worker", "maxTasks", 1,
                "topics", List.of(Map.of("topicName", TOPIC_PAYMENT_CHARGE, "lockDuration", 60000,
                        "businessKey", order.orderId()))));
        ExternalTask charge = externalTasks.createExternalTaskQuery().processInstanceId(order.processInstanceId())
                .topicName(TOPIC_PAYMENT_CHARGE).singleResult();
        for (CamundaApi admin : List.of(CamundaApi.engineRest(rest, "admin", "admin"),
                CamundaApi.webapp(rest, "admin", "admin"))) {
            assertForbidden(admin.post("/external-task/fetchAndLock", fetch));
            assertForbidden(admin.post("/external-task/" + charge.getId() + "/lock",
                    "{\"workerId\":\"admin-as-worker\",\"lockDuration\":60000}"));
            assertForbidden(admin.post("/external-task/" + charge.getId() + "/complete",
                    "{\"workerId\":\"admin-as-worker\",\"variables\":{\"" + VAR_PAYMENT_STATUS
                            + "\":{\"value\":\"APPROVED\"}}}"));
            assertForbidden(admin.post("/external-task/" + charge.getId() + "/bpmnError",
                    "{\"workerId\":\"admin-as-worker\",\"errorCode\":\"" + ERROR_PAYMENT_DECLINED + "\"}"));
        }
        ExternalTask after = externalTasks.createExternalTaskQuery().externalTaskId(charge.getId()).singleResult();
        assertThat(after.getWorkerId()).isNull();
        assertThat(after.getLockExpirationTime()).isNull();
        assertThat(runtime.getVariables(order.processInstanceId())).doesNotContainKey(VAR_PAYMENT_STATUS);

        // an incident's retry is what an operator does with external tasks
        assertThat(CamundaApi.engineRest(rest, "admin", "admin").put("/external-task/" + charge.getId()
                + "/retries", "{\"retries\":3}").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(externalTasks.createExternalTaskQuery().externalTaskId(charge.getId()).singleResult()
                .getRetries()).isEqualTo(3);
    }

    private static void assertForbidden(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
