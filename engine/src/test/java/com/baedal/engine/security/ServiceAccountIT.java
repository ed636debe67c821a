package com.baedal.engine.security;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderWaitingForItsCharge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The workers' service account is internal (issue 12 point 4, the engine's half): it reaches the external-task API
 * and nothing else, cannot log into the webapps, and nobody can lock it out by guessing, so a locked account never
 * stops payments. Called on the engine's own port, as anything inside the cluster could.
 */
@EngineIntegrationTest
class ServiceAccountIT extends OrderWaitingForItsCharge {

    static final String SERVICE_ACCOUNT = "svc-workers";
    static final String SECRET = "workers-demo";

    @Autowired TestRestTemplate rest;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired ObjectMapper json;

    String person;

    @AfterEach
    void cleanUp() {
        if (person != null) {
            identity.deleteUser(person);
        }
    }

    @Test
    void serviceAccountWorksExternalTasksAndReachesNothingElse() throws Exception {
        CamundaApi workers = CamundaApi.engineRest(rest, SERVICE_ACCOUNT, SECRET);
        JsonNode fetched = fetchCharge(workers);
        assertThat(fetched).hasSize(1);
        assertThat(fetched.get(0).at("/variables/" + VAR_PAYMENT_CREDENTIAL + "/value").asText()).isNotBlank();

        for (String path : List.of("/task", "/process-instance", "/process-instance/" + order.processInstanceId()
                + "/variables", "/variable-instance", "/history/variable-instance", "/history/detail",
                "/execution/" + order.processInstanceId() + "/localVariables", "/filter", "/user",
                "/authorization", "/engine/default/task")) {
            assertThat(workers.get(path).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(workers.put("/process-instance/" + order.processInstanceId() + "/variables/" + VAR_TOTAL,
                "{\"value\":1}").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(webappLogin(SERVICE_ACCOUNT, SECRET).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(runtime.getVariable(order.processInstanceId(), VAR_TOTAL)).isEqualTo(43000L);

        String taskId = fetched.get(0).get("id").asText();
        assertThat(workers.post("/external-task/" + taskId + "/complete",
                "{\"workerId\":\"it-svc\",\"variables\":{\"" + VAR_PAYMENT_STATUS + "\":{\"value\":\"APPROVED\"}}}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void guessingNeitherLocksTheServiceAccountNorStopsPaymentsWhenAPersonIsLockedOut() throws Exception {
        person = "person-" + UUID.randomUUID().toString().substring(0, 8);
        User user = identity.newUser(person);
        user.setPassword("right-password");
        identity.saveUser(user);

        for (int attempt = 0; attempt < 15; attempt++) {
            assertThat(CamundaApi.engineRest(rest, SERVICE_ACCOUNT, "guess-" + attempt).post(
                    "/external-task/fetchAndLock", "{}").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(CamundaApi.engineRest(rest, person, "guess-" + attempt).get("/task").getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(webappLogin(SERVICE_ACCOUNT, "guess-" + attempt).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        // the person's account is under Camunda's lockout (a locked person never holds up a payment) ...
        Map<String, Object> lock = jdbc.sql("select attempts_, lock_exp_time_ from public.act_id_user where id_ = :id")
                .param("id", person).query().singleRow();
        assertThat(((Number) lock.get("attempts_")).intValue()).isPositive();
        assertThat(lock.get("lock_exp_time_")).isNotNull();
        // ... the service account is no Camunda user at all and fetches with its secret right away
        assertThat(identity.createUserQuery().userId(SERVICE_ACCOUNT).count()).isZero();
        assertThat(fetchCharge(CamundaApi.engineRest(rest, SERVICE_ACCOUNT, SECRET))).hasSize(1);
    }

    @Test
    void serviceAccountHoldsExactlyWhatExternalTasksNeed() {
        List<Authorization> grants = authorizations.createAuthorizationQuery().userIdIn(SERVICE_ACCOUNT).list();

        assertThat(grants).singleElement().satisfies(grant -> {
            assertThat(grant.getResourceType()).isEqualTo(Resources.PROCESS_DEFINITION.resourceType());
            assertThat(grant.getResourceId()).isEqualTo(PROCESS_KEY);
            assertThat(grant.getPermissions(ProcessDefinitionPermissions.values()))
                    .filteredOn(permission -> permission != ProcessDefinitionPermissions.NONE)
                    .containsExactlyInAnyOrder(ProcessDefinitionPermissions.READ_INSTANCE,
                            ProcessDefinitionPermissions.UPDATE_INSTANCE);
        });
        assertThat(identity.createGroupQuery().groupMember(SERVICE_ACCOUNT).count()).isZero();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private JsonNode fetchCharge(CamundaApi workers) throws Exception {
        ResponseEntity<String> response = workers.post("/external-task/fetchAndLock", json.writeValueAsString(Map.of(
                "workerId", "it-svc", "maxTasks", 1, "topics", List.of(Map.of("topicName", TOPIC_PAYMENT_CHARGE,
                        "lockDuration", 1000, "businessKey", order.orderId())))));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private ResponseEntity<String> webappLogin(String user, String password) {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        cookies.forEach(c -> headers.add(HttpHeaders.COOKIE, c.substring(0, c.indexOf(';'))));
        cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().ifPresent(c ->
                headers.set("X-XSRF-TOKEN", c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))));
        return rest.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
    }
}
