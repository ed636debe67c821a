package com.baedal.workers.payment;

import com.baedal.contract.Role;
import com.baedal.support.security.Caller;
import com.baedal.support.web.ApiProblem;
import lombok.RequiredArgsConstructor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payments API ({@link PaymentsApi}). A payment is shown to the order's customer and to operators; anyone else
 * gets 404 like an unknown order, so the API does not reveal which orders exist. 404 also when no charge was ever
 * attempted. The reconciliation runs on this instance, now.
 */
@RestController
@RequiredArgsConstructor
class PaymentController implements PaymentsApi {

    private final PaymentService payments;
    private final PaymentReconciliation reconciliation;

    @Override
    public PaymentView payment(Jwt jwt, String orderId) {
        Caller caller = Caller.from(jwt);
        return payments.find(orderId)
                .filter(payment -> payment.attempts() > 0)
                .filter(payment -> caller.is(Role.OPERATOR)
                        || (caller.is(Role.CUSTOMER) && payment.customerId().equals(caller.subject())))
                .map(PaymentView::of)
                .orElseThrow(() -> ApiProblem.notFound("payment-not-found", "Payment not found",
                        "No payment of order " + orderId + " is known to you."));
    }

    @Override
    public PaymentReconciliation.Report reconcile() {
        return reconciliation.run(true);
    }
}
