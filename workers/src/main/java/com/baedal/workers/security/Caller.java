package com.baedal.workers.security;

import com.baedal.process.Role;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, read from the validated JWT: {@code sub}, {@code role}, {@code storeId}, {@code region}. */
public record Caller(String subject, Role role, String storeId, String region) {

    public static final String CLAIM_ROLE = "role";
    public static final String CLAIM_STORE_ID = "storeId";
    public static final String CLAIM_REGION = "region";

    public static Caller from(Jwt jwt) {
        return new Caller(jwt.getSubject(), role(jwt.getClaimAsString(CLAIM_ROLE)),
                jwt.getClaimAsString(CLAIM_STORE_ID), jwt.getClaimAsString(CLAIM_REGION));
    }

    public boolean is(Role expected) {
        return role == expected;
    }

    private static Role role(String claim) {
        if (claim == null) {
            return null;
        }
        try {
            return Role.valueOf(claim);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
