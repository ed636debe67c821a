package com.baedal.engine.security;

import com.baedal.contract.Role;
import com.baedal.support.security.Caller;
import com.baedal.support.security.HmacJwtConfig;
import com.baedal.support.security.TokenRules;
import com.baedal.support.validation.SafeTextValidator;
import com.baedal.support.web.ApiProblem;
import com.baedal.support.web.FieldMessage;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Signs development tokens with the local HS256 secret (local profile only). Used by
 * {@code POST /api/dev/tokens} and directly by tests.
 */
@Component
@Profile(SecurityConfig.LOCAL_PROFILE)
public class DevTokenIssuer {

    public static final Duration VALIDITY = Duration.ofHours(12);
    static final String ISSUER = "baedal-local";
    static final int MAX_CLAIM_LENGTH = 64;

    private final JwtEncoder encoder;
    private final Clock clock;

    public DevTokenIssuer(@Value("${" + HmacJwtConfig.SECRET_PROPERTY + "}") String secret) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(HmacJwtConfig.secretKey(secret)));
        this.clock = Clock.systemUTC();
    }

    /** Validates the request (400 problem with field errors) and returns a signed token. */
    public String issue(DevTokenRequest request) {
        List<FieldMessage> errors = new ArrayList<>();
        if (!StringUtils.hasText(request.sub())) {
            errors.add(new FieldMessage("sub", "must not be blank"));
        } else if (!TokenRules.isValidSubject(request.sub())) {
            errors.add(new FieldMessage("sub", "must be at most " + TokenRules.MAX_SUBJECT_LENGTH
                    + " characters without control characters"));
        }
        checkClaim(errors, "storeId", request.storeId());
        checkClaim(errors, "region", request.region());
        Role role = null;
        if (!StringUtils.hasText(request.role())) {
            errors.add(new FieldMessage("role", "must not be blank"));
        } else {
            role = Arrays.stream(Role.values()).filter(r -> r.name().equals(request.role())).findFirst().orElse(null);
            if (role == null) {
                errors.add(new FieldMessage("role", "must be one of " + Arrays.toString(Role.values())));
            }
        }
        if (role == Role.STORE_OWNER && !StringUtils.hasText(request.storeId())) {
            errors.add(new FieldMessage("storeId", "is required for STORE_OWNER"));
        }
        if (role == Role.RIDER && !StringUtils.hasText(request.region())) {
            errors.add(new FieldMessage("region", "is required for RIDER"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return issue(request.sub(), role, request.storeId(), request.region());
    }

    /** Store ids and regions are catalog ids: short, printable. */
    private static void checkClaim(List<FieldMessage> errors, String field, String value) {
        if (value != null && (value.length() > MAX_CLAIM_LENGTH || !SafeTextValidator.isSafe(value, false))) {
            errors.add(new FieldMessage(field, "must be at most " + MAX_CLAIM_LENGTH
                    + " characters without control characters"));
        }
    }

    /** Signs a token without request validation (tests). */
    public String issue(String subject, Role role, String storeId, String region) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(VALIDITY))
                .claim(Caller.CLAIM_ROLE, role.name());
        if (StringUtils.hasText(storeId)) {
            claims.claim(Caller.CLAIM_STORE_ID, storeId);
        }
        if (StringUtils.hasText(region)) {
            claims.claim(Caller.CLAIM_REGION, region);
        }
        JwsHeader header = JwsHeader.with(HmacJwtConfig.ALGORITHM).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    /** Body of {@code POST /api/dev/tokens}; role is a string so that an unknown role is a field error. */
    public record DevTokenRequest(String sub, String role, String storeId, String region) {
    }

    public record DevTokenResponse(String token) {
    }
}
