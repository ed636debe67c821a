package com.baedal.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.EngineIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The catalog endpoints against the Flyway schema and the local demo data. */
@EngineIntegrationTest
class CatalogIT {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper objectMapper;
    @Autowired CatalogService catalog;

    @Test
    void listsDemoStoresWithOpenFlagsAndRegions() throws Exception {
        ResponseEntity<String> response = rest.getForEntity("/api/stores", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, JsonNode> byId = new HashMap<>();
        objectMapper.readTree(response.getBody()).forEach(store -> byId.put(store.get("storeId").asText(), store));

        assertThat(byId).containsKeys("chicken-gangnam", "pizza-mapo", "bibimbap-gangnam");
        assertThat(byId.get("chicken-gangnam").get("open").asBoolean()).isTrue();
        assertThat(byId.get("chicken-gangnam").get("region").asText()).isEqualTo("gangnam");
        assertThat(byId.get("pizza-mapo").get("open").asBoolean()).isTrue();
        assertThat(byId.get("pizza-mapo").get("region").asText()).isEqualTo("mapo");
        assertThat(byId.get("bibimbap-gangnam").get("open").asBoolean()).isFalse();
        JsonNode chicken = byId.get("chicken-gangnam");
        assertThat(chicken.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("storeId", "name", "region", "open", "lat", "lon");
        assertThat(chicken.get("lat").asDouble()).isBetween(37.0, 38.0);
    }

    @Test
    void menuHasKrwIntegerPricesAndOnlyAvailableItems() throws Exception {
        ResponseEntity<String> response = rest.getForEntity("/api/stores/chicken-gangnam/menu", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode menu = objectMapper.readTree(response.getBody());
        assertThat(menu).isNotEmpty();
        Map<String, JsonNode> byId = new HashMap<>();
        menu.forEach(item -> byId.put(item.get("menuItemId").asText(), item));
        assertThat(byId.get("chicken-fried").get("name").asText()).isEqualTo("Fried chicken");
        assertThat(byId.get("chicken-fried").get("price").isIntegralNumber()).isTrue();
        assertThat(byId.get("chicken-fried").get("price").asLong()).isEqualTo(20000L);
        menu.forEach(item -> assertThat(item.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("menuItemId", "name", "price"));

        // an unavailable item is not on the menu
        assertThat(catalog.menu("tteokbokki-mapo")).extracting(MenuItem::menuItemId)
                .contains("tteokbokki-classic").doesNotContain("tteokbokki-gimbap");
        // a closed store still shows its menu
        assertThat(catalog.menu("bibimbap-gangnam")).isNotEmpty();
    }

    @Test
    void unknownStoreIs404Problem() throws Exception {
        ResponseEntity<String> response = rest.getForEntity("/api/stores/no-such-store/menu", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        JsonNode problem = objectMapper.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asText()).contains("no-such-store");
        assertThat(catalog.findStore("no-such-store")).isEmpty();
        assertThat(catalog.menu("no-such-store")).isEmpty();
    }

    @Test
    void serviceReadsStores() {
        assertThat(catalog.findStore("bibimbap-gangnam")).get()
                .satisfies(store -> {
                    assertThat(store.open()).isFalse();
                    assertThat(store.region()).isEqualTo("gangnam");
                    assertThat(store.name()).isNotBlank();
                });
        assertThat(catalog.stores()).extracting(Store::region).contains("gangnam", "mapo");
    }
}
