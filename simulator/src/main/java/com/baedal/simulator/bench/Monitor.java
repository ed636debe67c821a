package com.baedal.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the platform while the bots drive it (monitoring, never bot logic): the engine's backlog (open external
 * tasks and jobs through the engine REST API behind the gateway, as an operator), the outbox size and the
 * read-model's event-age histogram from the services' own Prometheus endpoints (the gateway does not route
 * actuator: they are read on the local service ports), and the resident memory of each service process.
 */
public final class Monitor {

    public static final String EVENT_AGE = "baedal_readmodel_event_age_seconds";
    public static final String OUTBOX_SIZE = "baedal_outbox_size";

    private final URI gateway;
    private final String operatorAuth;
    private final URI engineMetrics;
    private final URI readModelMetrics;
    private final Path pidDirectory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Long> peakRssKb = new ConcurrentHashMap<>();
    private final Map<String, Long> lastRssKb = new ConcurrentHashMap<>();

    /**
     * @param engineMetrics    the engine's Prometheus endpoint, or null
     * @param readModelMetrics the read-model's Prometheus endpoint, or null
     * @param pidDirectory     where the supervisor of {@code ./baedal up} keeps {@code <name>.pid}, or null
     */
    public Monitor(URI gateway, String operatorUser, String operatorPassword, URI engineMetrics,
                   URI readModelMetrics, Path pidDirectory) {
        this.gateway = gateway;
        this.operatorAuth = "Basic " + Base64.getEncoder().encodeToString(
                (operatorUser + ":" + operatorPassword).getBytes(StandardCharsets.UTF_8));
        this.engineMetrics = engineMetrics;
        this.readModelMetrics = readModelMetrics;
        this.pidDirectory = pidDirectory;
    }

    /** Open external tasks, jobs and outbox rows now (-1 each when not readable). */
    public Metrics.Gauges gauges(long inFlight) {
        long externalTasks = count("/engine-rest/external-task/count");
        long jobs = count("/engine-rest/job/count");
        long outbox = scrape(engineMetrics).flatMap(text -> {
            OptionalDouble value = PrometheusText.value(text, OUTBOX_SIZE);
            return value.isPresent() ? Optional.of((long) value.getAsDouble()) : Optional.empty();
        }).orElse(-1L);
        return new Metrics.Gauges(inFlight, externalTasks, jobs, outbox);
    }

    /** The read-model's event-age histogram now (empty when not readable). */
    public PrometheusText.Buckets eventAge() {
        return scrape(readModelMetrics).map(text -> PrometheusText.histogram(text, EVENT_AGE))
                .orElse(PrometheusText.Buckets.EMPTY);
    }

    /** Reads the resident memory of every process with a pid file (services, Kafka) and of this JVM; keeps the peaks. */
    public void sampleMemory() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (pidDirectory != null && Files.isDirectory(pidDirectory)) {
            try (var files = Files.list(pidDirectory)) {
                files.filter(f -> f.getFileName().toString().endsWith(".pid")).forEach(file -> {
                    try {
                        String name = file.getFileName().toString().replace(".pid", "");
                        pids.put(name, Long.parseLong(Files.readString(file).trim()));
                    } catch (IOException | NumberFormatException ignored) {
                        // a stale or half-written pid file
                    }
                });
            } catch (IOException ignored) {
                // no pid files, no memory figures
            }
        }
        pids.put("bench (this JVM)", ProcessHandle.current().pid());
        pids.forEach((name, pid) -> rssKb(pid).ifPresent(kb -> {
            lastRssKb.put(name, kb);
            peakRssKb.merge(name, kb, Math::max);
        }));
    }

    public Map<String, Long> peakRssKb() {
        return new java.util.TreeMap<>(peakRssKb);
    }

    public Map<String, Long> lastRssKb() {
        return new java.util.TreeMap<>(lastRssKb);
    }

    /**
     * CPU time used so far, in clock ticks (1/100 s on Linux), per process of interest: those with a pid file (the
     * services, Kafka), this JVM, all PostgreSQL processes together, and "machine" (busy time of every core together).
     */
    public Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        if (pidDirectory != null && Files.isDirectory(pidDirectory)) {
            try (var files = Files.list(pidDirectory)) {
                files.filter(f -> f.getFileName().toString().endsWith(".pid")).forEach(file -> {
                    try {
                        pids.put(file.getFileName().toString().replace(".pid", ""),
                                Long.parseLong(Files.readString(file).trim()));
                    } catch (IOException | NumberFormatException ignored) {
                        // stale
                    }
                });
            } catch (IOException ignored) {
                // none
            }
        }
        long postgres = 0;
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            String command = process.info().command().orElse("");
            if (command.endsWith("/postgres") || command.equals("postgres")) {
                postgres += processTicks(process.pid());
            }
        }
        pids.put("bench (this JVM)", ProcessHandle.current().pid());
        pids.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
        ticks.put("postgresql", postgres);
        ticks.put("machine", machineBusyTicks());
        return ticks;
    }

    /** utime + stime of a process, in clock ticks; 0 when unreadable. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (which may hold spaces) start after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** VmRSS of a process in kB, from /proc (Linux). */
    static OptionalLong rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(parseKb(line));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // gone, or not Linux
        }
        return OptionalLong.empty();
    }

    static long parseKb(String vmRssLine) {
        return Long.parseLong(vmRssLine.substring("VmRSS:".length()).replace("kB", "").trim());
    }

    private long count(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve(path))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", operatorAuth)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()).path("count").asLong(-1) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Optional<String> scrape(URI endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
