package com.baedal.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void phaseAggregatesTheIntervalHistogramsOfEverySample() {
        long t0 = 1_000 * SECOND;
        Metrics metrics = new Metrics(t0);
        Metrics.Phase phase = metrics.startPhase("closed 4", "closed", 4, 0, t0);
        for (int i = 1; i <= 100; i++) {
            metrics.record(Metrics.PLACE, i * MS);
        }
        metrics.sample(Metrics.Gauges.NONE, t0 + SECOND);
        for (int i = 101; i <= 200; i++) {
            metrics.record(Metrics.PLACE, i * MS);
        }
        metrics.record("accept", 10 * MS);
        metrics.record("pick", 30 * MS);
        metrics.endPhase(t0 + 2 * SECOND);

        Latency place = phase.latency(Metrics.PLACE);
        assertThat(place.count()).isEqualTo(200);
        assertThat(place.p50()).isCloseTo(100, within(0.5));
        assertThat(place.p99()).isCloseTo(198, within(0.5));
        assertThat(place.max()).isCloseTo(200, within(0.5));
        // commands = every command but placement
        assertThat(phase.commands().count()).isEqualTo(2);
        assertThat(phase.commands().max()).isCloseTo(30, within(0.1));
        assertThat(phase.latency("cancel")).isEqualTo(Latency.EMPTY);
    }

    @Test
    void valuesRecordedAfterAPhaseEndedGoToTheNextPhase() {
        long t0 = 0;
        Metrics metrics = new Metrics(t0);
        Metrics.Phase first = metrics.startPhase("a", "closed", 1, 0, t0);
        metrics.record("accept", 5 * MS);
        Metrics.Phase second = metrics.startPhase("b", "closed", 2, 0, t0 + SECOND);
        metrics.record("accept", 7 * MS);
        metrics.record("accept", 9 * MS);
        metrics.endPhase(t0 + 2 * SECOND);
        assertThat(first.latency("accept").count()).isEqualTo(1);
        assertThat(second.latency("accept").count()).isEqualTo(2);
        assertThat(metrics.phases()).extracting(p -> p.name).containsExactly("a", "b");
    }

    @Test
    void endedOrdersErrorsAndRatesArePerPhase() {
        long t0 = 0;
        Metrics metrics = new Metrics(t0);
        Metrics.Phase phase = metrics.startPhase("open 50%", "open", 0, 5, t0);
        for (int i = 0; i < 20; i++) {
            metrics.ended(i % 10 == 0 ? "REJECTED" : "DELIVERED", t0 + i * SECOND / 5);
        }
        metrics.error("pick: HTTP 409");
        metrics.error("pick: HTTP 409");
        metrics.error("place: HTTP 500");
        metrics.endPhase(t0 + 4 * SECOND);
        assertThat(phase.endedPerSecond()).isEqualTo(5.0);
        assertThat(phase.deliveredPerSecond()).isEqualTo(4.5);
        assertThat(phase.outcomes()).containsEntry("DELIVERED", 18L).containsEntry("REJECTED", 2L);
        assertThat(phase.errors()).containsEntry("pick: HTTP 409", 2L).containsEntry("place: HTTP 500", 1L);
    }

    @Test
    void timelineHasOnePointPerSampleWithTheIntervalP99AndGauges() {
        long t0 = 0;
        Metrics metrics = new Metrics(t0);
        metrics.startPhase("closed 8", "closed", 8, 0, t0);
        metrics.record(Metrics.PLACE, 40 * MS);
        metrics.record(Metrics.LAG, 80 * MS);
        metrics.ended("DELIVERED", t0 + SECOND / 2);
        metrics.ended("DELIVERED", t0 + SECOND / 3);
        Metrics.Sample first = metrics.sample(new Metrics.Gauges(8, 3, 2, 1), t0 + SECOND);
        Metrics.Sample second = metrics.sample(new Metrics.Gauges(8, 4, 2, 0), t0 + 2 * SECOND);
        assertThat(first.phase()).isEqualTo("closed 8");
        assertThat(first.endedPerSecond()).isEqualTo(2.0);
        assertThat(first.placeP99()).isCloseTo(40, within(0.1));
        assertThat(first.lagP99()).isCloseTo(80, within(0.1));
        assertThat(first.externalTasks()).isEqualTo(3);
        // the second interval recorded nothing
        assertThat(second.placeP99()).isZero();
        assertThat(second.endedPerSecond()).isZero();
        assertThat(metrics.timeline()).hasSize(2);
    }

    @Test
    void unknownHistogramIsRefusedAndHugeValuesAreClamped() {
        Metrics metrics = new Metrics(0);
        Metrics.Phase phase = metrics.startPhase("x", "closed", 1, 0, 0);
        assertThatThrownBy(() -> metrics.record("teleport", 1)).isInstanceOf(IllegalArgumentException.class);
        metrics.record("accept", TimeUnit.HOURS.toNanos(2));
        metrics.record("accept", -5);
        metrics.endPhase(SECOND);
        assertThat(phase.latency("accept").count()).isEqualTo(2);
        assertThat(phase.latency("accept").max()).isCloseTo(60_000, within(60.0));
    }
}
