package com.baedal.simulator.chaos;

import java.util.List;

/**
 * What the databases say about one order: the engine (the order row, its process, open incidents), the read-model
 * (the view customers see), the workers' payment record, and the card provider's ledger (schema {@code
 * card_simulator} of the payments database, written by the provider in its own transactions).
 *
 * @param placed           the engine holds the order ({@code baedal.customer_order})
 * @param processEnded     its process instance ended; null when it has none
 * @param openIncidents    incidents of its process instance
 * @param cancelOrReject   the process took a cancel or a rejection (its money must go back, whatever it shows now)
 * @param viewStatus       status in the read-model; null when not projected
 * @param viewPayment      payment status in the read-model
 * @param paymentStatus    the workers' payment record; null when no charge was ever attempted
 * @param paymentCancelled the record says the order's money must not be kept
 * @param approvedCharges  approved charges in the provider's ledger; null when there is no ledger to read
 * @param refunds          refunds paid out by the provider; null when there is no ledger
 * @param chargeReferences the provider's references of the approved charges
 */
public record OrderFacts(String orderId, boolean placed, Boolean processEnded, int openIncidents,
                         boolean cancelOrReject, String viewStatus,
                         String viewPayment, String paymentStatus, boolean paymentCancelled,
                         Integer approvedCharges, Integer refunds, List<String> chargeReferences) {

    public OrderFacts {
        chargeReferences = chargeReferences == null ? List.of() : List.copyOf(chargeReferences);
    }
}
