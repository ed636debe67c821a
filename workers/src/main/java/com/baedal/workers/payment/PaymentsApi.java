package com.baedal.workers.payment;

import com.baedal.support.validation.Uuid;
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
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The payments API as it is documented (SPEC §5): {@code GET /api/payments/{orderId}} for the order's customer and
 * operators, {@code POST /api/payments/reconciliations} for operators. {@link PaymentController} implements it. The
 * shared OpenAPI setup (service-support) adds the problem+json schema and the 401.
 */
@Tag(name = "Payments", description = "The charge of an order at the card provider, as the workers recorded it")
interface PaymentsApi {

    String PAYMENT_EXAMPLE = """
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

    @Operation(summary = "The payment of an order (its CUSTOMER, OPERATOR)", description = """
            `status` is PENDING, APPROVED, DECLINED or REFUNDED; `cancelled` means the order was cancelled or \
            rejected and its money is not kept; `attempts` counts the calls to the card provider (retries after \
            provider outages included, one charge in the end).""")
    @ApiResponse(responseCode = "200", description = "The payment",
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "refunded", value = PAYMENT_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The order id is not a UUID")
    @ApiResponse(responseCode = "403", description = "Neither a customer nor an operator")
    @ApiResponse(responseCode = "404", description = "No charge was ever attempted for this order, or it is not "
            + "the caller's order")
    @GetMapping("/api/payments/{orderId}")
    PaymentView payment(@AuthenticationPrincipal Jwt jwt, @PathVariable @Uuid String orderId);

    @Operation(summary = "Reconcile the payments with the card provider now (OPERATOR)", description = """
            Compares what the card provider did with the payment records: unsettled charges, money kept for \
            cancelled orders, and every payment of the reconciliation window. Repairs what it can (records a charge \
            or refund the records did not know, gives back money kept for a cancelled order) and answers the \
            repairs and every open incident (what it cannot repair: an operator's case). Also runs on a schedule.""")
    @ApiResponse(responseCode = "200", description = "The run: payments checked, repairs, open incidents")
    @ApiResponse(responseCode = "403", description = "Not an operator")
    @PostMapping("/api/payments/reconciliations")
    PaymentReconciliation.Report reconcile();
}
