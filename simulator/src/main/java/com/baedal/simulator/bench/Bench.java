package com.baedal.simulator.bench;

import com.baedal.simulator.BaedalClient;
import com.baedal.simulator.Cli;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import lombok.RequiredArgsConstructor;

/**
 * {@code ./baedal bench}: drives complete orders through the gateway (closed loop to find the maximum sustained
 * complete orders/s, then open loop at 50 % and 80 % of it), runs the raw-engine baseline, prints a summary table
 * and writes {@code report.json}, {@code report.md} and {@code bench.png}.
 */
@RequiredArgsConstructor
public final class Bench {

    /** Command-line options; see {@link #USAGE}. */
    public record Options(URI gateway, Duration warmup, Duration step, List<Integer> concurrency, Double rate,
                          String history, boolean skipBaseline, Path out, URI engineMetrics, URI readModelMetrics,
                          Path pidDirectory, String dbUrl, String dbUser, String dbPassword, String rawDatabase,
                          String operatorUser, String operatorPassword, Duration baselineStep,
                          PlatformDriver.Mix mix, long seed, boolean baselineOnly) {

        public static Options defaults() {
            return new Options(URI.create("http://localhost:8080"), Duration.ofSeconds(30), Duration.ofSeconds(30),
                    List.of(), null, "audit", false, Path.of("target", "bench"),
                    URI.create("http://127.0.0.1:8081/actuator/prometheus"),
                    URI.create("http://127.0.0.1:8083/actuator/prometheus"), Path.of(".baedal", "run"),
                    "jdbc:postgresql://127.0.0.1:5432/", "postgres", "", "bench_raw", "admin", "admin", null,
                    PlatformDriver.Mix.DEFAULT, 42, false);
        }

        /** Length of one raw-engine step: a third of the platform's step, at least five seconds. */
        public Duration rawStep() {
            return baselineStep != null ? baselineStep : Duration.ofSeconds(Math.max(5, step.toSeconds() / 3));
        }
    }

    static final String USAGE = """
            usage: bench [--step 30s] [--warmup 30s] [--concurrency N[,N...]] [--rate ORDERS_PER_S]
                         [--history audit|activity|full|none] [--skip-baseline] [--gateway URL] [--out DIR]
                         [--baseline-step 10s] [--pid-dir DIR] [--engine-metrics URL|none]
                         [--read-model-metrics URL|none] [--db-url jdbc:postgresql://HOST:PORT/] [--db-user USER]
                         [--db-password PW] [--raw-database NAME] [--seed N] [--baseline-only]
              --step         length of each closed-loop step and of each open-loop phase (default 30s)
              --concurrency  closed-loop virtual customers (default: try 4, 8, 16, 32 and keep the best)
              --rate         open-loop arrival rate (default: 50 % of the measured maximum; 80 % is run too)
              --history      history level of the raw-engine baseline (the platform's engine runs audit)
            """;

    private static final List<Integer> DEFAULT_STEPS = List.of(4, 8, 16, 32);
    private static final int WARMUP_CONCURRENCY = 8;

    private final Options options;
    private final PrintStream console;

    public static void main(String[] args) throws Exception {
        Optional<Options> options = Cli.parse(args, USAGE, Bench::parse);
        if (options.isEmpty()) {
            return;
        }
        BenchResult result = new Bench(options.get(), System.out).run();
        System.exit(result.phases().stream().anyMatch(p -> p.kind().equals("closed") && p.endedPerSecond() > 0)
                ? 0 : 1);
    }

    static Options parse(String[] args) {
        Options o = Options.defaults();
        // "bench": ./baedal hands the command's own name on to the simulator's jar
        Cli.Arguments given = Cli.arguments(args, Set.of("bench", "--skip-baseline", "--baseline-only"),
                Bench::optionValue);
        Duration step = given.valueOr("--step", o.step());
        if (step.toSeconds() < 1) {
            throw new IllegalArgumentException("--step must be at least 1s");
        }
        return new Options(given.valueOr("--gateway", o.gateway()), given.valueOr("--warmup", o.warmup()), step,
                given.valueOr("--concurrency", o.concurrency()), given.valueOr("--rate", o.rate()),
                given.valueOr("--history", o.history()), o.skipBaseline() || given.has("--skip-baseline"),
                given.valueOr("--out", o.out()), given.valueOr("--engine-metrics", o.engineMetrics()),
                given.valueOr("--read-model-metrics", o.readModelMetrics()),
                given.valueOr("--pid-dir", o.pidDirectory()), given.valueOr("--db-url", o.dbUrl()),
                given.valueOr("--db-user", o.dbUser()), given.valueOr("--db-password", o.dbPassword()),
                given.valueOr("--raw-database", o.rawDatabase()), o.operatorUser(), o.operatorPassword(),
                given.valueOr("--baseline-step", o.baselineStep()), o.mix(), given.valueOr("--seed", o.seed()),
                given.has("--baseline-only"));
    }

    /** One option's value, converted for {@link Options}; a bad value is refused in a message naming the option. */
    private static Object optionValue(String option, String value) {
        return switch (option) {
            case "--gateway" -> URI.create(value);
            case "--step", "--warmup", "--baseline-step" -> duration(value);
            case "--concurrency" -> Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt)
                    .peek(n -> {
                        if (n < 1) {
                            throw new IllegalArgumentException("--concurrency must be >= 1");
                        }
                    }).toList();
            case "--rate" -> {
                double rate = Double.parseDouble(value);
                if (rate <= 0) {
                    throw new IllegalArgumentException("--rate must be > 0");
                }
                yield rate;
            }
            case "--history" -> {
                if (!List.of("none", "activity", "audit", "full").contains(value)) {
                    throw new IllegalArgumentException("--history must be none, activity, audit or full");
                }
                yield value;
            }
            case "--out", "--pid-dir" -> Path.of(value);
            case "--engine-metrics", "--read-model-metrics" -> value.equals("none") ? null : URI.create(value);
            case "--db-url" -> value.endsWith("/") ? value : value + "/";
            case "--db-user", "--db-password" -> value;
            case "--raw-database" -> {
                if (!value.matches("[a-z][a-z0-9_]{0,62}")) {
                    throw new IllegalArgumentException("--raw-database must be a plain lower-case name");
                }
                yield value;
            }
            case "--seed" -> Long.parseLong(value);
            default -> throw Cli.unknownOption(option);
        };
    }

    /** "60", "60s", "2m", "500ms". */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + text + " (e.g. 60s, 2m)");
        }
    }

    // ---- the run ------------------------------------------------------------------------------------

    public BenchResult run() throws Exception {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        long origin = System.nanoTime();
        Metrics metrics = new Metrics(origin);
        Monitor monitor = new Monitor(options.gateway(), options.operatorUser(), options.operatorPassword(),
                options.engineMetrics(), options.readModelMetrics(), options.pidDirectory());
        List<Integer> steps = options.concurrency().isEmpty() ? DEFAULT_STEPS : options.concurrency();
        Duration stepLength = options.step();
        Duration openLength = options.step();
        long plannedSeconds = options.warmup().toSeconds() + steps.size() * stepLength.toSeconds()
                + 2 * openLength.toSeconds()
                + (options.skipBaseline() ? 0 : 5 + 4 * options.rawStep().toSeconds());
        console.printf("Baedal bench through %s: warm-up %ds, closed loop %s customers (%ds each), open loop 50 %% "
                        + "and 80 %% (%ds each)%s. About %d s.%n", options.gateway(), options.warmup().toSeconds(),
                steps, stepLength.toSeconds(), openLength.toSeconds(), options.skipBaseline() ? ""
                        : ", then the raw engine with 1-4 threads (" + options.rawStep().toSeconds() + "s each)",
                plannedSeconds);

        List<BenchResult.PhaseResult> phases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        AtomicReference<String> status = new AtomicReference<>("starting");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-sampler");
            thread.setDaemon(true);
            return thread;
        });
        BaedalClient client = new BaedalClient(options.gateway());
        BenchResult.PhaseResult best = null;
        if (!options.baselineOnly()) {
        try (PlatformDriver driver = new PlatformDriver(client, metrics, options.mix(), Duration.ofSeconds(60),
                options.seed())) {
            driver.prepare();
            AtomicInteger tick = new AtomicInteger();
            AtomicReference<Metrics.Gauges> gauges = new AtomicReference<>(Metrics.Gauges.NONE);
            sampler.scheduleAtFixedRate(() -> {
                try {
                    int n = tick.incrementAndGet();
                    if (n % 2 == 1) {
                        gauges.set(monitor.gauges(driver.inFlight()));
                    }
                    Metrics.Gauges g = gauges.get();
                    Metrics.Sample sample = metrics.sample(new Metrics.Gauges(driver.inFlight(), g.externalTasks(),
                            g.jobs(), g.outbox()), System.nanoTime());
                    if (n % 5 == 0) {
                        monitor.sampleMemory();
                    }
                    progress(sample, plannedSeconds, metrics.phase(), status.get());
                } catch (RuntimeException e) {
                    // a failed sample must not stop the sampler
                }
            }, 1, 1, TimeUnit.SECONDS);
            monitor.sampleMemory();

            status.set("warm-up");
            phases.add(phase(metrics, monitor, "warm-up", "warmup", WARMUP_CONCURRENCY, 0, options.warmup(),
                    () -> driver.setConcurrency(WARMUP_CONCURRENCY)));
            for (int concurrency : steps) {
                status.set("closed loop, " + concurrency + " customers");
                BenchResult.PhaseResult step = phase(metrics, monitor, "closed " + concurrency, "closed",
                        concurrency, 0, stepLength, () -> driver.setConcurrency(concurrency));
                phases.add(step);
                if (best == null || step.endedPerSecond() > best.endedPerSecond()) {
                    best = step;
                } else if (options.concurrency().isEmpty() && step.endedPerSecond() < best.endedPerSecond() * 1.03) {
                    notes.add(String.format(Locale.ROOT, "Closed loop stopped at %d customers: no gain over %d "
                            + "(more customers only queue).", concurrency, best.concurrency()));
                    break;
                }
            }
            double max = best.endedPerSecond();
            phases.add(drain(metrics, monitor, driver, status));
            if (max > 0) {
                double rate50 = options.rate() != null ? options.rate() : 0.5 * max;
                double rate80 = 0.8 * max;
                status.set(String.format(Locale.ROOT, "open loop %.1f orders/s", rate50));
                phases.add(phase(metrics, monitor, options.rate() != null
                                ? String.format(Locale.ROOT, "open %.1f/s", rate50) : "open 50%", "open", 0, rate50,
                        openLength, () -> driver.startArrivals(rate50)));
                status.set(String.format(Locale.ROOT, "open loop %.1f orders/s", rate80));
                phases.add(phase(metrics, monitor, "open 80%", "open", 0, rate80, openLength,
                        () -> driver.startArrivals(rate80)));
                phases.add(drain(metrics, monitor, driver, status));
            } else {
                notes.add("No order completed in the closed loop: open loop skipped. See .baedal/logs/.");
            }
            monitor.sampleMemory();
        } finally {
            sampler.shutdownNow();
            console.println();
        }
        }

        RawEngineBaseline.Result raw = null;
        if (!options.skipBaseline()) {
            RawEngineBaseline baseline = new RawEngineBaseline(new RawEngineBaseline.Settings(options.dbUrl(),
                    options.dbUser(), options.dbPassword(), options.rawDatabase(), options.history(),
                    List.of(1, 2, 3, 4), Duration.ofSeconds(5), options.rawStep(), options.mix(), options.seed()),
                    monitor::cpuTicks);
            raw = baseline.run(message -> console.print("\r" + pad(message, 100)));
            console.println();
        }
        Double ratio = raw == null || raw.best().ordersPerSecond() <= 0 || best == null ? null
                : best.endedPerSecond() / raw.best().ordersPerSecond();
        List<BenchResult.PhaseResult> measured = phases.stream().filter(p -> !p.kind().equals("warmup")).toList();
        BenchResult result = new BenchResult(startedAt, BenchResult.Machine.current(), new BenchResult.Settings(
                options.gateway().toString(), (int) options.warmup().toSeconds(), (int) options.step().toSeconds(),
                steps, options.rate(), options.history(), !options.skipBaseline(), options.mix()), phases,
                best == null ? null : best.name(), raw, ratio, monitor.peakRssKb(),
                targets(measured, best, raw, ratio), notes(notes, best, raw), metrics.timeline());
        Path out = options.out().toAbsolutePath().normalize();
        Report.write(result, out);
        console.println();
        console.print(Report.table(result));
        console.println();
        result.targets().forEach(t -> console.printf("  %-4s %s: %s (goal %s)%n",
                t.met() == null ? "n/a" : t.met() ? "ok" : "MISS", t.name(), t.measured(), t.goal()));
        console.println();
        console.println("Report: " + out.resolve(Report.MARKDOWN) + ", " + out.resolve(Report.JSON) + ", "
                + out.resolve(Report.CHART));
        return result;
    }

    private BenchResult.PhaseResult phase(Metrics metrics, Monitor monitor, String name, String kind,
                                          int concurrency, double rate, Duration length, Runnable apply)
            throws InterruptedException {
        PrometheusText.Buckets ageBefore = monitor.eventAge();
        Map<String, Long> cpuBefore = monitor.cpuTicks();
        Metrics.Phase phase = metrics.startPhase(name, kind, concurrency, rate, System.nanoTime());
        apply.run();
        Thread.sleep(length.toMillis());
        metrics.endPhase(System.nanoTime());
        return result(phase, ageBefore, monitor.eventAge(), cpuBefore, monitor.cpuTicks());
    }

    private BenchResult.PhaseResult drain(Metrics metrics, Monitor monitor, PlatformDriver driver,
                                          AtomicReference<String> status) throws InterruptedException {
        status.set("draining");
        PrometheusText.Buckets ageBefore = monitor.eventAge();
        Map<String, Long> cpuBefore = monitor.cpuTicks();
        Metrics.Phase phase = metrics.startPhase("drain", "drain", 0, 0, System.nanoTime());
        driver.stopArrivals();
        driver.awaitDrained(Duration.ofSeconds(65));
        metrics.endPhase(System.nanoTime());
        return result(phase, ageBefore, monitor.eventAge(), cpuBefore, monitor.cpuTicks());
    }

    static BenchResult.PhaseResult result(Metrics.Phase phase, PrometheusText.Buckets ageBefore,
                                          PrometheusText.Buckets ageAfter, Map<String, Long> cpuBefore,
                                          Map<String, Long> cpuAfter) {
        Map<String, Latency> latencies = new LinkedHashMap<>();
        Metrics.names().forEach(name -> latencies.put(name, phase.latency(name)));
        long endedCount = phase.outcomes().values().stream().mapToLong(Long::longValue).sum();
        PrometheusText.Quantiles age = ageAfter.cumulative().isEmpty() ? null
                : ageAfter.minus(ageBefore).quantiles();
        Map<String, Double> cpu = cpuMsPerOrder(cpuBefore, cpuAfter, endedCount);
        Long busyBefore = cpuBefore.get("machine");
        Long busyAfter = cpuAfter.get("machine");
        double busy = busyBefore == null || busyAfter == null || phase.seconds() <= 0 ? -1
                : (busyAfter - busyBefore) / (phase.seconds() * 100.0 * Runtime.getRuntime().availableProcessors())
                        * 100;
        return new BenchResult.PhaseResult(phase.name, phase.kind, phase.concurrency, phase.rate, phase.seconds(),
                phase.placed(), phase.endedPerSecond(), phase.deliveredPerSecond(), latencies, phase.commands(),
                phase.outcomes(), phase.errors(), age, backlog(phase.samples(), phase.rate), cpu,
                Math.round(busy * 10) / 10.0, phase.streamRequests());
    }

    /** CPU milliseconds per order of each process between two {@link Monitor#cpuTicks} snapshots. */
    static Map<String, Double> cpuMsPerOrder(Map<String, Long> before, Map<String, Long> after, long orders) {
        Map<String, Double> perOrder = new LinkedHashMap<>();
        if (orders <= 0) {
            return perOrder;
        }
        long known = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            Long start = before.get(entry.getKey());
            if (start != null && !entry.getKey().equals("machine")) {
                long used = entry.getValue() - start;
                known += used;
                perOrder.put(entry.getKey(), Math.round(used * 10.0 / orders * 10) / 10.0);
            }
        }
        if (before.containsKey("machine") && after.containsKey("machine")) {
            // everything else on the machine (other builds, the OS): shows when the run was disturbed
            long other = Math.max(0, after.get("machine") - before.get("machine") - known);
            perOrder.put("other processes", Math.round(other * 10.0 / orders * 10) / 10.0);
        }
        return perOrder;
    }

    /**
     * The backlog's trend over a phase, leaving out its first fifth (the ramp). Flat = none of open external tasks,
     * outbox rows and orders in flight grows by more than 5 % of the arrival rate per second (+0.1/s).
     */
    static BenchResult.Backlog backlog(List<Metrics.Sample> samples, double rate) {
        List<Metrics.Sample> steady = samples.subList(samples.size() / 5, samples.size());
        if (steady.size() < 3) {
            return null;
        }
        List<Long> ext = steady.stream().map(Metrics.Sample::externalTasks).filter(v -> v >= 0).toList();
        List<Long> jobs = steady.stream().map(Metrics.Sample::jobs).filter(v -> v >= 0).toList();
        List<Long> outbox = steady.stream().map(Metrics.Sample::outbox).filter(v -> v >= 0).toList();
        List<Long> inFlight = steady.stream().map(Metrics.Sample::inFlight).filter(v -> v >= 0).toList();
        double extSlope = WindowedCounter.slope(ext, 1);
        double jobSlope = WindowedCounter.slope(jobs, 1);
        double outboxSlope = WindowedCounter.slope(outbox, 1);
        double inFlightSlope = WindowedCounter.slope(inFlight, 1);
        double limit = 0.05 * rate + 0.1;
        boolean flat = extSlope <= limit && outboxSlope <= limit && inFlightSlope <= limit;
        return new BenchResult.Backlog(round2(extSlope), round2(jobSlope), round2(outboxSlope), round2(inFlightSlope),
                max(ext), max(jobs), max(outbox), max(inFlight), flat);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static List<BenchResult.Target> targets(List<BenchResult.PhaseResult> measured, BenchResult.PhaseResult best,
                                            RawEngineBaseline.Result raw, Double ratio) {
        List<BenchResult.Target> targets = new ArrayList<>();
        targets.add(new BenchResult.Target("platform vs raw engine", ">= 0.35 x raw complete orders/s (goal 0.6 x)",
                ratio == null ? "not measured" : String.format(Locale.ROOT, "%.2f x (%.1f vs %.1f orders/s)", ratio,
                        best.endedPerSecond(), raw.best().ordersPerSecond()), ratio == null ? null : ratio >= 0.35));
        boolean cpuKnown = best != null && raw != null && !best.cpuMsPerOrder().isEmpty()
                && raw.best().cpuMsPerOrder() != null && Report.rawCpuMs(raw.best().cpuMsPerOrder()) > 0;
        double platformCpu = cpuKnown ? Report.platformCpuMs(best.cpuMsPerOrder()) : 0;
        double rawCpu = cpuKnown ? Report.rawCpuMs(raw.best().cpuMsPerOrder()) : 0;
        targets.add(new BenchResult.Target("CPU per complete order vs raw engine",
                "<= 3 x raw (platform processes, bench client excluded)", cpuKnown ? String.format(Locale.ROOT,
                "%.1f x (%.1f vs %.1f ms)", platformCpu / rawCpu, platformCpu, rawCpu) : "not measured",
                cpuKnown ? platformCpu <= 3 * rawCpu : null));
        Latency toPaid = best == null ? null : best.latencies().get(Metrics.TO_PAID);
        targets.add(new BenchResult.Target("time to PAID p99 (closed-loop best)", "< 2000 ms",
                toPaid == null || toPaid.count() == 0 ? "not measured"
                        : String.format(Locale.ROOT, "%.1f ms", toPaid.p99()),
                toPaid == null || toPaid.count() == 0 ? null : toPaid.p99() < 2000));
        BenchResult.PhaseResult open50 = measured.stream().filter(p -> p.kind().equals("open")).findFirst()
                .orElse(null);
        Latency lag = open50 == null ? null : open50.latencies().get(Metrics.LAG);
        targets.add(new BenchResult.Target("read-model lag p99 (open loop 50 %)", "<= 250 ms",
                lag == null || lag.count() == 0 ? "not measured" : String.format(Locale.ROOT,
                        "%.1f ms (command answered -> visible over SSE)%s", lag.p99(),
                        open50.eventAge() == null || open50.eventAge().count() == 0 ? ""
                                : String.format(Locale.ROOT, "; event age p99 <= %.0f ms",
                                open50.eventAge().p99() * 1000)),
                lag == null || lag.count() == 0 ? null : lag.p99() <= 250));
        Latency place = open50 == null ? null : open50.latencies().get(Metrics.PLACE);
        targets.add(new BenchResult.Target("placement p99 (open loop 50 %)", "<= 100 ms",
                place == null || place.count() == 0 ? "not measured"
                        : String.format(Locale.ROOT, "%.1f ms", place.p99()),
                place == null || place.count() == 0 ? null : place.p99() <= 100));
        long errors = measured.stream().mapToLong(BenchResult.PhaseResult::errorCount).sum();
        Map<String, Long> kinds = new java.util.TreeMap<>();
        measured.forEach(p -> p.errors().forEach((k, v) -> kinds.merge(k, v, Long::sum)));
        targets.add(new BenchResult.Target("errors", "none", errors == 0 ? "0" : errors + " (" + Report.pairs(kinds)
                + ")", errors == 0));
        BenchResult.PhaseResult open80 = measured.stream().filter(p -> p.name().equals("open 80%")).findFirst()
                .orElse(null);
        targets.add(new BenchResult.Target("backlog at 80 % load", "flat",
                open80 == null || open80.backlog() == null ? "not measured" : String.format(Locale.ROOT,
                        "%s (slopes/s: ext. tasks %+.2f, jobs %+.2f, outbox %+.2f, orders in flight %+.2f)",
                        open80.backlog().flat() ? "flat" : "growing", open80.backlog().externalTasksPerSecond(),
                        open80.backlog().jobsPerSecond(), open80.backlog().outboxPerSecond(),
                        open80.backlog().inFlightPerSecond()),
                open80 == null || open80.backlog() == null ? null : open80.backlog().flat()));
        return targets;
    }

    private static List<String> notes(List<String> notes, BenchResult.PhaseResult best,
                                      RawEngineBaseline.Result raw) {
        List<String> all = new ArrayList<>(notes);
        if (best != null && !best.cpuMsPerOrder().isEmpty()) {
            double total = best.cpuMsPerOrder().values().stream().mapToDouble(Double::doubleValue).sum();
            all.add(String.format(Locale.ROOT, "CPU per complete order at the closed-loop best (%s): %s ms, %.1f ms in "
                            + "all; the machine was %.0f %% busy. With %d cores that bounds the platform at about "
                            + "%.0f orders/s.", best.name(), Report.pairs(best.cpuMsPerOrder()), total,
                    best.cpuBusyPercent(), Runtime.getRuntime().availableProcessors(),
                    total > 0 ? Runtime.getRuntime().availableProcessors() * 1000 / total : 0));
        }
        if (raw != null && raw.best().cpuMsPerOrder() != null && !raw.best().cpuMsPerOrder().isEmpty()) {
            all.add(String.format(Locale.ROOT, "CPU per order of the raw engine (%d threads): %s ms.",
                    raw.best().threads(), Report.pairs(raw.best().cpuMsPerOrder())));
        }
        all.add("The bench's own JVM (bots, SSE streams, HTTP client) shares the same cores as the platform, as does "
                + "PostgreSQL; the raw engine runs inside the bench JVM with no HTTP, Kafka or authorization checks.");
        return all;
    }

    private static void progress(Metrics.Sample sample, long plannedSeconds, Metrics.Phase phase, String status) {
        int width = 30;
        int done = (int) Math.min(width, sample.second() * width / Math.max(1, plannedSeconds));
        System.out.print("\r" + pad(String.format(Locale.ROOT, "[%s%s] %3.0fs %-28s %5.1f orders/s  in flight %3d  "
                        + "p99 place %5.0f ms  cmd %5.0f ms  lag %5.0f ms  ext.tasks %s  outbox %s  errors %d",
                "#".repeat(done), ".".repeat(width - done), sample.second(), status, sample.endedPerSecond(),
                sample.inFlight(), sample.placeP99(), sample.commandP99(), sample.lagP99(),
                sample.externalTasks() < 0 ? "n/a" : Long.toString(sample.externalTasks()),
                sample.outbox() < 0 ? "n/a" : Long.toString(sample.outbox()),
                phase.errors().values().stream().mapToLong(Long::longValue).sum()), 190));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    // ---- smoke run (used by e2e's BenchSmokeIT) -----------------------------------------------------

    /** What a smoke run saw: every order's end, and the errors by kind. */
    public record SmokeResult(List<PlatformDriver.Ended> ended, long placed, Map<String, Long> errors,
                              Latency placement) {
    }

    /**
     * Plays {@code orders} orders in a closed loop of {@code concurrency} customers through the gateway and waits
     * until each ended (or the timeout passed).
     */
    public static SmokeResult smoke(URI gateway, int orders, int concurrency, PlatformDriver.Mix mix,
                                    Duration timeout) throws InterruptedException {
        Metrics metrics = new Metrics(System.nanoTime());
        try (PlatformDriver driver = new PlatformDriver(new BaedalClient(gateway), metrics, mix, timeout, 7)) {
            driver.prepare();
            driver.limitOrders(orders);
            Metrics.Phase phase = metrics.startPhase("smoke", "closed", concurrency, 0, System.nanoTime());
            driver.setConcurrency(concurrency);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (driver.ended().size() < orders && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            driver.stopArrivals();
            metrics.endPhase(System.nanoTime());
            return new SmokeResult(driver.ended(), driver.placedTotal(), phase.errors(),
                    phase.latency(Metrics.PLACE));
        }
    }
}
