package com.baedal.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.contract.Role;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    private static Jwt.Builder token(String subject) {
        return Jwt.withTokenValue("t").header("alg", "HS256").subject(subject);
    }

    @Test
    void readsSubjectRoleStoreAndRegionFromTheClaims() {
        Jwt owner = token("owner-1").claim("role", "STORE_OWNER").claim("storeId", "chicken-gangnam").build();
        assertThat(Caller.from(owner)).isEqualTo(new Caller("owner-1", Role.STORE_OWNER, "chicken-gangnam", null));

        Jwt rider = token("rider-1").claim("role", "RIDER").claim("region", "mapo").build();
        assertThat(Caller.from(rider)).isEqualTo(new Caller("rider-1", Role.RIDER, null, "mapo"));
    }

    @Test
    void claimNamesAreTheOnesTheTokensCarry() {
        assertThat(Caller.CLAIM_ROLE).isEqualTo("role");
        assertThat(Caller.CLAIM_STORE_ID).isEqualTo("storeId");
        assertThat(Caller.CLAIM_REGION).isEqualTo("region");
    }

    @Test
    void isComparesTheRole() {
        Caller customer = new Caller("kim", Role.CUSTOMER, null, null);
        assertThat(customer.is(Role.CUSTOMER)).isTrue();
        assertThat(customer.is(Role.OPERATOR)).isFalse();
    }

    @Test
    void aRoleThatIsNoRoleIsRefused() {
        // the decoders never let such a token through (RoleClaim.validator); Caller does not guess either
        assertThatThrownBy(() -> Caller.from(token("x").claim("role", "ROOT").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
