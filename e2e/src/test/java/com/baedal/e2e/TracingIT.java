package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.baedal.contract.api.PlacedOrder;
import com.baedal.simulator.BaedalClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One order's placement is one trace across the four services: the app sends a W3C traceparent, and the gateway's
 * access line, the engine's command, the worker's charge, the read-model's apply of the events (through the outbox
 * and Kafka) and the live stream's push all log that trace id.
 */
class TracingIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Apps apps = new Apps();

    @Test
    void anOrdersCommandWorkerStepEventAndProjectionShareOneTraceId() {
        String traceId = hex(16);
        String customer = apps.customer();
        Response placed = apps.api.post("/api/orders", customer, apps.orderBody("tok_visa"),
                Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));
        assertThat(placed.status()).as("placement %s", placed.body()).isEqualTo(201);
        String orderId = placed.as(PlacedOrder.class).orderId();
        apps.awaitStatus(orderId, customer, "PAID");

        // gateway: the command's access line
        awaitLine("gateway", traceId, "POST /api/orders");
        // engine: the placement command wrote OrderPlaced in the trace
        awaitLine("engine", traceId, "OrderPlaced #1 of order " + orderId);
        // workers: the charge of this order, in the trace the engine stored with the task
        awaitLine("workers", traceId, "payment-charge for order " + orderId);
        // engine: the worker's completion (its call carries the trace back) wrote PaymentApproved
        awaitLine("engine", traceId, "PaymentApproved #2 of order " + orderId);
        // read-model: the events of the step, applied in the trace that wrote them (outbox row -> Kafka header)
        awaitLine("read-model", traceId, "OrderPlaced #1 of order " + orderId);
        awaitLine("read-model", traceId, "PaymentApproved #2 of order " + orderId);
    }

    private static void awaitLine(String service, String traceId, String text) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(lines(service))
                        .as("a line of %s with trace id %s and '%s'", service, traceId, text)
                        .anyMatch(line -> line.contains(traceId) && line.contains(text)));
    }

    /** The log lines of a service's instances ({@code engine.log}, {@code engine-2.log}, ...). */
    private static List<String> lines(String service) throws IOException {
        try (Stream<Path> files = Files.list(Platform.get().logs())) {
            return files.filter(file -> file.getFileName().toString().matches(service + "(-\\d+)?\\.log"))
                    .flatMap(TracingIT::read).toList();
        }
    }

    private static Stream<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
