package com.baedal.workers.payment;

import com.baedal.process.Role;
import com.baedal.support.security.Caller;
import com.baedal.support.validation.Uuid;
import com.baedal.support.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/payments/{orderId}} (SPEC §5): for the order's customer and operators. Anyone else gets 404 like
 * an unknown order, so the API does not reveal which orders exist. 404 also when no charge was ever attempted.
 */
@RestController
@Tag(name = "Payments", description = "The charge of an order at the card provider, as the workers recorded it")
class PaymentController {

    static final String PAYMENT_EXAMPLE = """
            {"orderId": "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11", "amount": 41000, "status": "REFUNDED",
             "cancelled": true, "attempts": 1, "updatedAt": "2026-11-24T10:15:30.123Z"}""";

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

    @Operation(summary = "The payment of an order (its CUSTOMER, OPERATOR)", description = """
            `status` is PENDING, APPROVED, DECLINED or REFUNDED; `cancelled` means the order was cancelled or \
            rejected and its money is not kept; `attempts` counts the calls to the card provider (retries after \
            provider outages included, one charge in the end).""")
    @ApiResponse(responseCode = "200", description = "The payment",
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "refunded", value = PAYMENT_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The order id is not a UUID")
    @ApiResponse(responseCode = "401", description = "No valid bearer token")
    @ApiResponse(responseCode = "403", description = "Neither a customer nor an operator")
    @ApiResponse(responseCode = "404", description = "No charge was ever attempted for this order, or it is not "
            + "the caller's order")
    @GetMapping("/api/payments/{orderId}")
    PaymentView payment(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId) {
        Caller caller = Caller.from(jwt);
        return payments.find(orderId)
                .filter(payment -> payment.attempts() > 0)
                .filter(payment -> caller.is(Role.OPERATOR)
                        || (caller.is(Role.CUSTOMER) && payment.customerId().equals(caller.subject())))
                .map(PaymentView::of)
                .orElseThrow(() -> notFound(orderId));
    }

    private static ApiProblem notFound(String orderId) {
        return ApiProblem.notFound("payment-not-found", "Payment not found",
                "No payment of order " + orderId + " is known to you.");
    }
}
