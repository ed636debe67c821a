package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.baedal.local.RunningPlatform;
import com.baedal.local.Service;
import com.baedal.simulator.chaos.ChaosRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short subset of {@code ./baedal chaos} on the e2e platform (supervised like {@code ./baedal up}): the scenarios
 * run as the chaos runner runs them and every order they touched is judged from the databases.
 */
class ChaosIT {

    @Test
    void workersKilledMidChargeThenCancelledRefundExactlyOnce() throws Exception {
        RunningPlatform platform = Platform.get().running();
        assumeTrue(providerLedger(platform), "the card provider keeps no ledger outside the workers (card_simulator)");

        ChaosRunner.Result result = run(platform, "crash between charge and commit");

        assertThat(result.orders()).isEqualTo(3);
        assertThat(result.survived(Duration.ofSeconds(10))).as("%s", result).isTrue();
    }

    @Test
    void gatewayKilledUnderLoadIsRestartedAndNoOrderIsLost() throws Exception {
        ChaosRunner.Result result = run(Platform.get().running(), "kill -9 gateway");

        assertThat(result.orders()).isPositive();
        assertThat(result.survived(Duration.ofSeconds(10))).as("%s", result).isTrue();
    }

    private static ChaosRunner.Result run(RunningPlatform platform, String scenario) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ChaosRunner.Options options = new ChaosRunner.Options(2, Duration.ofSeconds(40), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(60), List.of(scenario));
        ChaosRunner.Summary summary = new ChaosRunner(platform, options,
                new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        System.out.print(console.toString(StandardCharsets.UTF_8));
        assertThat(summary.results()).hasSize(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(summary.line());
        return summary.results().get(0);
    }

    private static boolean providerLedger(RunningPlatform platform) throws Exception {
        try (Connection c = DriverManager.getConnection(platform.database(Service.WORKERS), platform.databaseUser(),
                platform.databasePassword());
             ResultSet row = c.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_schema = 'card_simulator'")) {
            row.next();
            return row.getInt(1) > 0;
        }
    }
}
