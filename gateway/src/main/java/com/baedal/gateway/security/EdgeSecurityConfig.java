package com.baedal.gateway.security;

import com.baedal.gateway.problem.ProblemWriter;
import com.baedal.support.security.TokenRules;
import com.baedal.support.web.Problems;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * JWT check at the edge. {@code /api/**} needs a valid bearer token except the public paths (store list and menus,
 * the API docs, and in the local profile {@code POST /api/dev/tokens}); the Authorization header is passed on
 * unchanged and every service validates it again and decides who may do what. {@code /camunda/**} and
 * {@code /engine-rest/**} are not checked here: Camunda has its own login (session + CSRF for the webapps, Basic
 * for REST), and its headers and cookies pass untouched.
 */
@Configuration
@EnableWebFluxSecurity
public class EdgeSecurityConfig {

    public static final String LOCAL_PROFILE = "local";

    /**
     * The token rules of every service (exp required, maximum lifetime, a sane {@code sub}, a known role), so that
     * the edge refuses what the services would: Spring Boot's issuer/JWKS decoder and the local HS256 one use it.
     */
    @Bean
    OAuth2TokenValidator<Jwt> baedalTokenRules(Environment environment) {
        return TokenRules.validator(TokenRules.maxLifetime(environment));
    }

    /**
     * The firewall refuses paths with encoded slashes, semicolons, NUL and other sequences no client of ours sends:
     * 400 problem+json (not the bare status), without echoing the path.
     */
    @Bean
    ServerExchangeRejectedHandler problemExchangeRejectedHandler(ProblemWriter problems) {
        return (exchange, rejected) -> {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "rejected-request", "Request refused",
                    "The request contains characters or sequences that are not allowed in a URL or header.");
            problem.setInstance(URI.create("/"));
            return problems.write(exchange, problem);
        };
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ProblemSecurityHandlers problems,
                                       Environment environment) {
        boolean local = environment.matchesProfiles(LOCAL_PROFILE);
        http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api", "/api/**"))
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(HttpMethod.GET, "/api/stores", "/api/stores/*/menu").permitAll();
                    exchanges.pathMatchers(HttpMethod.GET, "/api/docs", "/api/docs/**").permitAll();
                    if (local) {
                        exchanges.pathMatchers(HttpMethod.POST, "/api/dev/tokens").permitAll();
                    }
                    exchanges.anyExchange().authenticated();
                })
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain passThroughSecurity(ServerHttpSecurity http) {
        // Camunda's webapps and REST, the gateway's own actuator (health + prometheus only) and unknown paths (404).
        http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return http.build();
    }
}
