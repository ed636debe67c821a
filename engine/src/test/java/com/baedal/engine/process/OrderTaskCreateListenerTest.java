package com.baedal.engine.process;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTaskCreateListenerTest {

    private final Map<String, Object> order = new HashMap<>(Map.of(
            VAR_ORDER_NUMBER, "BD-1A2B3C4D",
            VAR_STORE_NAME, "Gangnam Fried Chicken",
            VAR_STORE_ADDRESS, "Gangnam-daero 396 (gangnam)",
            VAR_ITEMS_SUMMARY, "2 x Fried chicken, 1 x Cola 1.25 L",
            VAR_TOTAL, 43000L,
            VAR_DELIVERY_ADDRESS, "Teheran-ro 152 (gangnam)"));

    @Test
    void appendsTheOrderNumber() {
        assertThat(OrderTaskCreateListener.nameWithOrderNumber("Accept or reject order", "BD-1A2B3C4D"))
                .isEqualTo("Accept or reject order \u00B7 BD-1A2B3C4D");
    }

    @Test
    void appendsOnlyOnce() {
        String once = OrderTaskCreateListener.nameWithOrderNumber("Pick up order", "BD-1A2B3C4D");
        assertThat(OrderTaskCreateListener.nameWithOrderNumber(once, "BD-1A2B3C4D")).isEqualTo(once);
    }

    @Test
    void keepsTheNameWithoutOrderNumber() {
        assertThat(OrderTaskCreateListener.nameWithOrderNumber("Finish cooking", null)).isEqualTo("Finish cooking");
        assertThat(OrderTaskCreateListener.nameWithOrderNumber("Finish cooking", " ")).isEqualTo("Finish cooking");
    }

    @Test
    void unnamedTaskGetsTheOrderNumber() {
        assertThat(OrderTaskCreateListener.nameWithOrderNumber(null, "BD-1A2B3C4D")).isEqualTo("BD-1A2B3C4D");
    }

    @Test
    void theStoresCardSaysWhatToCookAndWhatItCosts() {
        for (String step : new String[] {TASK_ACCEPT_ORDER, TASK_START_COOKING, TASK_FINISH_COOKING}) {
            assertThat(OrderTaskCreateListener.card(step, order::get)).as(step).isEqualTo("""
                    Items: 2 x Fried chicken, 1 x Cola 1.25 L
                    Total: 43,000 KRW""");
        }
    }

    @Test
    void theRidersCardSaysWhereFromWhereToAndWhatItCosts() {
        for (String step : new String[] {TASK_PICK_UP, TASK_CONFIRM_DELIVERY}) {
            assertThat(OrderTaskCreateListener.card(step, order::get)).as(step).isEqualTo("""
                    Pick up: Gangnam Fried Chicken, Gangnam-daero 396 (gangnam)
                    Deliver to: Teheran-ro 152 (gangnam)
                    Total: 43,000 KRW""");
        }
    }

    @Test
    void leavesOutWhatTheOrderDoesNotKnow() {
        order.remove(VAR_STORE_ADDRESS);
        order.remove(VAR_DELIVERY_ADDRESS);
        assertThat(OrderTaskCreateListener.card(TASK_PICK_UP, order::get)).isEqualTo("""
                Pick up: Gangnam Fried Chicken
                Total: 43,000 KRW""");
        assertThat(OrderTaskCreateListener.card(TASK_ACCEPT_ORDER, name -> null)).isNull();
    }

    @Test
    void fitsTheDescriptionColumn() {
        order.put(VAR_ITEMS_SUMMARY, "1 x Gimbap, ".repeat(500));
        String card = OrderTaskCreateListener.card(TASK_ACCEPT_ORDER, order::get);
        assertThat(card).hasSize(OrderTaskCreateListener.DESCRIPTION_LIMIT).endsWith("\u2026");
    }
}
