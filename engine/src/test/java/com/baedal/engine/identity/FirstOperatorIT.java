package com.baedal.engine.identity;

import static com.baedal.process.OrderProcess.GROUP_OPERATORS;
import static com.baedal.process.OrderProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.EngineIntegrationTest;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The first operator of an install without demo users comes from BAEDAL_OPERATOR_USER / BAEDAL_OPERATOR_PASSWORD
 * (here from application-it.yaml): a Camunda administrator and operator who can log in, whose password is set once.
 */
@EngineIntegrationTest
class FirstOperatorIT {

    static final String OPERATOR = "ops-first";
    static final String INITIAL_PASSWORD = "it-initial-password";

    @Autowired IdentityService identityService;
    @Autowired AuthorizationService authorizationService;
    @Autowired IdentitySetup identitySetup;
    @Autowired TestRestTemplate rest;

    @Test
    void isCreatedAsCamundaAdministratorAndOperator() {
        assertThat(identityService.createUserQuery().userId(OPERATOR).memberOfGroup(Groups.CAMUNDA_ADMIN).count())
                .isEqualTo(1);
        assertThat(identityService.createUserQuery().userId(OPERATOR).memberOfGroup(GROUP_OPERATORS).count())
                .isEqualTo(1);
        List<String> groups = List.of(Groups.CAMUNDA_ADMIN, GROUP_OPERATORS);
        assertThat(authorizationService.isUserAuthorized(OPERATOR, groups, Permissions.ACCESS, Resources.APPLICATION,
                IdentitySetup.COCKPIT)).isTrue();
        assertThat(authorizationService.isUserAuthorized(OPERATOR, groups, Permissions.ACCESS, Resources.APPLICATION,
                "admin")).isTrue();
    }

    @Test
    void logsIntoTheEngineRestApiWithTheInitialPassword() {
        assertThat(rest.withBasicAuth(OPERATOR, INITIAL_PASSWORD)
                .getForEntity("/engine-rest/process-definition?key=" + PROCESS_KEY, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth(OPERATOR, "wrong-password")
                .getForEntity("/engine-rest/process-definition?key=" + PROCESS_KEY, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void keepsAPasswordChangedInCamundaAdminAcrossRestarts() {
        // a wrong password (the test above) locks the user for a few seconds, and checkPassword fails meanwhile
        identityService.unlockUser(OPERATOR);
        User operator = identityService.createUserQuery().userId(OPERATOR).singleResult();
        operator.setPassword("changed-by-the-operator");
        identityService.saveUser(operator);
        try {
            identitySetup.setUp(); // what the next start of the engine runs
            assertThat(identityService.checkPassword(OPERATOR, "changed-by-the-operator")).isTrue();
            assertThat(identityService.checkPassword(OPERATOR, INITIAL_PASSWORD)).isFalse();
        } finally {
            User again = identityService.createUserQuery().userId(OPERATOR).singleResult();
            again.setPassword(INITIAL_PASSWORD);
            identityService.saveUser(again);
        }
    }
}
