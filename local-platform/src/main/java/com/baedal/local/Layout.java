package com.baedal.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * What runs where on one machine: the one owner of the local platform's layout. {@code ./baedal up} ({@link
 * Launcher}), the end-to-end tests and the bench all start the platform from a layout; nothing else spells the
 * services' ports, databases, environment, JVM options, logs or pid files.
 *
 * <pre>
 *   state/logs/&lt;name&gt;.log    output of each process
 *   state/run/&lt;name&gt;.pid     pid of each running process (kept current across restarts by the supervisor)
 *   state/run/platform.properties  URLs and databases of the running platform ({@link RunningPlatform})
 *   state/kafka, state/postgres  data of the Kafka broker and of the embedded PostgreSQL
 * </pre>
 *
 * Every service has a list of {@linkplain Instance instances}, each with its own port, log and pid file. {@code
 * --replicas N} gives the engine, the workers and the read-model N instances each ({@code engine-2} on the first
 * instance's port + 10, {@code engine-3} on + 20, ...); the gateway stays one and gets every instance's URL
 * (comma-separated {@code ENGINE_URL}, {@code WORKERS_URL}, {@code READMODEL_URL}), between which it balances.
 */
public final class Layout {

    /** One running copy of a service. */
    public record Instance(Service service, int ordinal, int port) {

        /** {@code engine} for the first instance, {@code engine-2} for the second. */
        public String name() {
            return ordinal == 1 ? service.id() : service.id() + "-" + ordinal;
        }

        public URI url() {
            return URI.create("http://localhost:" + port);
        }
    }

    /** The PostgreSQL server the services' databases live on. */
    public record DatabaseServer(String host, int port, String user, String password) {

        public String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** Instance k of a service listens on the first instance's port + (k - 1) times this (engine-2 on 8091). */
    static final int REPLICA_PORT_STEP = 10;

    private final Path root;
    private final Path state;
    private final Map<Service, List<Instance>> instances;
    private final int replicas;
    private final int kafkaPort;
    private final DatabaseServer databaseServer;
    private final boolean embeddedPostgres;
    private final Map<Service, String> databases;
    private final List<String> jvmOptions;
    private final Map<Service, List<String>> arguments;

    private Layout(Builder builder) {
        this.root = builder.root.toAbsolutePath().normalize();
        this.state = builder.state.toAbsolutePath().normalize();
        Map<Service, List<Instance>> all = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            int count = service == Service.GATEWAY ? 1 : builder.replicas;
            List<Instance> list = new ArrayList<>();
            for (int ordinal = 1; ordinal <= count; ordinal++) {
                int port = builder.ports.getOrDefault(service, Map.of()).getOrDefault(ordinal,
                        service.port() + REPLICA_PORT_STEP * (ordinal - 1));
                list.add(new Instance(service, ordinal, port));
            }
            all.put(service, List.copyOf(list));
        }
        this.instances = all;
        this.replicas = builder.replicas;
        this.kafkaPort = builder.kafkaPort;
        this.databaseServer = builder.databaseServer;
        this.embeddedPostgres = builder.embeddedPostgres;
        Map<Service, String> names = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            if (service.database() != null) {
                names.put(service, builder.databases.getOrDefault(service, service.database()));
            }
        }
        this.databases = names;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        Map<Service, List<String>> args = new EnumMap<>(Service.class);
        builder.arguments.forEach((service, list) -> args.put(service, List.copyOf(list)));
        this.arguments = args;
    }

    /** {@code ./baedal up}'s layout: ports 8080-8083 and 9092, databases engine/payments/readmodel, state in .baedal. */
    public static Builder standard(Path root) {
        return new Builder(root, root.resolve(".baedal"));
    }

    /** A layout with everything as {@link #standard} until changed. */
    public static Builder builder(Path root, Path state) {
        return new Builder(root, state);
    }

    public List<Instance> instances(Service service) {
        return instances.get(service);
    }

    /** Instances of the engine, the workers and the read-model each (the gateway is one). */
    public int replicas() {
        return replicas;
    }

    public List<Instance> allInstances() {
        return instances.values().stream().flatMap(List::stream).toList();
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    /** Every port the platform listens on (Kafka's controller takes the port after the broker's). */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        allInstances().forEach(instance -> ports.put(instance.name(), instance.port()));
        ports.put("kafka", kafkaPort);
        ports.put("kafka controller", kafkaPort + 1);
        if (embeddedPostgres) {
            ports.put("postgres", databaseServer.port());
        }
        return ports;
    }

    public DatabaseServer databaseServer() {
        return databaseServer;
    }

    public boolean embeddedPostgres() {
        return embeddedPostgres;
    }

    /** The database names, in service order. */
    public List<String> databaseNames() {
        return List.copyOf(databases.values());
    }

    public Path logs() {
        return state.resolve("logs");
    }

    public Path runDirectory() {
        return state.resolve("run");
    }

    public URI gateway() {
        return instances(Service.GATEWAY).get(0).url();
    }

    /** Kafka, and before it the embedded PostgreSQL when there is one: started first, stopped last. */
    public List<Component> infrastructure() {
        List<Component> components = new ArrayList<>();
        if (embeddedPostgres) {
            components.add(new Component("postgres", java(List.of("-jar", jar("local-platform"), "postgres",
                    Integer.toString(databaseServer.port()), state.resolve("postgres").toString(),
                    String.join(",", databases.values()))), Map.of(), log("postgres"),
                    new Component.LogLine("READY"), "embedded server on :" + databaseServer.port()
                    + " (data in " + relative(state.resolve("postgres")) + ")"));
        }
        components.add(new Component("kafka", java(List.of("-jar", jar("local-platform"), "kafka",
                Integer.toString(kafkaPort), state.resolve("kafka").toString())), Map.of(), log("kafka"),
                new Component.LogLine("READY"), "on :" + kafkaPort + " (KRaft, data in "
                + relative(state.resolve("kafka")) + ")"));
        return components;
    }

    /** Every instance of every service, started once the infrastructure is ready (in the {@link #serviceGroups()}). */
    public List<Component> services() {
        List<Component> components = new ArrayList<>();
        for (Instance instance : allInstances()) {
            Service service = instance.service();
            Map<String, String> environment = environment(instance);
            List<String> command = new ArrayList<>(jvmOptions);
            command.addAll(List.of("-jar", jar(service.id()), "--spring.profiles.active=local",
                    "--server.port=" + instance.port()));
            if (databases.containsKey(service)) {
                command.add("--spring.datasource.url=" + databaseServer.url(databases.get(service)));
            }
            command.addAll(arguments.getOrDefault(service, List.of()));
            components.add(new Component(instance.name(), java(command), environment, log(instance.name()),
                    new Component.HttpOk(instance.url().resolve("/actuator/health/readiness")),
                    "on :" + instance.port()));
        }
        return components;
    }

    /**
     * {@link #services()} in the order they start: the first instance of every service, then (with replicas) the
     * others once those are ready. Two engines starting together on an empty database would both create Camunda's
     * tables; the second instances find them there.
     */
    public List<List<Component>> serviceGroups() {
        List<Component> all = services();
        List<Instance> instances = allInstances();
        List<Component> first = new ArrayList<>();
        List<Component> more = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            (instances.get(i).ordinal() == 1 ? first : more).add(all.get(i));
        }
        return more.isEmpty() ? List.of(first) : List.of(first, more);
    }

    /** What clients of the running platform need: URLs, databases, where the pid files are. */
    public RunningPlatform running() {
        Map<String, URI> urls = new LinkedHashMap<>();
        allInstances().forEach(instance -> urls.put(instance.name(), instance.url()));
        Map<String, String> jdbc = new LinkedHashMap<>();
        databases.forEach((service, name) -> jdbc.put(service.id(), databaseServer.url(name)));
        return new RunningPlatform(runDirectory(), urls, jdbc, databaseServer.user(), databaseServer.password(),
                "localhost:" + kafkaPort);
    }

    /**
     * The environment of one instance; each service reads what it needs. The gateway gets every instance of each
     * upstream, comma-separated, and balances between them. Workers instance k talks to engine instance k (round
     * robin when there are fewer engines): with replicas, a dead engine idles only its own workers instance. A
     * read-model instance joins group {@code read-model} with its instance name as static member id, so a restarted
     * instance takes its partitions back at once.
     */
    private Map<String, String> environment(Instance instance) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + kafkaPort);
        List<Instance> engines = instances(Service.ENGINE);
        String engine = engines.get((instance.ordinal() - 1) % engines.size()).url().toString();
        environment.put("ENGINE_URL", instance.service() == Service.GATEWAY ? urls(Service.ENGINE) : engine);
        environment.put("ENGINE_REST_URL", engine + "/engine-rest");
        environment.put("READMODEL_URL", urls(Service.READ_MODEL));
        environment.put("WORKERS_URL", urls(Service.WORKERS));
        if (instance.service() == Service.GATEWAY && replicas > 1) {
            // leave out an instance whose readiness probe fails (a restarting engine) instead of trying it first
            environment.put("GATEWAY_LOADBALANCER", "health-check");
        }
        // read-models join group read-model as dynamic members (no READMODEL_GROUP_INSTANCE_ID): a static member can be
        // fenced when the broker stalls and its coordinator reloads, and Spring Kafka stops a fenced consumer for good
        return environment;
    }

    private String urls(Service service) {
        return String.join(",", instances(service).stream().map(i -> i.url().toString()).toList());
    }

    private Path log(String name) {
        return logs().resolve(name + ".log");
    }

    private static List<String> java(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return command;
    }

    /** The newest {@code <module>-*-exec.jar} of a module. */
    String jar(String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(module + "-") && name.endsWith("-exec.jar");
                    })
                    .max(Comparator.comparing(file -> file.toFile().lastModified()))
                    .map(Path::toString)
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target
                            + ": build it first (./baedal up and ./mvnw verify do)"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + target, e);
        }
    }

    private String relative(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    /** Everything that differs between {@code ./baedal up}, the end-to-end tests and other uses. */
    @RequiredArgsConstructor(access = AccessLevel.PRIVATE)
    public static final class Builder {
        private final Path root;
        private final Path state;
        private final Map<Service, Map<Integer, Integer>> ports = new EnumMap<>(Service.class);
        private int replicas = 1;
        private int kafkaPort = 9092;
        private DatabaseServer databaseServer = new DatabaseServer("127.0.0.1", 5432, "postgres", "");
        private boolean embeddedPostgres;
        private final Map<Service, String> databases = new EnumMap<>(Service.class);
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<Service, List<String>> arguments = new EnumMap<>(Service.class);

        /** The port of a service's first instance. */
        public Builder port(Service service, int port) {
            return port(service, 1, port);
        }

        /** The port of instance {@code ordinal} (1, 2, ...) of a service. */
        public Builder port(Service service, int ordinal, int port) {
            if (ordinal < 1) {
                throw new IllegalArgumentException("instances count from 1: " + ordinal);
            }
            ports.computeIfAbsent(service, s -> new HashMap<>()).put(ordinal, port);
            return this;
        }

        /** Instances of the engine, the workers and the read-model each (default 1; the gateway is always one). */
        public Builder replicas(int count) {
            if (count < 1 || count > 9) {
                throw new IllegalArgumentException("replicas must be between 1 and 9: " + count);
            }
            replicas = count;
            return this;
        }

        /** The broker's port; its KRaft controller listens on the next one. */
        public Builder kafkaPort(int port) {
            kafkaPort = port;
            return this;
        }

        public Builder databaseServer(DatabaseServer server) {
            databaseServer = server;
            return this;
        }

        /** Runs an embedded PostgreSQL on the database server's port instead of using a server that runs already. */
        public Builder embeddedPostgres(boolean embedded) {
            embeddedPostgres = embedded;
            return this;
        }

        /** The database of a service by name (default: {@link Service#database()}). */
        public Builder database(Service service, String name) {
            if (service.database() == null) {
                throw new IllegalArgumentException(service.id() + " has no database");
            }
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain database name: " + name);
            }
            databases.put(service, name);
            return this;
        }

        /** JVM options of every service instance ({@code -Xmx512m}, ...). */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** Extra Spring Boot arguments of one service ({@code --baedal.order.rider-search-timeout=PT20S}). */
        public Builder arguments(Service service, String... args) {
            arguments.computeIfAbsent(service, s -> new ArrayList<>()).addAll(List.of(args));
            return this;
        }

        public Layout build() {
            return new Layout(this);
        }
    }
}
