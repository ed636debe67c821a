package com.baedal.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static Simulation.Progress progress(int placed, int target, int delivered, int rejected) {
        Map<Simulation.Outcome, Integer> ended = new EnumMap<>(Simulation.Outcome.class);
        for (Simulation.Outcome outcome : Simulation.Outcome.values()) {
            ended.put(outcome, 0);
        }
        ended.put(Simulation.Outcome.DELIVERED, delivered);
        ended.put(Simulation.Outcome.REJECTED, rejected);
        return new Simulation.Progress(placed, target, ended, 0);
    }

    @Test
    void barFillsWithEndedOrders() {
        assertThat(Simulator.bar(progress(10, 20, 5, 5))).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]")
                .contains("placed 10/20", "ended 10", "delivered 5", "rejected 5");
        assertThat(Simulator.bar(progress(0, 20, 0, 0))).startsWith("[" + ".".repeat(30) + "]");
    }

    @Test
    void summarySaysWhatIsStillOpen() {
        assertThat(Simulator.summary(progress(20, 20, 18, 2))).isEqualTo("Done: every order reached its end.");
        assertThat(Simulator.summary(progress(18, 20, 15, 1))).contains("2 order(s) still open", "2 not placed");
    }
}
