package com.baedal.gateway.camunda;

import com.baedal.gateway.GatewayProperties.LoginLimit;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed logins per key (a client address, a user name) in a fixed window that starts with the first
 * failure; once a key reached its limit, {@link #blockedFor} says how long it must wait. In memory, per gateway
 * instance: with N instances an attacker gets at most N times the limit, still far below what guessing needs. Caffeine
 * bounds the memory an address-spraying attacker can make us use.
 */
public class FailedLogins {

    private record Window(Instant start, int failures) {
    }

    private final Cache<String, Window> windows;
    private final Duration window;
    private final Clock clock;

    public FailedLogins(LoginLimit limit, Clock clock) {
        this.window = limit.window();
        this.clock = clock;
        this.windows = Caffeine.newBuilder().expireAfterWrite(limit.window()).maximumSize(limit.maxTracked()).build();
    }

    public void failed(String key) {
        Instant now = clock.instant();
        windows.asMap().compute(key, (k, current) -> current == null || expired(current, now)
                ? new Window(now, 1) : new Window(current.start(), current.failures() + 1));
    }

    public void forget(String key) {
        windows.invalidate(key);
    }

    /** How long {@code key} must wait when it has {@code limit} failures or more in its window. */
    public Optional<Duration> blockedFor(String key, int limit) {
        Window current = windows.getIfPresent(key);
        Instant now = clock.instant();
        if (current == null || expired(current, now) || current.failures() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.start().plus(window)));
    }

    private boolean expired(Window current, Instant now) {
        return !now.isBefore(current.start().plus(window));
    }
}
