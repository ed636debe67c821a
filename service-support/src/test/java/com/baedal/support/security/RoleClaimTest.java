package com.baedal.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.contract.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class RoleClaimTest {

    final OAuth2TokenValidator<Jwt> validator = RoleClaim.validator();

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "HS256").subject("c1");
    }

    @Test
    void everyRoleIsAccepted() {
        for (Role role : Role.values()) {
            assertThat(validator.validate(token().claim("role", role.name()).build()).hasErrors())
                    .as(role.name()).isFalse();
        }
    }

    @Test
    void missingUnknownOrNonTextRolesAreRejected() {
        assertThat(validator.validate(token().claim("storeId", "s").build()).hasErrors()).isTrue();
        assertThat(validator.validate(token().claim("role", "ROOT").build()).hasErrors()).isTrue();
        assertThat(validator.validate(token().claim("role", "customer").build()).hasErrors()).isTrue();
        assertThat(validator.validate(token().claim("role", List.of("CUSTOMER")).build()).hasErrors()).isTrue();
    }

    @Test
    void theRoleBecomesTheOnlyAuthorityWithRolePrefix() {
        var authentication = RoleClaim.authenticationConverter()
                .convert(token().claim("role", "RIDER").claim("scope", "orders").build());
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_RIDER");
        assertThat(authentication.getName()).isEqualTo("c1");
    }
}
