package com.baedal.readmodel.security;

import com.baedal.process.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * {@code /api/**}: stateless JWT resource server, read-only (GET), claim {@code role} becomes {@code ROLE_<role>},
 * 401/403 as problem+json. Who may see which order is decided per order in the controllers
 * ({@code OrderAccess}), since it depends on the order's data. Everything else is denied except the error page,
 * the probe/metrics endpoints and the OpenAPI document ({@code GET /v3/api-docs}).
 */
@Configuration
@EnableWebSecurity
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
                        .anyRequest().denyAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
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

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(ObjectMapper objectMapper) {
        return new ProblemSecurityHandlers(objectMapper);
    }

    /**
     * Rejects tokens whose {@code role} claim is missing or not a {@link Role}; Spring Boot adds this validator to
     * its issuer/JWKS decoder too, so every accepted token can be turned into a {@link Caller}.
     */
    @Bean
    OAuth2TokenValidator<Jwt> roleClaimValidator() {
        return new JwtClaimValidator<Object>(Caller.CLAIM_ROLE,
                value -> value instanceof String role && Arrays.stream(Role.values())
                        .anyMatch(known -> known.name().equals(role)));
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    static JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Caller.CLAIM_ROLE);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
