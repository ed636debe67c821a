package com.baedal.contract;

/** The JWT {@code role} claim values of SPEC §5. */
public enum Role {
    CUSTOMER, STORE_OWNER, RIDER, OPERATOR
}
