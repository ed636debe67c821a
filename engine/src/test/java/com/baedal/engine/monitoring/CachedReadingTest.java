package com.baedal.engine.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A scrape's many gauges cost one read; a failed read shows "no data" rather than failing the scrape. */
class CachedReadingTest {

    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void readsOnceWithinItsMaxAge() {
        CachedReading<Integer> reading = new CachedReading<>("test", Duration.ofHours(1), reads::incrementAndGet, -1);

        assertThat(reading.get()).isEqualTo(1);
        assertThat(reading.get()).isEqualTo(1);
        assertThat(reads).hasValue(1);
    }

    @Test
    void readsAgainOnceTheValueIsOlderThanItsMaxAge() {
        CachedReading<Integer> reading = new CachedReading<>("test", Duration.ZERO, reads::incrementAndGet, -1);

        assertThat(reading.get()).isEqualTo(1);
        assertThat(reading.get()).isEqualTo(2);
    }

    @Test
    void aFailedReadGivesTheUnreadableValue() {
        CachedReading<Double> reading = new CachedReading<>("test", Duration.ofHours(1), () -> {
            reads.incrementAndGet();
            throw new IllegalStateException("database down");
        }, Double.NaN);

        assertThat(reading.get()).isNaN();
        assertThat(reading.get()).isNaN();
        assertThat(reads).hasValue(1);
    }
}
