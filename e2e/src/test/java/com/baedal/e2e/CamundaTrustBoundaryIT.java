package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.contract.api.OrderView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 as a hostile store owner or rider would play it through the gateway, with Tasklist's own channel (the
 * engine REST API, HTTP Basic with the demo passwords): the card token cannot be read, no order fact can be written,
 * a claimed pick-up cannot be taken over. Every refusal is followed by reading the order back.
 */
class CamundaTrustBoundaryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OWNER = "owner-" + Apps.STORE;
    private static final String RIDER_1 = "rider-gangnam-1";
    private static final String RIDER_2 = "rider-gangnam-2";

    private final Apps apps = new Apps();

    @Test
    void theCardTokenCannotBeReadByTheStoreOrAnOperator() throws Exception {
        String cardToken = "tok_e2e_" + UUID.randomUUID().toString().replace("-", "");
        String customer = apps.customer();
        String orderId = apps.place(customer, cardToken);
        apps.awaitStatus(orderId, customer, "PAID");
        JsonNode task = openTask(OWNER, orderId, "acceptOrder");

        for (String read : List.of("/task/" + task.get("id").asText() + "/variables",
                "/task/" + task.get("id").asText() + "/form-variables")) {
            Answer answer = camunda(OWNER, "demo", "GET", read, null);
            assertThat(answer.status()).as(read).isEqualTo(200);
            assertThat(answer.body()).as(read).doesNotContain(cardToken);
        }
        String processInstance = task.get("processInstanceId").asText();
        for (String read : List.of("/process-instance/" + processInstance + "/variables",
                "/history/variable-instance?processInstanceId=" + processInstance,
                "/history/detail?processInstanceId=" + processInstance)) {
            Answer answer = camunda("admin", "admin", "GET", read, null);
            assertThat(answer.status()).as(read).isEqualTo(200);
            assertThat(answer.body()).as(read).doesNotContain(cardToken).doesNotContain("\"cardToken\"");
        }
        // and the charge went through with it
        assertThat(apps.payment(orderId, customer).path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void anOwnerWritesNoOrderFactAndAnswersWithTheFormOnly() throws Exception {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");
        String taskId = openTask(OWNER, orderId, "acceptOrder").get("id").asText();

        assertThat(camunda(OWNER, "demo", "PUT", "/task/" + taskId + "/variables/region",
                "{\"value\":\"mapo\"}").status()).isEqualTo(403);
        assertThat(camunda(OWNER, "demo", "PUT", "/task/" + taskId + "/localVariables/total",
                "{\"value\":1}").status()).isEqualTo(403);
        assertThat(camunda(OWNER, "demo", "POST", "/task/" + taskId + "/variables",
                "{\"modifications\":{\"paymentStatus\":{\"value\":\"REFUNDED\"}}}").status()).isEqualTo(403);
        assertThat(camunda(OWNER, "demo", "POST", "/task/" + taskId + "/complete",
                variables("accepted", true, "region", "mapo")).status()).isEqualTo(400);
        assertThat(camunda(OWNER, "demo", "POST", "/task/" + taskId + "/submit-form",
                variables("accepted", true, "storeId", "pizza-mapo")).status()).isEqualTo(400);
        assertThat(camunda(OWNER, "demo", "POST", "/task/" + taskId + "/bpmnError",
                "{\"errorCode\":\"PAYMENT_DECLINED\"}").status()).isEqualTo(400);

        // nothing moved: the order waits for the store, in its store and region, with its total
        JsonNode view = apps.api.get("/api/orders/" + orderId, customer).body();
        assertThat(view.path("status").asText()).isEqualTo("PAID");
        assertThat(view.path("storeId").asText()).isEqualTo(Apps.STORE);
        assertThat(view.at("/deliveryAddress/region").asText()).isEqualTo(Apps.REGION);
        assertThat(view.at("/payment/status").asText()).isEqualTo("APPROVED");
        assertThat(openTask(OWNER, orderId, "acceptOrder").get("id").asText()).isEqualTo(taskId);

        // the form's answer works, with the display fields Tasklist sends back
        assertThat(camunda(OWNER, "demo", "POST", "/task/" + taskId + "/submit-form",
                variables("accepted", true, "total", 1, "orderNumber", "X")).status()).isEqualTo(204);
        OrderView accepted = apps.awaitStatus(orderId, customer, "ACCEPTED");
        assertThat(accepted.total()).isEqualTo(view.path("total").asLong());
    }

    @Test
    void aClaimedPickUpCannotBeTakenOverByAnotherRider() throws Exception {
        PickUp order = readyForPickUp(RIDER_1);
        assertThat(camunda(RIDER_1, "demo", "POST", "/task/" + order.taskId() + "/claim",
                "{\"userId\":\"" + RIDER_1 + "\"}").status()).isEqualTo(204);

        assertThat(camunda(RIDER_2, "demo", "POST", "/task/" + order.taskId() + "/unclaim", null).status())
                .isEqualTo(403);
        assertThat(camunda(RIDER_2, "demo", "POST", "/task/" + order.taskId() + "/assignee",
                "{\"userId\":\"" + RIDER_2 + "\"}").status()).isEqualTo(403);
        assertThat(camunda(RIDER_2, "demo", "POST", "/task/" + order.taskId() + "/claim",
                "{\"userId\":\"" + RIDER_2 + "\"}").status()).isEqualTo(403);
        assertThat(camunda(RIDER_2, "demo", "POST", "/task/" + order.taskId() + "/complete",
                variables("pickedUpConfirmed", true)).status()).isEqualTo(403);
        assertThat(apps.api.post("/api/deliveries/" + order.id() + "/pick", apps.rider(RIDER_2, Apps.REGION), null)
                .status()).isEqualTo(409);

        // still rider 1's, still waiting to be picked up
        assertThat(JSON.readTree(camunda(RIDER_1, "demo", "GET", "/task/" + order.taskId(), null).body())
                .path("assignee").asText()).isEqualTo(RIDER_1);
        JsonNode view = apps.api.get("/api/orders/" + order.id(), order.customer()).body();
        assertThat(view.path("status").asText()).isEqualTo("READY_FOR_PICKUP");
        assertThat(view.path("riderId").isNull() || view.path("riderId").isMissingNode()).isTrue();

        assertThat(camunda(RIDER_1, "demo", "POST", "/task/" + order.taskId() + "/complete",
                variables("pickedUpConfirmed", true)).status()).isEqualTo(204);
        assertThat(apps.awaitStatus(order.id(), order.customer(), "PICKED_UP").riderId()).isEqualTo(RIDER_1);
        assertThat(apps.api.post("/api/deliveries/" + order.id() + "/complete", apps.rider(RIDER_2, Apps.REGION), null)
                .status()).isEqualTo(403);
    }

    @Test
    void completingAnUnclaimedPickUpInTasklistMakesThatRiderTheOrdersRider() throws Exception {
        PickUp order = readyForPickUp(RIDER_2);

        assertThat(camunda(RIDER_2, "demo", "POST", "/task/" + order.taskId() + "/submit-form",
                variables("pickedUpConfirmed", true)).status()).isEqualTo(204);

        assertThat(apps.awaitStatus(order.id(), order.customer(), "PICKED_UP").riderId()).isEqualTo(RIDER_2);
        // the rider's app now knows them as the order's rider, the other rider not
        assertThat(apps.api.post("/api/deliveries/" + order.id() + "/complete", apps.rider(RIDER_1, Apps.REGION), null)
                .status()).isEqualTo(403);
        assertThat(apps.api.post("/api/deliveries/" + order.id() + "/complete", apps.rider(RIDER_2, Apps.REGION), null)
                .status()).isEqualTo(200);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private record Answer(int status, String body) {
    }

    /** A new customer's order, ready for pick-up, and its pick-up task as a rider sees it open in Tasklist. */
    private record PickUp(String customer, String id, String taskId) {
    }

    private PickUp readyForPickUp(String rider) {
        String customer = apps.customer();
        String orderId = apps.readyForPickup(customer);
        return new PickUp(customer, orderId, openTask(rider, orderId, "pickUp").get("id").asText());
    }

    /** The order's open task of that kind as the user sees it in Tasklist (it may take a moment to appear). */
    private JsonNode openTask(String user, String orderId, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Answer answer = camunda(user, "demo", "GET", "/task?processInstanceBusinessKey=" + orderId
                    + "&taskDefinitionKey=" + taskKey, null);
            assertThat(answer.status()).isEqualTo(200);
            JsonNode tasks = JSON.readTree(answer.body());
            return tasks.size() == 1 ? tasks.get(0) : null;
        }, task -> task != null);
    }

    private static Answer camunda(String user, String password, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(Platform.get().gateway().resolve("/engine-rest" + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static String variables(Object... namesAndValues) throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], Map.of("value", namesAndValues[i + 1]));
        }
        return JSON.writeValueAsString(Map.of("variables", variables));
    }
}
