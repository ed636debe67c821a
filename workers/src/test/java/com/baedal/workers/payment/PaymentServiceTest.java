package com.baedal.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.process.PaymentStatus;
import com.baedal.workers.payment.PaymentService.ChargeOutcome;
import com.baedal.workers.payment.PaymentService.ChargeRequest;
import com.baedal.workers.payment.PaymentService.ChargeResult;
import com.baedal.workers.payment.PaymentService.RefundOutcome;
import com.baedal.workers.payment.PaymentService.RefundRequest;
import com.baedal.workers.support.WorkersTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment rules against the simulated provider on the real PostgreSQL (database workers_it). No test
 * transaction: every service call commits, as in production, so the row locks are real.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles({"local", "it"})
@ContextConfiguration(initializers = WorkersTestDatabase.class)
@Import({PaymentService.class, SimulatedCardProvider.class, PaymentServiceTest.Meters.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class PaymentServiceTest {

    @TestConfiguration
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired PaymentService payments;
    @Autowired SimulatedCardProvider provider;
    @Autowired MeterRegistry meters;

    private final String orderId = "order-" + UUID.randomUUID();
    private final String chargeKey = PaymentService.chargeKey(orderId);
    private final String refundKey = PaymentService.refundKey(orderId);

    private ChargeResult charge(String cardToken) {
        return payments.charge(new ChargeRequest(orderId, "kim", 18_000, cardToken));
    }

    private PaymentService.RefundResult refund() {
        return payments.refund(new RefundRequest(orderId, "kim", 18_000));
    }

    private PaymentSnapshot record() {
        return payments.find(orderId).orElseThrow();
    }

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
        assertThat(provider.moneyMoved(chargeKey)).isTrue();
        assertThat(meters.counter(PaymentService.PROVIDER_CALLS, "operation", "charge", "outcome", "approved")
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRepeatedDeliveryOfAnApprovedChargeDoesNotCallTheProviderAgain() {
        charge("tok_visa");

        ChargeResult again = charge("tok_visa");

        assertThat(again.outcome()).isEqualTo(ChargeOutcome.APPROVED);
        assertThat(provider.calls(chargeKey)).isEqualTo(1);
        assertThat(record().attempts()).isEqualTo(1);
    }

    @Test
    void declinedChargeIsRecordedAndNotRetriedAtTheProvider() {
        ChargeResult result = charge("tok_declined");
        ChargeResult again = charge("tok_declined");

        assertThat(result.outcome()).isEqualTo(ChargeOutcome.DECLINED);
        assertThat(again.outcome()).isEqualTo(ChargeOutcome.DECLINED);
        assertThat(record().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(provider.calls(chargeKey)).isEqualTo(1);
        assertThat(provider.moneyMoved(chargeKey)).isFalse();
    }

    @Test
    void flakyProviderIsRetriedAndChargesOnceOnTheThirdAttempt() {
        assertThat(charge("tok_flaky").outcome()).isEqualTo(ChargeOutcome.PROVIDER_UNAVAILABLE);
        assertThat(record().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(charge("tok_flaky").outcome()).isEqualTo(ChargeOutcome.PROVIDER_UNAVAILABLE);
        assertThat(charge("tok_flaky").outcome()).isEqualTo(ChargeOutcome.APPROVED);

        PaymentSnapshot payment = record();
        assertThat(payment.status()).isEqualTo(PaymentStatus.APPROVED);
        assertThat(payment.attempts()).isEqualTo(3);
        assertThat(provider.moneyMoved(chargeKey)).isTrue();
    }

    @Test
    void unavailableProviderLeavesThePaymentPendingAndCountsTheAttempts() {
        for (int i = 0; i < 3; i++) {
            assertThat(charge("tok_unavailable").outcome()).isEqualTo(ChargeOutcome.PROVIDER_UNAVAILABLE);
        }
        assertThat(record().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(record().attempts()).isEqualTo(3);
        assertThat(provider.moneyMoved(chargeKey)).isFalse();
    }

    @Test
    void refundGivesBackAnApprovedChargeOnceAndMarksTheOrderCancelled() {
        charge("tok_visa");

        assertThat(refund().outcome()).isEqualTo(RefundOutcome.REFUNDED);
        assertThat(refund().outcome()).isEqualTo(RefundOutcome.ALREADY_REFUNDED);

        PaymentSnapshot payment = record();
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.cancelled()).isTrue();
        assertThat(provider.calls(refundKey)).isEqualTo(1);
        assertThat(provider.moneyMoved(refundKey)).isTrue();
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
        assertThat(provider.calls(chargeKey)).isZero();
        assertThat(record().attempts()).isZero();
    }

    @Test
    void refundOfADeclinedChargeHasNothingToGiveBack() {
        charge("tok_declined");

        assertThat(refund().outcome()).isEqualTo(RefundOutcome.NOTHING_TO_REFUND);
        assertThat(record().cancelled()).isTrue();
        assertThat(record().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(provider.calls(refundKey)).isZero();
    }

    @Test
    void refundFindsAChargeTheProviderMadeButTheWorkerNeverRecorded() {
        // attempt 1: the provider is down; attempt 2 charged at the provider, but the worker died before its commit
        assertThat(charge("tok_flaky").outcome()).isEqualTo(ChargeOutcome.PROVIDER_UNAVAILABLE);
        chargeAtTheProviderBehindTheWorkersBack(chargeKey);
        assertThat(record().status()).isEqualTo(PaymentStatus.PENDING);

        assertThat(refund().outcome()).isEqualTo(RefundOutcome.REFUNDED);

        assertThat(record().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(provider.moneyMoved(refundKey)).isTrue();
    }

    @Test
    void concurrentDeliveriesOfOneChargeCallTheProviderOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ChargeResult>> results = List.of(
                    pool.submit(() -> {
                        go.await();
                        return charge("tok_visa");
                    }),
                    pool.submit(() -> {
                        go.await();
                        return charge("tok_visa");
                    }));
            go.countDown();
            for (Future<ChargeResult> result : results) {
                assertThat(result.get().outcome()).isEqualTo(ChargeOutcome.APPROVED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(provider.calls(chargeKey)).isEqualTo(1);
        assertThat(record().attempts()).isEqualTo(1);
    }

    @Test
    void unknownOrderHasNoPayment() {
        assertThat(payments.find("order-" + UUID.randomUUID())).isEmpty();
    }

    /** The provider charges with the order's key (tok_flaky: its second call answers unavailable, third approves). */
    private void chargeAtTheProviderBehindTheWorkersBack(String key) {
        try {
            provider.charge(key, 18_000, "tok_flaky");
        } catch (ProviderUnavailableException expectedSecondCall) {
            // second call of the key: still down
        }
        assertThat(provider.charge(key, 18_000, "tok_flaky")).isInstanceOf(CardProvider.Approved.class);
        assertThat(provider.moneyMoved(key)).isTrue();
    }
}
