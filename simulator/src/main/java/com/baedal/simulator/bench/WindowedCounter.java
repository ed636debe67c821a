package com.baedal.simulator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts events into one-second buckets from a start time, for rates over windows: "complete orders per second"
 * during a phase, the per-second series of the chart, the best sustained rate over a sliding window.
 */
public final class WindowedCounter {

    private final long startNanos;
    private final AtomicLongArray buckets;

    /** @param maxSeconds how many seconds after the start are counted (later events land in the last bucket) */
    public WindowedCounter(long startNanos, int maxSeconds) {
        this.startNanos = startNanos;
        this.buckets = new AtomicLongArray(Math.max(1, maxSeconds));
    }

    public void add(long atNanos) {
        long second = Math.max(0, (atNanos - startNanos) / 1_000_000_000L);
        buckets.incrementAndGet((int) Math.min(second, buckets.length() - 1));
    }

    /** Events in the seconds [fromSecond, toSecond). */
    public long count(int fromSecond, int toSecond) {
        long sum = 0;
        for (int s = Math.max(0, fromSecond); s < Math.min(toSecond, buckets.length()); s++) {
            sum += buckets.get(s);
        }
        return sum;
    }

    /** Events per second over the seconds [fromSecond, toSecond); 0 for an empty window. */
    public double rate(int fromSecond, int toSecond) {
        int seconds = Math.min(toSecond, buckets.length()) - Math.max(0, fromSecond);
        return seconds <= 0 ? 0 : (double) count(fromSecond, toSecond) / seconds;
    }

    /** Per-second counts of [fromSecond, toSecond). */
    public List<Long> series(int fromSecond, int toSecond) {
        List<Long> series = new ArrayList<>();
        for (int s = Math.max(0, fromSecond); s < Math.min(toSecond, buckets.length()); s++) {
            series.add(buckets.get(s));
        }
        return series;
    }

    /** Whole seconds since the start, at {@code nanos}. */
    public int secondAt(long nanos) {
        return (int) Math.max(0, (nanos - startNanos) / 1_000_000_000L);
    }

    /** Least-squares slope (units per second) of evenly spaced samples taken every {@code periodSeconds}. */
    public static double slope(List<? extends Number> samples, double periodSeconds) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = (n - 1) / 2.0;
        double meanY = samples.stream().mapToDouble(Number::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (samples.get(i).doubleValue() - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den / periodSeconds;
    }
}
