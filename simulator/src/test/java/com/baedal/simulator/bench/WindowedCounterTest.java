package com.baedal.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowedCounterTest {

    private static final long S = 1_000_000_000L;

    @Test
    void countsEventsPerSecondAndRatesOverWindows() {
        long start = 5 * S;
        WindowedCounter counter = new WindowedCounter(start, 10);
        // 2 events in second 0, 4 in second 1, none in 2, 6 in second 3
        for (int i = 0; i < 2; i++) {
            counter.add(start + i * S / 10);
        }
        for (int i = 0; i < 4; i++) {
            counter.add(start + S + i * S / 10);
        }
        for (int i = 0; i < 6; i++) {
            counter.add(start + 3 * S + i * S / 10);
        }
        assertThat(counter.series(0, 4)).containsExactly(2L, 4L, 0L, 6L);
        assertThat(counter.count(0, 4)).isEqualTo(12);
        assertThat(counter.rate(0, 4)).isEqualTo(3.0);
        assertThat(counter.rate(1, 2)).isEqualTo(4.0);
        assertThat(counter.rate(4, 4)).isZero();
    }

    @Test
    void eventsBeforeTheStartCountInTheFirstSecondAndLateOnesInTheLast() {
        WindowedCounter counter = new WindowedCounter(10 * S, 3);
        counter.add(9 * S);
        counter.add(100 * S);
        assertThat(counter.series(0, 3)).containsExactly(1L, 0L, 1L);
        assertThat(counter.secondAt(12 * S + 1)).isEqualTo(2);
    }

    @Test
    void slopeOfEvenlySpacedSamples() {
        assertThat(WindowedCounter.slope(List.of(0, 2, 4, 6, 8), 2)).isCloseTo(1.0, within(1e-9));
        assertThat(WindowedCounter.slope(List.of(5, 5, 5, 5), 1)).isCloseTo(0.0, within(1e-9));
        assertThat(WindowedCounter.slope(List.of(9, 6, 3), 1)).isCloseTo(-3.0, within(1e-9));
        assertThat(WindowedCounter.slope(List.of(7), 1)).isZero();
    }
}
