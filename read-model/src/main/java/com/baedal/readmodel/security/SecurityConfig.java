package com.baedal.readmodel.security;

import com.baedal.support.security.JwtResourceServer;
import com.baedal.support.security.ProblemSecurityHandlers;
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
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

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

    /** springdoc's default document path; the gateway loads it through /api/docs/read-model. */
    public static final String API_DOCS_PATH = "/v3/api-docs";

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        http.securityMatcher(path("/api/**"))
                .authorizeHttpRequests(auth -> auth
                        // completion/error dispatches of the SSE stream: the request was authorized already
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/**"))
                        .authenticated()
                        .anyRequest().denyAll());
        return JwtResourceServer.statelessJwt(http, problems).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain defaultFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/error"), path("/actuator/health"), path("/actuator/health/**"),
                                path("/actuator/prometheus")).permitAll()
                        // the OpenAPI document (springdoc, /api/** only), merged by the gateway's Swagger UI
                        .requestMatchers(path(HttpMethod.GET, API_DOCS_PATH),
                                path(HttpMethod.GET, API_DOCS_PATH + "/**")).permitAll()
                        .anyRequest().denyAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
