package com.baedal.simulator.chaos;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The invariants of SPEC §7 for one order, judged from its {@link OrderFacts}: it reached an end (engine and
 * read-model agree), it was charged at most once, money of a cancelled, rejected or failed order is not kept, and
 * the workers' record agrees with the provider's ledger. Without a ledger (a provider that keeps it in memory) the
 * money is judged from the payment record alone and double charges cannot be seen.
 */
public final class MoneyCheck {

    /** The verdict on one order; {@code problems} says what is wrong in words. */
    public record Verdict(String orderId, boolean ended, boolean lost, boolean doubleCharged, boolean moneyKept,
                          List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final Set<String> MONEY_GOES_BACK = Set.of(OrderStatus.CANCELLED.name(),
            OrderStatus.REJECTED.name(), OrderStatus.PAYMENT_FAILED.name());

    private MoneyCheck() {
    }

    public static Verdict judge(OrderFacts order) {
        List<String> problems = new ArrayList<>();
        boolean ended = order.placed() && Boolean.TRUE.equals(order.processEnded()) && order.viewStatus() != null
                && OrderStatus.valueOf(order.viewStatus()).isFinal();
        if (!order.placed()) {
            problems.add("not in the engine");
        } else if (!ended) {
            problems.add("did not end: process " + (order.processEnded() == null ? "missing"
                    : order.processEnded() ? "ended" : "running") + ", read-model " + order.viewStatus()
                    + (order.openIncidents() > 0 ? ", " + order.openIncidents() + " open incident(s)" : ""));
        }
        boolean goesBack = order.cancelOrReject() || order.paymentCancelled()
                || (order.viewStatus() != null && MONEY_GOES_BACK.contains(order.viewStatus()));
        boolean doubleCharged = false;
        boolean kept;
        if (order.approvedCharges() != null) {
            int charges = order.approvedCharges();
            int refunds = order.refunds();
            doubleCharged = charges > 1;
            if (doubleCharged) {
                problems.add("charged " + charges + " times");
            }
            if (refunds > 1 || refunds > charges) {
                problems.add("refunded " + refunds + " times for " + charges + " charge(s)");
            }
            // also while the order hangs (a refund in an incident): after the settle time that money is kept
            kept = goesBack && charges > refunds;
            if (kept) {
                problems.add(order.viewStatus() + " but the provider kept its charge");
            }
            if (OrderStatus.DELIVERED.name().equals(order.viewStatus()) && (charges != 1 || refunds != 0)) {
                problems.add("delivered with " + charges + " charge(s) and " + refunds + " refund(s)");
            }
            String expected = charges == 0 ? null : refunds > 0 ? PaymentStatus.REFUNDED.name()
                    : PaymentStatus.APPROVED.name();
            if (expected != null && !expected.equals(order.paymentStatus())) {
                problems.add("payment record says " + order.paymentStatus() + ", the provider's ledger " + expected);
            } else if (expected == null && PaymentStatus.APPROVED.name().equals(order.paymentStatus())) {
                problems.add("payment record says APPROVED, the provider has no charge");
            }
        } else {
            kept = goesBack && PaymentStatus.APPROVED.name().equals(order.paymentStatus());
            if (kept) {
                problems.add((ended ? order.viewStatus() : "cancelled") + " but the payment is still APPROVED");
            }
        }
        if (ended && order.paymentStatus() != null && order.viewPayment() != null
                && !order.viewPayment().equals(order.paymentStatus())) {
            problems.add("read-model shows payment " + order.viewPayment() + ", the record " + order.paymentStatus());
        }
        return new Verdict(order.orderId(), ended, !ended, doubleCharged, kept, List.copyOf(problems));
    }
}
