package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.baedal.contract.api.OrderView;
import com.baedal.local.RunningPlatform;
import com.baedal.process.OrderProcess;
import com.baedal.simulator.BaedalClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines, two workers and two read-models behind the one gateway (the failsafe execution {@code replicas},
 * {@code baedal.e2e.replicas=2}): an SSE client of either read-model sees every status whichever instance applied
 * it; an engine killed mid-journey costs the customer, the store and the rider nothing; a Tasklist login through the
 * gateway holds on either engine and while one of them is dead.
 */
class ReplicaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JOURNEY = List.of("PLACED", "PAID", "ACCEPTED", "COOKING", "READY_FOR_PICKUP",
            "PICKED_UP", "DELIVERED");

    private Apps apps;

    @BeforeAll
    static void onlyWithReplicas() {
        assumeTrue(Integer.getInteger("baedal.e2e.replicas", 1) > 1,
                "runs in the failsafe execution `replicas` (baedal.e2e.replicas=2)");
    }

    @BeforeEach
    void everyInstanceIsUp() {
        apps = new Apps();
        RunningPlatform running = Platform.get().running();
        for (String instance : List.of("engine", "engine-2", "workers", "workers-2", "read-model", "read-model-2")) {
            awaitReady(running, instance);
        }
    }

    @Test
    void anSseClientOfEitherReadModelSeesEveryStatusOfItsOrder() throws Exception {
        RunningPlatform running = Platform.get().running();
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        // what this test is about is either instance following the order; waiting for a just-placed order is
        // the read-model's own test (OrderApiIT), and how long it takes here depends on how busy the machine is
        awaitProjected(running.url("read-model"), orderId, customer);
        awaitProjected(running.url("read-model-2"), orderId, customer);
        CompletableFuture<List<String>> first = watch(running.url("read-model"), orderId, customer);
        CompletableFuture<List<String>> second = watch(running.url("read-model-2"), orderId, customer);

        deliver(orderId, customer);

        for (CompletableFuture<List<String>> stream : List.of(first, second)) {
            List<String> statuses = stream.get(60, TimeUnit.SECONDS);
            assertThat(statuses).doesNotHaveDuplicates().last().isEqualTo("DELIVERED");
            // every status from the one the stream opened at, in order, none skipped
            assertThat(JOURNEY.subList(JOURNEY.indexOf(statuses.get(0)), JOURNEY.size()))
                    .containsExactlyElementsOf(statuses);
        }
    }

    @Test
    void anEngineKilledMidJourneyCostsNobodyAStep() throws Exception {
        RunningPlatform running = Platform.get().running();
        String customer = apps.customer();
        String owner = apps.owner(Apps.STORE);
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");
        assertThat(apps.store(orderId, owner, "accept", null).status()).isEqualTo(200);

        long killed = kill(running, "engine");

        // the gateway sends every later step to the other engine. A request already written to a kept-alive
        // connection of the dead engine comes back as a 502 problem (never a 500), which the apps retry; no step
        // runs twice (the history below has each status once)
        String path = "/api/stores/" + Apps.STORE + "/orders/" + orderId + "/";
        assertThat(asAnAppWould(() -> apps.api.post(path + "cooking-started", owner, null))).isEqualTo(200);
        assertThat(asAnAppWould(() -> apps.api.post(path + "cooking-finished", owner, null))).isEqualTo(200);
        String rider = apps.rider("rider-gangnam-2", Apps.REGION);
        apps.awaitStatus(orderId, customer, "READY_FOR_PICKUP");
        assertThat(asAnAppWould(() -> apps.api.post("/api/deliveries/" + orderId + "/pick", rider, null)))
                .isEqualTo(200);
        assertThat(asAnAppWould(() -> apps.api.post("/api/deliveries/" + orderId + "/complete", rider, null)))
                .isEqualTo(200);
        OrderView view = apps.awaitStatus(orderId, customer, "DELIVERED");
        List<String> history = new ArrayList<>();
        view.history().forEach(step -> history.add(step.status().name()));
        assertThat(history).containsExactlyElementsOf(JOURNEY);
        JsonNode payment = apps.payment(orderId, customer);
        assertThat(payment.get("status").asText()).isEqualTo("APPROVED");

        awaitRestarted(running, "engine", killed);
    }

    @Test
    void aTasklistLoginThroughTheGatewayHoldsOnBothEnginesAndWhileOneIsDead() throws Exception {
        RunningPlatform running = Platform.get().running();
        Tasklist tasklist = Tasklist.login(Platform.get().gateway(), "owner-" + Apps.STORE, "demo");
        // round robin: these land on both engines, each knows the session (it lives in the engine database)
        for (int i = 0; i < 6; i++) {
            assertThat(tasklist.get("/task?assignee=owner-" + Apps.STORE).statusCode()).isEqualTo(200);
        }
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");

        long killed = kill(running, "engine-2");

        String taskId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> tasks = tasklist.get("/task?processInstanceBusinessKey=" + orderId);
            assertThat(tasks.statusCode()).as("tasks: %s", tasks.body()).isEqualTo(200);
            JsonNode list = JSON.readTree(tasks.body());
            return list.isEmpty() ? null : list.get(0).get("id").asText();
        }, id -> id != null);
        HttpResponse<String> claim = tasklist.post("/task/" + taskId + "/claim",
                "{\"userId\":\"owner-" + Apps.STORE + "\"}");
        assertThat(claim.statusCode()).as("claim: %s", claim.body()).isEqualTo(204);
        HttpResponse<String> complete = tasklist.post("/task/" + taskId + "/submit-form",
                "{\"variables\":{\"accepted\":{\"value\":true}}}");
        assertThat(complete.statusCode()).as("complete: %s", complete.body()).isEqualTo(204);
        apps.awaitStatus(orderId, customer, "ACCEPTED");

        // and once the dead engine is back, requests land on it again with the same session
        awaitRestarted(running, "engine-2", killed);
        for (int i = 0; i < 4; i++) {
            assertThat(tasklist.get("/task?assignee=owner-" + Apps.STORE).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withAJobExecutorOnEachEngineTheRiderSearchTimerFiresOnce() throws Exception {
        String customer = apps.customer();
        String orderId = apps.readyForPickup(customer); // no rider takes it: the timer (PT20S here) fires
        String instance = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode found = JSON.readTree(operatorRest("/history/process-instance?processInstanceBusinessKey="
                    + orderId));
            return found.isEmpty() ? null : found.get(0).get("id").asText();
        }, id -> id != null);
        String escalation = "/history/activity-instance?processInstanceId=" + instance + "&activityId="
                + OrderProcess.EVENT_RIDER_SEARCH_TIMEOUT;
        // the escalation ran to its end (its notification task done) ...
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode fired = JSON.readTree(operatorRest(escalation));
            return !fired.isEmpty() && fired.get(0).hasNonNull("endTime");
        });
        // ... once, though both engines' job executors saw the timer job; and its notification went out once
        assertThat(JSON.readTree(operatorRest(escalation))).hasSize(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode notified = JSON.readTree(operatorRest("/history/activity-instance?processInstanceId=" + instance
                    + "&activityId=" + OrderProcess.TASK_NOTIFY_RIDER_SEARCH_ESCALATION));
            return notified.size() == 1 && notified.get(0).hasNonNull("endTime");
        });
        assertThat(JSON.readTree(operatorRest(escalation))).hasSize(1);
    }

    /** The engine REST API through the gateway as the local operator (admin / admin). */
    private static String operatorRest(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        Platform.get().gateway().resolve("/engine-rest" + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "admin:admin".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private void deliver(String orderId, String customer) {
        String owner = apps.owner(Apps.STORE);
        apps.awaitStatus(orderId, customer, "PAID");
        assertThat(apps.store(orderId, owner, "accept", null).status()).isEqualTo(200);
        assertThat(apps.store(orderId, owner, "cooking-started", null).status()).isEqualTo(200);
        assertThat(apps.store(orderId, owner, "cooking-finished", null).status()).isEqualTo(200);
        apps.awaitStatus(orderId, customer, "READY_FOR_PICKUP");
        String rider = apps.rider("rider-gangnam-1", Apps.REGION);
        Response picked = apps.api.post("/api/deliveries/" + orderId + "/pick", rider, null);
        assertThat(picked.status()).as("pick %s", picked.body()).isEqualTo(200);
        assertThat(apps.api.post("/api/deliveries/" + orderId + "/complete", rider, null).status()).isEqualTo(200);
    }

    /**
     * Sends a command as the apps do: a 502 (the connection broke after the request was sent, so the gateway could
     * not know whether it arrived) is sent again, a few times at most; the status of the last answer.
     */
    private static int asAnAppWould(java.util.function.Supplier<Response> command) throws Exception {
        return resentOnBadGateway(command::get, Response::status).status();
    }

    /**
     * Sends a request again (twice at most) while it answers 502, as the apps and Tasklist do: a request the gateway
     * had written to a kept-alive connection of the instance that just died comes back as a 502 problem.
     */
    private static <T> T resentOnBadGateway(Callable<T> request, ToIntFunction<T> status) throws Exception {
        T response = request.call();
        for (int attempt = 1; attempt < 3 && status.applyAsInt(response) == 502; attempt++) {
            response = request.call();
        }
        return response;
    }

    /** kill -9 of one instance (the supervisor restarts it); its pid. */
    private static long kill(RunningPlatform running, String instance) {
        long pid = running.pid(instance).orElseThrow();
        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
        return pid;
    }

    private static void awaitRestarted(RunningPlatform running, String instance, long oldPid) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var pid = running.pid(instance);
            return pid.isPresent() && pid.getAsLong() != oldPid;
        });
        awaitReady(running, instance);
    }

    private static void awaitReady(RunningPlatform running, String instance) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(running.readiness(instance))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
    }

    /** Until one read-model instance knows the order. */
    private static void awaitProjected(URI readModel, String orderId, String token) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(readModel.resolve("/api/orders/" + orderId))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** The order's Server-Sent Events straight from one read-model instance, until the stream ends. */
    private static CompletableFuture<List<String>> watch(URI readModel, String orderId, String token) {
        HttpRequest request = HttpRequest.newBuilder(readModel.resolve("/api/orders/" + orderId + "/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    return Apps.streamedStatuses(response);
                });
    }

    /** Tasklist as the browser uses it: the session cookie and the CSRF token of Camunda's webapps. */
    private record Tasklist(URI gateway, HttpClient http, CookieManager cookies) {

        static final String API = "/camunda/api/engine/engine/default";

        static Tasklist login(URI gateway, String user, String password) throws Exception {
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            Tasklist tasklist = new Tasklist(gateway, HttpClient.newBuilder().cookieHandler(cookies)
                    .version(HttpClient.Version.HTTP_1_1).build(), cookies);
            tasklist.page();
            HttpResponse<String> login = tasklist.http.send(HttpRequest.newBuilder(gateway.resolve(
                                    "/camunda/api/admin/auth/user/default/login/tasklist"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-XSRF-TOKEN", tasklist.xsrf())
                            .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user,
                                    StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password,
                                    StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("login: %s", login.body()).isEqualTo(200);
            tasklist.page(); // the new session's CSRF token, as the browser gets it
            return tasklist;
        }

        void page() throws Exception {
            assertThat(http.send(HttpRequest.newBuilder(gateway.resolve("/camunda/app/tasklist/default/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }

        String xsrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).reduce((a, b) -> b).orElseThrow();
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(gateway.resolve(API + path)).header("Accept", "application/json")
                    .header("X-XSRF-TOKEN", xsrf()).timeout(Duration.ofSeconds(30)).build());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send(HttpRequest.newBuilder(gateway.resolve(API + path))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("X-XSRF-TOKEN", xsrf()).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        private HttpResponse<String> send(HttpRequest request) throws Exception {
            return resentOnBadGateway(() -> http.send(request, HttpResponse.BodyHandlers.ofString()),
                    HttpResponse::statusCode);
        }
    }

}
