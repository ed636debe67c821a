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

/** HS256 tokens signed like the engine's dev tokens (the gateway checks signature and expiry only). */
public final class TestTokens {

    /** The local profile's default secret (application-local.yaml of engine and gateway). */
    public static final String LOCAL_SECRET = "baedal-local-dev-secret-not-for-production-0123456789abcdef";

    private TestTokens() {
    }

    public static String customer(String subject) {
        return sign(LOCAL_SECRET, subject, Instant.now().plusSeconds(3600));
    }

    public static String sign(String secret, String subject, Instant expiresAt) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("baedal-local")
                .subject(subject)
                .issuedAt(expiresAt.minusSeconds(7200))
                .expiresAt(expiresAt)
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
