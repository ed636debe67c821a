package com.baedal.workers.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/payments/reconciliations} (OPERATOR): runs the reconciliation of the payment records with the
 * card provider's ledger now, on this instance, and answers what it repaired and the open incidents.
 */
@RestController
@Tag(name = "Payments")
class ReconciliationController {

    private final PaymentReconciliation reconciliation;

    ReconciliationController(PaymentReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Operation(summary = "Reconcile the payments with the card provider now (OPERATOR)", description = """
            Compares what the card provider did with the payment records: unsettled charges, money kept for \
            cancelled orders, and every payment of the reconciliation window. Repairs what it can (records a charge \
            or refund the records did not know, gives back money kept for a cancelled order) and answers the \
            repairs and every open incident (what it cannot repair: an operator's case). Also runs on a schedule.""")
    @ApiResponse(responseCode = "200", description = "The run: payments checked, repairs, open incidents")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @ApiResponse(responseCode = "403", description = "Not an operator")
    @PostMapping("/api/payments/reconciliations")
    PaymentReconciliation.Report reconcile() {
        return reconciliation.run(true);
    }
}
