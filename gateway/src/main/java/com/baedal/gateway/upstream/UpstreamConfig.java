package com.baedal.gateway.upstream;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link Upstreams} from the environment every deployment already sets (one URL or several, comma-separated). */
@Configuration(proxyBeanMethods = false)
class UpstreamConfig {

    @Bean
    Upstreams upstreams(@Value("${baedal.gateway.upstreams.engine}") String engine,
                        @Value("${baedal.gateway.upstreams.read-model}") String readModel,
                        @Value("${baedal.gateway.upstreams.workers}") String workers) {
        return new Upstreams(Map.of("engine", urls(engine), "read-model", urls(readModel), "workers", urls(workers)));
    }

    static List<URI> urls(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(URI::create)
                .toList();
    }
}
