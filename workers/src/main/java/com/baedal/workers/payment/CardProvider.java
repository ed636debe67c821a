package com.baedal.workers.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A card payment provider, as a real one offers it: every money movement carries an idempotency key (the same key
 * again answers the first result and never moves money twice), operations are tagged with the order they belong
 * to, and the provider answers what it did by key and by order. {@link SimulatedCardProvider} is the built-in one; a
 * real provider implements this interface and switches the simulator off with {@code baedal.payment.provider}.
 * <p>
 * A call that ends in {@link ProviderUnavailableException} has an unknown outcome (a timeout may come after the
 * provider acted): the caller settles it by asking {@link #find} with the key.
 */
public interface CardProvider {

    /**
     * Charges {@code amount} KRW to the card behind {@code cardToken} for the order.
     *
     * @throws ProviderUnavailableException when the provider cannot answer now (worth a retry with the same key)
     */
    ChargeResult charge(String idempotencyKey, String orderId, long amount, String cardToken);

    /**
     * Gives back (part of) the charge {@code chargeReference} of the order.
     *
     * @return the provider's reference of the refund
     * @throws ProviderUnavailableException when the provider cannot answer now (worth a retry with the same key)
     * @throws IllegalArgumentException when the provider refuses: no such charge of the order, more than was charged,
     *                                  the charge was already given back under another key
     */
    String refund(String idempotencyKey, String orderId, String chargeReference, long amount);

    /**
     * What the provider did with this idempotency key, if it ever answered it.
     *
     * @throws ProviderUnavailableException when the provider cannot answer now
     */
    Optional<Operation> find(String idempotencyKey);

    /**
     * Everything the provider did for the order, oldest first.
     *
     * @throws ProviderUnavailableException when the provider cannot answer now
     */
    List<Operation> operations(String orderId);

    /** The provider's answer to a charge. */
    sealed interface ChargeResult permits Approved, Declined {
    }

    /** Money taken; {@code reference} identifies the charge at the provider. */
    record Approved(String reference) implements ChargeResult {
    }

    /** The card was declined: retrying does not help. */
    record Declined(String reason) implements ChargeResult {
    }

    enum Kind { CHARGE, REFUND }

    enum Outcome { APPROVED, DECLINED, REFUNDED }

    /**
     * One operation as the provider records it. Refunds name the charge they give back in {@code chargeReference};
     * {@code reference} is null for a declined charge.
     */
    record Operation(String idempotencyKey, Kind kind, String orderId, long amount, Outcome outcome,
                     String reference, String chargeReference, Instant createdAt) {

        public boolean isApprovedCharge() {
            return kind == Kind.CHARGE && outcome == Outcome.APPROVED;
        }

        public boolean isRefund() {
            return kind == Kind.REFUND;
        }

        /** The answer the charge call gave (or would have given) with this operation's key. */
        public ChargeResult chargeResult() {
            if (kind != Kind.CHARGE) {
                throw new IllegalStateException("Operation " + idempotencyKey + " is a " + kind + ", not a charge");
            }
            return outcome == Outcome.APPROVED ? new Approved(reference) : new Declined("Declined by the card provider");
        }
    }
}
