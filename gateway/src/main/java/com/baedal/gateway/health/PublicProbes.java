package com.baedal.gateway.health;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.util.Map;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Actuator lives on the management port only; the public port answers just the two probes,
 * {@code /actuator/health/liveness} and {@code /actuator/health/readiness} ({@code {"status": "UP"}}, 200 or 503),
 * for load balancers and the local launcher. Nothing else of actuator (prometheus above all) is public.
 */
@Configuration(proxyBeanMethods = false)
public class PublicProbes {

    static final String[] GROUPS = {"liveness", "readiness"};

    @Bean
    RouterFunction<ServerResponse> publicProbeRoutes(HealthEndpoint health, HttpCodeStatusMapper statusMapper) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (String group : GROUPS) {
            routes.add(RouterFunctions.route(GET("/actuator/health/" + group), request -> Mono
                    .fromCallable(() -> health.healthForPath(group))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(component -> answer(component, statusMapper))));
        }
        return routes.build();
    }

    private static Mono<ServerResponse> answer(HealthComponent component, HttpCodeStatusMapper statusMapper) {
        return ServerResponse.status(statusMapper.getStatusCode(component.getStatus()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", component.getStatus().getCode()));
    }
}
