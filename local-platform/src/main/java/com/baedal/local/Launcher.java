package com.baedal.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./baedal up}: starts the platform of the {@linkplain Layout#standard standard layout} under a {@link
 * Supervisor} (PostgreSQL when no server answers, Kafka, the four services), prints the URLs and demo logins and
 * keeps everything running until it is stopped (Ctrl-C, SIGTERM). Environment: {@code PGHOST}, {@code PGPORT},
 * {@code PGUSER}, {@code PGPASSWORD} (the PostgreSQL server, default 127.0.0.1:5432 postgres) and {@code
 * KAFKA_PORT} (default 9092).
 */
final class Launcher {

    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICES_TIMEOUT = Duration.ofMinutes(4);

    private final Path root;
    private final int replicas;
    private final Colors colors = Colors.detect();

    Launcher(Path root) {
        this(root, 1);
    }

    Launcher(Path root, int replicas) {
        this.root = root.toAbsolutePath().normalize();
        this.replicas = replicas;
    }

    /** Runs until stopped; returns the exit code when the platform could not start. */
    int up() throws InterruptedException {
        Map<String, String> env = System.getenv();
        Layout.DatabaseServer server = new Layout.DatabaseServer(env.getOrDefault("PGHOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("PGPORT", "5432")), env.getOrDefault("PGUSER", "postgres"),
                env.getOrDefault("PGPASSWORD", ""));
        boolean serverRuns = answers(server);
        if (!serverRuns && portTaken(server.port())) {
            return fail("port " + server.port() + " is taken but no PostgreSQL answers there: free it or set PGPORT");
        }
        Layout layout = Layout.standard(root)
                .replicas(replicas)
                .kafkaPort(Integer.parseInt(env.getOrDefault("KAFKA_PORT", "9092")))
                .databaseServer(serverRuns ? server : new Layout.DatabaseServer("127.0.0.1", server.port(),
                        "postgres", ""))
                .embeddedPostgres(!serverRuns)
                .build();
        for (Map.Entry<String, Integer> port : layout.ports().entrySet()) {
            if (!port.getKey().equals("postgres") && portTaken(port.getValue())) {
                return fail("port " + port.getValue() + " (for " + port.getKey() + ") is taken by another program: "
                        + "stop it first (./baedal up already running?)"
                        + (port.getKey().startsWith("kafka") ? " or set KAFKA_PORT" : ""));
            }
        }
        try {
            Files.deleteIfExists(layout.runDirectory().resolve(RunningPlatform.FILE));
            if (serverRuns) {
                createMissingDatabases(server, layout.databaseNames());
            }
        } catch (IOException | SQLException e) {
            return fail("cannot prepare the databases on " + server.host() + ":" + server.port() + ": "
                    + e.getMessage());
        }

        System.out.println(colors.bold("Starting Baedal") + (replicas > 1 ? " (" + replicas
                + " engines, workers and read-models behind the one gateway)" : ""));
        if (serverRuns) {
            say("postgres", colors.green("local server") + " at " + server.host() + ":" + server.port()
                    + " (databases " + String.join(", ", layout.databaseNames()) + ")");
        }
        Supervisor supervisor = new Supervisor(layout.runDirectory(), this::say);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println();
            System.out.println("Stopping ...");
            supervisor.close();
            try {
                Files.deleteIfExists(layout.runDirectory().resolve(RunningPlatform.FILE));
            } catch (IOException ignored) {
                // a leftover file names a platform that no longer answers; ./baedal checks readiness
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "baedal-stop"));

        long started = System.nanoTime();
        try {
            supervisor.start(layout.infrastructure(), INFRASTRUCTURE_TIMEOUT);
            for (List<Component> group : layout.serviceGroups()) {
                supervisor.start(group, SERVICES_TIMEOUT);
            }
            layout.running().write();
        } catch (Supervisor.StartFailure failure) {
            say(failure.component(), colors.red(failure.getMessage().substring(failure.component().length() + 1))
                    + ", last lines of " + failure.log() + ":");
            tail(failure.log(), 20).forEach(System.err::println);
            return 1;
        } catch (IOException e) {
            return fail("cannot write " + layout.runDirectory().resolve(RunningPlatform.FILE) + ": " + e.getMessage());
        }
        System.out.println(info(layout, (System.nanoTime() - started) / 1_000_000_000));
        stopped.await();
        return 0;
    }

    private void say(String component, String message) {
        System.out.printf("  %-11s %s%n", component, message);
    }

    private int fail(String message) {
        System.err.println(colors.red("baedal: " + message));
        return 1;
    }

    String info(Layout layout, long seconds) {
        String gateway = layout.gateway().toString();
        return """

                %1$sBaedal is up%2$s in %3$ds. Everything goes through the gateway at %1$s%4$s%2$s.
                  API               %4$s/api          (docs: %4$s/api/docs)
                  Tasklist          %4$s/camunda/app/tasklist/
                  Cockpit           %4$s/camunda/app/cockpit/
                  Engine REST       %4$s/engine-rest   (HTTP Basic)

                %1$sDemo logins%2$s (local profile only)
                  admin / admin                         operator, engine administrator (Cockpit, Admin)
                  owner-<storeId> / demo                store owners: owner-chicken-gangnam, owner-pizza-mapo, owner-tteokbokki-mapo
                  rider-<region>-<n> / demo             riders: rider-gangnam-1, rider-gangnam-2, rider-mapo-1, rider-mapo-2
                  API tokens                            POST %4$s/api/dev/tokens {"sub","role","storeId"?,"region"?}

                %1$sPlace an order%2$s
                  TOKEN=$(curl -s -X POST %4$s/api/dev/tokens -H 'Content-Type: application/json' \\
                    -d '{"sub":"kim","role":"CUSTOMER"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
                  curl -i -X POST %4$s/api/orders -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                    -d '{"storeId":"chicken-gangnam","items":[{"menuItemId":"chicken-fried","quantity":2},{"menuItemId":"chicken-cola","quantity":1}],"deliveryAddress":{"region":"gangnam","street":"Teheran-ro 152"},"payment":{"method":"CARD","cardToken":"tok_visa"}}'
                  curl -N %4$s/api/orders/<orderId>/stream -H "Authorization: Bearer $TOKEN"     # live status

                Crashed services are restarted (the console says so); pids in %5$s.
                Press Ctrl-C to stop. ./baedal demo (in another terminal) brings the platform to life; ./baedal chaos
                tries to break it.
                """.formatted(colors.boldOn(), colors.off(), seconds, gateway,
                layout.runDirectory());
    }

    private static boolean answers(Layout.DatabaseServer server) {
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        properties.setProperty("password", server.password());
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(server.url("postgres"), properties)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void createMissingDatabases(Layout.DatabaseServer server, List<String> names) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url("postgres"), server.user(),
                server.password());
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
             Statement create = connection.createStatement()) {
            for (String name : names) {
                exists.setString(1, name);
                try (ResultSet row = exists.executeQuery()) {
                    if (!row.next()) {
                        // a plain name (Layout checks); identifiers cannot be bind parameters
                        create.execute("create database " + name);
                    }
                }
            }
        }
    }

    static boolean portTaken(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException free) {
            return false;
        }
    }

    private static List<String> tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** ANSI colours when the output is a terminal. */
    record Colors(boolean on) {
        static Colors detect() {
            return new Colors(System.console() != null && System.getenv("NO_COLOR") == null);
        }

        String boldOn() {
            return on ? "\u001b[1m" : "";
        }

        String off() {
            return on ? "\u001b[0m" : "";
        }

        String bold(String text) {
            return boldOn() + text + off();
        }

        String green(String text) {
            return (on ? "\u001b[32m" : "") + text + off();
        }

        String red(String text) {
            return (on ? "\u001b[31m" : "") + text + off();
        }
    }
}
