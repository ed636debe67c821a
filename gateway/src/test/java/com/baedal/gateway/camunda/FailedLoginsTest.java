package com.baedal.gateway.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.gateway.GatewayProperties.LoginLimit;
import com.baedal.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    final MovableClock clock = MovableClock.fixedAt(Instant.parse("2026-12-01T10:00:00Z"));
    final FailedLogins logins = new FailedLogins(new LoginLimit(5, 3, Duration.ofMinutes(5), 1000), clock);

    @Test
    void aKeyIsBlockedFromItsLimitUntilItsWindowEnds() {
        logins.failed("user:kim");
        logins.failed("user:kim");
        assertThat(logins.blockedFor("user:kim", 3)).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        logins.failed("user:kim");
        assertThat(logins.blockedFor("user:kim", 3)).hasValue(Duration.ofMinutes(4));
        assertThat(logins.blockedFor("user:lee", 3)).isEmpty();

        clock.advance(Duration.ofMinutes(4));
        assertThat(logins.blockedFor("user:kim", 3)).isEmpty();
        logins.failed("user:kim"); // a new window
        assertThat(logins.blockedFor("user:kim", 3)).isEmpty();
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        for (int i = 0; i < 3; i++) {
            logins.failed("user:kim");
        }
        logins.forget("user:kim");
        assertThat(logins.blockedFor("user:kim", 3)).isEmpty();
    }
}
