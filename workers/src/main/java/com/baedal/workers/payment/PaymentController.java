package com.baedal.workers.payment;

import com.baedal.process.Role;
import com.baedal.workers.security.Caller;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/payments/{orderId}} (SPEC §5): for the order's customer and operators. Anyone else gets 404 like
 * an unknown order, so the API does not reveal which orders exist. 404 also when no charge was ever attempted.
 */
@RestController
class PaymentController {

    /** The answer of SPEC §5. */
    record PaymentView(String orderId, long amount, String status, boolean cancelled, int attempts,
                       Instant updatedAt) {

        static PaymentView of(PaymentSnapshot payment) {
            return new PaymentView(payment.orderId(), payment.amount(), payment.status().name(),
                    payment.cancelled(), payment.attempts(), payment.updatedAt());
        }
    }

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    @GetMapping("/api/payments/{orderId}")
    PaymentView payment(@AuthenticationPrincipal Jwt jwt, @PathVariable String orderId) {
        Caller caller = Caller.from(jwt);
        return payments.find(orderId)
                .filter(payment -> payment.attempts() > 0)
                .filter(payment -> caller.is(Role.OPERATOR)
                        || (caller.is(Role.CUSTOMER) && payment.customerId().equals(caller.subject())))
                .map(PaymentView::of)
                .orElseThrow(() -> notFound(orderId));
    }

    private static ErrorResponseException notFound(String orderId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No payment of order " + orderId + " is known to you.");
        problem.setTitle("Payment not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
