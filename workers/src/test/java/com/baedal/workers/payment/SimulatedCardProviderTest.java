package com.baedal.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.baedal.testsupport.LocalPostgres;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The simulated provider on its ledger in the real PostgreSQL (database workers_sim, migrated like the payments
 * database). Every test uses fresh order ids; "a restart" is a second simulator on the same database.
 */
class SimulatedCardProviderTest {

    private static String url;
    private static SimulatedCardProvider provider;
    private static JdbcClient ledger;

    private final String order = "order-" + UUID.randomUUID();
    private final String chargeKey = PaymentService.chargeKey(order);
    private final String refundKey = PaymentService.refundKey(order);

    @BeforeAll
    static void ledger() {
        url = LocalPostgres.freshDatabase("workers_sim");
        Flyway.configure().dataSource(url, LocalPostgres.USER, "").locations("classpath:db/payments").load()
                .migrate();
        provider = SimulatedCardProvider.connect(url, LocalPostgres.USER, "", 4);
        ledger = JdbcClient.create(new DriverManagerDataSource(url, LocalPostgres.USER, ""));
    }

    @AfterAll
    static void close() throws Exception {
        provider.close();
    }

    @AfterEach
    void noDelay() {
        ledger.sql("delete from card_simulator.setting where name = ?")
                .param(SimulatedCardProvider.SETTING_RESPONSE_DELAY).update();
    }

    /** The response delay as the chaos runner sets it: a row in the provider's own settings. */
    private static void setResponseDelay(Duration delay) {
        ledger.sql("""
                        insert into card_simulator.setting (name, value) values (?, ?)
                        on conflict (name) do update set value = excluded.value""")
                .params(SimulatedCardProvider.SETTING_RESPONSE_DELAY, delay.toString())
                .update();
    }

    private CardProvider.ChargeResult charge(String token) {
        return provider.charge(chargeKey, order, 18_000, token);
    }

    @Test
    void approvesAnOrdinaryCardAndKeepsItInTheLedger() {
        CardProvider.Approved approved = (CardProvider.Approved) charge("tok_visa");

        assertThat(approved.reference()).startsWith("sim_ch_");
        assertThat(provider.find(chargeKey)).hasValueSatisfying(operation -> {
            assertThat(operation.kind()).isEqualTo(CardProvider.Kind.CHARGE);
            assertThat(operation.outcome()).isEqualTo(CardProvider.Outcome.APPROVED);
            assertThat(operation.orderId()).isEqualTo(order);
            assertThat(operation.amount()).isEqualTo(18_000);
            assertThat(operation.reference()).isEqualTo(approved.reference());
        });
        // the shared contract with the chaos runner: one committed row per key
        assertThat(ledger.sql("select kind || ' ' || outcome || ' ' || amount || ' ' || calls "
                + "from card_simulator.operation where order_id = ?").param(order).query(String.class).list())
                .containsExactly("CHARGE APPROVED 18000 1");
    }

    @Test
    void theSameIdempotencyKeyNeverChargesTwiceAlsoAfterARestart() throws Exception {
        CardProvider.ChargeResult first = charge("tok_visa");
        CardProvider.ChargeResult again = charge("tok_visa");
        CardProvider.ChargeResult afterRestart;
        try (SimulatedCardProvider restarted = SimulatedCardProvider.connect(url, LocalPostgres.USER, "", 1)) {
            afterRestart = restarted.charge(chargeKey, order, 18_000, "tok_visa");
        }

        assertThat(again).isEqualTo(first);
        assertThat(afterRestart).isEqualTo(first);
        assertThat(provider.operations(order)).hasSize(1);
        assertThat(provider.calls(chargeKey)).isEqualTo(3);
        assertThat(ledger.sql("select calls from card_simulator.operation where idempotency_key = ?")
                .param(chargeKey).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void racingCallsWithOneKeyChargeOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<CardProvider.ChargeResult> call = () -> {
                go.await();
                return charge("tok_visa");
            };
            List<Future<CardProvider.ChargeResult>> answers = List.of(pool.submit(call), pool.submit(call),
                    pool.submit(call), pool.submit(call));
            go.countDown();
            CardProvider.ChargeResult first = answers.get(0).get();
            for (Future<CardProvider.ChargeResult> answer : answers) {
                assertThat(answer.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(provider.operations(order)).hasSize(1);
    }

    @Test
    void aKeyReusedForAnotherAmountIsRefused() {
        charge("tok_visa");

        assertThatThrownBy(() -> provider.charge(chargeKey, order, 99_000, "tok_visa"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(provider.operations(order)).singleElement()
                .satisfies(operation -> assertThat(operation.amount()).isEqualTo(18_000));
    }

    @Test
    void declinesTokDeclinedWithoutTakingMoney() {
        CardProvider.ChargeResult result = charge(SimulatedCardProvider.TOKEN_DECLINED);

        assertThat(result).isInstanceOf(CardProvider.Declined.class);
        assertThat(provider.find(chargeKey)).hasValueSatisfying(operation -> {
            assertThat(operation.outcome()).isEqualTo(CardProvider.Outcome.DECLINED);
            assertThat(operation.reference()).isNull();
        });
    }

    @Test
    void tokFlakyIsUnavailableTwiceThenApprovesOnceEvenAcrossARestart() throws Exception {
        assertThatThrownBy(() -> charge(SimulatedCardProvider.TOKEN_FLAKY))
                .isInstanceOf(ProviderUnavailableException.class);
        try (SimulatedCardProvider restarted = SimulatedCardProvider.connect(url, LocalPostgres.USER, "", 1)) {
            // the outages are counted in the ledger: a restart does not make the card flaky again
            assertThatThrownBy(() -> restarted.charge(chargeKey, order, 18_000, SimulatedCardProvider.TOKEN_FLAKY))
                    .isInstanceOf(ProviderUnavailableException.class);
            assertThat(restarted.charge(chargeKey, order, 18_000, SimulatedCardProvider.TOKEN_FLAKY))
                    .isInstanceOf(CardProvider.Approved.class);
        }
        assertThat(charge(SimulatedCardProvider.TOKEN_FLAKY)).isInstanceOf(CardProvider.Approved.class);
        assertThat(provider.calls(chargeKey)).isEqualTo(4);
        assertThat(provider.operations(order)).hasSize(1);
        assertThat(provider.find(chargeKey)).isPresent();
    }

    @Test
    void flakinessCountsPerIdempotencyKey() {
        assertThatThrownBy(() -> charge(SimulatedCardProvider.TOKEN_FLAKY))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(() -> provider.charge("charge:other-" + order, "other-" + order, 1_000,
                SimulatedCardProvider.TOKEN_FLAKY)).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void tokUnavailableNeverAnswersAndLeavesNoOperation() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> charge(SimulatedCardProvider.TOKEN_UNAVAILABLE))
                    .isInstanceOf(ProviderUnavailableException.class);
        }
        assertThat(provider.find(chargeKey)).isEmpty();
        assertThat(provider.calls(chargeKey)).isEqualTo(3);
    }

    @Test
    void refundsAChargeOncePerKeyAndListsBothForTheOrder() {
        CardProvider.Approved charge = (CardProvider.Approved) charge("tok_visa");

        String first = provider.refund(refundKey, order, charge.reference(), 18_000);
        String second = provider.refund(refundKey, order, charge.reference(), 18_000);

        assertThat(second).isEqualTo(first).startsWith("sim_re_");
        assertThat(provider.operations(order)).extracting(CardProvider.Operation::kind)
                .containsExactly(CardProvider.Kind.CHARGE, CardProvider.Kind.REFUND);
        assertThat(provider.find(refundKey)).hasValueSatisfying(refund -> {
            assertThat(refund.outcome()).isEqualTo(CardProvider.Outcome.REFUNDED);
            assertThat(refund.chargeReference()).isEqualTo(charge.reference());
            assertThat(refund.amount()).isEqualTo(18_000);
        });
    }

    @Test
    void refusesToRefundWhatWasNeverChargedMoreThanWasChargedOrTwice() {
        assertThatThrownBy(() -> provider.refund(refundKey, order, "sim_ch_unknown", 1_000))
                .isInstanceOf(IllegalArgumentException.class);
        CardProvider.Approved charge = (CardProvider.Approved) charge("tok_visa");
        assertThatThrownBy(() -> provider.refund(refundKey, order, charge.reference(), 20_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.refund(refundKey, "another-order", charge.reference(), 1_000))
                .isInstanceOf(IllegalArgumentException.class);

        provider.refund(refundKey, order, charge.reference(), 18_000);
        assertThatThrownBy(() -> provider.refund("refund:again-" + order, order, charge.reference(), 18_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already refunded");
        assertThat(provider.operations(order)).filteredOn(CardProvider.Operation::isRefund).hasSize(1);
    }

    @Test
    void theResponseDelayComesAfterTheOperationIsCommitted() throws Exception {
        setResponseDelay(Duration.ofMinutes(1));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<CardProvider.ChargeResult> answer = caller.submit(() -> charge("tok_visa"));

            // the money is taken while the caller still waits for the answer: what a crash in that window leaves
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> provider.find(chargeKey).isPresent());
            assertThat(answer).isNotDone();
            caller.shutdownNow(); // the caller gives up: the answer is lost, the charge stays
            assertThatThrownBy(answer::get).hasCauseInstanceOf(ProviderUnavailableException.class);
        } finally {
            caller.shutdownNow();
        }
        assertThat(provider.find(chargeKey)).hasValueSatisfying(CardProvider.Operation::isApprovedCharge);
    }

    @Test
    void theResponseDelayIsASettingReadOnEveryCall() {
        ledger.sql("insert into card_simulator.setting values ('response-delay', 'PT0.2S') "
                + "on conflict (name) do update set value = excluded.value").update();
        long started = System.nanoTime();
        charge("tok_visa");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        ledger.sql("update card_simulator.setting set value = 'not a duration' where name = 'response-delay'")
                .update();
        assertThat(provider.charge("charge:second-" + order, "second-" + order, 1_000, "tok_visa"))
                .isInstanceOf(CardProvider.Approved.class);
    }
}
