package com.baedal.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.baedal.contract.PaymentStatus;
import com.baedal.testsupport.LocalPostgres;
import com.baedal.testsupport.MovableClock;
import com.baedal.workers.payment.PaymentService.ChargeOutcome;
import com.baedal.workers.payment.PaymentService.ChargeRequest;
import com.baedal.workers.payment.PaymentService.ChargeResult;
import com.baedal.workers.payment.PaymentService.RefundOutcome;
import com.baedal.workers.payment.PaymentService.RefundRequest;
import com.baedal.workers.payment.ScriptedCardProvider.Crash;
import com.baedal.workers.payment.ScriptedCardProvider.WorkerCrash;
import com.baedal.workers.support.WorkersTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment rules against the simulated provider, both on the real PostgreSQL (database workers_it, the provider on
 * a pool of its own). No test transaction: every service call commits, as in production, so the row locks are real.
 * <p>
 * Crashes are played by {@link ScriptedCardProvider}: it stops the flow between two steps like a kill -9 of the
 * worker would, and it can hold a charge in flight while the test plays the other side (a cancel, a second worker).
 * The clock is the test's, so "a request can no longer arrive" needs no waiting.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles({"local", "it"})
@ContextConfiguration(initializers = WorkersTestDatabase.class)
@Import({PaymentService.class, PaymentReconciliation.class, PaymentServiceTest.Config.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PaymentServiceTest {

    @TestConfiguration
    @EnableConfigurationProperties(PaymentProperties.class)
    static class Config {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean(destroyMethod = "close")
        ScriptedCardProvider scriptedProvider(DataSourceProperties dataSource) {
            return new ScriptedCardProvider(SimulatedCardProvider.connect(dataSource.determineUrl(), LocalPostgres.USER,
                    "", 2));
        }

        @Bean
        MovableClock clock() {
            return MovableClock.system();
        }
    }

    @Autowired PaymentService payments;
    @Autowired PaymentReconciliation reconciliation;
    @Autowired ScriptedCardProvider provider;
    @Autowired PaymentProperties properties;
    @Autowired MovableClock clock;
    @Autowired MeterRegistry meters;
    @Autowired JdbcClient db;

    private final String orderId = "order-" + UUID.randomUUID();
    private final String chargeKey = PaymentService.chargeKey(orderId);
    private final String refundKey = PaymentService.refundKey(orderId);

    @AfterEach
    void reset() {
        clock.setOffset(Duration.ZERO);
        provider.reset();
    }

    private ChargeResult charge(String cardToken) {
        return payments.charge(new ChargeRequest(orderId, "kim", 18_000, cardToken));
    }

    /** A charge on another thread, held at the provider until the test releases it. */
    private record HeldCharge(ScriptedCardProvider.Hold hold, CompletableFuture<ChargeResult> result) {

        void release() {
            hold.release().countDown();
        }
    }

    private HeldCharge chargeHeldAtTheProvider() throws InterruptedException {
        CompletableFuture<ChargeResult> inFlight = CompletableFuture.supplyAsync(
                () -> charge(ScriptedCardProvider.TOKEN_HELD));
        ScriptedCardProvider.Hold hold = provider.hold(orderId);
        hold.awaitReached();
        return new HeldCharge(hold, inFlight);
    }

    private PaymentService.RefundResult refund() {
        return payments.refund(new RefundRequest(orderId, "kim", 18_000));
    }

    private PaymentSnapshot record() {
        return payments.find(orderId).orElseThrow();
    }

    private List<CardProvider.Operation> ledger() {
        return provider.operations(orderId);
    }

    private boolean unsettled() {
        return db.sql("select charge_unsettled_since is not null from payment where order_id = ?").param(orderId)
                .query(Boolean.class).single();
    }

    /** The money the provider holds for the order: approved charges minus refunds. */
    private long moneyKept() {
        return ledger().stream().mapToLong(operation -> operation.isApprovedCharge() ? operation.amount()
                : operation.isRefund() ? -operation.amount() : 0).sum();
    }

    // ---- the ordinary cases ----------------------------------------------------------------------------------

    @Test
    void approvedChargeIsRecordedWithTheProviderReference() {
        ChargeResult result = charge("tok_visa");

        assertThat(result.outcome()).isEqualTo(ChargeOutcome.APPROVED);
        PaymentSnapshot payment = record();
        assertThat(payment.status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(payment.attempts()).isEqualTo(1);
        assertThat(payment.amount()).isEqualTo(18_000);
        assertThat(payment.customerId()).isEqualTo("kim");
        assertThat(payment.cancelled()).isFalse();
        assertThat(payment.providerReference()).isEqualTo(result.detail()).startsWith("sim_ch_");
        assertThat(unsettled()).isFalse();
        assertThat(ledger()).singleElement().satisfies(charge ->
                assertThat(charge.reference()).isEqualTo(payment.providerReference()));
        assertThat(meters.counter(PaymentService.PROVIDER_CALLS, "operation", "charge", "outcome", "approved")
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRepeatedDeliveryOfAnApprovedChargeDoesNotCallTheProviderAgain() {
        charge("tok_visa");

        ChargeResult again = charge("tok_visa");

        assertThat(again.outcome()).isEqualTo(ChargeOutcome.APPROVED);
        assertThat(provider.simulator.calls(chargeKey)).isEqualTo(1);
        assertThat(record().attempts()).isEqualTo(1);
    }

    @Test
    void declinedChargeIsRecordedAndNotRetriedAtTheProvider() {
        ChargeResult result = charge("tok_declined");
        ChargeResult again = charge("tok_declined");

        assertThat(result.outcome()).isEqualTo(ChargeOutcome.DECLINED);
        assertThat(again.outcome()).isEqualTo(ChargeOutcome.DECLINED);
        assertThat(record().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(provider.simulator.calls(chargeKey)).isEqualTo(1);
        assertThat(moneyKept()).isZero();
    }

    @Test
    void flakyProviderIsRetriedAndChargesOnceOnTheThirdAttempt() {
        assertThat(charge("tok_flaky").outcome()).isEqualTo(ChargeOutcome.PROVIDER_UNAVAILABLE);
        assertThat(record().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(unsettled()).as("an outage may hide a charge: asked by key next time").isTrue();
        assertThat(charge("tok_flaky").outcome()).isEqualTo(ChargeOutcome.PROVIDER_UNAVAILABLE);
        assertThat(charge("tok_flaky").outcome()).isEqualTo(ChargeOutcome.APPROVED);

        PaymentSnapshot payment = record();
        assertThat(payment.status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(payment.attempts()).isEqualTo(3);
        assertThat(provider.simulator.calls(chargeKey)).isEqualTo(3);
        assertThat(moneyKept()).isEqualTo(18_000);
    }

    @Test
    void unavailableProviderLeavesThePaymentPendingAndCountsTheAttempts() {
        for (int i = 0; i < 3; i++) {
            assertThat(charge("tok_unavailable").outcome()).isEqualTo(ChargeOutcome.PROVIDER_UNAVAILABLE);
        }
        assertThat(record().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(record().attempts()).isEqualTo(3);
        assertThat(ledger()).isEmpty();
    }

    @Test
    void refundGivesBackAnApprovedChargeOnceAndMarksTheOrderCancelled() {
        charge("tok_visa");

        assertThat(refund().outcome()).isEqualTo(RefundOutcome.REFUNDED);
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.ALREADY_REFUNDED);

        PaymentSnapshot payment = record();
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.cancelled()).isTrue();
        assertThat(provider.simulator.calls(refundKey)).isEqualTo(1);
        assertThat(moneyKept()).isZero();
    }

    @Test
    void refundBeforeAnyChargeRecordsTheCancelSoALateChargeTakesNothing() {
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.NOTHING_TO_REFUND);
        PaymentSnapshot cancelled = record();
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(cancelled.attempts()).isZero();

        ChargeResult late = charge("tok_visa");

        assertThat(late.outcome()).isEqualTo(ChargeOutcome.CANCELLED);
        assertThat(provider.simulator.calls(chargeKey)).isZero();
        assertThat(record().attempts()).isZero();
    }

    @Test
    void refundOfADeclinedChargeHasNothingToGiveBack() {
        charge("tok_declined");

        assertThat(refund().outcome()).isEqualTo(RefundOutcome.NOTHING_TO_REFUND);
        assertThat(record().cancelled()).isTrue();
        assertThat(record().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(provider.simulator.calls(refundKey)).isZero();
    }

    @Test
    void unknownOrderHasNoPayment() {
        assertThat(payments.find("order-" + UUID.randomUUID())).isEmpty();
    }

    // ---- a crash at each point of the charge -----------------------------------------------------------------

    @Test
    void theIntentIsCommittedBeforeTheProviderIsCalled() {
        provider.crashOnce(Crash.BEFORE_CHARGE);

        assertThatThrownBy(() -> charge("tok_visa")).isInstanceOf(WorkerCrash.class);

        PaymentSnapshot payment = record();
        assertThat(payment.attempts()).isEqualTo(1);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(unsettled()).as("the record knows the provider may hold money").isTrue();
        assertThat(db.sql("select charge_key from payment where order_id = ?").param(orderId).query(String.class)
                .single()).isEqualTo(chargeKey);
        assertThat(ledger()).isEmpty();
    }

    @Test
    void chargeCrashedAfterTheProviderChargedIsSettledByKeyOnRedeliveryWithoutChargingAgain() {
        provider.crashOnce(Crash.AFTER_CHARGE);
        assertThatThrownBy(() -> charge("tok_visa")).isInstanceOf(WorkerCrash.class);
        assertThat(record().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(moneyKept()).as("the provider took the money, the record does not know yet").isEqualTo(18_000);

        ChargeResult redelivered = charge("tok_visa");

        assertThat(redelivered.outcome()).isEqualTo(ChargeOutcome.APPROVED);
        assertThat(record().providerReference()).isEqualTo(ledger().get(0).reference());
        assertThat(unsettled()).isFalse();
        assertThat(provider.simulator.calls(chargeKey)).as("asked by key, not charged again").isEqualTo(1);
        assertThat(ledger()).hasSize(1);
    }

    @Test
    void chargeCrashedBeforeTheRequestLeftChargesOnRedelivery() {
        provider.crashOnce(Crash.BEFORE_CHARGE);
        assertThatThrownBy(() -> charge("tok_visa")).isInstanceOf(WorkerCrash.class);

        assertThat(charge("tok_visa").outcome()).isEqualTo(ChargeOutcome.APPROVED);

        assertThat(record().attempts()).isEqualTo(2);
        assertThat(moneyKept()).isEqualTo(18_000);
    }

    @Test
    void cancelAfterACrashBetweenProviderChargeAndCommitRefundsExactlyWhatWasCharged() {
        provider.crashOnce(Crash.AFTER_CHARGE);
        assertThatThrownBy(() -> charge("tok_visa")).isInstanceOf(WorkerCrash.class);

        // the order is cancelled; the charge task is gone with the cancel, only the refund runs
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.REFUNDED);

        PaymentSnapshot payment = record();
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.cancelled()).isTrue();
        assertThat(ledger()).extracting(CardProvider.Operation::kind, CardProvider.Operation::amount)
                .containsExactly(tuple(CardProvider.Kind.CHARGE, 18_000L),
                        tuple(CardProvider.Kind.REFUND, 18_000L));
        assertThat(moneyKept()).isZero();
    }

    @Test
    void cancelAfterACrashBeforeTheRequestLeftWaitsUntilItCanNoLongerArriveThenKeepsNothing() {
        provider.crashOnce(Crash.BEFORE_CHARGE);
        assertThatThrownBy(() -> charge("tok_visa")).isInstanceOf(WorkerCrash.class);

        PaymentService.RefundResult early = refund();
        assertThat(early.outcome()).as("the request may still be on its way").isEqualTo(RefundOutcome.CHARGE_IN_FLIGHT);
        assertThat(record().cancelled()).isTrue();

        clock.setOffset(properties.settleAfter().plusSeconds(1));
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.NOTHING_TO_REFUND);
        assertThat(unsettled()).isFalse();
        assertThat(record().status()).isEqualTo(PaymentStatus.PENDING);
        // a late delivery of the charge task (there is none after a cancel, but were there one) takes nothing
        assertThat(charge("tok_visa").outcome()).isEqualTo(ChargeOutcome.CANCELLED);
        assertThat(ledger()).isEmpty();
    }

    @Test
    void refundCrashedAfterTheProviderRefundedIsSettledByItsKeyOnRedelivery() {
        charge("tok_visa");
        provider.crashOnce(Crash.AFTER_REFUND);
        assertThatThrownBy(this::refund).isInstanceOf(WorkerCrash.class);
        assertThat(record().status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(record().cancelled()).isTrue();

        assertThat(refund().outcome()).isEqualTo(RefundOutcome.REFUNDED);

        assertThat(record().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(ledger()).filteredOn(CardProvider.Operation::isRefund).hasSize(1);
        assertThat(moneyKept()).isZero();
    }

    // ---- interleavings: a charge in flight meets a cancel or a second worker ----------------------------------

    @Test
    void aChargeThatCompletesAfterTheCancelIsGivenBackByTheChargeItselfAndTheRefundWaitsForIt() throws Exception {
        HeldCharge inFlight = chargeHeldAtTheProvider();

        // the cancel: the refund finds no charge at the provider yet, and must not conclude "nothing taken"
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.CHARGE_IN_FLIGHT);

        inFlight.release(); // the provider charges now, after the cancel
        assertThat(inFlight.result().get(30, TimeUnit.SECONDS).outcome()).isEqualTo(ChargeOutcome.CANCELLED);
        assertThat(record().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(moneyKept()).isZero();

        // the refund task, offered again, learns that the money went back (the engine records PaymentRefunded)
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.ALREADY_REFUNDED);
        assertThat(ledger()).filteredOn(CardProvider.Operation::isRefund).hasSize(1);
    }

    @Test
    void aChargeInFlightWhoseWorkerDiesAfterTheProviderChargedIsRefundedByTheWaitingRefund() throws Exception {
        provider.crashOnce(Crash.AFTER_CHARGE);
        HeldCharge inFlight = chargeHeldAtTheProvider();
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.CHARGE_IN_FLIGHT);

        inFlight.release();
        assertThatThrownBy(() -> inFlight.result().get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(WorkerCrash.class);
        assertThat(moneyKept()).isEqualTo(18_000);

        assertThat(refund().outcome()).isEqualTo(RefundOutcome.REFUNDED);
        assertThat(record().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(moneyKept()).isZero();
    }

    @Test
    void aSecondWorkerTakingOverAChargeStillInFlightChargesOnce() throws Exception {
        // worker 1's lock expired while its call hangs; worker 2 gets the task and asks the provider by key first
        HeldCharge first = chargeHeldAtTheProvider();

        ChargeResult second = charge("tok_visa");
        first.release();

        assertThat(second.outcome()).isEqualTo(ChargeOutcome.APPROVED);
        assertThat(first.result().get(30, TimeUnit.SECONDS).outcome()).isEqualTo(ChargeOutcome.APPROVED);
        assertThat(ledger()).hasSize(1);
        assertThat(record().providerReference()).isEqualTo(ledger().get(0).reference());
        assertThat(record().attempts()).isEqualTo(2);
        assertThat(moneyKept()).isEqualTo(18_000);
    }

    @Test
    void concurrentDeliveriesOfOneChargeTakeMoneyOnce() throws Exception {
        List<CompletableFuture<ChargeResult>> deliveries = List.of(
                CompletableFuture.supplyAsync(() -> charge("tok_visa")),
                CompletableFuture.supplyAsync(() -> charge("tok_visa")));
        for (CompletableFuture<ChargeResult> delivery : deliveries) {
            assertThat(delivery.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(ChargeOutcome.APPROVED);
        }
        assertThat(ledger()).hasSize(1);
        assertThat(moneyKept()).isEqualTo(18_000);
    }

    // ---- the reconciliation ----------------------------------------------------------------------------------

    @Test
    void reconciliationRefundsAChargeThatArrivedAfterTheRefundConcludedNothingWasTaken() {
        provider.crashOnce(Crash.BEFORE_CHARGE);
        assertThatThrownBy(() -> charge("tok_visa")).isInstanceOf(WorkerCrash.class);
        clock.setOffset(properties.settleAfter().plusSeconds(1));
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.NOTHING_TO_REFUND);
        // the request was on its way after all (a very slow provider), and the worker that sent it is gone
        provider.simulator.charge(chargeKey, orderId, 18_000, "tok_visa");
        assertThat(moneyKept()).isEqualTo(18_000);

        List<PaymentReconciliation.Repair> repairs = reconcile();

        assertThat(repairs).extracting(PaymentReconciliation.Repair::kind).containsExactly(
                PaymentReconciliation.RepairKind.CHARGE_RECORDED, PaymentReconciliation.RepairKind.KEPT_MONEY_REFUNDED);
        assertThat(record().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(moneyKept()).isZero();
        assertThat(reconcile()).as("nothing left to repair").isEmpty();
    }

    @Test
    void reconciliationGivesBackMoneyKeptWhileTheProviderRefusedRefunds() {
        charge("tok_visa");
        provider.refundsUnavailable = true;
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.PROVIDER_UNAVAILABLE);
        provider.refundsUnavailable = false;
        clock.setOffset(properties.settleAfter().plusSeconds(1));

        PaymentReconciliation.Report report = reconciliation.run(true);

        assertThat(report.repairs()).filteredOn(repair -> repair.orderId().equals(orderId))
                .extracting(PaymentReconciliation.Repair::kind)
                .containsExactly(PaymentReconciliation.RepairKind.KEPT_MONEY_REFUNDED);
        assertThat(record().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(moneyKept()).isZero();
        assertThat(meters.counter(PaymentReconciliation.REPAIRS, "kind", "KEPT_MONEY_REFUNDED").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void reconciliationRecordsAChargeAndARefundTheRecordsDidNotKnow() {
        provider.crashOnce(Crash.AFTER_CHARGE);
        assertThatThrownBy(() -> charge("tok_visa")).isInstanceOf(WorkerCrash.class);
        clock.setOffset(properties.settleAfter().plusSeconds(1));

        assertThat(reconcile()).extracting(PaymentReconciliation.Repair::kind)
                .containsExactly(PaymentReconciliation.RepairKind.CHARGE_RECORDED);
        assertThat(record().status()).isEqualTo(PaymentStatus.APPROVED);

        provider.crashOnce(Crash.AFTER_REFUND);
        assertThatThrownBy(this::refund).isInstanceOf(WorkerCrash.class);
        assertThat(reconcile()).extracting(PaymentReconciliation.Repair::kind)
                .containsExactly(PaymentReconciliation.RepairKind.REFUND_RECORDED);
        assertThat(record().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(ledger()).filteredOn(CardProvider.Operation::isRefund).hasSize(1);
    }

    @Test
    void whatTheReconciliationCannotRepairIsAnOpenIncidentUntilItIsGone() {
        charge("tok_visa");
        String charged = record().providerReference();
        db.sql("update payment set provider_reference = 'sim_ch_unknown' where order_id = ?").param(orderId).update();
        double before = meters.get(PaymentReconciliation.INCIDENTS).gauge().value();

        assertThat(reconcile()).isEmpty();

        assertThat(reconciliation.openIncidents()).filteredOn(incident -> incident.orderId().equals(orderId))
                .singleElement().satisfies(incident -> {
                    assertThat(incident.kind()).isEqualTo("CHARGE_UNKNOWN_TO_PROVIDER");
                    assertThat(incident.detail()).contains("sim_ch_unknown");
                });
        assertThat(meters.get(PaymentReconciliation.INCIDENTS).gauge().value()).isEqualTo(before + 1);
        reconcile();
        assertThat(reconciliation.openIncidents()).filteredOn(incident -> incident.orderId().equals(orderId))
                .as("found again, still one incident").hasSize(1);

        db.sql("update payment set provider_reference = ? where order_id = ?").params(charged, orderId).update();
        reconcile();
        assertThat(reconciliation.openIncidents()).noneMatch(incident -> incident.orderId().equals(orderId));
        assertThat(meters.get(PaymentReconciliation.INCIDENTS).gauge().value()).isEqualTo(before);
    }

    @Test
    void reconciliationLeavesAChargeInFlightOfAnOrderThatIsNotCancelledToItsTask() {
        provider.crashOnce(Crash.BEFORE_CHARGE);
        assertThatThrownBy(() -> charge("tok_visa")).isInstanceOf(WorkerCrash.class);
        clock.setOffset(properties.settleAfter().plusSeconds(1));

        assertThat(reconcile()).isEmpty();

        assertThat(unsettled()).isTrue();
        assertThat(charge("tok_visa").outcome()).isEqualTo(ChargeOutcome.APPROVED);
    }

    @Test
    void scheduledRunsCompareASettledPaymentOnceUntilItsRecordChangesOperatorsCompareTheWholeWindow() {
        charge("tok_visa");
        String charged = record().providerReference();
        clock.setOffset(properties.settleAfter().plusSeconds(1));
        assertThat(reconciliation.run(false).ran()).isTrue();
        assertThat(reconciledAt()).as("found in line").isNotNull();
        // the provider no longer knows the recorded charge, and nothing in the record changed
        db.sql("update payment set provider_reference = 'sim_ch_unknown' where order_id = ?").param(orderId).update();

        reconciliation.run(false);
        assertThat(reconciliation.openIncidents()).as("a scheduled run skips what it found clean")
                .noneMatch(incident -> incident.orderId().equals(orderId));

        reconciliation.run(true);
        assertThat(reconciliation.openIncidents()).as("an operator's run compares the whole window")
                .filteredOn(incident -> incident.orderId().equals(orderId))
                .extracting(PaymentReconciliation.Incident::kind).containsExactly("CHARGE_UNKNOWN_TO_PROVIDER");
        assertThat(reconciledAt()).as("not in line: every run compares it again").isNull();

        db.sql("update payment set provider_reference = ? where order_id = ?").params(charged, orderId).update();
        reconciliation.run(false);
        assertThat(reconciliation.openIncidents()).as("a scheduled run found it in line again")
                .noneMatch(incident -> incident.orderId().equals(orderId));
        assertThat(reconciledAt()).isNotNull();

        // any change of the record clears the mark: here the refund of the cancelled order
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.REFUNDED);
        assertThat(reconciledAt()).isNull();
    }

    private Instant reconciledAt() {
        return db.sql("select reconciled_at from payment where order_id = ?").param(orderId)
                .query(Instant.class).optional().orElse(null);
    }

    @Test
    void aScheduledRunGivesWayToARunningOneOnAnotherInstance() {
        db.sql("update reconciliation_lease set holder = 'another-instance', until = now() + interval '1 minute' "
                + "where name = 'payments'").update();
        try {
            assertThat(reconciliation.run(false).ran()).isFalse();
            assertThat(reconciliation.run(true).ran()).as("an operator's run goes ahead").isTrue();
        } finally {
            db.sql("update reconciliation_lease set until = now() where name = 'payments'").update();
        }
    }

    private List<PaymentReconciliation.Repair> reconcile() {
        return reconciliation.reconcile(orderId, clock.instant().minus(properties.settleAfter()));
    }
}
