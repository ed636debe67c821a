package com.baedal.contract;

import java.util.EnumSet;
import java.util.Set;

/** Order statuses of SPEC §4, in process order. */
public enum OrderStatus {
    PLACED, PAID, PAYMENT_FAILED, ACCEPTED, REJECTED, COOKING, READY_FOR_PICKUP, PICKED_UP, DELIVERED, CANCELLED;

    private static final Set<OrderStatus> FINAL = EnumSet.of(DELIVERED, REJECTED, CANCELLED, PAYMENT_FAILED);

    /** True when no further status can follow. */
    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
