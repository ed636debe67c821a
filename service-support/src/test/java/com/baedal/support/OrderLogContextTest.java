package com.baedal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class OrderLogContextTest {

    @AfterEach
    void cleanMdc() {
        MDC.clear();
    }

    @Test
    void aScopePutsTheOrderAndRemovesItOnClose() {
        try (OrderLogContext.Scope ignored = OrderLogContext.open("o-1")) {
            assertThat(MDC.get("orderId")).isEqualTo("o-1");
        }
        assertThat(MDC.get("orderId")).isNull();
    }

    @Test
    void nestedScopesRestoreTheOuterOrder() {
        try (OrderLogContext.Scope outer = OrderLogContext.open("o-1")) {
            try (OrderLogContext.Scope inner = OrderLogContext.open("o-2")) {
                assertThat(OrderLogContext.current()).isEqualTo("o-2");
            }
            assertThat(OrderLogContext.current()).isEqualTo("o-1");
        }
        assertThat(OrderLogContext.current()).isNull();
    }

    @Test
    void aMissingOrderIdLeavesTheContextAlone() {
        MDC.put(OrderLogContext.MDC_KEY, "o-1");
        OrderLogContext.run(null, () -> assertThat(OrderLogContext.current()).isEqualTo("o-1"));
        OrderLogContext.run(" ", () -> assertThat(OrderLogContext.current()).isEqualTo("o-1"));
        assertThat(OrderLogContext.current()).isEqualTo("o-1");
    }

    @Test
    void callReturnsAndCleansUpAlsoOnFailure() {
        assertThat(OrderLogContext.call("o-3", OrderLogContext::current)).isEqualTo("o-3");
        assertThatThrownBy(() -> OrderLogContext.run("o-4", () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(OrderLogContext.current()).isNull();
    }
}
