package com.baedal.engine.security;

import jakarta.servlet.FilterConfig;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's own authentication for the engine REST API: HTTP Basic ({@link EngineRestAuthenticationProvider}:
 * Camunda users by their password, the workers' service account by its configured secret, for the external-task
 * API only). The authenticated user is then subject to the engine's authorization checks; anonymous calls get 401.
 */
@Configuration
public class EngineRestAuthenticationConfig {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter(
            @Value("${spring.jersey.application-path:/engine-rest}") String restPath,
            @Value("${baedal.workers.user:svc-workers}") String serviceUser,
            @Value("${baedal.workers.password:}") String serviceSecret) {
        AuthenticationProvider provider = new EngineRestAuthenticationProvider(restPath, serviceUser, serviceSecret);
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter() {
                    // Camunda instantiates a provider by class name, without configuration: hand it ours instead
                    @Override
                    public void init(FilterConfig filterConfig) {
                        servletPathPrefix = filterConfig.getInitParameter(SERVLET_PATH_PREFIX);
                        authenticationProvider = provider;
                    }
                });
        registration.setName("camunda-engine-rest-authentication");
        registration.addUrlPatterns(restPath + "/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, restPath);
        return registration;
    }
}
