package com.baedal.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** The platform's public REST API, through the gateway, as an app would call it. */
public final class BaedalClient {

    /**
     * Reads the API's answers as a tolerant client: the typed records of {@code com.baedal.contract.api}, instants as
     * ISO text, fields the client does not know ignored.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** An answer: HTTP status and JSON body ({@link NullNode} when there is none). */
    public record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as one of the API's typed answers, e.g. {@code PlacedOrder} or {@code OrderView}. */
        public <T> T as(Class<T> type) {
            try {
                return JSON.treeToValue(body, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("HTTP " + status + " answered no " + type.getSimpleName() + ": "
                        + body, e);
            }
        }
    }

    private final URI gateway;
    private final HttpClient http;
    private final ObjectMapper json;

    public BaedalClient(URI gateway) {
        this.gateway = gateway;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.json = JSON;
    }

    public String token(String subject, String role, String storeId, String region) {
        Map<String, String> claims = new java.util.LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("role", role);
        if (storeId != null) {
            claims.put("storeId", storeId);
        }
        if (region != null) {
            claims.put("region", region);
        }
        Response response = post("/api/dev/tokens", null, claims);
        if (!response.ok()) {
            throw new IllegalStateException("cannot get a token for " + subject + ": HTTP " + response.status());
        }
        return response.body().get("token").asText();
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String token, Object body) {
        return post(path, token, body, Map.of());
    }

    /** A POST with extra headers, e.g. {@code Idempotency-Key}. */
    public Response post(String path, String token, Object body, Map<String, String> headers) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
            HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json");
            headers.forEach(request::header);
            return send(request.POST(publisher));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body", e);
        }
    }

    /**
     * Follows a Server-Sent Events stream without holding a thread: {@code onData} gets the JSON data of each event
     * as it arrives; {@code onEnd} gets the HTTP status once the stream is over (200 when the server ended it, the
     * error status when it was refused, 599 when the connection failed).
     */
    public void stream(String path, String token, Consumer<JsonNode> onData, IntConsumer onEnd) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Flow.Subscriber<String> lines = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                if (line.startsWith("data:")) {
                    JsonNode data;
                    try {
                        data = json.readTree(line.substring(5).trim());
                    } catch (IOException e) {
                        return;
                    }
                    onData.accept(data);
                }
            }

            @Override
            public void onError(Throwable failure) {
                // reported through the response future
            }

            @Override
            public void onComplete() {
                // reported through the response future
            }
        };
        http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(lines))
                .whenComplete((response, failure) -> onEnd.accept(failure == null ? response.statusCode() : 599));
    }

    /** The elements of a JSON array, or of the {@code content} array of a page. */
    public static List<JsonNode> elements(JsonNode body) {
        JsonNode array = body.has("content") ? body.get("content") : body;
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            JsonNode node = body == null || body.length == 0 ? NullNode.getInstance() : json.readTree(body);
            return new Response(response.statusCode(), node);
        } catch (IOException e) {
            return new Response(599, NullNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(599, NullNode.getInstance());
        }
    }
}
