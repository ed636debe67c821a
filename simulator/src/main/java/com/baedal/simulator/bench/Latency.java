package com.baedal.simulator.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Summary of one latency histogram, in milliseconds. Histograms of the bench record microseconds, up to one minute
 * at three significant digits.
 */
public record Latency(long count, double p50, double p95, double p99, double max) {

    /** Highest value a bench histogram tracks: one minute in microseconds. */
    public static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    public static final Latency EMPTY = new Latency(0, 0, 0, 0, 0);

    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    public static Latency of(Histogram micros) {
        if (micros == null || micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    /** Records a duration in nanoseconds, clamped to [0, one minute]. */
    static void recordNanos(Histogram histogram, long nanos) {
        histogram.recordValue(clampMicros(nanos));
    }

    static long clampMicros(long nanos) {
        return Math.max(0, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
