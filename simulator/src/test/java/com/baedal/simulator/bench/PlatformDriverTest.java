package com.baedal.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.baedal.contract.OrderStatus;
import org.junit.jupiter.api.Test;

class PlatformDriverTest {

    private static final long MS = 1_000_000L;

    @Test
    void mixPlansTheSharesInOrder() {
        PlatformDriver.Mix mix = new PlatformDriver.Mix(0.1, 0.2, 0.3);
        assertThat(mix.plan(0.05)).isEqualTo(PlatformDriver.Plan.REJECT);
        assertThat(mix.plan(0.25)).isEqualTo(PlatformDriver.Plan.CANCEL);
        assertThat(mix.plan(0.55)).isEqualTo(PlatformDriver.Plan.DECLINE);
        assertThat(mix.plan(0.61)).isEqualTo(PlatformDriver.Plan.DELIVER);
        assertThat(PlatformDriver.Mix.ALL_DELIVERED.plan(0.0)).isEqualTo(PlatformDriver.Plan.DELIVER);
        assertThat(PlatformDriver.Plan.DECLINE.end).isEqualTo(OrderStatus.PAYMENT_FAILED);
    }

    @Test
    void lagRunsFromTheCommandsAnswerToTheFirstSightingOfItsStatus() {
        Metrics metrics = new Metrics(0);
        Metrics.Phase phase = metrics.startPhase("p", "closed", 1, 0, 0);
        PlatformDriver.LiveOrder order = new PlatformDriver.LiveOrder("o-1", PlatformDriver.Plan.DELIVER, null, null,
                0);
        order.answered(OrderStatus.ACCEPTED, 100 * MS, metrics);
        assertThat(order.firstSeen(OrderStatus.ACCEPTED, 140 * MS, metrics)).isTrue();
        // a second sighting (a reconnected stream) neither acts again nor measures again
        assertThat(order.firstSeen(OrderStatus.ACCEPTED, 900 * MS, metrics)).isFalse();
        // seen before the command's answer arrived: visible at once, lag 0
        assertThat(order.firstSeen(OrderStatus.COOKING, 200 * MS, metrics)).isTrue();
        order.answered(OrderStatus.COOKING, 210 * MS, metrics);
        // a status no command caused (PAID) is not a lag sample
        assertThat(order.firstSeen(OrderStatus.PAID, 50 * MS, metrics)).isTrue();
        metrics.endPhase(1_000 * MS);

        Latency lag = phase.latency(Metrics.LAG);
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.max()).isCloseTo(40, within(0.1));
        assertThat(lag.p50()).isZero();
    }

    @Test
    void anOrderFinishesOnce() {
        PlatformDriver.LiveOrder order = new PlatformDriver.LiveOrder("o-2", PlatformDriver.Plan.REJECT, null, null,
                0);
        assertThat(order.finish()).isTrue();
        assertThat(order.finish()).isFalse();
    }

    @Test
    void appsRetryAServiceThatIsAwayWithAGrowingPause() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToLong(PlatformDriver::backoffMillis).boxed())
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
    }
}
