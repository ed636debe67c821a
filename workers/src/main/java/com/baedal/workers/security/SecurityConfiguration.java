package com.baedal.workers.security;

import com.baedal.process.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The payments API is an OAuth2 resource server like the engine: HS256 tokens with the shared secret locally
 * ({@code baedal.security.jwt.secret}), the identity provider's issuer / JWKS in production
 * ({@code spring.security.oauth2.resourceserver.jwt.*}). Claim {@code role} becomes authority {@code ROLE_<role>}.
 * Only health probes, Prometheus and the OpenAPI document are open; 401 and 403 are answered as problem+json.
 */
@Configuration
public class SecurityConfiguration {

    /** springdoc's default document path; the gateway loads it through /api/docs/workers. */
    public static final String API_DOCS_PATH = "/v3/api-docs";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable) // bearer tokens only, no cookies or sessions
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**",
                                "/actuator/prometheus").permitAll()
                        // the OpenAPI document (springdoc, /api/** only), merged by the gateway's Swagger UI
                        .requestMatchers(HttpMethod.GET, API_DOCS_PATH, API_DOCS_PATH + "/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/payments/*")
                        .hasAnyRole(Role.CUSTOMER.name(), Role.OPERATOR.name())
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roleClaimConverter()))
                        .authenticationEntryPoint((request, response, e) -> problem(json, response,
                                HttpStatus.UNAUTHORIZED, "A valid bearer token is required.", request))
                        .accessDeniedHandler((request, response, e) -> problem(json, response,
                                HttpStatus.FORBIDDEN, "Your role may not do this.", request)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problem(json, response,
                                HttpStatus.UNAUTHORIZED, "A valid bearer token is required.", request))
                        .accessDeniedHandler((request, response, e) -> problem(json, response,
                                HttpStatus.FORBIDDEN, "Your role may not do this.", request)))
                .build();
    }

    /** Local runs: tokens signed with the shared HS256 secret (the engine's dev tokens). */
    @Bean
    @ConditionalOnProperty("baedal.security.jwt.secret")
    JwtDecoder hmacJwtDecoder(@Value("${baedal.security.jwt.secret}") String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("baedal.security.jwt.secret must be at least 32 bytes for HS256");
        }
        SecretKey key = new SecretKeySpec(bytes, "HmacSHA256");
        return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    }

    static JwtAuthenticationConverter roleClaimConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Caller.CLAIM_ROLE);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    private static void problem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail,
                                HttpServletRequest request) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
