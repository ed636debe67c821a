package com.baedal.simulator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyCheckTest {

    @Test
    void aDeliveredOrderChargedOnceIsFine() {
        MoneyCheck.Verdict verdict = MoneyCheck.judge(order("DELIVERED", "APPROVED", false, 1, 0));

        assertThat(verdict.ok()).as("%s", verdict.problems()).isTrue();
        assertThat(verdict.ended()).isTrue();
    }

    @Test
    void aCancelledOrderWhoseChargeWasRefundedIsFine() {
        assertThat(MoneyCheck.judge(order("CANCELLED", "REFUNDED", true, 1, 1)).ok()).isTrue();
        // cancelled before any charge: nothing at the provider, nothing to give back
        assertThat(MoneyCheck.judge(order("CANCELLED", null, false, 0, 0)).ok()).isTrue();
    }

    @Test
    void aCancelledOrderStillChargedKeepsMoneyEvenWhileItHangs() {
        MoneyCheck.Verdict ended = MoneyCheck.judge(order("REJECTED", "APPROVED", true, 1, 0));
        assertThat(ended.moneyKept()).isTrue();
        assertThat(ended.problems()).anyMatch(p -> p.contains("kept its charge"));

        OrderFacts hanging = new OrderFacts("o", true, false, 1, true, "ACCEPTED", "APPROVED", "APPROVED", true, 1,
                0, List.of("sim_ch_1"));
        MoneyCheck.Verdict verdict = MoneyCheck.judge(hanging);
        assertThat(verdict.lost()).isTrue();
        assertThat(verdict.moneyKept()).isTrue();
        assertThat(verdict.problems()).anyMatch(p -> p.contains("1 open incident"));
    }

    @Test
    void aCancelTakenByTheProcessMeansTheMoneyGoesBackEvenBeforeAnyRecordSaysSo() {
        // the cancel's refund failed and rolled back: the record and the view still say PAID / APPROVED
        OrderFacts stuck = new OrderFacts("o", true, false, 1, true, "PAID", "APPROVED", "APPROVED", false, null,
                null, null);

        MoneyCheck.Verdict verdict = MoneyCheck.judge(stuck);

        assertThat(verdict.moneyKept()).isTrue();
        assertThat(verdict.lost()).isTrue();
    }

    @Test
    void aChargeTheRecordDoesNotKnowIsFound() {
        // the provider charged, the worker died before recording it, and nobody refunded on cancel
        MoneyCheck.Verdict verdict = MoneyCheck.judge(order("CANCELLED", "PENDING", true, 1, 0));

        assertThat(verdict.moneyKept()).isTrue();
        assertThat(verdict.problems()).anyMatch(p -> p.contains("record says PENDING, the provider's ledger APPROVED"));
    }

    @Test
    void twoChargesAndTwoRefundsAreCaught() {
        MoneyCheck.Verdict verdict = MoneyCheck.judge(order("CANCELLED", "REFUNDED", true, 2, 2));

        assertThat(verdict.doubleCharged()).isTrue();
        assertThat(verdict.problems()).anyMatch(p -> p.contains("charged 2 times"))
                .anyMatch(p -> p.contains("refunded 2 times"));
    }

    @Test
    void withoutALedgerTheRecordDecides() {
        assertThat(MoneyCheck.judge(order("CANCELLED", "APPROVED", true, null, null)).moneyKept()).isTrue();
        assertThat(MoneyCheck.judge(order("CANCELLED", "REFUNDED", true, null, null)).ok()).isTrue();
        assertThat(MoneyCheck.judge(order("DELIVERED", "APPROVED", false, null, null)).ok()).isTrue();
    }

    @Test
    void anOrderMissingFromTheEngineOrTheReadModelIsLost() {
        assertThat(MoneyCheck.judge(new OrderFacts("o", false, null, 0, false, null, null, null, false, 0, 0, null))
                .lost()).isTrue();
        assertThat(MoneyCheck.judge(new OrderFacts("o", true, true, 0, false, null, null, "APPROVED", false, 1, 0,
                null)).lost()).isTrue();
    }

    private static OrderFacts order(String status, String payment, boolean cancelled, Integer charges,
                                    Integer refunds) {
        String view = payment == null ? "PENDING" : payment;
        return new OrderFacts("o", true, true, 0, status.equals("CANCELLED") || status.equals("REJECTED"), status,
                view, payment, cancelled, charges, refunds,
                charges == null ? null : java.util.stream.IntStream.range(0, charges).mapToObj(i -> "sim_ch_" + i)
                        .toList());
    }
}
