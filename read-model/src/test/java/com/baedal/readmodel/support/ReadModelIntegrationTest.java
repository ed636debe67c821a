package com.baedal.readmodel.support;

import static org.awaitility.Awaitility.await;

import com.baedal.contract.event.OrderEvent;
import com.baedal.readmodel.projection.OrderEventConsumer;
import com.baedal.testsupport.LocalPostgres;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every IT: the real read-model on PostgreSQL database {@value #DATABASE} (created anew each
 * run) and an embedded KRaft Kafka broker. Tests use fresh order/customer/store/region ids, so they need no cleanup.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "baedal.read-model.topic.partitions=" + ReadModelIntegrationTest.PARTITIONS,
        "spring.kafka.listener.concurrency=2",
        // long enough that the live-stream tests can only pass through LISTEN/NOTIFY
        "baedal.read-model.stream.refresh-interval=PT5M",
        // how long a stream request waits for an order not projected yet (OrderApiIT measures it)
        "baedal.read-model.stream.await-unknown-order=PT6S",
        "logging.level.com.baedal=info"})
@EmbeddedKafka(kraft = true, count = 1, partitions = ReadModelIntegrationTest.PARTITIONS,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ActiveProfiles("local")
// metrics export is off in tests by default; the ITs check the Prometheus endpoint
@AutoConfigureObservability
public abstract class ReadModelIntegrationTest {

    public static final String DATABASE = "readmodel_it";
    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected static final int PARTITIONS = 2;

    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected KafkaTemplate<String, String> kafka;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> LocalPostgres.freshDatabase(DATABASE));
    }

    /**
     * The projection's consumer is started after the context (by {@code ProjectionRebuild}) and then joins its group:
     * until it holds every partition, an event sent now waits for the rebalance, seconds on a slow machine. Tests
     * that measure how quickly the read-model reacts (the stream waiting for a just-placed order) start after it.
     */
    @BeforeEach
    void projectionConsumesEveryPartition() {
        MessageListenerContainer container = listeners.getListenerContainer(OrderEventConsumer.LISTENER_ID);
        await().atMost(WAIT).until(() -> container != null && container.isRunning());
        ContainerTestUtils.waitForAssignment(container, PARTITIONS);
    }

    protected void send(List<OrderEvent> events) {
        events.forEach(this::send);
    }

    protected void send(OrderEvent event) {
        try {
            sendRaw(event.orderId(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one order's events in this order and waits until the read model applied the last of them. */
    protected void sendApplied(List<OrderEvent> events) {
        send(events);
        OrderEvent last = events.get(events.size() - 1);
        awaitApplied(last.orderId(), last.sequence());
    }

    protected void sendRaw(String key, String value) {
        try {
            kafka.send(OrderEvent.TOPIC, key, value).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    protected long lastSequence(String orderId) {
        return jdbc.sql("select coalesce(max(last_sequence), 0) from order_view where order_id = :id")
                .param("id", orderId).query(Long.class).single();
    }

    protected void awaitApplied(String orderId, long sequence) {
        await().atMost(WAIT).until(() -> lastSequence(orderId) >= sequence);
    }

    protected Response get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public record Response(int status, String contentType, String body, ObjectMapper json) {

        public JsonNode jsonBody() {
            try {
                return json.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }
}
