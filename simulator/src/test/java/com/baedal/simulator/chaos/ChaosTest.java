package com.baedal.simulator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosTest {

    @Test
    void defaultsRunEveryScenarioAgainstTheRunDirectoryOfBaedalUp() {
        Chaos.CommandLine command = Chaos.parse(new String[0]);

        assertThat(command.runDirectory()).isEqualTo(Path.of(".baedal", "run"));
        assertThat(command.options()).isEqualTo(ChaosRunner.Options.defaults());
        assertThat(command.options().recoveryLimit()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void optionsAreParsed() {
        Chaos.CommandLine command = Chaos.parse(new String[] {"--run-dir", "/tmp/run", "--only",
                "kill -9 workers, kafka down", "--concurrency", "5", "--provider-delay", "90s", "--settle", "2m",
                "--list"});

        assertThat(command.runDirectory()).isEqualTo(Path.of("/tmp/run"));
        assertThat(command.options().only()).containsExactly("kill -9 workers", "kafka down");
        assertThat(command.options().concurrency()).isEqualTo(5);
        assertThat(command.options().providerDelay()).isEqualTo(Duration.ofSeconds(90));
        assertThat(command.options().settle()).isEqualTo(Duration.ofMinutes(2));
        assertThat(command.list()).isTrue();
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> Chaos.parse(new String[] {"--concurrency", "0"}))
                .hasMessageContaining("--concurrency must be >= 1");
        assertThatThrownBy(() -> Chaos.parse(new String[] {"--nope", "1"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Chaos.parse(new String[] {"--only"})).hasMessageContaining("missing value");
    }

    @Test
    void theSummaryLineCountsWhatTheScenariosFound() {
        ChaosRunner.Result fine = new ChaosRunner.Result("a", "did", "checked", Duration.ofSeconds(2), true, 5, 0, 0,
                0, List.of(), null);
        ChaosRunner.Result slow = new ChaosRunner.Result("b", "did", "checked", Duration.ofSeconds(17), true, 5, 0,
                0, 0, List.of(), null);
        ChaosRunner.Result kept = new ChaosRunner.Result("c", "did", "checked", null, true, 4, 2, 0, 2,
                List.of("o: CANCELLED but the payment is still APPROVED"), null);

        assertThat(fine.survived(Duration.ofSeconds(10))).isTrue();
        assertThat(slow.survived(Duration.ofSeconds(10))).isFalse();
        assertThat(kept.survived(Duration.ofSeconds(10))).isFalse();
        assertThat(new ChaosRunner.Summary(List.of(fine, slow, kept), 1, 2, 0, 2).line())
                .isEqualTo("chaos: 3 scenarios, 1 survived, 2 orders lost, 0 double charges, 2 money kept");
    }
}
