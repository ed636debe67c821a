package com.baedal.workers.payment;

import com.baedal.contract.PaymentStatus;
import com.baedal.support.OrderLogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the provider's ledger with the payment records, repairs what it can and reports the rest. Run on a
 * schedule ({@code baedal.payment.reconciliation.*}) and by operators ({@code POST /api/payments/reconciliations}).
 * <p>
 * It visits every payment whose charge is unsettled (older than {@code settle-after}), every cancelled order whose
 * charge is still kept, and the settled payments created within the window, and asks the provider what it did for
 * the order. A settled payment found in line is marked so ({@code reconciled_at}) and scheduled runs skip it until
 * its record changes again: each run costs what happened since the last one, not the whole window (it used to ask
 * the provider about every payment of the last two days, every minute). An operator's run compares the whole
 * window. Repairs, each under the record's row lock: a charge the record does not know is recorded (and given
 * back when the order was cancelled); a declined answer is recorded; an unsettled charge of a cancelled order that
 * the provider never received is closed; money kept for a cancelled order is refunded; a refund the record does
 * not know is recorded. Everything else (two charges for one order, a recorded charge or refund the provider does
 * not know, a provider contradicting a declined record, a refund the provider refuses, money given back for an order
 * that was not cancelled) becomes an open incident of the payments service.
 * <p>
 * Why incidents live here and not in the engine: the workers may talk to the engine only through the external-task
 * API, which raises an incident only for a task the worker holds (a failure with no retries left). The charge and
 * refund tasks do that for what they meet themselves; a mismatch found later belongs to an order whose payment
 * tasks are long done. So an incident here is a row in {@code payment_incident} (open until a run no longer finds
 * the problem), an ERROR log line with the order id, the gauge {@value #INCIDENTS} to alert on, and the list in the
 * operators' answer.
 */
@Service
public class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    private static final int PAGE = 200;
    private static final String LEASE = "payments";

    public static final String INCIDENTS = "baedal.payment.reconciliation.incidents";
    public static final String REPAIRS = "baedal.payment.reconciliation.repairs";
    public static final String RUNS = "baedal.payment.reconciliation.runs";
    public static final String ORDER_FAILURES = "baedal.payment.reconciliation.order.failures";

    public enum RepairKind {
        /** The provider holds a charge the record did not know (the worker died before recording it). */
        CHARGE_RECORDED,
        /** The provider declined a charge whose answer was never recorded. */
        DECLINE_RECORDED,
        /** A cancelled order's charge request never reached the provider: nothing to give back. */
        NOT_CHARGED_RECORDED,
        /** Money kept for a cancelled or rejected order was given back. */
        KEPT_MONEY_REFUNDED,
        /** The provider gave the money back but the record did not know. */
        REFUND_RECORDED
    }

    public enum IncidentKind {
        /** The provider holds more than one approved charge for the order. */
        MORE_THAN_ONE_CHARGE,
        /** The provider holds an approved charge under a key the record does not know. */
        CHARGE_UNKNOWN_TO_RECORD,
        /** The record holds a charge the provider does not know. */
        CHARGE_UNKNOWN_TO_PROVIDER,
        /** The record holds a refund the provider does not know. */
        REFUND_UNKNOWN_TO_PROVIDER,
        /** The record says declined, the provider says approved. */
        PROVIDER_CONTRADICTS_RECORD,
        /** Money is kept for a cancelled order and the provider refused to give it back. */
        REFUND_REFUSED,
        /** The provider gave the money back but the order was not cancelled. */
        REFUNDED_BUT_NOT_CANCELLED
    }

    public record Repair(String orderId, RepairKind kind, String detail) {
    }

    public record Incident(String orderId, String kind, String detail, Instant detectedAt) {
    }

    /**
     * @param ran false when another instance held the lease (a scheduled run only)
     */
    public record Report(Instant startedAt, Instant finishedAt, boolean ran, int checked, List<Repair> repairs,
                         List<Incident> openIncidents) {
    }

    private record Finding(IncidentKind kind, String detail) {
    }

    private final PaymentRepository payments;
    private final PaymentService service;
    private final CardProvider provider;
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final PaymentProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String holder = "workers-" + UUID.randomUUID();

    public PaymentReconciliation(PaymentRepository payments, PaymentService service, CardProvider provider,
                                 JdbcClient db, TransactionTemplate transactions,
                                 PaymentProperties properties, Clock clock, MeterRegistry meters) {
        this.payments = payments;
        this.service = service;
        this.provider = provider;
        this.db = db;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder(INCIDENTS, this, PaymentReconciliation::openIncidentCount)
                .description("Open payment incidents: what the reconciliation found and could not repair")
                .register(meters);
    }

    /**
     * One pass over the payments.
     *
     * @param force run even while another instance holds the lease (operators: repairs are idempotent anyway)
     */
    public Report run(boolean force) {
        Instant startedAt = clock.instant();
        if (!takeLease() && !force) {
            count(RUNS, "outcome", "skipped");
            return new Report(startedAt, clock.instant(), false, 0, List.of(), openIncidents());
        }
        List<Repair> repairs = new ArrayList<>();
        int checked = 0;
        try {
            Instant settledBefore = startedAt.minus(properties.settleAfter());
            Instant windowStart = startedAt.minus(properties.reconciliation().window());
            Cursor cursor = new Cursor(Instant.EPOCH, "");
            List<Cursor> page;
            do {
                page = nextPage(cursor, settledBefore, windowStart, force);
                for (Cursor payment : page) {
                    checked++;
                    try (OrderLogContext.Scope ignored = OrderLogContext.open(payment.orderId())) {
                        repairs.addAll(reconcile(payment.orderId(), settledBefore));
                    } catch (ProviderUnavailableException unavailable) {
                        throw unavailable; // no point asking about the next order
                    } catch (RuntimeException failed) {
                        // one order's trouble (a contradiction, the database) does not stop the others
                        log.warn("Reconciliation of order {} failed", payment.orderId(), failed);
                        Counter.builder(ORDER_FAILURES).register(meters).increment();
                    }
                }
                cursor = page.isEmpty() ? cursor : page.get(page.size() - 1);
            } while (page.size() == PAGE);
            count(RUNS, "outcome", "completed");
        } catch (ProviderUnavailableException unavailable) {
            log.warn("Reconciliation stopped after {} payments: the card provider is unavailable ({})", checked,
                    unavailable.getMessage());
            count(RUNS, "outcome", "provider-unavailable");
        } finally {
            releaseLease();
        }
        Report report = new Report(startedAt, clock.instant(), true, checked, List.copyOf(repairs), openIncidents());
        log.info("Reconciliation: {} payments checked, {} repaired, {} open incidents", checked, repairs.size(),
                report.openIncidents().size());
        return report;
    }

    /** Brings one order's payment record in line with the provider's ledger. */
    List<Repair> reconcile(String orderId, Instant settledBefore) {
        List<CardProvider.Operation> operations = provider.operations(orderId);
        List<Repair> repairs = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        record Owed(String chargeReference, long amount) {
        }
        Owed owed = inTransaction(() -> {
            Optional<Payment> found = payments.lockByOrderId(orderId);
            if (found.isEmpty()) {
                return null;
            }
            Payment payment = found.get();
            compareCharges(payment, operations, settledBefore, repairs, findings);
            compareRefunds(payment, operations, repairs, findings);
            if (payment.cancelled() && payment.status() == PaymentStatus.APPROVED) {
                payment.refundRequested(PaymentService.refundKey(orderId));
                return new Owed(payment.providerReference(), payment.amount());
            }
            // in line: scheduled runs skip it until it changes; not in line: every run compares it again
            payment.reconciled(findings.isEmpty() && payment.settled() ? clock.instant() : null);
            return null;
        });
        if (owed != null) {
            try {
                PaymentService.RefundResult refund = service.giveBack(orderId, owed.chargeReference(), owed.amount());
                if (refund.outcome() == PaymentService.RefundOutcome.REFUNDED) {
                    repairs.add(new Repair(orderId, RepairKind.KEPT_MONEY_REFUNDED, "refund " + refund.detail()));
                }
            } catch (IllegalArgumentException refused) {
                findings.add(new Finding(IncidentKind.REFUND_REFUSED, refused.getMessage()));
            }
        }
        repairs.forEach(repair -> {
            log.warn("Reconciliation repaired order {}: {} ({})", orderId, repair.kind(), repair.detail());
            count(REPAIRS, "kind", repair.kind().name());
        });
        recordFindings(orderId, findings);
        return repairs;
    }

    private void compareCharges(Payment payment, List<CardProvider.Operation> operations, Instant settledBefore,
                                List<Repair> repairs, List<Finding> findings) {
        String orderId = payment.orderId();
        String key = payment.chargeKey() != null ? payment.chargeKey() : PaymentService.chargeKey(orderId);
        List<CardProvider.Operation> approved = operations.stream()
                .filter(CardProvider.Operation::isApprovedCharge).toList();
        if (approved.size() > 1) {
            findings.add(new Finding(IncidentKind.MORE_THAN_ONE_CHARGE, approved.size() + " approved charges: "
                    + approved.stream().map(CardProvider.Operation::reference).toList()));
        }
        approved.stream().filter(charge -> !charge.idempotencyKey().equals(key)).forEach(stranger ->
                findings.add(new Finding(IncidentKind.CHARGE_UNKNOWN_TO_RECORD, "charge " + stranger.reference()
                        + " of " + stranger.amount() + " KRW under key " + stranger.idempotencyKey())));
        Optional<CardProvider.Operation> charge = operations.stream()
                .filter(operation -> operation.kind() == CardProvider.Kind.CHARGE)
                .filter(operation -> operation.idempotencyKey().equals(key))
                .findFirst();
        switch (payment.status()) {
            case PENDING -> {
                if (charge.isPresent() && charge.get().isApprovedCharge()) {
                    payment.approved(charge.get().reference());
                    repairs.add(new Repair(orderId, RepairKind.CHARGE_RECORDED, "charge " + charge.get().reference()
                            + " of " + charge.get().amount() + " KRW"));
                } else if (charge.isPresent()) {
                    payment.declined("declined (found by the reconciliation)");
                    repairs.add(new Repair(orderId, RepairKind.DECLINE_RECORDED, "declined"));
                } else if (payment.cancelled() && payment.chargeUnsettled()
                        && payment.chargeUnsettledSince().isBefore(settledBefore)) {
                    payment.notCharged("no charge at the provider (reconciliation)");
                    repairs.add(new Repair(orderId, RepairKind.NOT_CHARGED_RECORDED,
                            "requested at " + payment.chargeUnsettledSince() + ", never received"));
                }
                // not cancelled and not at the provider: the charge task still owns it (retrying, or an incident)
            }
            case DECLINED -> {
                if (charge.isPresent() && charge.get().isApprovedCharge()) {
                    findings.add(new Finding(IncidentKind.PROVIDER_CONTRADICTS_RECORD, "recorded declined, the "
                            + "provider approved charge " + charge.get().reference()));
                }
            }
            case APPROVED, REFUNDED -> {
                boolean known = approved.stream()
                        .anyMatch(operation -> operation.reference().equals(payment.providerReference()));
                if (!known) {
                    findings.add(new Finding(IncidentKind.CHARGE_UNKNOWN_TO_PROVIDER, "recorded charge "
                            + payment.providerReference() + " is not an approved charge at the provider"));
                }
            }
        }
    }

    private static void compareRefunds(Payment payment, List<CardProvider.Operation> operations,
                                       List<Repair> repairs, List<Finding> findings) {
        if (payment.status() != PaymentStatus.APPROVED && payment.status() != PaymentStatus.REFUNDED) {
            return;
        }
        Optional<CardProvider.Operation> refund = operations.stream()
                .filter(CardProvider.Operation::isRefund)
                .filter(operation -> payment.providerReference().equals(operation.chargeReference()))
                .findFirst();
        if (payment.status() == PaymentStatus.REFUNDED && refund.isEmpty()) {
            findings.add(new Finding(IncidentKind.REFUND_UNKNOWN_TO_PROVIDER, "recorded refund "
                    + payment.refundReference() + " of charge " + payment.providerReference()
                    + " is unknown to the provider"));
        }
        if (payment.status() == PaymentStatus.APPROVED && refund.isPresent()) {
            boolean cancelled = payment.cancelled();
            payment.refunded(refund.get().reference());
            repairs.add(new Repair(payment.orderId(), RepairKind.REFUND_RECORDED, "refund "
                    + refund.get().reference()));
            if (!cancelled) {
                findings.add(new Finding(IncidentKind.REFUNDED_BUT_NOT_CANCELLED, "the provider gave charge "
                        + payment.providerReference() + " back (key " + refund.get().idempotencyKey()
                        + ") but the order was not cancelled"));
            }
        }
    }

    /** Opens what was found, resolves what this order no longer shows. */
    private void recordFindings(String orderId, List<Finding> findings) {
        Map<IncidentKind, String> found = new EnumMap<>(IncidentKind.class);
        findings.forEach(finding -> found.put(finding.kind(), truncate(finding.detail())));
        inTransaction(() -> {
            found.forEach((kind, detail) -> {
                int opened = db.sql("""
                                insert into payment_incident (order_id, kind, detail) values (?, ?, ?)
                                on conflict (order_id, kind) where resolved_at is null do nothing""")
                        .params(orderId, kind.name(), detail)
                        .update();
                if (opened == 1) {
                    log.error("Payment incident of order {}: {} ({})", orderId, kind, detail);
                }
            });
            List<String> stillOpen = found.keySet().stream().map(Enum::name).toList();
            int resolved = stillOpen.isEmpty()
                    ? db.sql("update payment_incident set resolved_at = now() where order_id = ? "
                            + "and resolved_at is null").param(orderId).update()
                    : db.sql("update payment_incident set resolved_at = now() where order_id = :orderId "
                            + "and resolved_at is null and kind not in (:kinds)")
                            .param("orderId", orderId).param("kinds", stillOpen).update();
            if (resolved > 0) {
                log.info("Payment incidents of order {} resolved: {}", orderId, resolved);
            }
            return null;
        });
    }

    /** Position in the visit order (created_at, order_id), and a visited payment. */
    private record Cursor(Instant createdAt, String orderId) {
    }

    /**
     * The next payments to compare: unsettled charges, money kept for cancelled orders, and the settled payments of
     * the window that no run has found clean since they last changed (an operator's run takes every one of them).
     */
    private List<Cursor> nextPage(Cursor after, Instant settledBefore, Instant windowStart, boolean wholeWindow) {
        return db.sql("""
                        select order_id, created_at from payment
                        where (created_at, order_id) > (:createdAt, :orderId)
                          and (charge_unsettled_since < :settledBefore
                               or (cancelled and status = 'APPROVED' and updated_at < :settledBefore)
                               or (created_at >= :windowStart and updated_at < :settledBefore
                                   and (:wholeWindow or reconciled_at is null)))
                        order by created_at, order_id
                        limit :page""")
                .param("createdAt", Timestamp.from(after.createdAt()))
                .param("orderId", after.orderId())
                .param("settledBefore", Timestamp.from(settledBefore))
                .param("windowStart", Timestamp.from(windowStart))
                .param("wholeWindow", wholeWindow)
                .param("page", PAGE)
                .query((row, number) -> new Cursor(row.getTimestamp("created_at").toInstant(),
                        row.getString("order_id")))
                .list();
    }

    public List<Incident> openIncidents() {
        return db.sql("select order_id, kind, detail, detected_at from payment_incident where resolved_at is null "
                        + "order by detected_at, id")
                .query((row, number) -> new Incident(row.getString("order_id"), row.getString("kind"),
                        row.getString("detail"), row.getTimestamp("detected_at").toInstant()))
                .list();
    }

    private double openIncidentCount() {
        return db.sql("select count(*) from payment_incident where resolved_at is null").query(Long.class).single();
    }

    private boolean takeLease() {
        return db.sql("""
                        update reconciliation_lease set holder = :holder, until = now() + :secs * interval '1 second'
                        where name = :name and (until < now() or holder = :holder)""")
                .param("holder", holder)
                .param("secs", properties.reconciliation().lease().toSeconds())
                .param("name", LEASE)
                .update() == 1;
    }

    private void releaseLease() {
        db.sql("update reconciliation_lease set until = now() where name = ? and holder = ?")
                .params(LEASE, holder)
                .update();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private void count(String name, String tag, String value) {
        Counter.builder(name).tag(tag, value).register(meters).increment();
    }

    private static String truncate(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
