package com.baedal.workers.payment;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The built-in card provider of SPEC §5. It approves every card token except:
 * <ul>
 *   <li>{@value #TOKEN_DECLINED}: declined;</li>
 *   <li>{@value #TOKEN_FLAKY}: unavailable for the first two calls of an idempotency key, approves on the third;</li>
 *   <li>{@value #TOKEN_UNAVAILABLE}: always unavailable (lets tests and demos reach an incident).</li>
 * </ul>
 * It keeps a ledger per idempotency key like a real provider: a repeated key returns the first result and never
 * moves money again. It counts the calls it received and the money movements it made, for tests and demos.
 */
@Component
@ConditionalOnProperty(name = "baedal.payment.provider", havingValue = "simulated", matchIfMissing = true)
public class SimulatedCardProvider implements CardProvider {

    public static final String TOKEN_DECLINED = "tok_declined";
    public static final String TOKEN_FLAKY = "tok_flaky";
    public static final String TOKEN_UNAVAILABLE = "tok_unavailable";
    static final int FLAKY_FAILURES = 2;

    private static final Logger log = LoggerFactory.getLogger(SimulatedCardProvider.class);

    /** What the simulator did for one idempotency key. */
    private static final class Entry {
        int calls;
        Object result; // Approved, Declined, or a refund reference (String); null while only failures happened
        boolean moneyMoved;
    }

    private final Map<String, Entry> ledger = new HashMap<>();
    private final Map<String, Long> charges = new HashMap<>(); // provider reference -> amount
    private int chargesMade;
    private int refundsMade;

    @Override
    public synchronized ChargeResult charge(String idempotencyKey, long amount, String cardToken) {
        Entry entry = ledger.computeIfAbsent(idempotencyKey, key -> new Entry());
        entry.calls++;
        if (entry.result instanceof ChargeResult earlier) {
            log.info("Simulated provider: charge {} repeated, answering the first result", idempotencyKey);
            return earlier;
        }
        if (TOKEN_UNAVAILABLE.equals(cardToken)
                || (TOKEN_FLAKY.equals(cardToken) && entry.calls <= FLAKY_FAILURES)) {
            throw new ProviderUnavailableException("Simulated card provider unavailable (call " + entry.calls
                    + " for " + idempotencyKey + ")");
        }
        ChargeResult result;
        if (TOKEN_DECLINED.equals(cardToken)) {
            result = new Declined("Card declined by the issuer");
        } else {
            String reference = "sim_ch_" + UUID.randomUUID();
            charges.put(reference, amount);
            entry.moneyMoved = true;
            chargesMade++;
            result = new Approved(reference);
        }
        entry.result = result;
        log.info("Simulated provider: charge {} of {} KRW -> {}", idempotencyKey, amount, result);
        return result;
    }

    @Override
    public synchronized String refund(String idempotencyKey, String providerReference, long amount) {
        Entry entry = ledger.computeIfAbsent(idempotencyKey, key -> new Entry());
        entry.calls++;
        if (entry.result instanceof String earlier) {
            log.info("Simulated provider: refund {} repeated, answering the first result", idempotencyKey);
            return earlier;
        }
        Long charged = charges.get(providerReference);
        if (charged == null) {
            throw new IllegalArgumentException("No charge " + providerReference + " to refund");
        }
        if (amount > charged) {
            throw new IllegalArgumentException("Refund of " + amount + " KRW exceeds the charge of " + charged);
        }
        String reference = "sim_re_" + UUID.randomUUID();
        entry.result = reference;
        entry.moneyMoved = true;
        refundsMade++;
        log.info("Simulated provider: refund {} of {} KRW for {}", idempotencyKey, amount, providerReference);
        return reference;
    }

    @Override
    public synchronized Optional<String> findApprovedCharge(String idempotencyKey) {
        Entry entry = ledger.get(idempotencyKey);
        if (entry != null && entry.result instanceof Approved approved) {
            return Optional.of(approved.reference());
        }
        return Optional.empty();
    }

    /** How many charge or refund calls arrived with this idempotency key. */
    public synchronized int calls(String idempotencyKey) {
        Entry entry = ledger.get(idempotencyKey);
        return entry == null ? 0 : entry.calls;
    }

    /** True when money moved for this key (a charge taken or a refund paid out); at most once per key. */
    public synchronized boolean moneyMoved(String idempotencyKey) {
        Entry entry = ledger.get(idempotencyKey);
        return entry != null && entry.moneyMoved;
    }

    /** Charges that took money, over all keys. */
    public synchronized int chargesMade() {
        return chargesMade;
    }

    /** Refunds that gave money back, over all keys. */
    public synchronized int refundsMade() {
        return refundsMade;
    }
}
