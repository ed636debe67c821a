package com.baedal.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimulatedCardProviderTest {

    private final SimulatedCardProvider provider = new SimulatedCardProvider();

    @Test
    void approvesAnOrdinaryCardOnce() {
        CardProvider.ChargeResult result = provider.charge("charge:o1", 18_000, "tok_visa");

        assertThat(result).isInstanceOf(CardProvider.Approved.class);
        assertThat(provider.moneyMoved("charge:o1")).isTrue();
        assertThat(provider.chargesMade()).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyNeverChargesTwice() {
        CardProvider.ChargeResult first = provider.charge("charge:o1", 18_000, "tok_visa");
        CardProvider.ChargeResult second = provider.charge("charge:o1", 18_000, "tok_visa");

        assertThat(second).isEqualTo(first);
        assertThat(provider.calls("charge:o1")).isEqualTo(2);
        assertThat(provider.chargesMade()).isEqualTo(1);
    }

    @Test
    void declinesTokDeclinedWithoutTakingMoney() {
        CardProvider.ChargeResult result = provider.charge("charge:o1", 18_000, SimulatedCardProvider.TOKEN_DECLINED);

        assertThat(result).isInstanceOf(CardProvider.Declined.class);
        assertThat(provider.moneyMoved("charge:o1")).isFalse();
        assertThat(provider.chargesMade()).isZero();
    }

    @Test
    void tokFlakyIsUnavailableTwiceThenApprovesOnce() {
        String key = "charge:o1";
        assertThatThrownBy(() -> provider.charge(key, 18_000, SimulatedCardProvider.TOKEN_FLAKY))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(() -> provider.charge(key, 18_000, SimulatedCardProvider.TOKEN_FLAKY))
                .isInstanceOf(ProviderUnavailableException.class);

        assertThat(provider.charge(key, 18_000, SimulatedCardProvider.TOKEN_FLAKY))
                .isInstanceOf(CardProvider.Approved.class);
        assertThat(provider.charge(key, 18_000, SimulatedCardProvider.TOKEN_FLAKY))
                .isInstanceOf(CardProvider.Approved.class);
        assertThat(provider.calls(key)).isEqualTo(4);
        assertThat(provider.chargesMade()).isEqualTo(1);
    }

    @Test
    void flakinessCountsPerIdempotencyKey() {
        assertThatThrownBy(() -> provider.charge("charge:o1", 1_000, SimulatedCardProvider.TOKEN_FLAKY))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThatThrownBy(() -> provider.charge("charge:o2", 1_000, SimulatedCardProvider.TOKEN_FLAKY))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void tokUnavailableNeverAnswers() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.charge("charge:o1", 1_000, SimulatedCardProvider.TOKEN_UNAVAILABLE))
                    .isInstanceOf(ProviderUnavailableException.class);
        }
        assertThat(provider.moneyMoved("charge:o1")).isFalse();
        assertThat(provider.findApprovedCharge("charge:o1")).isEmpty();
    }

    @Test
    void refundsAChargeOncePerKey() {
        CardProvider.Approved charge = (CardProvider.Approved) provider.charge("charge:o1", 18_000, "tok_visa");

        String first = provider.refund("refund:o1", charge.reference(), 18_000);
        String second = provider.refund("refund:o1", charge.reference(), 18_000);

        assertThat(second).isEqualTo(first);
        assertThat(provider.refundsMade()).isEqualTo(1);
        assertThat(provider.moneyMoved("refund:o1")).isTrue();
    }

    @Test
    void refusesToRefundWhatWasNeverChargedOrMoreThanWasCharged() {
        assertThatThrownBy(() -> provider.refund("refund:o1", "sim_ch_unknown", 1_000))
                .isInstanceOf(IllegalArgumentException.class);
        CardProvider.Approved charge = (CardProvider.Approved) provider.charge("charge:o2", 1_000, "tok_visa");
        assertThatThrownBy(() -> provider.refund("refund:o2", charge.reference(), 2_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(provider.refundsMade()).isZero();
    }

    @Test
    void findsTheApprovedChargeOfAKey() {
        CardProvider.Approved charge = (CardProvider.Approved) provider.charge("charge:o1", 18_000, "tok_visa");

        assertThat(provider.findApprovedCharge("charge:o1")).contains(charge.reference());
        assertThat(provider.findApprovedCharge("charge:unknown")).isEmpty();
    }
}
