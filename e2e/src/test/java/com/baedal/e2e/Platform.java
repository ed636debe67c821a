package com.baedal.e2e;

import com.baedal.testsupport.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole platform as separate JVMs, started once per test run from the modules' runnable jars, the way
 * {@code ./baedal up} starts it: a KRaft Kafka broker, engine, workers, read-model and gateway, each on a free
 * port, on fresh databases of the local PostgreSQL. Tests talk to the gateway only. Logs are kept under
 * {@code e2e/target/e2e/logs}.
 */
public final class Platform {

    private static Platform started;

    private final Path root = Path.of(System.getProperty("baedal.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("baedal.version", "0.1.0-SNAPSHOT");
    private final Path work = Path.of(System.getProperty("baedal.e2e.work", "target/e2e")).toAbsolutePath();
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private Platform() {
    }

    /** The running platform; starts it on first use and stops it when the test JVM exits. */
    public static synchronized Platform get() {
        if (started == null) {
            Platform platform = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "e2e-platform-stop"));
            platform.start();
            started = platform;
        }
        return started;
    }

    public URI gateway() {
        return URI.create("http://localhost:" + ports.get("gateway"));
    }

    private void start() {
        try {
            Files.createDirectories(work.resolve("logs"));
            for (String service : List.of("kafka", "engine", "workers", "read-model", "gateway")) {
                ports.put(service, freePort());
            }
            deleteRecursively(work.resolve("kafka"));
            int kafka = ports.get("kafka");
            launch("kafka", List.of(jar("local-platform"), "kafka", String.valueOf(kafka),
                    work.resolve("kafka").toString()), Map.of());
            awaitLine("kafka", "READY", Duration.ofSeconds(60));

            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafka,
                    "ENGINE_URL", "http://localhost:" + ports.get("engine"),
                    "ENGINE_REST_URL", "http://localhost:" + ports.get("engine") + "/engine-rest",
                    "READMODEL_URL", "http://localhost:" + ports.get("read-model"),
                    "WORKERS_URL", "http://localhost:" + ports.get("workers"));
            launchService("engine", "e2e_engine", env, "--baedal.order.rider-search-timeout=PT20S");
            launchService("workers", "e2e_payments", env);
            launchService("read-model", "e2e_readmodel", env);
            launchService("gateway", null, env);
            for (String service : List.of("engine", "workers", "read-model", "gateway")) {
                awaitReady(service, Duration.ofMinutes(3));
            }
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("cannot start the platform", e);
        }
    }

    private void launchService(String service, String database, Map<String, String> env, String... extra)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(jar(service), "--spring.profiles.active=local",
                "--server.port=" + ports.get(service)));
        if (database != null) {
            command.add("--spring.datasource.url=" + LocalPostgres.freshDatabase(database));
        }
        command.addAll(List.of(extra));
        launch(service, command, env);
    }

    private void launch(String name, List<String> jarAndArgs, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar"));
        command.addAll(jarAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("logs").resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        processes.add(builder.start());
    }

    private String jar(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build the modules first (./mvnw verify does)");
        }
        return jar.toString();
    }

    private void awaitLine(String name, String marker, Duration timeout) throws IOException {
        Path log = work.resolve("logs").resolve(name + ".log");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).lines().anyMatch(line -> line.startsWith(marker))) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " did not start, see " + log);
    }

    private void awaitReady(String service, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://localhost:" + ports.get(service) + "/actuator/health/readiness");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(service + " not ready in " + timeout + ", see "
                + work.resolve("logs").resolve(service + ".log"));
    }

    private void stop() {
        // newest first: gateway ... engine, then Kafka
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            // Kafka also takes the next port for its controller
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                return freePort();
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
