package com.baedal.engine.monitoring;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database for gauges, at most once per {@code maxAge}: a scrape reads many gauges of one
 * query, and several scrapers may ask at once. A failed read gives {@code unreadable} (e.g. NaN: no data) until the
 * next try, one {@code maxAge} later.
 */
public final class CachedReading<T> {

    private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

    private record Reading<T>(T value, long readAt) {
    }

    private final String what;
    private final long maxAgeNanos;
    private final Supplier<T> read;
    private final T unreadable;
    private volatile Reading<T> last;

    /** @param what what is read, for the log line of a failed read */
    public CachedReading(String what, Duration maxAge, Supplier<T> read, T unreadable) {
        this.what = what;
        this.maxAgeNanos = maxAge.toNanos();
        this.read = read;
        this.unreadable = unreadable;
        this.last = new Reading<>(unreadable, Long.MIN_VALUE / 2);
    }

    public T get() {
        Reading<T> current = last;
        long now = System.nanoTime();
        if (now - current.readAt() < maxAgeNanos) {
            return current.value();
        }
        synchronized (this) {
            if (now - last.readAt() < maxAgeNanos) {
                return last.value();
            }
            T value;
            try {
                value = read.get();
            } catch (RuntimeException e) {
                log.debug("Cannot read the {}", what, e);
                value = unreadable;
            }
            last = new Reading<>(value, now);
            return value;
        }
    }
}
