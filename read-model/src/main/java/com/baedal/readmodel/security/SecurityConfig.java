package com.baedal.readmodel.security;

import static com.baedal.support.security.ServiceEndpoints.path;

import com.baedal.support.security.JwtResourceServer;
import com.baedal.support.security.ProblemSecurityHandlers;
import com.baedal.support.security.ServiceEndpoints;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /api/**}: stateless JWT resource server ({@link JwtResourceServer}: claim {@code role} becomes
 * {@code ROLE_<role>}, 401/403 as problem+json), read-only (GET). Who may see which order is decided per order in
 * the controllers ({@code OrderAccess}), since it depends on the order's data. Everything else is denied except the
 * error page, the probe/metrics endpoints and the OpenAPI document ({@code GET /v3/api-docs}).
 */
@Configuration
@EnableWebSecurity
@Import(JwtResourceServer.class)
public class SecurityConfig {


    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        http.securityMatcher(path("/api/**"))
                .authorizeHttpRequests(auth -> auth
                        // completion/error dispatches of the SSE stream: the request was authorized already
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(path(HttpMethod.GET, "/api/**"))
                        .authenticated()
                        .anyRequest().denyAll());
        return JwtResourceServer.statelessJwt(http, problems).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain defaultFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(ServiceEndpoints.operational()).permitAll()
                        .anyRequest().denyAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }


}
