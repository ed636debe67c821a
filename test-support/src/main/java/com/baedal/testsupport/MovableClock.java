package com.baedal.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * A UTC clock a test moves forward instead of waiting: time-based rules (a window, a settle period) are then tested
 * without sleeping. Either stands still at a start ({@link #fixedAt}) or runs with the system clock ({@link #system}),
 * each plus the offset the test set.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
public final class MovableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    /** Stands at {@code start} until the test moves it. */
    public static MovableClock fixedAt(Instant start) {
        return new MovableClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** Runs with the system clock, as code that measures elapsed time between real events needs. */
    public static MovableClock system() {
        return new MovableClock(Clock.systemUTC());
    }

    /** Moves the clock forward by {@code duration} from where it stands. */
    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Sets how far ahead of its base the clock stands ({@link Duration#ZERO} puts it back). */
    public void setOffset(Duration offset) {
        this.offset = offset;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
