package com.baedal.gateway.upstream;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * The instances behind each upstream, as routes {@code lb://engine}, {@code lb://read-model} and {@code lb://workers}
 * see them: {@code ENGINE_URL}, {@code READMODEL_URL}, {@code WORKERS_URL}, each one URL or several, comma-separated
 * (the local launcher's {@code --replicas N}). On Kubernetes each is the one URL of a Service that balances itself.
 * Spring Cloud LoadBalancer picks an instance per request (round robin); a request whose connection is refused is
 * sent to the next instance (the {@code Retry} default filter); with {@code GATEWAY_LOADBALANCER=health-check} an
 * instance whose readiness probe fails is left out until it answers again.
 */
public final class Upstreams implements ReactiveDiscoveryClient {

    private final Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();

    /** @param urls service id ({@code engine}, ...) to its instances' base URLs */
    public Upstreams(Map<String, List<URI>> urls) {
        urls.forEach((service, list) -> {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("no instance of upstream " + service);
            }
            instances.put(service, list.stream().<ServiceInstance>map(url -> {
                if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                    throw new IllegalArgumentException("upstream " + service + ": not an http(s) URL: " + url);
                }
                int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
                return new DefaultServiceInstance(service + "@" + url.getHost() + ":" + port, service, url.getHost(),
                        port, "https".equals(url.getScheme()));
            }).toList());
        });
    }

    @Override
    public String description() {
        return "Baedal upstreams (ENGINE_URL, READMODEL_URL, WORKERS_URL)";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.fromIterable(instances.getOrDefault(serviceId, List.of()));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(instances.keySet());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
