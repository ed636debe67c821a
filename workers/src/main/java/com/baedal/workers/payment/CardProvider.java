package com.baedal.workers.payment;

import java.util.Optional;

/**
 * A card payment provider. Every call carries an idempotency key: the same key again returns the first result and
 * never moves money twice. {@link SimulatedCardProvider} is the built-in one; a real provider implements this
 * interface and switches the simulator off with {@code baedal.payment.provider}.
 */
public interface CardProvider {

    /**
     * Charges {@code amount} KRW to the card behind {@code cardToken}.
     *
     * @throws ProviderUnavailableException when the provider cannot answer now (worth a retry)
     */
    ChargeResult charge(String idempotencyKey, long amount, String cardToken);

    /**
     * Gives back a charge.
     *
     * @return the provider's reference of the refund
     * @throws ProviderUnavailableException when the provider cannot answer now (worth a retry)
     */
    String refund(String idempotencyKey, String providerReference, long amount);

    /**
     * The reference of the approved charge made with this idempotency key, if any: lets a refund find money taken
     * by a charge whose outcome was never recorded (the worker died between the provider's answer and the commit).
     *
     * @throws ProviderUnavailableException when the provider cannot answer now (worth a retry)
     */
    Optional<String> findApprovedCharge(String idempotencyKey);

    /** The provider's answer to a charge. */
    sealed interface ChargeResult permits Approved, Declined {
    }

    /** Money taken; {@code reference} identifies the charge at the provider. */
    record Approved(String reference) implements ChargeResult {
    }

    /** The card was declined: retrying does not help. */
    record Declined(String reason) implements ChargeResult {
    }
}
