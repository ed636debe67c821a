package com.baedal.support.security;

import com.baedal.support.validation.SafeTextValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * What every Baedal token must be, checked by every service and by the gateway (SPEC §5, §7), on top of the
 * signature and the time window the decoders check themselves:
 * <ul>
 *   <li>it carries {@code exp}: a token without one would be valid forever;</li>
 *   <li>it lives at most {@code baedal.security.jwt.max-lifetime} ({@value #MAX_LIFETIME_PROPERTY}, 24 hours by
 *       default): {@code exp - iat}, or {@code exp - now} for a token without {@code iat};</li>
 *   <li>its {@code sub} is 1-{@value #MAX_SUBJECT_LENGTH} characters without control characters (it becomes the
 *       customer or rider id in our records);</li>
 *   <li>its {@code role} is one of ours ({@link RoleClaim}).</li>
 * </ul>
 * A token that breaks a rule is an invalid token: 401.
 */
public final class TokenRules {

    public static final String MAX_LIFETIME_PROPERTY = "baedal.security.jwt.max-lifetime";
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);
    public static final int MAX_SUBJECT_LENGTH = 255;

    private TokenRules() {
    }

    /** {@value #MAX_LIFETIME_PROPERTY} of the environment (an ISO-8601 or {@code 12h} style duration). */
    public static Duration maxLifetime(Environment environment) {
        return Binder.get(environment).bind(MAX_LIFETIME_PROPERTY, Duration.class).orElse(DEFAULT_MAX_LIFETIME);
    }

    /** All rules, with the given maximum lifetime. */
    public static OAuth2TokenValidator<Jwt> validator(Duration maxLifetime) {
        return validator(maxLifetime, Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> validator(Duration maxLifetime, Clock clock) {
        return new DelegatingOAuth2TokenValidator<>(List.of(expiryRequired(), maxLifetime(maxLifetime, clock),
                subject(), RoleClaim.validator()));
    }

    static OAuth2TokenValidator<Jwt> expiryRequired() {
        return jwt -> jwt.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
                : failure("The token has no expiry (exp).");
    }

    static OAuth2TokenValidator<Jwt> maxLifetime(Duration maxLifetime, Clock clock) {
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException(MAX_LIFETIME_PROPERTY + " must be a positive duration");
        }
        return jwt -> {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return OAuth2TokenValidatorResult.success(); // refused by expiryRequired
            }
            Instant from = jwt.getIssuedAt() != null ? jwt.getIssuedAt() : clock.instant();
            return Duration.between(from, expiresAt).compareTo(maxLifetime) <= 0
                    ? OAuth2TokenValidatorResult.success()
                    : failure("The token lives longer than " + maxLifetime + ".");
        };
    }

    static OAuth2TokenValidator<Jwt> subject() {
        return jwt -> {
            Object subject = jwt.getClaims().get(JwtClaimNames.SUB);
            return subject instanceof String value && isValidSubject(value) ? OAuth2TokenValidatorResult.success()
                    : failure("The token's subject (sub) must be 1-" + MAX_SUBJECT_LENGTH
                            + " characters without control characters.");
        };
    }

    /** Whether {@code subject} may name a customer, owner or rider. */
    public static boolean isValidSubject(String subject) {
        return !subject.isBlank() && subject.length() <= MAX_SUBJECT_LENGTH
                && SafeTextValidator.isSafe(subject, false);
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
