package com.baedal.support.security;

import com.baedal.contract.Role;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling the API, read from the validated JWT: {@code sub}, {@code role}, and {@code storeId} for store
 * owners or {@code region} for riders. Every token the decoders accept has a known role (see {@link RoleClaim}).
 */
public record Caller(String subject, Role role, String storeId, String region) {

    public static final String CLAIM_ROLE = "role";
    public static final String CLAIM_STORE_ID = "storeId";
    public static final String CLAIM_REGION = "region";

    public static Caller from(Jwt jwt) {
        return new Caller(jwt.getSubject(), Role.valueOf(jwt.getClaimAsString(CLAIM_ROLE)),
                jwt.getClaimAsString(CLAIM_STORE_ID), jwt.getClaimAsString(CLAIM_REGION));
    }

    public boolean is(Role expected) {
        return role == expected;
    }
}
