package com.baedal.readmodel.support;

import com.baedal.contract.Role;
import com.baedal.support.security.Caller;
import com.baedal.support.security.HmacJwtConfig;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signs HS256 tokens as the engine's local profile does (same secret as application-local.yaml). */
public final class TestTokens {

    public static final String SECRET = "baedal-local-dev-secret-not-for-production-0123456789abcdef";
    private static final NimbusJwtEncoder ENCODER =
            new NimbusJwtEncoder(new ImmutableSecret<>(HmacJwtConfig.secretKey(SECRET)));

    private TestTokens() {
    }

    public static String customer(String sub) {
        return token(sub, Role.CUSTOMER, null, null);
    }

    public static String owner(String storeId) {
        return token("owner-" + storeId, Role.STORE_OWNER, storeId, null);
    }

    public static String rider(String sub, String region) {
        return token(sub, Role.RIDER, null, region);
    }

    public static String operator() {
        return token("admin", Role.OPERATOR, null, null);
    }

    public static String token(String sub, Role role, String storeId, String region) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer("baedal-local").subject(sub).issuedAt(now)
                .expiresAt(now.plus(1, ChronoUnit.HOURS)).claim(Caller.CLAIM_ROLE, role.name());
        if (storeId != null) {
            claims.claim(Caller.CLAIM_STORE_ID, storeId);
        }
        if (region != null) {
            claims.claim(Caller.CLAIM_REGION, region);
        }
        return ENCODER.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
                JwsHeader.with(HmacJwtConfig.ALGORITHM).build(), claims.build())).getTokenValue();
    }
}
