package com.baedal.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionPropertiesTest {

    @Test
    void neighboursOfAConfiguredRegionAndNoneOtherwise() {
        RegionProperties regions = new RegionProperties(Map.of("gangnam", List.of("seocho", "songpa")));
        assertThat(regions.neighboursOf("gangnam")).containsExactly("seocho", "songpa");
        assertThat(regions.neighboursOf("jeju")).isEmpty();
        assertThat(regions.neighboursOf(null)).isEmpty();
        assertThat(new RegionProperties(null).neighboursOf("gangnam")).isEmpty();
    }
}
