package com.baedal.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * The local platform's commands:
 * <pre>
 *   up       [--root DIR] [--replicas N]  the whole platform, supervised, until Ctrl-C ({@link Launcher}; what
 *                              ./baedal up runs); N engines, workers and read-models behind the one gateway
 *   modules                    the modules whose runnable jars {@code up} runs (./baedal builds those that are stale)
 * </pre>
 * and the two pieces of infrastructure that {@code up} runs as child processes, each until it is stopped:
 * <pre>
 *   kafka    [port] [dataDir]  a single-node Kafka broker in KRaft mode (default 9092, data kept in dataDir)
 *   postgres [port] [dataDir] [db,db,...]  an embedded PostgreSQL server (default 5432, data kept in dataDir),
 *                                          creating the named databases when they are missing
 * </pre>
 * Each prints one line {@code READY <address>} once it accepts connections, which the {@link Supervisor} waits for.
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (args.length == 0) {
            System.err.println("usage: up [--root DIR] [--replicas N] | modules | kafka [port] [dataDir] | postgres [port] [dataDir] [db,...]");
            System.exit(2);
        }
        String component = args[0];
        if (component.equals("modules")) {
            List<String> modules = new ArrayList<>();
            modules.add("local-platform");
            for (Service service : Service.values()) {
                modules.add(service.id());
            }
            System.out.println(String.join(" ", modules));
            return;
        }
        if (component.equals("up")) {
            Path root = Path.of(".");
            int replicas = 1;
            for (int i = 1; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length || !(option.equals("--root") || option.equals("--replicas"))) {
                    System.err.println("usage: up [--root DIR] [--replicas N]");
                    System.exit(2);
                }
                String value = args[++i];
                if (option.equals("--root")) {
                    root = Path.of(value);
                } else {
                    try {
                        replicas = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        replicas = 0;
                    }
                    if (replicas < 1 || replicas > 9) {
                        System.err.println("--replicas takes a number from 1 to 9, not " + value);
                        System.exit(2);
                    }
                }
            }
            System.exit(new Launcher(root, replicas).up());
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : ("kafka".equals(component) ? 9092 : 5432);
        Path dataDir = Path.of(args.length > 2 ? args[2] : ".baedal/" + component);
        switch (component) {
            case "kafka" -> {
                KafkaRaftServer broker = startKafka(port, dataDir);
                ready("localhost:" + port, () -> {
                    broker.shutdown();
                    broker.awaitShutdown();
                });
            }
            case "postgres" -> {
                EmbeddedPostgres postgres = startPostgres(port, dataDir);
                if (args.length > 3) {
                    createDatabases(postgres, args[3].split(","));
                }
                ready("127.0.0.1:" + port, () -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
                    }
                });
            }
            default -> {
                System.err.println("unknown component: " + component);
                System.exit(2);
            }
        }
    }

    /** Formats {@code dataDir} on first use and starts a combined broker + controller node on {@code port}. */
    static KafkaRaftServer startKafka(int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        int controllerPort = port + 1;
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        props.put("num.partitions", "6");
        props.put("auto.create.topics.enable", "false");
        // a single node: internal topics cannot have more replicas than that
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by ./baedal up");
        }
        // the cluster id must stay the same across restarts of a formatted data directory
        Path clusterIdFile = dataDir.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int formatted = StorageTool.execute(new String[] {"format", "--ignore-formatted", "-t",
                Files.readString(clusterIdFile).trim(), "-c", config.toString()}, quiet);
        if (formatted != 0) {
            throw new IllegalStateException("could not format the Kafka data directory " + dataDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    static EmbeddedPostgres startPostgres(int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    static void createDatabases(EmbeddedPostgres postgres, String... names) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a database name: " + name);
                }
                try (ResultSet exists = statement.executeQuery(
                        "select 1 from pg_database where datname = '" + name + "'")) {
                    if (!exists.next()) {
                        statement.execute("create database " + name);
                    }
                }
            }
        }
    }

    private static void ready(String address, Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "local-platform-shutdown"));
        System.out.println("READY " + address);
        System.out.flush();
        stopped.await();
    }
}
