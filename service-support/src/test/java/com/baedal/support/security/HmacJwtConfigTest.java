package com.baedal.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class HmacJwtConfigTest {

    static final String SECRET = "unit-test-secret-which-is-long-enough-for-hs256";

    final JwtDecoder decoder = HmacJwtConfig.decoder(SECRET, RoleClaim.validator());

    static String sign(String secret, String role, Instant expiresAt) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject("c1").issuedAt(expiresAt.minusSeconds(600))
                .expiresAt(expiresAt);
        if (role != null) {
            claims.claim(Caller.CLAIM_ROLE, role);
        }
        return new NimbusJwtEncoder(new ImmutableSecret<>(HmacJwtConfig.secretKey(secret)))
                .encode(JwtEncoderParameters.from(JwsHeader.with(HmacJwtConfig.ALGORITHM).build(), claims.build()))
                .getTokenValue();
    }

    @Test
    void acceptsTokensSignedWithTheSecretAndAKnownRole() {
        Jwt jwt = decoder.decode(sign(SECRET, "OPERATOR", Instant.now().plusSeconds(600)));
        assertThat(jwt.getSubject()).isEqualTo("c1");
        assertThat(jwt.getClaimAsString(Caller.CLAIM_ROLE)).isEqualTo("OPERATOR");
        assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
    }

    @Test
    void rejectsForeignSignaturesAndGarbage() {
        String foreign = sign("another-secret-which-is-long-enough-for-hs256", "OPERATOR",
                Instant.now().plusSeconds(600));
        assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("abc.def.ghi")).isInstanceOf(BadJwtException.class);
    }

    @Test
    void appliesTheDefaultValidatorsAndTheExtraOne() {
        String expired = sign(SECRET, "CUSTOMER", Instant.now().minusSeconds(3600));
        assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class);
        String unknownRole = sign(SECRET, "EMPEROR", Instant.now().plusSeconds(600));
        assertThatThrownBy(() -> decoder.decode(unknownRole)).isInstanceOf(JwtValidationException.class);
        String noRole = sign(SECRET, null, Instant.now().plusSeconds(600));
        assertThatThrownBy(() -> decoder.decode(noRole)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void secretsShorterThan32BytesAreRefused() {
        assertThatThrownBy(() -> HmacJwtConfig.secretKey("0123456789abcdef0123456789abcde"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(HmacJwtConfig.SECRET_PROPERTY);
        assertThat(HmacJwtConfig.secretKey("0123456789abcdef0123456789abcdef").getAlgorithm())
                .isEqualTo("HmacSHA256");
    }
}
