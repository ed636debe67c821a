package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.simulator.bench.Bench;
import com.baedal.simulator.bench.PlatformDriver;
import com.baedal.simulator.bench.RawEngineBaseline;
import com.baedal.testsupport.LocalPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the bench harness ({@code ./baedal bench}) working: a few orders in a closed loop through the real platform,
 * and a three-second raw-engine baseline. It asserts that every order reached the end its bots planned, not how
 * fast.
 */
class BenchSmokeIT {

    @Test
    void everySmokeOrderCompletesThroughTheGateway() throws Exception {
        int orders = 8;
        // a quarter each rejected, cancelled, declined: every path of the bots runs
        PlatformDriver.Mix mix = new PlatformDriver.Mix(0.25, 0.25, 0.25);
        Bench.SmokeResult result = Bench.smoke(Platform.get().gateway(), orders, 2, mix, Duration.ofSeconds(90));

        assertThat(result.placed()).isEqualTo(orders);
        assertThat(result.ended()).hasSize(orders);
        assertThat(result.ended()).allSatisfy(ended -> assertThat(ended.status())
                .as("order %s planned %s", ended.orderId(), ended.plan()).isEqualTo(ended.plan().end));
        assertThat(result.placement().count()).isEqualTo(orders);
    }

    @Test
    void rawEngineBaselinePlaysOrdersToTheirEnd() throws Exception {
        RawEngineBaseline baseline = new RawEngineBaseline(new RawEngineBaseline.Settings(
                "jdbc:postgresql://127.0.0.1:5432/", "postgres", "", LocalPostgres.name("bench_raw_smoke"), "audit", List.of(1),
                Duration.ofSeconds(1), Duration.ofSeconds(3), new PlatformDriver.Mix(0.2, 0.2, 0.2), 3), Map::of);
        RawEngineBaseline.Result result = baseline.run(message -> { });

        assertThat(result.steps()).hasSize(1);
        assertThat(result.best().orders()).isPositive();
        assertThat(result.best().errors()).isZero();
        assertThat(result.unfinished()).isZero();
    }
}
