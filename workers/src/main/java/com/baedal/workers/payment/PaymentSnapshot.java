package com.baedal.workers.payment;

import com.baedal.contract.PaymentStatus;
import java.time.Instant;

/** A read-only copy of a payment record. */
public record PaymentSnapshot(String orderId, String customerId, long amount, PaymentStatus status,
                              boolean cancelled, int attempts, String providerReference, Instant updatedAt) {
}
