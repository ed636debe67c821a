package com.baedal.workers.payment;

import com.baedal.contract.PaymentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charges and refunds of orders, money-safe whatever crashes when. The payment record is the workers' truth, the
 * provider's ledger the truth about money; the two are kept in step by one rule: <b>the intent of a provider call is
 * committed before the call, its answer after it</b>, each in a short transaction that locks the record
 * (SELECT ... FOR UPDATE) and never spans the call. Every call carries an idempotency key,
 * {@code charge:<orderId>} / {@code refund:<orderId>}, so a call repeated after any crash moves no money twice, and
 * a record whose charge is "unsettled" (requested, answer not recorded) is settled by asking the provider by key.
 * <p>
 * The interleavings this covers (external tasks arrive at least once, a cancel may come at any time):
 * <ul>
 *   <li>worker dies before the call: the task comes back, the provider knows nothing of the key, the charge runs;</li>
 *   <li>worker dies after the provider charged, before recording it: the task comes back and asks the provider by
 *       key first; if the order was cancelled meanwhile, the refund asks by key and gives the money back;</li>
 *   <li>lock expired while a call runs, a second worker gets the task: both call with one key, one charge;</li>
 *   <li>cancel while the charge is in flight: the refund marks the record cancelled, then asks by key. Not there
 *       yet: it waits ({@link RefundOutcome#CHARGE_IN_FLIGHT}) until the charge is answered or can no longer arrive
 *       ({@code baedal.payment.settle-after}). A charge answered after the cancel is refunded by the charge worker
 *       itself, and by the refund or the reconciliation if that worker dies first;</li>
 *   <li>refund repeated after a crash: the refund key gives back the charge once.</li>
 * </ul>
 * What none of the tasks can settle (a worker gone for good, a provider refusing) is left to
 * {@link PaymentReconciliation}.
 */
@Service
@RequiredArgsConstructor
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
        /** The provider did not answer: retry later with the same key. */
        PROVIDER_UNAVAILABLE,
        /** The order was cancelled before or while the charge ran: nothing is kept (a late charge is refunded). */
        CANCELLED
    }

    public record ChargeResult(ChargeOutcome outcome, PaymentStatus status, int attempts, String detail) {
    }

    public enum RefundOutcome {
        /** Money given back now. */
        REFUNDED,
        /** Given back earlier (by an earlier delivery, the charge worker or the reconciliation). */
        ALREADY_REFUNDED,
        /** No money was taken (no charge, a declined one, or none at the provider): recorded as cancelled. */
        NOTHING_TO_REFUND,
        /** A charge request may still reach the provider: ask again shortly. Recorded as cancelled already. */
        CHARGE_IN_FLIGHT,
        /** The provider did not answer: retry later. */
        PROVIDER_UNAVAILABLE
    }

    public record RefundResult(RefundOutcome outcome, String detail) {
    }

    private final PaymentRepository payments;
    private final CardProvider provider;
    private final TransactionTemplate transactions;
    private final PaymentProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public static String chargeKey(String orderId) {
        return "charge:" + orderId;
    }

    public static String refundKey(String orderId) {
        return "refund:" + orderId;
    }

    // ---- charge ----------------------------------------------------------------------------------------------

    /** What the first transaction of a charge decided: an answer without calling, or a call to make. */
    private record ChargeStart(ChargeResult settled, boolean askFirst, int attempts) {
    }

    public ChargeResult charge(ChargeRequest request) {
        String orderId = request.orderId();
        ChargeStart start = inTransaction(() -> {
            Payment payment = lock(orderId, request.customerId(), request.amount());
            if (payment.cancelled()) {
                log.info("Order {} was cancelled before its charge ran: not charging", orderId);
                return new ChargeStart(result(ChargeOutcome.CANCELLED, payment, "order cancelled"), false, 0);
            }
            switch (payment.status()) {
                case APPROVED -> {
                    log.info("Order {} is already charged: a repeated delivery, not calling the provider", orderId);
                    return new ChargeStart(result(ChargeOutcome.APPROVED, payment, payment.providerReference()),
                            false, 0);
                }
                case DECLINED -> {
                    return new ChargeStart(result(ChargeOutcome.DECLINED, payment, "declined earlier"), false, 0);
                }
                case REFUNDED -> {
                    return new ChargeStart(result(ChargeOutcome.CANCELLED, payment, "refunded earlier"), false, 0);
                }
                case PENDING -> {
                    // an earlier request may have reached the provider: ask by key before charging
                    boolean askFirst = payment.chargeUnsettled();
                    payment.chargeRequested(chargeKey(orderId), now());
                    return new ChargeStart(null, askFirst, payment.attempts());
                }
                default -> throw new IllegalStateException("Unknown payment status " + payment.status());
            }
        });
        if (start.settled() != null) {
            return start.settled();
        }
        // the intent is committed: whatever happens from here, the record knows the provider may hold money
        CardProvider.ChargeResult answer;
        try {
            answer = askThenCharge(request, start.askFirst());
        } catch (ProviderUnavailableException unavailable) {
            recordProviderFailure(orderId, unavailable);
            count("charge", "unavailable");
            return new ChargeResult(ChargeOutcome.PROVIDER_UNAVAILABLE, PaymentStatus.PENDING, start.attempts(),
                    unavailable.getMessage());
        }
        return recordChargeAnswer(orderId, answer);
    }

    private CardProvider.ChargeResult askThenCharge(ChargeRequest request, boolean askFirst) {
        String key = chargeKey(request.orderId());
        if (askFirst) {
            Optional<CardProvider.Operation> earlier = call("lookup", () -> provider.find(key));
            count("lookup", earlier.isPresent() ? "found" : "none");
            if (earlier.isPresent()) {
                log.info("Order {}: the provider answered an earlier charge request: {}", request.orderId(),
                        earlier.get().outcome());
                return earlier.get().chargeResult();
            }
        }
        CardProvider.ChargeResult answer = call("charge",
                () -> provider.charge(key, request.orderId(), request.amount(), request.cardToken()));
        count("charge", answer instanceof CardProvider.Approved ? "approved" : "declined");
        return answer;
    }

    /** The second transaction of a charge; a charge approved after the order was cancelled is given back. */
    private ChargeResult recordChargeAnswer(String orderId, CardProvider.ChargeResult answer) {
        record Recorded(ChargeResult result, String refundOf, long amount) {
        }
        Recorded recorded = inTransaction(() -> {
            Payment payment = lockExisting(orderId);
            applyChargeAnswer(payment, answer);
            if (payment.cancelled() && payment.status() == PaymentStatus.APPROVED) {
                log.warn("Order {} was cancelled while its charge was in flight: giving the charge back", orderId);
                payment.refundRequested(refundKey(orderId));
                return new Recorded(result(ChargeOutcome.CANCELLED, payment, "charged after the cancel"),
                        payment.providerReference(), payment.amount());
            }
            ChargeOutcome outcome = switch (payment.status()) {
                case APPROVED -> ChargeOutcome.APPROVED;
                case DECLINED -> ChargeOutcome.DECLINED;
                default -> ChargeOutcome.CANCELLED; // refunded meanwhile (cancelled order)
            };
            String detail = answer instanceof CardProvider.Declined declined ? declined.reason()
                    : payment.providerReference();
            return new Recorded(result(outcome, payment, detail), null, 0);
        });
        if (recorded.refundOf() != null) {
            giveBack(orderId, recorded.refundOf(), recorded.amount());
        }
        return recorded.result();
    }

    /**
     * Records the provider's answer to the charge key. The key makes a second answer impossible: a record that
     * already holds another one is a contradiction nobody may paper over (the task fails into an incident, the
     * reconciliation reports it).
     */
    private static void applyChargeAnswer(Payment payment, CardProvider.ChargeResult answer) {
        if (answer instanceof CardProvider.Approved approved) {
            if (payment.status() == PaymentStatus.PENDING) {
                payment.approved(approved.reference());
            } else if (payment.status() == PaymentStatus.DECLINED
                    || !approved.reference().equals(payment.providerReference())) {
                throw new IllegalStateException("Order " + payment.orderId() + ": the provider approved charge "
                        + approved.reference() + " but the payment record holds " + payment.status() + " "
                        + payment.providerReference());
            }
        } else if (answer instanceof CardProvider.Declined declined) {
            if (payment.status() == PaymentStatus.PENDING) {
                payment.declined(declined.reason());
            } else if (payment.status() != PaymentStatus.DECLINED) {
                throw new IllegalStateException("Order " + payment.orderId() + ": the provider declined the "
                        + "charge but the payment record holds " + payment.status());
            }
        }
    }

    // ---- refund ----------------------------------------------------------------------------------------------

    /** What the first transaction of a refund decided. */
    private record RefundStart(RefundResult done, String refundOf, long amount, Instant unsettledSince) {
    }

    public RefundResult refund(RefundRequest request) {
        String orderId = request.orderId();
        RefundStart start = inTransaction(() -> {
            Payment payment = lock(orderId, request.customerId(), request.amount());
            payment.cancel(); // from now on no charge of this order may start
            return switch (payment.status()) {
                case REFUNDED -> new RefundStart(new RefundResult(RefundOutcome.ALREADY_REFUNDED, "refunded earlier"),
                        null, 0, null);
                case DECLINED -> new RefundStart(new RefundResult(RefundOutcome.NOTHING_TO_REFUND,
                        "charge was declined"), null, 0, null);
                case APPROVED -> {
                    payment.refundRequested(refundKey(orderId));
                    yield new RefundStart(null, payment.providerReference(), payment.amount(), null);
                }
                case PENDING -> payment.chargeUnsettled()
                        ? new RefundStart(null, null, 0, payment.chargeUnsettledSince())
                        : new RefundStart(new RefundResult(RefundOutcome.NOTHING_TO_REFUND,
                                payment.attempts() == 0 ? "never charged" : "no charge at the provider"),
                                null, 0, null);
            };
        });
        if (start.done() != null) {
            return start.done();
        }
        if (start.refundOf() != null) {
            return giveBack(orderId, start.refundOf(), start.amount());
        }
        return settleUnknownChargeOfCancelledOrder(orderId, start.unsettledSince());
    }

    /**
     * The record of a cancelled order does not know whether its charge request took money: the provider does. Asked
     * by key: a charge found is given back, a declined one recorded; none found means either the request is still
     * on its way (wait, within {@code settle-after} of the request) or it never arrived (nothing to give back).
     */
    private RefundResult settleUnknownChargeOfCancelledOrder(String orderId, Instant unsettledSince) {
        Optional<CardProvider.Operation> charge;
        try {
            charge = call("lookup", () -> provider.find(chargeKey(orderId)));
        } catch (ProviderUnavailableException unavailable) {
            recordProviderFailure(orderId, unavailable);
            count("lookup", "unavailable");
            return new RefundResult(RefundOutcome.PROVIDER_UNAVAILABLE, unavailable.getMessage());
        }
        count("lookup", charge.isPresent() ? "found" : "none");
        boolean mayStillArrive = unsettledSince.plus(properties.settleAfter()).isAfter(now());
        RefundStart next = inTransaction(() -> {
            Payment payment = lockExisting(orderId);
            if (charge.isPresent()) {
                applyChargeAnswer(payment, charge.get().chargeResult());
            } else if (payment.status() == PaymentStatus.PENDING && payment.chargeUnsettled() && !mayStillArrive) {
                // cancelled: no new request can start, and the last one can no longer arrive
                payment.notCharged("no charge at the provider " + properties.settleAfter() + " after the request");
            }
            return switch (payment.status()) {
                case REFUNDED -> new RefundStart(new RefundResult(RefundOutcome.ALREADY_REFUNDED,
                        "refunded by the charge"), null, 0, null);
                case DECLINED -> new RefundStart(new RefundResult(RefundOutcome.NOTHING_TO_REFUND,
                        "charge was declined"), null, 0, null);
                case APPROVED -> {
                    log.warn("Order {}: the provider holds a charge the record did not know; giving it back",
                            orderId);
                    payment.refundRequested(refundKey(orderId));
                    yield new RefundStart(null, payment.providerReference(), payment.amount(), null);
                }
                case PENDING -> payment.chargeUnsettled()
                        ? new RefundStart(new RefundResult(RefundOutcome.CHARGE_IN_FLIGHT,
                                "charge requested at " + payment.chargeUnsettledSince() + " not answered yet"),
                                null, 0, null)
                        : new RefundStart(new RefundResult(RefundOutcome.NOTHING_TO_REFUND,
                                "no charge at the provider"), null, 0, null);
            };
        });
        if (next.done() != null) {
            return next.done();
        }
        return giveBack(orderId, next.refundOf(), next.amount());
    }

    /** Gives the charge back; the refund intent (the record cancelled, approved, with its refund key) is committed. */
    RefundResult giveBack(String orderId, String chargeReference, long amount) {
        String reference;
        try {
            reference = call("refund", () -> provider.refund(refundKey(orderId), orderId, chargeReference, amount));
        } catch (ProviderUnavailableException unavailable) {
            recordProviderFailure(orderId, unavailable);
            count("refund", "unavailable");
            return new RefundResult(RefundOutcome.PROVIDER_UNAVAILABLE, unavailable.getMessage());
        }
        inTransaction(() -> {
            Payment payment = lockExisting(orderId);
            if (payment.status() != PaymentStatus.REFUNDED) {
                payment.refunded(reference);
            }
            return null;
        });
        count("refund", "refunded");
        return new RefundResult(RefundOutcome.REFUNDED, reference);
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Optional<PaymentSnapshot> find(String orderId) {
        return payments.findById(orderId).map(Payment::snapshot);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void recordProviderFailure(String orderId, ProviderUnavailableException unavailable) {
        inTransaction(() -> {
            lockExisting(orderId).providerFailed(unavailable.getMessage());
            return null;
        });
    }

    private Payment lock(String orderId, String customerId, long amount) {
        payments.insertIfAbsent(orderId, customerId, amount, PaymentStatus.PENDING.name());
        return lockExisting(orderId);
    }

    private Payment lockExisting(String orderId) {
        return payments.lockByOrderId(orderId)
                .orElseThrow(() -> new IllegalStateException("Payment of order " + orderId + " vanished"));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private Instant now() {
        return clock.instant();
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

    void count(String operation, String outcome) {
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
