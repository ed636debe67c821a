package com.baedal.workers.support;

import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.spring.boot.starter.BasicAuthProperties;
import org.camunda.bpm.client.spring.boot.starter.ClientProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/** External-task client tuning that does not fit into {@code camunda.bpm.client.*}, and a start-up check. */
@Configuration
public class ClientConfiguration {

    /** The back-off of the starter's shared client (notifications); the {@link FetchLoop}s get their own. */
    @Bean
    BackoffStrategy fetchBackoff(WorkerProperties properties) {
        return properties.newFetchBackoff();
    }

    /** Refuses to start without the service user's credentials instead of failing every fetch with 401. */
    @Bean
    InitializingBean engineCredentialsCheck(ClientProperties client) {
        return () -> checkCredentials(client.getBasicAuth());
    }

    static void checkCredentials(BasicAuthProperties auth) {
        if (auth == null || !configured(auth.getUsername()) || !configured(auth.getPassword())) {
            throw new IllegalStateException("The workers' engine credentials are not configured: set "
                    + "BAEDAL_WORKERS_USER (default svc-workers) and BAEDAL_WORKERS_PASSWORD "
                    + "(camunda.bpm.client.basic-auth.*)");
        }
    }

    /** Spring leaves an unresolvable {@code ${VAR}} in a bound property as it is: that is not a value. */
    private static boolean configured(String value) {
        return StringUtils.hasText(value) && !value.contains("${");
    }
}
