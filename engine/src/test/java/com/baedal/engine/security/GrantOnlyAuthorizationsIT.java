package com.baedal.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The engine looks for no revoke authorization, and nobody can make one (see {@link GrantOnlyAuthorizations}). */
@EngineIntegrationTest
class GrantOnlyAuthorizationsIT {

    @Autowired TestRestTemplate rest;
    @Autowired AuthorizationService authorizations;
    @Autowired ProcessEngineConfigurationImpl configuration;
    @Autowired ObjectMapper json;

    @Test
    void revokesAreNeitherCheckedNorMade() throws Exception {
        assertThat(configuration.getAuthorizationCheckRevokes())
                .isEqualTo(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
        CamundaApi admin = CamundaApi.engineRest(rest, "admin", "admin");
        long before = authorizations.createAuthorizationQuery().count();

        ResponseEntity<String> revoke = admin.post("/authorization/create",
                authorization(Authorization.AUTH_TYPE_REVOKE));
        assertThat(revoke.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(revoke.getBody()).path("message").asText())
                .isEqualTo(GrantOnlyAuthorizations.REFUSED);
        assertThatThrownBy(() -> authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE))
                .isInstanceOf(BadUserRequestException.class);
        assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(before);

        // grants are made as before
        ResponseEntity<String> grant = admin.post("/authorization/create",
                authorization(Authorization.AUTH_TYPE_GRANT));
        assertThat(grant.getStatusCode()).isEqualTo(HttpStatus.OK);
        authorizations.deleteAuthorization(json.readTree(grant.getBody()).path("id").asText());
    }

    private static String authorization(int type) {
        return "{\"type\":" + type + ",\"permissions\":[\"READ\"],\"userId\":\"someone\",\"resourceType\":"
                + Resources.PROCESS_DEFINITION.resourceType() + ",\"resourceId\":\"order-delivery\"}";
    }
}
