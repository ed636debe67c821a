package com.baedal.workers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1));

    @Test
    void firstFailureStartsFromTheConfiguredMaximumAndWaitsTheBaseBackoff() {
        RetryPolicy.Decision decision = policy.next(null);

        assertThat(decision.retriesLeft()).isEqualTo(2);
        assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(decision.incident()).isFalse();
    }

    @Test
    void everyFurtherFailureTakesOneRetryOffAndDoublesTheBackoff() {
        RetryPolicy.Decision second = policy.next(2);

        assertThat(second.retriesLeft()).isEqualTo(1);
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void lastRetryFailingRaisesAnIncident() {
        RetryPolicy.Decision last = policy.next(1);

        assertThat(last.retriesLeft()).isZero();
        assertThat(last.incident()).isTrue();
        assertThat(last.delay()).isZero();
    }

    @Test
    void threeFailuresInARowEndInAnIncident() {
        Integer retries = null;
        int failures = 0;
        RetryPolicy.Decision decision;
        do {
            decision = policy.next(retries);
            retries = decision.retriesLeft();
            failures++;
        } while (!decision.incident());

        assertThat(failures).isEqualTo(3);
    }

    @Test
    void retriesResetByAnOperatorInCockpitAreCountedDownAgain() {
        // an operator retries the incident with 1 retry: the next failure raises the incident again at once
        assertThat(policy.next(1).incident()).isTrue();
        // ... or with 5: counted down from there, the back-off stays at the base for retries above the maximum
        RetryPolicy.Decision decision = policy.next(5);
        assertThat(decision.retriesLeft()).isEqualTo(4);
        assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejectsNonsenseConfiguration() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
