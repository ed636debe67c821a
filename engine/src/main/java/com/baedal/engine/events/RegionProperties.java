package com.baedal.engine.events;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery regions. {@code neighbours.<region>} lists the regions whose riders are also asked when no rider of
 * {@code <region>} takes a ready order in time (rider-search escalation).
 */
@ConfigurationProperties("baedal.regions")
public record RegionProperties(Map<String, List<String>> neighbours) {

    public RegionProperties {
        neighbours = neighbours == null ? Map.of() : Map.copyOf(neighbours);
    }

    public List<String> neighboursOf(String region) {
        return region == null ? List.of() : List.copyOf(neighbours.getOrDefault(region, List.of()));
    }
}
