package com.baedal.workers.support;

import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baedal.worker.*}: how the fetch loops back off when a fetch fails (engine down, bad credentials). Long
 * polling already waits on the engine for work, so an empty answer needs no pause; a failed fetch waits
 * {@code errorBackoffMs}, doubling per failure up to {@code maxErrorBackoffMs}. The cap is what an engine outage
 * costs after the engine answers again (at most this long until the next fetch): small, a failed fetch is cheap.
 */
@ConfigurationProperties("baedal.worker")
public record WorkerProperties(@DefaultValue("500") long errorBackoffMs,
                               @DefaultValue("2000") long maxErrorBackoffMs) {

    /** A back-off for one fetch loop (it keeps state: one per client). */
    public BackoffStrategy newFetchBackoff() {
        return new ExponentialErrorBackoffStrategy(errorBackoffMs, 2, maxErrorBackoffMs);
    }
}
