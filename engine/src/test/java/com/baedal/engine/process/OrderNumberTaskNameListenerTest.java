package com.baedal.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderNumberTaskNameListenerTest {

    @Test
    void appendsTheOrderNumber() {
        assertThat(OrderNumberTaskNameListener.nameWithOrderNumber("Accept or reject order", "1A2B3C4D"))
                .isEqualTo("Accept or reject order \u00B7 1A2B3C4D");
    }

    @Test
    void appendsOnlyOnce() {
        String once = OrderNumberTaskNameListener.nameWithOrderNumber("Pick up order", "1A2B3C4D");
        assertThat(OrderNumberTaskNameListener.nameWithOrderNumber(once, "1A2B3C4D")).isEqualTo(once);
    }

    @Test
    void keepsTheNameWithoutOrderNumber() {
        assertThat(OrderNumberTaskNameListener.nameWithOrderNumber("Finish cooking", null)).isEqualTo("Finish cooking");
        assertThat(OrderNumberTaskNameListener.nameWithOrderNumber("Finish cooking", " ")).isEqualTo("Finish cooking");
    }

    @Test
    void unnamedTaskGetsTheOrderNumber() {
        assertThat(OrderNumberTaskNameListener.nameWithOrderNumber(null, "1A2B3C4D")).isEqualTo("1A2B3C4D");
    }
}
