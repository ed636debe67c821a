package com.baedal.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboxSignalTest {

    private final OutboxSignal signal = new OutboxSignal();

    @Test
    void aSignalGivenBeforeTheWaitIsNotLost() throws Exception {
        long seen = signal.current();
        signal.signal(); // a commit while the relay was still busy with its batch
        long start = System.nanoTime();
        signal.awaitAfter(seen, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aSignalWakesAWaitingRelayAtOnce() throws Exception {
        long seen = signal.current();
        CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                signal.awaitAfter(seen, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return System.nanoTime() - start;
        });
        Thread.sleep(100);
        signal.signal();
        assertThat(Duration.ofNanos(woke.get(5, TimeUnit.SECONDS))).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void withoutASignalTheWaitEndsAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        signal.awaitAfter(signal.current(), Duration.ofMillis(150));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
    }
}
