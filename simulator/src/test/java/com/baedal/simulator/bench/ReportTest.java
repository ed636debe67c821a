package com.baedal.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path out;

    private static BenchResult.PhaseResult phase(String name, String kind, int concurrency, double rate,
                                                 double perSecond, Map<String, Long> errors,
                                                 BenchResult.Backlog backlog) {
        Map<String, Latency> latencies = new LinkedHashMap<>();
        Metrics.names().forEach(n -> latencies.put(n, Latency.EMPTY));
        latencies.put(Metrics.PLACE, new Latency(300, 21.5, 48.0, 87.3, 140.2));
        latencies.put("accept", new Latency(280, 18.0, 40.0, 66.0, 90.0));
        latencies.put(Metrics.LAG, new Latency(1500, 35.0, 90.0, 180.0, 400.0));
        latencies.put(Metrics.TO_PAID, new Latency(300, 400.0, 900.0, 1500.0, 2500.0));
        return new BenchResult.PhaseResult(name, kind, concurrency, rate, 30, 300, perSecond, perSecond * 0.9,
                latencies, new Latency(1500, 20, 45, 70, 120), Map.of("DELIVERED", 270L, "REJECTED", 30L), errors,
                new PrometheusText.Quantiles(1500, 0.04, 0.05, 0.1), backlog,
                Map.of("engine", 12.5, "gateway", 4.0, "postgresql", 10.0, "bench (this JVM)", 3.0), 91.5, 600);
    }

    private static BenchResult result() {
        BenchResult.Backlog flat = new BenchResult.Backlog(0.01, 0, -0.02, 0.03, 6, 12, 3, 9, true);
        BenchResult.Backlog growing = new BenchResult.Backlog(0.9, 0.1, 0.2, 1.3, 40, 50, 9, 80, false);
        List<BenchResult.PhaseResult> phases = List.of(
                phase("closed 8", "closed", 8, 0, 20.0, Map.of(), flat),
                phase("open 50%", "open", 0, 10.0, 10.0, Map.of(), flat),
                phase("open 80%", "open", 0, 16.0, 15.1, Map.of("pick: HTTP 409", 2L), growing));
        RawEngineBaseline.Step one = new RawEngineBaseline.Step(1, 200, 10, 20.0, new Latency(200, 50, 60, 70, 80), 0,
                Map.of("bench (this JVM)", 20.0));
        RawEngineBaseline.Step two = new RawEngineBaseline.Step(2, 400, 10, 40.0, new Latency(400, 50, 60, 70, 80), 0,
                Map.of("bench (this JVM)", 3.0, "postgresql", 2.0, "engine", 0.5));
        RawEngineBaseline.Result raw = new RawEngineBaseline.Result("audit", "bench_raw", List.of(one, two), two, 0);
        List<Metrics.Sample> timeline = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            timeline.add(new Metrics.Sample(i, i < 30 ? "closed 8" : "open 50%", 15 + (i % 5), 40 + i, 30, 50, 8, 3,
                    10, 1));
        }
        List<BenchResult.PhaseResult> measured = phases;
        return new BenchResult("2026-11-25T10:00:00Z", new BenchResult.Machine(2, 24000, "Linux", "OpenJDK 17",
                "0.5 0.4 0.3 1/200 1"), new BenchResult.Settings("http://localhost:8080", 15, 60, List.of(4, 8),
                null, "audit", true, PlatformDriver.Mix.DEFAULT), phases, "closed 8", raw, 0.5, Map.of("engine",
                650_000L), Bench.targets(measured, phases.get(0), raw, 0.5), List.of("a note"), timeline);
    }

    @Test
    void writesJsonMarkdownAndChart() throws Exception {
        BenchResult result = result();
        Report.write(result, out);

        JsonNode json = new ObjectMapper().readTree(out.resolve(Report.JSON).toFile());
        assertThat(json.path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(json.path("bestClosedPhase").asText()).isEqualTo("closed 8");
        assertThat(json.path("raw").path("best").path("threads").asInt()).isEqualTo(2);
        assertThat(json.path("phases").get(0).path("latencies").path("place").path("p99").asDouble())
                .isEqualTo(87.3);
        assertThat(json.path("phases").get(2).path("errors").path("pick: HTTP 409").asLong()).isEqualTo(2);
        assertThat(json.path("timeline")).hasSize(60);
        assertThat(json.path("targets")).hasSize(7);

        String md = Files.readString(out.resolve(Report.MARKDOWN));
        assertThat(md).contains("# Baedal bench 2026-11-25T10:00:00Z", "2 cores", "| platform vs raw engine |",
                "0.50 x (20.0 vs 40.0 orders/s) | yes |",
                "| CPU per complete order vs raw engine | <= 3 x raw (platform processes, bench client excluded) | 5.3 x "
                        + "(26.5 vs 5.0 ms) | **no** |", "| time to PAID p99 (closed-loop best) | < 2000 ms | 1500.0 ms | yes |", "| placement p99 (open loop 50 %) | <= 100 ms | 87.3 ms | yes |",
                "| errors | none | 2 (pick: HTTP 409=2) | **no** |", "![throughput and p99 latency over time](bench.png)",
                "| 2 | 400 | 10 | 40.0 |", "- a note");

        BufferedImage chart = ImageIO.read(out.resolve(Report.CHART).toFile());
        assertThat(chart.getWidth()).isEqualTo(1200);
        assertThat(chart.getHeight()).isEqualTo(790);
        // the throughput line (blue) and the placement p99 line (orange) were drawn
        int blue = 0;
        int orange = 0;
        for (int x = 0; x < chart.getWidth(); x++) {
            for (int y = 0; y < chart.getHeight(); y++) {
                int rgb = chart.getRGB(x, y) & 0xffffff;
                blue += rgb == 0x1f77b4 ? 1 : 0;
                orange += rgb == 0xff7f0e ? 1 : 0;
            }
        }
        assertThat(blue).isGreaterThan(500);
        assertThat(orange).isGreaterThan(500);
    }

    @Test
    void tableHasBothSidesAndTheRatio() {
        String table = Report.table(result());
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).contains("measure", "closed best (8)", "open 10.0/s", "open 16.0/s", "raw engine");
        assertThat(table).contains("platform / raw engine = 0.50 (closed loop best 20.0 vs raw 40.0");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("complete orders/s").contains("20.0", "10.0",
                "15.1", "40.0"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("SSE stream requests per order").contains("2.0"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("place p50/p95/p99/max ms")
                .contains("21.5/48.0/87.3/140"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("read-model lag").contains("35.0/180"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("backlog trend").contains("flat", "GROWING"));
        // the platform's CPU leaves the bench client out; the raw engine's is the bench JVM and PostgreSQL
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("CPU ms per order, platform")
                .contains("26.5", "5.0"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("CPU ms per order, bench client")
                .contains("3.0"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("time to PAID p50/p99 ms")
                .contains("400/1500"));
        assertThat(table).contains("CPU per complete order, platform / raw engine = 5.3 (26.5 vs 5.0 ms");
    }

    @Test
    void targetsSayWhatWasMetAndWhatWasNotMeasured() {
        List<BenchResult.Target> targets = result().targets();
        assertThat(targets).extracting(BenchResult.Target::met).containsExactly(true, false, true, true, true, false, false);
        List<BenchResult.Target> none = Bench.targets(List.of(), null, null, null);
        assertThat(none).extracting(BenchResult.Target::met).containsExactly(null, null, null, null, null, true, null);
    }
}
