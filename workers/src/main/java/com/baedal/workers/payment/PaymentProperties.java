package com.baedal.workers.payment;

import com.baedal.workers.support.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baedal.payment.*}: which card provider to use, how a provider outage is retried (the back-off doubles per
 * failure; after {@code maxRetries} failures the engine raises an incident), how long a charge request may still be
 * on its way to the provider, and the reconciliation with the provider's ledger.
 *
 * @param settleAfter   how long after a charge request the provider may still act on it: a refund that finds no
 *                      charge at the provider waits (re-asking every {@code recheck}) until then, and only after it
 *                      concludes that nothing was charged. Above the provider's own request timeout.
 * @param recheck       how soon a refund waiting for a charge in flight is offered again
 * @param concurrency   payment tasks one instance handles at the same time (its own fetch loop): a slow provider
 *                      call holds up only its own order
 */
@ConfigurationProperties("baedal.payment")
public record PaymentProperties(@DefaultValue("simulated") String provider,
                                @DefaultValue("3") int maxRetries,
                                @DefaultValue("PT2M") Duration retryBackoff,
                                @DefaultValue("PT30S") Duration settleAfter,
                                @DefaultValue("PT1S") Duration recheck,
                                @DefaultValue("8") int concurrency,
                                @DefaultValue Reconciliation reconciliation,
                                @DefaultValue Simulator simulator) {

    /**
     * {@code baedal.payment.reconciliation.*}: the scheduled comparison of the provider's ledger with the payment
     * records ({@link PaymentReconciliation}).
     *
     * @param enabled  runs on a schedule (it can always be run by an operator)
     * @param interval pause between two scheduled runs
     * @param window   payments created this long ago or later are compared with the provider operation by operation
     *                 (unsettled charges and refunds owed are visited whatever their age)
     * @param lease    how long one run keeps the other worker instances from running at the same time
     */
    public record Reconciliation(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("PT1M") Duration interval,
                                 @DefaultValue("P2D") Duration window,
                                 @DefaultValue("PT5M") Duration lease) {
    }

    /** {@code baedal.payment.simulator.*}: the simulated provider's own connection pool to its ledger. */
    public record Simulator(@DefaultValue("4") int poolSize) {
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, retryBackoff);
    }
}
