package com.baedal.workers.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.client.spring.boot.starter.BasicAuthProperties;
import org.junit.jupiter.api.Test;

class ClientConfigurationTest {

    private static BasicAuthProperties auth(String user, String password) {
        BasicAuthProperties auth = new BasicAuthProperties();
        auth.setUsername(user);
        auth.setPassword(password);
        return auth;
    }

    @Test
    void startsWithTheServiceUsersCredentials() {
        assertThatCode(() -> ClientConfiguration.checkCredentials(auth("svc-workers", "s3cret")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesToStartWhenThePasswordIsMissing() {
        assertThatThrownBy(() -> ClientConfiguration.checkCredentials(auth("svc-workers", null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BAEDAL_WORKERS_PASSWORD");
        // an unset ${BAEDAL_WORKERS_PASSWORD} stays in the bound property as it is
        assertThatThrownBy(() -> ClientConfiguration.checkCredentials(auth("svc-workers",
                "${BAEDAL_WORKERS_PASSWORD}"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ClientConfiguration.checkCredentials(null))
                .isInstanceOf(IllegalStateException.class);
    }
}
