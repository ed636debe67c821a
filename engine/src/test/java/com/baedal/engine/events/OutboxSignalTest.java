package com.baedal.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboxSignalTest {

    /** Far longer than any wait here may take: a wait that returns true came back because of the signal. */
    private static final Duration LONG = Duration.ofMinutes(5);

    private final OutboxSignal signal = new OutboxSignal();

    @Test
    void aSignalGivenBeforeTheWaitIsNotLost() throws Exception {
        long seen = signal.current();
        signal.signal(); // a commit while the relay was still busy with its batch
        assertThat(signal.awaitAfter(seen, LONG)).isTrue();
    }

    @Test
    void aSignalWakesAWaitingRelay() throws Exception {
        long seen = signal.current();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> {
            try {
                waiting.countDown();
                return signal.awaitAfter(seen, LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(waiting.await(1, TimeUnit.MINUTES)).isTrue();
        signal.signal(); // before or during the wait: either way it must end it
        assertThat(woke.get(1, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void withoutASignalTheWaitEndsAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        assertThat(signal.awaitAfter(signal.current(), Duration.ofMillis(150))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
    }
}
