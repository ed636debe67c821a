package com.baedal.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.engine.security.DevTokenIssuer.DevTokenRequest;
import com.baedal.support.web.FieldMessage;
import com.baedal.support.web.ApiProblem;
import com.baedal.support.web.Problems;
import com.baedal.contract.Role;
import com.baedal.support.security.Caller;
import com.baedal.support.security.HmacJwtConfig;
import com.baedal.support.security.RoleClaim;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class DevTokenIssuerTest {

    static final String SECRET = "unit-test-secret-which-is-long-enough-for-hs256";

    final DevTokenIssuer issuer = new DevTokenIssuer(SECRET);
    final JwtDecoder decoder = HmacJwtConfig.decoder(SECRET, RoleClaim.validator());

    @Test
    void riderTokenCarriesRegionAndExpiresIn12Hours() {
        Jwt jwt = decoder.decode(issuer.issue(new DevTokenRequest("rider-mapo-1", "RIDER", null, "mapo")));
        assertThat(Caller.from(jwt)).isEqualTo(new Caller("rider-mapo-1", Role.RIDER, null, "mapo"));
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(DevTokenIssuer.VALIDITY);
        assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
    }

    @Test
    void rejectsInvalidRequestsWithFieldErrors() {
        assertThat(errors(new DevTokenRequest(null, null, null, null)))
                .extracting(FieldMessage::field).containsExactlyInAnyOrder("sub", "role");
        assertThat(errors(new DevTokenRequest("x", "ADMIN", null, null)))
                .extracting(FieldMessage::field).containsExactly("role");
        assertThat(errors(new DevTokenRequest("x", "STORE_OWNER", " ", null)))
                .extracting(FieldMessage::field).containsExactly("storeId");
        assertThat(errors(new DevTokenRequest("x", "RIDER", null, "")))
                .extracting(FieldMessage::field).containsExactly("region");
    }

    @Test
    void refusesSubjectsAndClaimsNoTokenMayCarry() {
        assertThat(errors(new DevTokenRequest("x".repeat(256), "CUSTOMER", null, null)))
                .extracting(FieldMessage::field).containsExactly("sub");
        assertThat(errors(new DevTokenRequest("a\u0000b", "CUSTOMER", null, null)))
                .extracting(FieldMessage::field).containsExactly("sub");
        assertThat(errors(new DevTokenRequest("o", "STORE_OWNER", "store\u0007", null)))
                .extracting(FieldMessage::field).containsExactly("storeId");
        assertThat(errors(new DevTokenRequest("r", "RIDER", null, "g".repeat(65))))
                .extracting(FieldMessage::field).containsExactly("region");
        // the longest subject SPEC §7 allows gets its token
        assertThat(decoder.decode(issuer.issue(new DevTokenRequest("x".repeat(255), "CUSTOMER", null, null)))
                .getSubject()).hasSize(255);
    }

    @Test
    void decoderRejectsForeignSignaturesAndUnknownRoles() {
        String foreign = new DevTokenIssuer("another-secret-which-is-long-enough-for-hs256")
                .issue("c1", Role.CUSTOMER, null, null);
        assertThatThrownBy(() -> decoder.decode(foreign)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("abc.def.ghi")).isInstanceOf(BadJwtException.class);
        // a role claim that is no Role is refused by the validator
        var roleValidator = RoleClaim.validator();
        Jwt bad = Jwt.withTokenValue("t").header("alg", "HS256").subject("c1").claim("role", "ROOT").build();
        assertThat(roleValidator.validate(bad).hasErrors()).isTrue();
        Jwt good = Jwt.withTokenValue("t").header("alg", "HS256").subject("c1").claim("role", "CUSTOMER").build();
        assertThat(roleValidator.validate(good).hasErrors()).isFalse();
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new DevTokenIssuer("short")).isInstanceOf(IllegalStateException.class);
    }

    @SuppressWarnings("unchecked")
    private List<FieldMessage> errors(DevTokenRequest request) {
        try {
            issuer.issue(request);
        } catch (ApiProblem e) {
            assertThat(e.getStatusCode().value()).isEqualTo(400);
            return (List<FieldMessage>) e.getBody().getProperties().get(Problems.ERRORS_PROPERTY);
        }
        throw new AssertionError("no validation error for " + request);
    }
}
