package com.baedal.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.junit.jupiter.api.Test;

/** The Helm chart's MSK IAM values name this callback handler and login module; they must be on the class path. */
class MskIamSupportTest {

    @Test
    void mskIamClassesAreAvailableToTheKafkaClient() throws Exception {
        assertThat(AuthenticateCallbackHandler.class)
                .isAssignableFrom(Class.forName("software.amazon.msk.auth.iam.IAMClientCallbackHandler"));
        assertThat(javax.security.auth.spi.LoginModule.class)
                .isAssignableFrom(Class.forName("software.amazon.msk.auth.iam.IAMLoginModule"));
    }
}
