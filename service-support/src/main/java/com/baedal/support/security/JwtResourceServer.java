package com.baedal.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The JWT resource-server setup every servlet service shares; a service's own security configuration imports it
 * ({@code @Import(JwtResourceServer.class)}) and keeps only its authorization rules.
 * <ul>
 *   <li>the {@link TokenRules} (expiry required, maximum lifetime, a sane subject, a known role) as the one
 *       validator bean: Spring Boot adds it to its issuer/JWKS decoder (production), and the local HS256 decoder
 *       of {@link HmacJwtConfig} (only when {@code baedal.security.jwt.secret} is set) uses it too, so every
 *       accepted token can be turned into a {@link Caller};</li>
 *   <li>{@link ProblemSecurityHandlers} as a bean (401/403 as problem+json);</li>
 *   <li>{@link #statelessJwt} for the filter chain(s) that accept bearer tokens.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Import(HmacJwtConfig.class)
public class JwtResourceServer {

    /** The one validator bean: Spring Boot's issuer/JWKS decoder and the local HS256 decoder both apply it. */
    @Bean
    OAuth2TokenValidator<Jwt> baedalTokenRules(Environment environment) {
        return TokenRules.validator(TokenRules.maxLifetime(environment));
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(ObjectMapper objectMapper) {
        return new ProblemSecurityHandlers(objectMapper);
    }

    /**
     * Makes {@code http} a stateless bearer-token chain: no CSRF (no cookies), no session, no request cache; claim
     * {@code role} becomes authority {@code ROLE_<role>}; 401 and 403 answered by {@code problems}. The caller adds
     * its own {@code securityMatcher} and {@code authorizeHttpRequests}.
     */
    public static HttpSecurity statelessJwt(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(RoleClaim.authenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }
}
