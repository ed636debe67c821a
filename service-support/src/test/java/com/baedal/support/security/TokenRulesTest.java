package com.baedal.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    final OAuth2TokenValidator<Jwt> rules = TokenRules.validator(Duration.ofHours(12),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "HS256").subject("kim").claim("role", "CUSTOMER")
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofHours(1)));
    }

    private OAuth2TokenValidatorResult check(Jwt jwt) {
        return rules.validate(jwt);
    }

    @Test
    void anOrdinaryTokenPasses() {
        assertThat(check(token().build()).hasErrors()).isFalse();
        assertThat(check(token().subject("s".repeat(255)).expiresAt(NOW.plus(Duration.ofHours(12))).build())
                .hasErrors()).isFalse();
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Jwt forever = Jwt.withTokenValue("t").header("alg", "HS256").subject("kim").claim("role", "CUSTOMER")
                .issuedAt(NOW).build();
        OAuth2TokenValidatorResult result = check(forever);
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.getErrors()).anySatisfy(error -> {
            assertThat(error.getErrorCode()).isEqualTo("invalid_token");
            assertThat(error.getDescription()).contains("exp");
        });
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefused() {
        assertThat(check(token().expiresAt(NOW.plus(Duration.ofHours(12)).plusSeconds(1)).build()).hasErrors())
                .isTrue();
        // without iat the rest of its life counts
        Jwt noIat = Jwt.withTokenValue("t").header("alg", "HS256").subject("kim").claim("role", "CUSTOMER")
                .expiresAt(NOW.plus(Duration.ofDays(365))).build();
        assertThat(check(noIat).hasErrors()).isTrue();
    }

    @Test
    void subjectsThatCannotNameAPersonAreRefused() {
        assertThat(check(token().subject("s".repeat(256)).build()).hasErrors()).isTrue();
        assertThat(check(token().subject("kim\u0000").build()).hasErrors()).isTrue();
        assertThat(check(token().subject("kim\nlee").build()).hasErrors()).isTrue();
        assertThat(check(token().subject(" ").build()).hasErrors()).isTrue();
        assertThat(check(token().claims(claims -> claims.remove("sub")).build()).hasErrors()).isTrue();
        assertThat(check(token().claim("sub", 42).build()).hasErrors()).isTrue();
    }

    @Test
    void anUnknownRoleIsRefused() {
        assertThat(check(token().claim("role", "ROOT").build()).hasErrors()).isTrue();
    }

    @Test
    void theMaximumLifetimeComesFromConfiguration() {
        assertThat(TokenRules.maxLifetime(new MockEnvironment())).isEqualTo(TokenRules.DEFAULT_MAX_LIFETIME);
        assertThat(TokenRules.maxLifetime(new MockEnvironment()
                .withProperty(TokenRules.MAX_LIFETIME_PROPERTY, "PT15M"))).isEqualTo(Duration.ofMinutes(15));
        assertThat(TokenRules.maxLifetime(new MockEnvironment()
                .withProperty(TokenRules.MAX_LIFETIME_PROPERTY, "2h"))).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> TokenRules.validator(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
