package com.baedal.support.security;

import com.baedal.contract.Role;
import java.util.Arrays;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/** The {@code role} claim of our tokens: which values are accepted and how it becomes an authority. */
public final class RoleClaim {

    public static final String AUTHORITY_PREFIX = "ROLE_";

    private RoleClaim() {
    }

    /** Rejects tokens whose {@code role} claim is missing or not a {@link Role}. */
    public static OAuth2TokenValidator<Jwt> validator() {
        return new JwtClaimValidator<Object>(Caller.CLAIM_ROLE,
                value -> value instanceof String role && Arrays.stream(Role.values())
                        .anyMatch(known -> known.name().equals(role)));
    }

    /** Claim {@code role} becomes the single authority {@code ROLE_<role>}. */
    public static JwtAuthenticationConverter authenticationConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Caller.CLAIM_ROLE);
        authorities.setAuthorityPrefix(AUTHORITY_PREFIX);
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
