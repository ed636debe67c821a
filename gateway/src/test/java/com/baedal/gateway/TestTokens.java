package com.baedal.gateway;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** HS256 tokens signed like the engine's dev tokens. */
public final class TestTokens {

    /** The local profile's default secret (application-local.yaml of engine and gateway). */
    public static final String LOCAL_SECRET = "baedal-local-dev-secret-not-for-production-0123456789abcdef";

    private TestTokens() {
    }

    public static String customer(String subject) {
        return sign(LOCAL_SECRET, subject, Instant.now().plusSeconds(3600));
    }

    public static String sign(String secret, String subject, Instant expiresAt) {
        return sign(secret, JwtClaimsSet.builder()
                .issuer("baedal-local")
                .subject(subject)
                .claim("role", "CUSTOMER")
                .issuedAt(expiresAt.minusSeconds(7200))
                .expiresAt(expiresAt)
                .build());
    }

    public static String sign(String secret, JwtClaimsSet claims) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
