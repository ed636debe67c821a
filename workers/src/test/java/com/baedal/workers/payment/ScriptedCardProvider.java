package com.baedal.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulated provider on its ledger in the test database, scripted by the test.
 * <p>
 * A crash point armed with {@link #crashOnce} stops the flow there once, like a kill -9 of the worker would ({@link WorkerCrash}: an
 * exception that nothing records, so the provider's ledger is committed and the payment record is not). A charge
 * with the card token {@value #TOKEN_HELD} reaches the provider and waits there until the test releases it
 * ({@link #hold}), then charges like {@code tok_visa}: the order's charge is in flight while the test plays the
 * other side (a cancel, a second worker, a lock running out). The token, not the order id, marks the charge to hold
 * because a test that places its order through the engine learns the order id only afterwards.
 */
public class ScriptedCardProvider implements CardProvider, AutoCloseable {

    public static final String TOKEN_HELD = "tok_held";

    public final SimulatedCardProvider simulator;
    public volatile boolean refundsUnavailable;
    private final Set<Crash> armed = ConcurrentHashMap.newKeySet();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /** Where a test can let the worker die: around the provider's side of a charge or a refund. */
    public enum Crash {
        BEFORE_CHARGE("before the charge request left"),
        AFTER_CHARGE("after the provider charged, before the worker recorded it"),
        AFTER_REFUND("after the provider refunded, before the worker recorded it");

        private final String where;

        Crash(String where) {
            this.where = where;
        }
    }

    /** The worker died: nothing after this point of the flow happened. */
    public static class WorkerCrash extends RuntimeException {
        WorkerCrash(Crash point) {
            super("kill -9 " + point.where);
        }
    }

    /** The held charge of one order: reached the provider, released by the test. */
    public record Hold(CountDownLatch reached, CountDownLatch release) {

        public void awaitReached() throws InterruptedException {
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("the charge reached the provider").isTrue();
        }
    }

    public ScriptedCardProvider(SimulatedCardProvider simulator) {
        this.simulator = simulator;
    }

    @Override
    public ChargeResult charge(String idempotencyKey, String orderId, long amount, String cardToken) {
        crashIfArmed(Crash.BEFORE_CHARGE);
        String charged = cardToken;
        if (TOKEN_HELD.equals(cardToken)) {
            Hold held = hold(orderId);
            held.reached().countDown();
            await(held.release());
            charged = "tok_visa";
        }
        ChargeResult answer = simulator.charge(idempotencyKey, orderId, amount, charged);
        crashIfArmed(Crash.AFTER_CHARGE);
        return answer;
    }

    @Override
    public String refund(String idempotencyKey, String orderId, String chargeReference, long amount) {
        if (refundsUnavailable) {
            throw new ProviderUnavailableException("refunds down");
        }
        String reference = simulator.refund(idempotencyKey, orderId, chargeReference, amount);
        crashIfArmed(Crash.AFTER_REFUND);
        return reference;
    }

    @Override
    public Optional<Operation> find(String idempotencyKey) {
        return simulator.find(idempotencyKey);
    }

    @Override
    public List<Operation> operations(String orderId) {
        return simulator.operations(orderId);
    }

    /** The worker dies at {@code point} the next time the flow passes it. */
    public void crashOnce(Crash point) {
        armed.add(point);
    }

    /** The hold of the order's charge with {@link #TOKEN_HELD}, whether that charge has reached the provider yet. */
    public Hold hold(String orderId) {
        return holds.computeIfAbsent(orderId, order -> new Hold(new CountDownLatch(1), new CountDownLatch(1)));
    }

    public boolean charged(String orderId) {
        return simulator.find(PaymentService.chargeKey(orderId)).filter(Operation::isApprovedCharge).isPresent();
    }

    public boolean refunded(String orderId) {
        return simulator.find(PaymentService.refundKey(orderId)).isPresent();
    }

    /** Disarms every crash point and forgets the holds. */
    public void reset() {
        armed.clear();
        refundsUnavailable = false;
        holds.clear();
    }

    @Override
    public void close() throws Exception {
        simulator.close();
    }

    private void crashIfArmed(Crash point) {
        if (armed.remove(point)) {
            throw new WorkerCrash(point);
        }
    }

    /** A held charge waits for the test, long enough for a lock to run out meanwhile. */
    private static void await(CountDownLatch release) {
        try {
            assertThat(release.await(60, TimeUnit.SECONDS)).as("released by the test").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
