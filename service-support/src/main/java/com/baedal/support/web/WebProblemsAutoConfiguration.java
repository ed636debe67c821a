package com.baedal.support.web;

import com.baedal.support.validation.SafeTextValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The problem+json convention of a servlet service, in one place: the exception advice
 * ({@link ProblemExceptionHandler}), the {@code /error} page ({@link ProblemErrorController}) and the firewall's
 * refusals ({@link RejectedRequests}) of a firewall that also refuses control characters in parameter values. Runs before Spring Boot's MVC and error auto-configurations, whose
 * problem-details handler and error controller then back off.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class WebProblemsAutoConfiguration {

    @Bean
    ProblemExceptionHandler problemExceptionHandler() {
        return new ProblemExceptionHandler();
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.boot.web.servlet.error.ErrorController.class)
    ProblemErrorController problemErrorController(ObjectMapper objectMapper) {
        return new ProblemErrorController(objectMapper);
    }

    /**
     * Spring Security's strict firewall, also refusing control characters (NUL included, line breaks too) in the
     * values of query and form parameters: no client of ours sends them, PostgreSQL refuses NUL in text, and Spring
     * would otherwise trim {@code status=%00} into "no status filter". Refusals are answered by
     * {@link RejectedRequests} or, when a controller reads the parameter, by {@link ProblemExceptionHandler}.
     */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    HttpFirewall strictHttpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterValues(value -> SafeTextValidator.isSafe(value, false));
        return firewall;
    }

    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper objectMapper) {
        return new RejectedRequests(objectMapper);
    }
}
