package com.baedal.workers.payment;

import com.baedal.contract.PaymentStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The payment of one order. Rows are created by {@link PaymentRepository#insertIfAbsent} and changed under a row lock,
 * in short transactions that never span a provider call: the intent of a call is committed before it, its answer
 * after it.
 */
@Entity
@Table(name = "payment")
class Payment {

    @Id
    @Column(name = "order_id")
    private String orderId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(nullable = false)
    private long amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PaymentStatus status;

    @Column(nullable = false)
    private boolean cancelled;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "provider_reference")
    private String providerReference;

    @Column(name = "refund_reference")
    private String refundReference;

    @Column(name = "charge_key")
    private String chargeKey;

    @Column(name = "charge_unsettled_since")
    private Instant chargeUnsettledSince;

    @Column(name = "refund_key")
    private String refundKey;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** When the reconciliation last found the record in line with the provider; cleared by every change. */
    @Column(name = "reconciled_at")
    private Instant reconciledAt;

    @Version
    private long version;

    protected Payment() {
        // JPA
    }

    String orderId() {
        return orderId;
    }

    String customerId() {
        return customerId;
    }

    long amount() {
        return amount;
    }

    PaymentStatus status() {
        return status;
    }

    boolean cancelled() {
        return cancelled;
    }

    int attempts() {
        return attempts;
    }

    String providerReference() {
        return providerReference;
    }

    String refundReference() {
        return refundReference;
    }

    String chargeKey() {
        return chargeKey;
    }

    /** A charge request went to the provider (or was about to) and its answer is not recorded. */
    boolean chargeUnsettled() {
        return chargeUnsettledSince != null;
    }

    Instant chargeUnsettledSince() {
        return chargeUnsettledSince;
    }

    /** The intent of a charge call, committed before the call: from now on the provider may hold money. */
    void chargeRequested(String key, Instant now) {
        attempts++;
        chargeKey = key;
        chargeUnsettledSince = now.truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        touch();
    }

    void approved(String reference) {
        status = PaymentStatus.APPROVED;
        providerReference = reference;
        chargeUnsettledSince = null;
        lastError = null;
        touch();
    }

    void declined(String reason) {
        status = PaymentStatus.DECLINED;
        chargeUnsettledSince = null;
        lastError = truncate(reason);
        touch();
    }

    /** The provider has no charge with the key, and no request with it can still arrive there. */
    void notCharged(String reason) {
        chargeUnsettledSince = null;
        lastError = truncate(reason);
        touch();
    }

    /** The intent of a refund call, committed before the call. */
    void refundRequested(String key) {
        refundKey = key;
        touch();
    }

    void providerFailed(String error) {
        lastError = truncate(error);
        touch();
    }

    /** The order was cancelled or rejected: no charge may start from now on. */
    void cancel() {
        cancelled = true;
        touch();
    }

    void refunded(String reference) {
        status = PaymentStatus.REFUNDED;
        refundReference = reference;
        chargeUnsettledSince = null;
        cancelled = true;
        lastError = null;
        touch();
    }

    PaymentSnapshot snapshot() {
        return new PaymentSnapshot(orderId, customerId, amount, status, cancelled, attempts, providerReference,
                updatedAt);
    }

    /**
     * What the reconciliation found: {@code at} when this settled record is in line with the provider's ledger
     * (scheduled runs skip it until it changes again), {@code null} when it is not or not settled yet.
     */
    void reconciled(Instant at) {
        reconciledAt = at;
    }

    /** Settled: nothing in flight at the provider and nothing owed, so a clean comparison stays clean. */
    boolean settled() {
        return status != PaymentStatus.PENDING && !chargeUnsettled()
                && !(cancelled && status == PaymentStatus.APPROVED);
    }

    private void touch() {
        updatedAt = Instant.now();
        reconciledAt = null;
    }

    private static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
