package com.baedal.contract;

/** Payment statuses of SPEC §4. */
public enum PaymentStatus {
    PENDING, APPROVED, DECLINED, REFUNDED
}
