package com.baedal.simulator.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the platform run measures. Bots record latencies into HdrHistogram {@link Recorder}s (lock-free, from any
 * thread); once a second {@link #sample} moves the interval histograms into the current {@link Phase} and appends
 * a point to the timeline (throughput and p99 over time). Errors and ended orders are counted per phase.
 */
public final class Metrics {

    /** Placement and the commands of the REST API, as histogram names. */
    public static final String PLACE = "place";
    public static final List<String> COMMANDS = List.of(PLACE, "accept", "reject", "cooking-started",
            "cooking-finished", "pick", "complete", "cancel");
    /** Command answered -> its status visible in the read-model (SSE). */
    public static final String LAG = "read-model lag";
    /** Placement answered -> final status seen, for delivered orders. */
    public static final String ORDER = "order duration";
    /** Placement answered -> PAID seen on the order's stream: how long a customer waits for the charge. */
    public static final String TO_PAID = "time to PAID";

    private static final int MAX_SECONDS = 3600;

    private final long startNanos;
    private final Map<String, Recorder> recorders = new LinkedHashMap<>();
    private final WindowedCounter ended;
    private final WindowedCounter delivered;
    private final List<Phase> phases = new ArrayList<>();
    private final List<Sample> timeline = new ArrayList<>();
    private volatile Phase phase;
    private long lastSampleNanos;

    /** One point of the timeline. Gauges not available are -1. */
    public record Sample(double second, String phase, double endedPerSecond, double placeP99, double commandP99,
                         double lagP99, long inFlight, long externalTasks, long jobs, long outbox) {
    }

    /** Engine backlog and client state at one moment; -1 where unknown. */
    public record Gauges(long inFlight, long externalTasks, long jobs, long outbox) {
        public static final Gauges NONE = new Gauges(-1, -1, -1, -1);
    }

    public Metrics(long startNanos) {
        this.startNanos = startNanos;
        this.lastSampleNanos = startNanos;
        this.ended = new WindowedCounter(startNanos, MAX_SECONDS);
        this.delivered = new WindowedCounter(startNanos, MAX_SECONDS);
        for (String name : names()) {
            recorders.put(name, new Recorder(Latency.HIGHEST_MICROS, 3));
        }
        this.phase = new Phase("idle", "idle", 0, 0, startNanos, 0);
    }

    static List<String> names() {
        List<String> names = new ArrayList<>(COMMANDS);
        names.add(LAG);
        names.add(ORDER);
        names.add(TO_PAID);
        return names;
    }

    public void record(String name, long nanos) {
        Recorder recorder = recorders.get(name);
        if (recorder == null) {
            throw new IllegalArgumentException("unknown histogram " + name);
        }
        recorder.recordValue(Latency.clampMicros(nanos));
    }

    public void placed() {
        phase.placed.increment();
    }

    /** An order reached a final status. */
    public void ended(String status, long atNanos) {
        ended.add(atNanos);
        if ("DELIVERED".equals(status)) {
            delivered.add(atNanos);
        }
        phase.outcomes.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** The bench asked for an order's stream (404s while the read-model has not seen the order count too). */
    public void streamRequest() {
        phase.streamRequests.increment();
    }

    public void error(String kind) {
        phase.errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public Phase phase() {
        return phase;
    }

    /** Closes the current phase (after a last sample) and starts the next one. */
    public synchronized Phase startPhase(String name, String kind, int concurrency, double rate, long nowNanos) {
        sample(Gauges.NONE, nowNanos, false);
        Phase previous = phase;
        previous.endNanos = nowNanos;
        if (!"idle".equals(previous.kind)) {
            finish(previous);
        }
        // between two phases the timeline keeps the name of the one that just ended
        Phase next = new Phase("idle".equals(kind) ? previous.name : name, kind, concurrency, rate, nowNanos,
                ended.secondAt(nowNanos));
        phase = next;
        return next;
    }

    /** Ends the current phase without starting another. */
    public synchronized void endPhase(long nowNanos) {
        startPhase("idle", "idle", 0, 0, nowNanos);
    }

    private void finish(Phase done) {
        done.endSecond = ended.secondAt(done.endNanos);
        double seconds = (done.endNanos - done.startNanos) / 1e9;
        long count = done.outcomes.values().stream().mapToLong(LongAdder::sum).sum();
        done.endedPerSecond = seconds <= 0 ? 0 : count / seconds;
        long deliveredCount = done.outcomes.getOrDefault("DELIVERED", new LongAdder()).sum();
        done.deliveredPerSecond = seconds <= 0 ? 0 : deliveredCount / seconds;
        phases.add(done);
    }

    /** Moves the interval histograms into the current phase and appends a timeline point. */
    public synchronized Sample sample(Gauges gauges, long nowNanos) {
        return sample(gauges, nowNanos, true);
    }

    private Sample sample(Gauges gauges, long nowNanos, boolean timelinePoint) {
        Phase current = phase;
        Histogram commands = Latency.newHistogram();
        Map<String, Histogram> interval = new LinkedHashMap<>();
        for (Map.Entry<String, Recorder> entry : recorders.entrySet()) {
            Histogram histogram = entry.getValue().getIntervalHistogram();
            interval.put(entry.getKey(), histogram);
            current.histogram(entry.getKey()).add(histogram);
            if (COMMANDS.contains(entry.getKey()) && !PLACE.equals(entry.getKey())) {
                commands.add(histogram);
            }
        }
        int from = ended.secondAt(lastSampleNanos);
        int to = Math.max(from + 1, ended.secondAt(nowNanos));
        lastSampleNanos = nowNanos;
        if (!timelinePoint) {
            return null;
        }
        double elapsed = (nowNanos - startNanos) / 1e9;
        Sample sample = new Sample(Math.round(elapsed * 10) / 10.0, current.name, ended.rate(from, to),
                Latency.of(interval.get(PLACE)).p99(), Latency.of(commands).p99(), Latency.of(interval.get(LAG)).p99(),
                gauges.inFlight(), gauges.externalTasks(), gauges.jobs(), gauges.outbox());
        timeline.add(sample);
        current.samples.add(sample);
        return sample;
    }

    public synchronized List<Phase> phases() {
        return List.copyOf(phases);
    }

    public synchronized List<Sample> timeline() {
        return List.copyOf(timeline);
    }

    public WindowedCounter endedCounter() {
        return ended;
    }

    /** One stretch of the run with one load setting (a closed-loop concurrency step, an open-loop rate). */
    @RequiredArgsConstructor(access = AccessLevel.PACKAGE)
    public static final class Phase {
        public final String name;
        public final String kind;
        public final int concurrency;
        public final double rate;
        public final long startNanos;
        public final int startSecond;
        volatile long endNanos;
        int endSecond;
        double endedPerSecond;
        double deliveredPerSecond;
        final LongAdder placed = new LongAdder();
        final LongAdder streamRequests = new LongAdder();
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final Map<String, Histogram> histograms = new LinkedHashMap<>();
        final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        /** Prometheus event-age quantiles of the read-model for this phase (seconds), when scraped. */
        volatile PrometheusText.Quantiles eventAge;

        synchronized Histogram histogram(String name) {
            return histograms.computeIfAbsent(name, n -> Latency.newHistogram());
        }

        public synchronized Latency latency(String name) {
            return Latency.of(histograms.get(name));
        }

        /** Every command except placement, merged. */
        public synchronized Latency commands() {
            Histogram all = Latency.newHistogram();
            histograms.forEach((name, histogram) -> {
                if (COMMANDS.contains(name) && !PLACE.equals(name)) {
                    all.add(histogram);
                }
            });
            return Latency.of(all);
        }

        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        public double endedPerSecond() {
            return endedPerSecond;
        }

        public double deliveredPerSecond() {
            return deliveredPerSecond;
        }

        public long placed() {
            return placed.sum();
        }

        public long streamRequests() {
            return streamRequests.sum();
        }

        public Map<String, Long> outcomes() {
            Map<String, Long> copy = new java.util.TreeMap<>();
            outcomes.forEach((k, v) -> copy.put(k, v.sum()));
            return copy;
        }

        public Map<String, Long> errors() {
            Map<String, Long> copy = new java.util.TreeMap<>();
            errors.forEach((k, v) -> copy.put(k, v.sum()));
            return copy;
        }

        public List<Sample> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        public PrometheusText.Quantiles eventAge() {
            return eventAge;
        }
    }
}
