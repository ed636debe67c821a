package com.baedal.engine.security;

import static com.baedal.support.security.ServiceEndpoints.path;

import com.baedal.support.security.JwtResourceServer;
import com.baedal.support.security.ProblemSecurityHandlers;
import com.baedal.support.security.ServiceEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Two separate worlds:
 * <ul>
 *   <li>{@code /camunda/**} (webapps) and {@code /engine-rest/**}: Camunda authenticates itself (webapp session
 *       login with its own CSRF filter; HTTP Basic via {@link EngineRestAuthenticationConfig}). Spring Security
 *       stays out of the way there.</li>
 *   <li>{@code /api/**}: stateless JWT resource server ({@link JwtResourceServer}, shared with the other services:
 *       claim {@code role} becomes authority {@code ROLE_<role>}; 401/403 answered as problem+json).</li>
 * </ul>
 * Everything else is denied except the index redirect, the error page, the probe/metrics endpoints and the OpenAPI
 * document ({@code GET /v3/api-docs}).
 */
@Configuration
@EnableWebSecurity
@Import(JwtResourceServer.class)
public class SecurityConfig {

    public static final String LOCAL_PROFILE = "local";
    public static final String DEV_TOKENS_PATH = "/api/dev/tokens";
    /** The webapps' internal engine API (what Tasklist and Cockpit call), of any engine name. */
    static final String WEBAPP_ENGINE_API = "/camunda/api/engine/engine/*";

    @Bean
    @Order(1)
    SecurityFilterChain camundaFilterChain(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        // Explicit path matchers: /engine-rest is served by Jersey, not by Spring MVC's DispatcherServlet.
        http.securityMatcher(new OrRequestMatcher(path("/camunda/**"), path("/engine-rest/**")))
                .authorizeHttpRequests(auth -> auth
                        // the workers' long poll: engine REST only. The webapps never fetch external tasks, and their
                        // API cannot hold a request open (Camunda would answer 500); nobody but the workers' service
                        // account may work external tasks anyway (CamundaTrustPlugin).
                        .requestMatchers(path(HttpMethod.POST, WEBAPP_ENGINE_API + "/external-task/fetchAndLock"))
                        .denyAll()
                        .anyRequest().permitAll())
                // Camunda authenticates these paths itself, so a refusal here is never a question of a token: 403
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(problems).authenticationEntryPoint(
                        (request, response, refused) -> problems.handle(request, response,
                                new AccessDeniedException(refused.getMessage()))))
                // Camunda's webapp has its own CSRF prevention filter and security headers; REST uses Basic auth.
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ProblemSecurityHandlers problems, Environment environment)
            throws Exception {
        boolean local = environment.matchesProfiles(LOCAL_PROFILE);
        http.securityMatcher(path("/api/**"))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(path(HttpMethod.GET, "/api/stores"),
                            path(HttpMethod.GET, "/api/stores/*/menu")).permitAll();
                    if (local) {
                        auth.requestMatchers(path(HttpMethod.POST, DEV_TOKENS_PATH)).permitAll();
                    }
                    auth.anyRequest().authenticated();
                });
        return JwtResourceServer.statelessJwt(http, problems).build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain defaultFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/")).permitAll()
                        .requestMatchers(ServiceEndpoints.operational()).permitAll()
                        .anyRequest().denyAll())
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }


}
