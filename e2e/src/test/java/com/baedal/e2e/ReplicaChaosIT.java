package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.baedal.simulator.chaos.ChaosRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./baedal chaos --replicas 2} in short: kill -9 one of two engines, workers or read-models while customers,
 * stores and riders keep ordering through the gateway; every order the scenario touched is judged from the databases
 * (it ended, it was charged at most once by the card provider's ledger, what had to be refunded was). Runs in the
 * failsafe execution {@code replicas}, on the platform the other replica tests share.
 */
class ReplicaChaosIT {

    @BeforeAll
    static void onlyWithReplicas() {
        assumeTrue(Integer.getInteger("baedal.e2e.replicas", 1) > 1,
                "runs in the failsafe execution `replicas` (baedal.e2e.replicas=2)");
    }

    @ParameterizedTest(name = "kill -9 {0} (one of two) under load")
    @ValueSource(strings = {"engine", "workers", "read-model"})
    void oneOfTwoInstancesKilledUnderLoadLosesAndDoublesNothing(String service) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ChaosRunner.Options options = new ChaosRunner.Options(2, Duration.ofSeconds(40), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(60), List.of("kill -9 " + service));
        ChaosRunner.Summary summary = new ChaosRunner(Platform.get().running(), options,
                new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        System.out.print(console.toString(StandardCharsets.UTF_8));

        assertThat(summary.results()).hasSize(1);
        ChaosRunner.Result result = summary.results().get(0);
        assertThat(result.orders()).isPositive();
        assertThat(result.lost()).as("%s", result).isZero();
        assertThat(result.doubleCharges()).as("%s", result).isZero();
        assertThat(result.moneyKept()).as("%s", result).isZero();
        assertThat(result.survived(Duration.ofSeconds(10))).as("%s", result).isTrue();
    }
}
