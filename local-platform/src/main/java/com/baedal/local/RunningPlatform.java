package com.baedal.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * A running platform as its clients see it (the bench, {@code ./baedal chaos}, the end-to-end tests): the URL of
 * every service instance, the JDBC URL of every service's database, Kafka's address, and the pid files the {@link
 * Supervisor} keeps current in {@code runDirectory} ({@code <name>.pid}, one line, the pid). {@code ./baedal up}
 * writes it to {@code .baedal/run/platform.properties} once everything is ready and removes it when it stops.
 *
 * @param urls      base URL by instance name ({@code gateway}, {@code engine}, {@code workers}, {@code read-model})
 * @param databases JDBC URL by the id of the service that owns the database ({@code engine}, {@code workers},
 *                  {@code read-model})
 */
public record RunningPlatform(Path runDirectory, Map<String, URI> urls, Map<String, String> databases,
                              String databaseUser, String databasePassword, String kafkaBootstrap) {

    public static final String FILE = "platform.properties";

    public RunningPlatform {
        urls = Map.copyOf(urls);
        databases = Map.copyOf(databases);
    }

    public URI gateway() {
        return url(Service.GATEWAY.id());
    }

    public URI url(String instance) {
        URI url = urls.get(instance);
        if (url == null) {
            throw new IllegalArgumentException("no instance " + instance + " (known: " + urls.keySet() + ")");
        }
        return url;
    }

    /** The readiness probe of an instance. */
    public URI readiness(String instance) {
        return url(instance).resolve("/actuator/health/readiness");
    }

    /** The JDBC URL of the database a service owns. */
    public String database(Service owner) {
        String url = databases.get(owner.id());
        if (url == null) {
            throw new IllegalArgumentException(owner.id() + " owns no database");
        }
        return url;
    }

    /** The pid of a running process ({@code engine}, {@code kafka}, ...), from its pid file. */
    public OptionalLong pid(String name) {
        Path file = runDirectory.resolve(name + ".pid");
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException missing) {
            return OptionalLong.empty();
        }
    }

    /** Writes {@link #FILE} atomically (readers never see half a file). */
    public void write() throws IOException {
        Properties properties = new Properties();
        urls.forEach((name, url) -> properties.setProperty("url." + name, url.toString()));
        databases.forEach((owner, url) -> properties.setProperty("database." + owner, url));
        properties.setProperty("database-user", databaseUser);
        properties.setProperty("database-password", databasePassword);
        properties.setProperty("kafka", kafkaBootstrap);
        Files.createDirectories(runDirectory);
        Path temporary = runDirectory.resolve(FILE + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            properties.store(writer, "the running platform (written by the launcher of ./baedal up)");
        }
        Files.move(temporary, runDirectory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The platform whose launcher uses this run directory, if one runs (its file exists). */
    public static Optional<RunningPlatform> read(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, URI> urls = new LinkedHashMap<>();
        Map<String, String> databases = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("url.")) {
                urls.put(key.substring(4), URI.create(properties.getProperty(key)));
            } else if (key.startsWith("database.")) {
                databases.put(key.substring(9), properties.getProperty(key));
            }
        }
        return Optional.of(new RunningPlatform(runDirectory, urls, databases,
                properties.getProperty("database-user", "postgres"), properties.getProperty("database-password", ""),
                properties.getProperty("kafka", "localhost:9092")));
    }
}
