package com.baedal.engine.events;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Drives orders through the real HTTP API and completes external tasks as the workers would. */
final class EventsApi {

    static final String STORE = "chicken-gangnam";
    static final String REGION = "gangnam";
    static final String WORKER = "events-it";

    private final TestRestTemplate http;
    private final ExternalTaskService externalTasks;
    final String customer = "customer-" + UUID.randomUUID();
    /** Orders placed through this client, to be removed after the test. */
    final List<String> placed = new ArrayList<>();
    final String customerToken;
    final String ownerToken;

    EventsApi(TestRestTemplate http, ExternalTaskService externalTasks) {
        this.http = http;
        this.externalTasks = externalTasks;
        this.customerToken = token(Map.of("sub", customer, "role", "CUSTOMER"));
        this.ownerToken = token(Map.of("sub", "owner-" + STORE, "role", "STORE_OWNER", "storeId", STORE));
    }

    List<Map<String, Object>> menu() {
        ResponseEntity<List<Map<String, Object>>> response = http.exchange("/api/stores/" + STORE + "/menu",
                HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        return response.getBody();
    }

    Map<String, Object> store() {
        ResponseEntity<List<Map<String, Object>>> response = http.exchange("/api/stores", HttpMethod.GET, null,
                new ParameterizedTypeReference<>() {
                });
        return response.getBody().stream().filter(s -> STORE.equals(s.get("storeId"))).findFirst().orElseThrow();
    }

    /** Places two of the first menu item and one of the second; returns the orderId. */
    String place(String cardToken) {
        List<Map<String, Object>> menu = menu();
        ResponseEntity<Map<String, Object>> response = post("/api/orders", customerToken, Map.of(
                "storeId", STORE,
                "items", List.of(Map.of("menuItemId", menu.get(0).get("menuItemId"), "quantity", 2),
                        Map.of("menuItemId", menu.get(1).get("menuItemId"), "quantity", 1)),
                "deliveryAddress", Map.of("region", REGION, "street", "Teheran-ro 152", "lat", 37.5, "lon", 127.03),
                "payment", Map.of("method", "CARD", "cardToken", cardToken)));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String orderId = (String) response.getBody().get("orderId");
        placed.add(orderId);
        return orderId;
    }

    /** Ends the processes of the orders a test left open, so that they do not crowd other tests' task lists. */
    static void removeOrders(RuntimeService runtime, List<String> orderIds) {
        for (String orderId : orderIds) {
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(orderId).list().forEach(instance ->
                    runtime.deleteProcessInstanceIfExists(instance.getId(), "test cleanup", true, true, true, false));
        }
    }

    LockedExternalTask lock(String orderId, String topic) {
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, WORKER).topic(topic, 60_000)
                .businessKey(orderId).execute();
        assertThat(locked).as("open %s task of order %s", topic, orderId).hasSize(1);
        return locked.get(0);
    }

    void complete(String orderId, String topic, Map<String, Object> variables) {
        externalTasks.complete(lock(orderId, topic).getId(), WORKER, variables);
    }

    void charge(String orderId) {
        complete(orderId, TOPIC_PAYMENT_CHARGE, Map.of(VAR_PAYMENT_STATUS, "APPROVED"));
    }

    void store(String orderId, String action) {
        Object body = "reject".equals(action) ? Map.of("reason", "Out of chicken") : null;
        ok(post("/api/stores/" + STORE + "/orders/" + orderId + "/" + action, ownerToken, body));
    }

    void readyForPickup(String orderId) {
        charge(orderId);
        store(orderId, "accept");
        store(orderId, "cooking-started");
        store(orderId, "cooking-finished");
    }

    void deliver(String orderId, String rider) {
        pick(orderId, rider);
        completeDelivery(orderId, rider);
    }

    void pick(String orderId, String rider) {
        ok(post("/api/deliveries/" + orderId + "/pick", riderToken(rider), null));
    }

    void completeDelivery(String orderId, String rider) {
        ok(post("/api/deliveries/" + orderId + "/complete", riderToken(rider), null));
    }

    private String riderToken(String rider) {
        return token(Map.of("sub", rider, "role", "RIDER", "region", REGION));
    }

    ResponseEntity<Map<String, Object>> cancel(String orderId) {
        return post("/api/orders/" + orderId + "/cancel", customerToken, null);
    }

    private static void ok(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as("%s", response.getBody()).isTrue();
    }

    private String token(Map<String, Object> claims) {
        return (String) post("/api/dev/tokens", null, claims).getBody().get("token");
    }

    ResponseEntity<Map<String, Object>> post(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                new ParameterizedTypeReference<>() {
                });
    }
}
