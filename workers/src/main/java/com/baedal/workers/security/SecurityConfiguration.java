package com.baedal.workers.security;

import static com.baedal.support.security.ServiceEndpoints.API_DOCS_PATH;

import com.baedal.process.Role;
import com.baedal.support.security.JwtResourceServer;
import com.baedal.support.security.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The payments API is an OAuth2 resource server like the engine ({@link JwtResourceServer}): HS256 tokens with the
 * shared secret locally ({@code baedal.security.jwt.secret}), the identity provider's issuer / JWKS in production
 * ({@code spring.security.oauth2.resourceserver.jwt.*}). Claim {@code role} becomes authority {@code ROLE_<role>}.
 * Only health probes, Prometheus and the OpenAPI document are open; 401 and 403 are answered as problem+json.
 */
@Configuration
@Import(JwtResourceServer.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**",
                        "/actuator/prometheus").permitAll()
                // the OpenAPI document (springdoc, /api/** only), merged by the gateway's Swagger UI
                .requestMatchers(HttpMethod.GET, API_DOCS_PATH, API_DOCS_PATH + "/**").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/payments/reconciliations").hasRole(Role.OPERATOR.name())
                .requestMatchers(HttpMethod.GET, "/api/payments/*")
                .hasAnyRole(Role.CUSTOMER.name(), Role.OPERATOR.name())
                .requestMatchers("/error").permitAll()
                .anyRequest().denyAll());
        return JwtResourceServer.statelessJwt(http, problems).build();
    }
}
