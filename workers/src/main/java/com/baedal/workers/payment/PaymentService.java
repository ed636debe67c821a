package com.baedal.workers.payment;

import com.baedal.process.PaymentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Charges and refunds of orders. The payment record is the source of truth: every operation creates it if absent,
 * locks it (SELECT ... FOR UPDATE) and holds the lock across the provider call, so a charge and a refund of the same
 * order (or two deliveries of one task) never run at the same time. External tasks arrive at least once; a repeated
 * delivery finds the recorded outcome and does not call the provider again, and the provider call itself carries
 * the idempotency key {@code charge:<orderId>} / {@code refund:<orderId>} for the case the worker died between the
 * provider's answer and the commit.
 */
@Service
public class PaymentService {

    public static final String PROVIDER_CALLS = "baedal.payment.provider.calls";

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    /** What a charge task asks for. */
    public record ChargeRequest(String orderId, String customerId, long amount, String cardToken) {
    }

    /** What a refund task knows about the order (used only when no payment record exists yet). */
    public record RefundRequest(String orderId, String customerId, long amount) {
    }

    public enum ChargeOutcome {
        /** Money taken (now or by an earlier delivery of the task). */
        APPROVED,
        /** The card was declined (now or earlier): a business failure, no retry. */
        DECLINED,
        /** The provider did not answer: retry later. Nothing was taken. */
        PROVIDER_UNAVAILABLE,
        /** The order was cancelled before the charge ran: nothing was charged. */
        CANCELLED
    }

    public record ChargeResult(ChargeOutcome outcome, PaymentStatus status, int attempts, String detail) {
    }

    public enum RefundOutcome {
        /** Money given back now. */
        REFUNDED,
        /** Given back by an earlier delivery of the task. */
        ALREADY_REFUNDED,
        /** No money was ever taken (no charge, a pending one, or a declined one): recorded as cancelled. */
        NOTHING_TO_REFUND,
        /** The provider did not answer: retry later. */
        PROVIDER_UNAVAILABLE
    }

    public record RefundResult(RefundOutcome outcome, String detail) {
    }

    private final PaymentRepository payments;
    private final CardProvider provider;
    private final MeterRegistry meters;

    public PaymentService(PaymentRepository payments, CardProvider provider, MeterRegistry meters) {
        this.payments = payments;
        this.provider = provider;
        this.meters = meters;
    }

    public static String chargeKey(String orderId) {
        return "charge:" + orderId;
    }

    public static String refundKey(String orderId) {
        return "refund:" + orderId;
    }

    @Transactional
    public ChargeResult charge(ChargeRequest request) {
        Payment payment = lock(request.orderId(), request.customerId(), request.amount());
        if (payment.cancelled()) {
            log.info("Order {} was cancelled before its charge ran: not charging", request.orderId());
            return result(ChargeOutcome.CANCELLED, payment, "order cancelled");
        }
        switch (payment.status()) {
            case APPROVED -> {
                log.info("Order {} is already charged: a repeated delivery, not calling the provider",
                        request.orderId());
                return result(ChargeOutcome.APPROVED, payment, payment.providerReference());
            }
            case DECLINED -> {
                return result(ChargeOutcome.DECLINED, payment, "declined earlier");
            }
            case REFUNDED -> {
                return result(ChargeOutcome.CANCELLED, payment, "refunded earlier");
            }
            case PENDING -> {
                // the charge below
            }
        }
        payment.chargeAttempted();
        try {
            CardProvider.ChargeResult answer = call("charge",
                    () -> provider.charge(chargeKey(request.orderId()), request.amount(), request.cardToken()));
            if (answer instanceof CardProvider.Approved approved) {
                payment.approved(approved.reference());
                count("charge", "approved");
                return result(ChargeOutcome.APPROVED, payment, approved.reference());
            }
            CardProvider.Declined declined = (CardProvider.Declined) answer;
            payment.declined(declined.reason());
            count("charge", "declined");
            return result(ChargeOutcome.DECLINED, payment, declined.reason());
        } catch (ProviderUnavailableException unavailable) {
            payment.providerFailed(unavailable.getMessage());
            count("charge", "unavailable");
            return result(ChargeOutcome.PROVIDER_UNAVAILABLE, payment, unavailable.getMessage());
        }
    }

    @Transactional
    public RefundResult refund(RefundRequest request) {
        Payment payment = lock(request.orderId(), request.customerId(), request.amount());
        payment.cancel(); // from now on no charge of this order may start
        switch (payment.status()) {
            case REFUNDED -> {
                return new RefundResult(RefundOutcome.ALREADY_REFUNDED, "refunded earlier");
            }
            case DECLINED -> {
                return new RefundResult(RefundOutcome.NOTHING_TO_REFUND, "charge was declined");
            }
            case PENDING -> {
                return refundUnrecordedCharge(payment);
            }
            case APPROVED -> {
                return refundNow(payment, payment.providerReference());
            }
            default -> throw new IllegalStateException("Unknown payment status " + payment.status());
        }
    }

    @Transactional(readOnly = true)
    public Optional<PaymentSnapshot> find(String orderId) {
        return payments.findById(orderId).map(Payment::snapshot);
    }

    /**
     * A pending record means no charge was recorded. If a charge was attempted, the provider may still have taken
     * the money while the worker died before recording it: ask the provider by the charge's idempotency key.
     */
    private RefundResult refundUnrecordedCharge(Payment payment) {
        if (payment.attempts() == 0) {
            return new RefundResult(RefundOutcome.NOTHING_TO_REFUND, "never charged");
        }
        try {
            Optional<String> charged = call("lookup", () -> provider.findApprovedCharge(chargeKey(payment.orderId())));
            count("lookup", charged.isPresent() ? "found" : "none");
            if (charged.isEmpty()) {
                return new RefundResult(RefundOutcome.NOTHING_TO_REFUND, "no charge at the provider");
            }
            log.warn("Order {}: the provider holds a charge that was never recorded; refunding it",
                    payment.orderId());
            payment.approved(charged.get());
            return refundNow(payment, charged.get());
        } catch (ProviderUnavailableException unavailable) {
            count("lookup", "unavailable");
            payment.providerFailed(unavailable.getMessage());
            return new RefundResult(RefundOutcome.PROVIDER_UNAVAILABLE, unavailable.getMessage());
        }
    }

    private RefundResult refundNow(Payment payment, String chargeReference) {
        try {
            String reference = call("refund",
                    () -> provider.refund(refundKey(payment.orderId()), chargeReference, payment.amount()));
            payment.refunded(reference);
            count("refund", "refunded");
            return new RefundResult(RefundOutcome.REFUNDED, reference);
        } catch (ProviderUnavailableException unavailable) {
            payment.providerFailed(unavailable.getMessage());
            count("refund", "unavailable");
            return new RefundResult(RefundOutcome.PROVIDER_UNAVAILABLE, unavailable.getMessage());
        }
    }

    private Payment lock(String orderId, String customerId, long amount) {
        payments.insertIfAbsent(orderId, customerId, amount, PaymentStatus.PENDING.name());
        return payments.lockByOrderId(orderId)
                .orElseThrow(() -> new IllegalStateException("Payment of order " + orderId + " vanished"));
    }

    /** Calls the provider; anything but a clean answer or a declared outage counts as an error outcome. */
    private <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderUnavailableException unavailable) {
            throw unavailable;
        } catch (RuntimeException error) {
            count(operation, "error");
            throw error;
        }
    }

    private void count(String operation, String outcome) {
        Counter.builder(PROVIDER_CALLS)
                .description("Card provider calls by operation and outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private static ChargeResult result(ChargeOutcome outcome, Payment payment, String detail) {
        return new ChargeResult(outcome, payment.status(), payment.attempts(), detail);
    }
}
