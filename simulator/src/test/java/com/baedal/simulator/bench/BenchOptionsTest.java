package com.baedal.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreStepsOfThirtySecondsAfterAThirtySecondWarmUp() {
        Bench.Options options = Bench.parse(new String[]{"bench"});
        assertThat(options.step()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.concurrency()).isEmpty();
        assertThat(options.rate()).isNull();
        assertThat(options.history()).isEqualTo("audit");
        assertThat(options.rawStep()).isEqualTo(Duration.ofSeconds(10));
        // warm-up, four closed-loop steps, two open-loop phases, the raw engine's four thread counts
        long seconds = options.warmup().toSeconds() + 6 * options.step().toSeconds() + 5
                + 4 * options.rawStep().toSeconds();
        assertThat(seconds).isLessThan(300);
    }

    @Test
    void parsesEveryOption() {
        Bench.Options options = Bench.parse(new String[]{"--step", "2m", "--warmup", "500ms", "--concurrency",
                "4, 12", "--rate", "7.5", "--history", "full", "--skip-baseline", "--gateway", "http://gw:9000",
                "--raw-database", "bench_raw_2", "--engine-metrics", "none", "--db-url", "jdbc:postgresql://db:5432"});
        assertThat(options.step()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.concurrency()).isEqualTo(List.of(4, 12));
        assertThat(options.rate()).isEqualTo(7.5);
        assertThat(options.history()).isEqualTo("full");
        assertThat(options.skipBaseline()).isTrue();
        assertThat(options.gateway().toString()).isEqualTo("http://gw:9000");
        assertThat(options.rawDatabase()).isEqualTo("bench_raw_2");
        assertThat(options.engineMetrics()).isNull();
        assertThat(options.dbUrl()).isEqualTo("jdbc:postgresql://db:5432/");
    }

    @Test
    void refusesBadOptions() {
        assertThatThrownBy(() -> Bench.parse(new String[]{"--history", "everything"}))
                .hasMessageContaining("--history");
        assertThatThrownBy(() -> Bench.parse(new String[]{"--rate", "0"})).hasMessageContaining("--rate");
        assertThatThrownBy(() -> Bench.parse(new String[]{"--concurrency", "0"})).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Bench.parse(new String[]{"--step", "soon"})).hasMessageContaining("duration");
        assertThatThrownBy(() -> Bench.parse(new String[]{"--raw-database", "x; drop"}))
                .hasMessageContaining("--raw-database");
        assertThatThrownBy(() -> Bench.parse(new String[]{"--step"})).hasMessageContaining("missing value");
        assertThatThrownBy(() -> Bench.parse(new String[]{"--frobnicate", "1"})).hasMessageContaining("unknown");
    }

    @Test
    void backlogIsFlatOnlyWhenNothingGrows() {
        List<Metrics.Sample> steady = new java.util.ArrayList<>();
        List<Metrics.Sample> growing = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            steady.add(new Metrics.Sample(i, "open 80%", 10, 50, 40, 60, 8 + i % 2, 4 + i % 3, 12, i % 2));
            growing.add(new Metrics.Sample(i, "open 80%", 10, 50, 40, 60, 8 + i, 4 + 2 * i, 12, 1));
        }
        assertThat(Bench.backlog(steady, 10).flat()).isTrue();
        BenchResult.Backlog grows = Bench.backlog(growing, 10);
        assertThat(grows.flat()).isFalse();
        assertThat(grows.externalTasksPerSecond()).isEqualTo(2.0);
        assertThat(grows.maxInFlight()).isEqualTo(37);
        assertThat(Bench.backlog(steady.subList(0, 2), 10)).isNull();
    }

    @Test
    void cpuPerOrderFromTickSnapshots() {
        var before = new java.util.LinkedHashMap<String, Long>();
        before.put("engine", 1000L);
        before.put("postgresql", 500L);
        before.put("machine", 10_000L);
        var after = new java.util.LinkedHashMap<String, Long>();
        after.put("engine", 1300L);
        after.put("postgresql", 600L);
        after.put("machine", 10_500L);
        // 100 orders: engine 300 ticks = 3000 ms -> 30 ms/order; postgres 10 ms; other 100 ticks -> 10 ms
        assertThat(Bench.cpuMsPerOrder(before, after, 100)).containsEntry("engine", 30.0)
                .containsEntry("postgresql", 10.0).containsEntry("other processes", 10.0)
                .doesNotContainKey("machine");
        assertThat(Bench.cpuMsPerOrder(before, after, 0)).isEmpty();
    }

    @Test
    void readsResidentMemoryAndCpuOfThisProcess() {
        assertThat(Monitor.parseKb("VmRSS:\t  123456 kB")).isEqualTo(123456);
        assertThat(Monitor.rssKb(ProcessHandle.current().pid())).isPresent();
        assertThat(Monitor.processTicks(ProcessHandle.current().pid())).isPositive();
    }
}
