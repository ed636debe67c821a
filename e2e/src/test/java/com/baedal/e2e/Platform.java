package com.baedal.e2e;

import com.baedal.local.Layout;
import com.baedal.local.RunningPlatform;
import com.baedal.local.Service;
import com.baedal.local.Supervisor;
import com.baedal.testsupport.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The whole platform as separate JVMs, started once per test run by the launcher of {@code ./baedal up} (local-platform's
 * {@link Layout} and {@link Supervisor}): a KRaft Kafka broker, engine, workers, read-model and gateway, each on a free
 * port, on fresh databases of the local PostgreSQL, supervised (a killed service is restarted). Tests talk to the
 * gateway; chaos tests also reach the processes and databases through {@link #running()}. Logs are kept under
 * {@code e2e/target/e2e/logs}, pid files under {@code e2e/target/e2e/run}. With system property {@code
 * baedal.e2e.replicas=N} (the failsafe execution {@code replicas}) the engine, the workers and the read-model run N
 * instances each behind the one gateway, as {@code ./baedal up --replicas N}.
 */
public final class Platform {

    private static Platform started;

    private final Path root = Path.of(System.getProperty("baedal.root", "..")).toAbsolutePath().normalize();
    private final Path work = Path.of(System.getProperty("baedal.e2e.work", "target/e2e")).toAbsolutePath();
    private final int replicas = Integer.getInteger("baedal.e2e.replicas", 1);
    private Supervisor supervisor;
    private RunningPlatform running;
    private int gatewayManagementPort;

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
        return running.gateway();
    }

    /** Instances of the engine, the workers and the read-model each. */
    public int replicas() {
        return replicas;
    }

    /** The gateway's actuator (its management port; the public port answers only the probes). */
    public URI gatewayManagement() {
        return URI.create("http://127.0.0.1:" + gatewayManagementPort);
    }

    /** The folder with each process's output ({@code <name>.log}). */
    public Path logs() {
        return work.resolve("logs");
    }

    /** URLs, databases and pids of the platform's processes. */
    public RunningPlatform running() {
        return running;
    }

    private void start() {
        try {
            deleteRecursively(work.resolve("kafka"));
            gatewayManagementPort = freePort();
            String suffix = replicas > 1 ? "_r" + replicas : "";
            Layout.Builder builder = Layout.builder(root, work).replicas(replicas).port(Service.GATEWAY, freePort());
            for (int ordinal = 1; ordinal <= replicas; ordinal++) {
                builder.port(Service.ENGINE, ordinal, freePort()).port(Service.WORKERS, ordinal, freePort())
                        .port(Service.READ_MODEL, ordinal, freePort());
            }
            Layout layout = builder
                    .kafkaPort(freePort())
                    .databaseServer(new Layout.DatabaseServer("127.0.0.1", 5432, LocalPostgres.USER, ""))
                    .database(Service.ENGINE, fresh("e2e_engine" + suffix))
                    .database(Service.WORKERS, fresh("e2e_payments" + suffix))
                    .database(Service.READ_MODEL, fresh("e2e_readmodel" + suffix))
                    // test JVMs: small heaps, C1 only (quicker start on shared cores)
                    .jvmOptions("-Xmx512m", "-XX:TieredStopAtLevel=1")
                    .arguments(Service.ENGINE, "--baedal.order.rider-search-timeout=PT20S")
                    // a stream opened right after placing waits this long for the order (3 s by default): on a busy
                    // machine projecting OrderPlaced took longer (load 35 on two cores in one CI run)
                    .arguments(Service.READ_MODEL, "--baedal.read-model.stream.await-unknown-order=PT20S")
                    // a known management port, so that tests can scrape the gateway's metrics
                    .arguments(Service.GATEWAY, "--management.server.port=" + gatewayManagementPort)
                    .build();
            supervisor = new Supervisor(layout.runDirectory(),
                    (name, message) -> System.out.printf("[platform] %-11s %s%n", name, message));
            supervisor.start(layout.infrastructure(), Duration.ofSeconds(60));
            // a busy machine may need longer: -Dbaedal.e2e.start-minutes=6
            for (java.util.List<com.baedal.local.Component> group : layout.serviceGroups()) {
                supervisor.start(group, Duration.ofMinutes(Integer.getInteger("baedal.e2e.start-minutes", 4)));
            }
            running = layout.running();
            running.write();
        } catch (IOException | Supervisor.StartFailure e) {
            stop();
            throw new IllegalStateException("cannot start the platform (logs in " + work.resolve("logs") + ")", e);
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String fresh(String database) {
        LocalPostgres.freshDatabase(database);
        return LocalPostgres.name(database);
    }

    private void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
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
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
