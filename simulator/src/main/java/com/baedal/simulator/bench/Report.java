package com.baedal.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link BenchResult}: report.json, report.md, the PNG chart and the console summary table. */
public final class Report {

    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String CHART = "bench.png";

    private Report() {
    }

    /** Writes the three files into {@code directory} (created if missing). */
    public static void write(BenchResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(directory.resolve(JSON).toFile(), result);
        Files.writeString(directory.resolve(MARKDOWN), markdown(result));
        Chart.write(result.timeline(), result.raw() == null ? null : result.raw().best().ordersPerSecond(),
                "Baedal bench " + result.startedAt(), directory.resolve(CHART));
    }

    /** The summary: one row per measure, one column per side (closed loop best, open loop phases, raw). */
    public static String table(BenchResult result) {
        List<BenchResult.PhaseResult> columns = shown(result);
        List<String> header = new ArrayList<>(List.of("measure"));
        columns.forEach(p -> header.add(label(p)));
        if (result.raw() != null) {
            header.add("raw engine");
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("complete orders/s", columns, p -> f1(p.endedPerSecond()),
                result.raw() == null ? null : f1(result.raw().best().ordersPerSecond())));
        rows.add(row("delivered orders/s", columns, p -> f1(p.deliveredPerSecond()), null));
        rows.add(row("orders placed", columns, p -> Long.toString(p.placed()),
                result.raw() == null ? null : Long.toString(result.raw().best().orders())));
        for (String command : Metrics.COMMANDS) {
            rows.add(row(command + " p50/p95/p99/max ms", columns, p -> latency(p.latencies().get(command)), null));
        }
        rows.add(row("read-model lag p50/p99 ms (SSE)", columns, p -> lag(p.latencies().get(Metrics.LAG)), null));
        rows.add(row("event age p50/p99 ms (Prometheus)", columns, p -> eventAge(p.eventAge()), null));
        rows.add(row("time to PAID p50/p99 ms", columns, p -> lag(p.latencies().get(Metrics.TO_PAID)), null));
        rows.add(row("order duration p50/p99 ms", columns, p -> lag(p.latencies().get(Metrics.ORDER)),
                result.raw() == null ? null : lag(result.raw().best().order())));
        rows.add(row("max ext. tasks / jobs / outbox", columns, p -> p.backlog() == null ? "n/a"
                : p.backlog().maxExternalTasks() + " / " + p.backlog().maxJobs() + " / " + p.backlog().maxOutbox(),
                null));
        rows.add(row("backlog trend /s (tasks, outbox, in flight)", columns, p -> p.backlog() == null ? "n/a"
                : String.format(Locale.ROOT, "%s %+.1f %+.1f %+.1f", p.backlog().flat() ? "flat" : "GROWING",
                p.backlog().externalTasksPerSecond(), p.backlog().outboxPerSecond(),
                p.backlog().inFlightPerSecond()), null));
        rows.add(row("CPU ms per order, platform", columns, p -> p.cpuMsPerOrder().isEmpty() ? "n/a"
                : f1(platformCpuMs(p.cpuMsPerOrder())), result.raw() == null ? null
                : f1(rawCpuMs(result.raw().best().cpuMsPerOrder()))));
        rows.add(row("CPU ms per order, bench client", columns, p -> p.cpuMsPerOrder().isEmpty() ? "n/a"
                : f1(p.cpuMsPerOrder().getOrDefault(BENCH_JVM, 0.0)), null));
        rows.add(row("SSE stream requests per order", columns, p -> p.placed() == 0 ? "-"
                : f1((double) p.streamRequests() / p.placed()), null));
        rows.add(row("errors", columns, p -> Long.toString(p.errorCount()),
                result.raw() == null ? null : Long.toString(result.raw().best().errors())));
        StringBuilder out = new StringBuilder();
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        for (List<String> r : rows) {
            while (r.size() < header.size()) {
                r.add("-");
            }
            all.add(r);
        }
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        for (int n = 0; n < all.size(); n++) {
            List<String> r = all.get(n);
            for (int i = 0; i < r.size(); i++) {
                out.append(i == 0 ? String.format("%-" + widths[i] + "s", r.get(i))
                        : "  " + String.format("%" + widths[i] + "s", r.get(i)));
            }
            out.append('\n');
            if (n == 0) {
                out.append("-".repeat(java.util.Arrays.stream(widths).sum() + 2 * (widths.length - 1))).append('\n');
            }
        }
        if (result.ratio() != null) {
            out.append(String.format(Locale.ROOT, "platform / raw engine = %.2f (closed loop best %.1f vs raw %.1f"
                            + " complete orders/s, history %s, raw best at %d thread(s))%n", result.ratio(),
                    best(result).endedPerSecond(), result.raw().best().ordersPerSecond(), result.raw().history(),
                    result.raw().best().threads()));
        }
        Double cpuRatio = cpuRatio(result);
        if (cpuRatio != null) {
            out.append(String.format(Locale.ROOT, "CPU per complete order, platform / raw engine = %.1f (%.1f vs %.1f"
                    + " ms; the bench client's own CPU excluded, the raw engine with its PostgreSQL)%n", cpuRatio,
                    platformCpuMs(best(result).cpuMsPerOrder()), rawCpuMs(result.raw().best().cpuMsPerOrder())));
        }
        return out.toString();
    }

    public static String markdown(BenchResult result) {
        StringBuilder md = new StringBuilder();
        md.append("# Baedal bench ").append(result.startedAt()).append("\n\n");
        BenchResult.Machine m = result.machine();
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %d MB RAM, %s, %s; load average at start %s. "
                + "Everything (platform, Kafka, PostgreSQL, the bench itself) ran on this one machine.%n%n", m.cores(),
                m.memoryMb(), m.os(), m.jvm(), m.loadAverageAtStart()));
        BenchResult.Settings s = result.settings();
        md.append(String.format(Locale.ROOT, "Settings: warm-up %d s, steps of %d s, closed-loop concurrency steps "
                        + "%s, open-loop rate %s, baseline history %s, order mix: %.0f %% rejected, %.0f %% "
                        + "cancelled, %.0f %% declined.%n%n", s.warmupSeconds(), s.stepSeconds(),
                s.concurrencySteps(), s.rate() == null ? "50 % / 80 % of the measured maximum"
                        : String.format(Locale.ROOT, "%.1f/s", s.rate()), s.history(),
                s.mix().rejectShare() * 100, s.mix().cancelShare() * 100, s.mix().declinedShare() * 100));
        md.append("## Targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
        for (BenchResult.Target t : result.targets()) {
            md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured())
                    .append(" | ").append(t.met() == null ? "n/a" : t.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n## Summary\n\n```\n").append(table(result)).append("```\n\n");
        md.append("![throughput and p99 latency over time](").append(CHART).append(")\n\n");
        md.append("## Phases\n\n| phase | load | seconds | placed | complete/s | delivered/s | outcomes | errors |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (BenchResult.PhaseResult p : result.phases()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %d | %.1f | %.1f | %s | %s |%n", p.name(),
                    p.kind().equals("open") ? String.format(Locale.ROOT, "%.1f orders/s", p.targetRate())
                            : p.concurrency() + " customers", p.seconds(), p.placed(), p.endedPerSecond(),
                    p.deliveredPerSecond(), p.outcomes(), p.errors().isEmpty() ? "0" : p.errors()));
        }
        if (result.raw() != null) {
            md.append("\n## Raw engine (in-process, database `").append(result.raw().database())
                    .append("`, history ").append(result.raw().history()).append(")\n\n")
                    .append("| driver threads | orders | seconds | complete orders/s | order p50/p99 ms | errors |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (RawEngineBaseline.Step step : result.raw().steps()) {
                md.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.1f | %s | %d |%n", step.threads(),
                        step.orders(), step.seconds(), step.ordersPerSecond(), lag(step.order()), step.errors()));
            }
            md.append("\nProcess instances left unfinished by the raw run: ").append(result.raw().unfinished())
                    .append(".\n");
        }
        if (!result.peakRssKb().isEmpty()) {
            md.append("\n## Resident memory (peak RSS)\n\n| process | MB |\n|---|---|\n");
            result.peakRssKb().forEach((name, kb) -> md.append("| ").append(name).append(" | ")
                    .append(kb / 1024).append(" |\n"));
        }
        if (!result.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            result.notes().forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    static BenchResult.PhaseResult best(BenchResult result) {
        return result.phases().stream().filter(p -> p.name().equals(result.bestClosedPhase())).findFirst()
                .orElse(null);
    }

    private static List<BenchResult.PhaseResult> shown(BenchResult result) {
        List<BenchResult.PhaseResult> shown = new ArrayList<>();
        BenchResult.PhaseResult best = best(result);
        if (best != null) {
            shown.add(best);
        }
        result.phases().stream().filter(p -> p.kind().equals("open")).forEach(shown::add);
        return shown;
    }

    private static String label(BenchResult.PhaseResult p) {
        return p.kind().equals("open") ? String.format(Locale.ROOT, "open %.1f/s", p.targetRate())
                : "closed best (" + p.concurrency() + ")";
    }

    private static List<String> row(String name, List<BenchResult.PhaseResult> columns,
                                    java.util.function.Function<BenchResult.PhaseResult, String> cell, String raw) {
        List<String> row = new ArrayList<>(List.of(name));
        columns.forEach(p -> row.add(cell.apply(p)));
        if (raw != null) {
            row.add(raw);
        }
        return row;
    }

    static String latency(Latency l) {
        return l == null || l.count() == 0 ? "-" : String.format(Locale.ROOT, "%s/%s/%s/%s", n(l.p50()), n(l.p95()),
                n(l.p99()), n(l.max()));
    }

    static String lag(Latency l) {
        return l == null || l.count() == 0 ? "-" : n(l.p50()) + "/" + n(l.p99());
    }

    static String eventAge(PrometheusText.Quantiles q) {
        return q == null || q.count() == 0 ? "n/a" : "<=" + n(q.p50() * 1000) + "/<=" + n(q.p99() * 1000);
    }

    private static String n(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Renders a map as "k=v, k=v" (for notes). */
    static String pairs(Map<String, ?> map) {
        StringBuilder out = new StringBuilder();
        map.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return out.toString();
    }

    /** The bench's own JVM in the CPU figures: the bots on the platform's side, the raw engine on the other. */
    static final String BENCH_JVM = "bench (this JVM)";

    /** CPU per order of the platform's processes (services, Kafka, PostgreSQL), the bench client left out. */
    static double platformCpuMs(Map<String, Double> cpu) {
        return cpu.entrySet().stream().filter(e -> !e.getKey().equals(BENCH_JVM)
                && !e.getKey().equals("other processes")).mapToDouble(Map.Entry::getValue).sum();
    }

    /** CPU per order of the raw engine: the engine inside the bench JVM and PostgreSQL (the idle platform left out). */
    static double rawCpuMs(Map<String, Double> cpu) {
        return cpu.getOrDefault(BENCH_JVM, 0.0) + cpu.getOrDefault("postgresql", 0.0);
    }

    /** Platform CPU per complete order at the closed-loop best over the raw engine's; null when either is unknown. */
    static Double cpuRatio(BenchResult result) {
        BenchResult.PhaseResult best = best(result);
        if (best == null || result.raw() == null || best.cpuMsPerOrder().isEmpty()
                || result.raw().best().cpuMsPerOrder() == null) {
            return null;
        }
        double raw = rawCpuMs(result.raw().best().cpuMsPerOrder());
        return raw <= 0 ? null : platformCpuMs(best.cpuMsPerOrder()) / raw;
    }
}
