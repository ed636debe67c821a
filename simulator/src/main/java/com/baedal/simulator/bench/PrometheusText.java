package com.baedal.simulator.bench;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Just enough of the Prometheus text format to read a gauge and the buckets of a histogram. */
public final class PrometheusText {

    /**
     * Quantiles of a Prometheus histogram between two scrapes, in seconds. p50 and p99 are bucket upper bounds
     * ("at most"), so they are as precise as the histogram's buckets.
     */
    public record Quantiles(long count, double mean, double p50, double p99) {
    }

    /** A histogram's cumulative bucket counts by upper bound, with its sum and count. */
    public record Buckets(TreeMap<Double, Double> cumulative, double sum, double count) {
        public static final Buckets EMPTY = new Buckets(new TreeMap<>(), 0, 0);

        /** This scrape minus an earlier one. */
        public Buckets minus(Buckets earlier) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            cumulative.forEach((le, n) -> delta.put(le, n - earlier.cumulative.getOrDefault(le, 0.0)));
            return new Buckets(delta, sum - earlier.sum, count - earlier.count);
        }

        /** The smallest bucket bound holding at least {@code q} of the observations; NaN when empty. */
        public double quantile(double q) {
            double total = count > 0 ? count : cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
            if (total <= 0) {
                return Double.NaN;
            }
            for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
                if (bucket.getValue() >= q * total) {
                    return bucket.getKey();
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        public Quantiles quantiles() {
            return new Quantiles((long) count, count > 0 ? sum / count : Double.NaN, quantile(0.5), quantile(0.99));
        }
    }

    private PrometheusText() {
    }

    /** The sum of every series of a gauge or counter (all label sets); empty when the metric is absent. */
    public static OptionalDouble value(String text, String metric) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric) && isSample(line, metric)) {
                sum += number(line);
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** The buckets of histogram {@code metric} (its {@code _bucket}, {@code _sum} and {@code _count} lines). */
    public static Buckets histogram(String text, String metric) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        double sum = 0;
        double count = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "_bucket{")) {
                int le = line.indexOf("le=\"");
                if (le < 0) {
                    continue;
                }
                String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                double key = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                buckets.merge(key, number(line), Double::sum);
            } else if (isSample(line, metric + "_sum")) {
                sum += number(line);
            } else if (isSample(line, metric + "_count")) {
                count += number(line);
            }
        }
        return new Buckets(buckets, sum, count);
    }

    private static boolean isSample(String line, String metric) {
        if (!line.startsWith(metric) || line.length() == metric.length()) {
            return false;
        }
        char next = line.charAt(metric.length());
        return next == '{' || next == ' ';
    }

    private static double number(String line) {
        int labels = line.lastIndexOf('}');
        String rest = labels >= 0 ? line.substring(labels + 1) : line.substring(line.indexOf(' '));
        // "value" or "value timestamp"
        return Double.parseDouble(rest.trim().split("\\s+")[0]);
    }
}
