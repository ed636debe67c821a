package com.baedal.workers.security;

import static com.baedal.support.security.ServiceEndpoints.path;

import com.baedal.contract.Role;
import com.baedal.support.security.JwtResourceServer;
import com.baedal.support.security.ProblemSecurityHandlers;
import com.baedal.support.security.ServiceEndpoints;
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
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                // the error page, the probes, the Prometheus scrape, the OpenAPI document (merged by the gateway)
                .requestMatchers(ServiceEndpoints.operational()).permitAll()
                .requestMatchers(path(HttpMethod.POST, "/api/payments/reconciliations")).hasRole(Role.OPERATOR.name())
                .requestMatchers(path(HttpMethod.GET, "/api/payments/*"))
                .hasAnyRole(Role.CUSTOMER.name(), Role.OPERATOR.name())
                .anyRequest().denyAll());
        return JwtResourceServer.statelessJwt(http, problems).build();
    }
}
