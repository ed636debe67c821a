package com.baedal.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything one bench run found; written as report.json and rendered as report.md and the console table. */
public record BenchResult(String startedAt, Machine machine, Settings settings, List<PhaseResult> phases,
                          String bestClosedPhase, RawEngineBaseline.Result raw, Double ratio,
                          Map<String, Long> peakRssKb, List<Target> targets, List<String> notes,
                          List<Metrics.Sample> timeline) {

    public record Machine(int cores, long memoryMb, String os, String jvm, String loadAverageAtStart) {
        public static Machine current() {
            long memory = -1;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // not Linux
            }
            String load = "n/a";
            try {
                load = Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (IOException | RuntimeException ignored) {
                // not Linux
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), load);
        }
    }

    /** The options the run used. */
    public record Settings(String gateway, int warmupSeconds, int stepSeconds, List<Integer> concurrencySteps,
                           Double rate, String history, boolean baseline, PlatformDriver.Mix mix) {
    }

    /** One phase of the platform run. Latencies in ms; event age (Prometheus) in seconds. */
    public record PhaseResult(String name, String kind, int concurrency, double targetRate, double seconds,
                              long placed, double endedPerSecond, double deliveredPerSecond,
                              Map<String, Latency> latencies, Latency commands, Map<String, Long> outcomes,
                              Map<String, Long> errors, PrometheusText.Quantiles eventAge, Backlog backlog,
                              Map<String, Double> cpuMsPerOrder, double cpuBusyPercent, long streamRequests) {

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Trend of the engine backlog during a phase: least-squares slopes per second and peaks. */
    public record Backlog(double externalTasksPerSecond, double jobsPerSecond, double outboxPerSecond,
                          double inFlightPerSecond, long maxExternalTasks, long maxJobs, long maxOutbox,
                          long maxInFlight, boolean flat) {
    }

    /** A target of issue #8, what was measured, and whether it was met (null = not measured). */
    public record Target(String name, String goal, String measured, Boolean met) {
    }
}
