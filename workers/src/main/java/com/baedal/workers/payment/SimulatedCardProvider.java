package com.baedal.workers.payment;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in card provider of SPEC §5, behaving like a remote one. It approves every card token except:
 * <ul>
 *   <li>{@value #TOKEN_DECLINED}: declined;</li>
 *   <li>{@value #TOKEN_FLAKY}: unavailable for the first two calls of an idempotency key, approves on the third;</li>
 *   <li>{@value #TOKEN_UNAVAILABLE}: always unavailable (lets tests and demos reach an incident).</li>
 * </ul>
 * Its ledger lives in schema {@code card_simulator} (migration V10), written on its OWN connection pool in its own
 * transactions: what it did is committed independently of the workers' payment records and survives any restart,
 * exactly as at a real provider. A repeated idempotency key answers the first result and never moves money again,
 * also across restarts and when two calls with one key race. The setting {@code response-delay} (an ISO-8601
 * duration in {@code card_simulator.setting}, read on every call) makes it answer late, after the operation is
 * committed: a slow provider, or with a crash of the workers in that window, "charged but never recorded".
 */
public class SimulatedCardProvider implements CardProvider, AutoCloseable {

    public static final String TOKEN_DECLINED = "tok_declined";
    public static final String TOKEN_FLAKY = "tok_flaky";
    public static final String TOKEN_UNAVAILABLE = "tok_unavailable";
    public static final String SETTING_RESPONSE_DELAY = "response-delay";
    static final int FLAKY_FAILURES = 2;
    static final String DECLINE_REASON = "Card declined by the issuer";

    private static final Logger log = LoggerFactory.getLogger(SimulatedCardProvider.class);

    private static final String OPERATION_COLUMNS = """
            idempotency_key, kind, order_id, amount, outcome, reference, charge_reference, created_at""";

    private final JdbcClient ledger;
    private final TransactionTemplate transactions;
    private final AutoCloseable pool;

    /**
     * @param ledger a data source of the simulator's own (not the one of the workers' transactions)
     * @param pool   closed with the simulator, or null when the caller owns the data source
     */
    SimulatedCardProvider(DataSource ledger, AutoCloseable pool) {
        this.ledger = JdbcClient.create(ledger);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(ledger));
        this.pool = pool;
    }

    /** A simulator on a connection pool of its own to the given database; closing the simulator closes the pool. */
    public static SimulatedCardProvider connect(String jdbcUrl, String user, String password, int poolSize) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("card-simulator");
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(10_000);
        return new SimulatedCardProvider(pool, pool);
    }

    @Override
    public ChargeResult charge(String idempotencyKey, String orderId, long amount, String cardToken) {
        int calls = countCall(idempotencyKey);
        boolean down = TOKEN_UNAVAILABLE.equals(cardToken)
                || (TOKEN_FLAKY.equals(cardToken) && calls <= FLAKY_FAILURES);
        // an outage never hides an answer already given for the key
        if (down && find(idempotencyKey).isEmpty()) {
            respondLate();
            throw new ProviderUnavailableException("Simulated card provider unavailable (call " + calls + " for "
                    + idempotencyKey + ")");
        }
        boolean declined = TOKEN_DECLINED.equals(cardToken);
        Operation answered = record(new Operation(idempotencyKey, Kind.CHARGE, orderId, amount,
                declined ? Outcome.DECLINED : Outcome.APPROVED, declined ? null : "sim_ch_" + UUID.randomUUID(),
                null, null));
        requireSameRequest(answered, Kind.CHARGE, orderId, amount, null);
        log.info("Simulated provider: charge {} of {} KRW -> {}", idempotencyKey, amount, answered.outcome());
        respondLate();
        return answered.outcome() == Outcome.DECLINED ? new Declined(DECLINE_REASON) : answered.chargeResult();
    }

    @Override
    public String refund(String idempotencyKey, String orderId, String chargeReference, long amount) {
        countCall(idempotencyKey);
        Operation charge = ledger.sql("select " + OPERATION_COLUMNS + " from card_simulator.operation "
                        + "where reference = ? and kind = 'CHARGE'")
                .param(chargeReference)
                .query(SimulatedCardProvider::operation)
                .optional()
                .filter(Operation::isApprovedCharge)
                .filter(found -> found.orderId().equals(orderId))
                .orElseThrow(() -> new IllegalArgumentException("No charge " + chargeReference + " of order "
                        + orderId + " to refund"));
        if (amount > charge.amount()) {
            throw new IllegalArgumentException("Refund of " + amount + " KRW exceeds the charge of "
                    + charge.amount());
        }
        Operation answered;
        try {
            answered = record(new Operation(idempotencyKey, Kind.REFUND, orderId, amount, Outcome.REFUNDED,
                    "sim_re_" + UUID.randomUUID(), chargeReference, null));
        } catch (DuplicateKeyException alreadyRefunded) {
            throw new IllegalArgumentException("Charge " + chargeReference + " was already refunded with another "
                    + "idempotency key", alreadyRefunded);
        }
        requireSameRequest(answered, Kind.REFUND, orderId, amount, chargeReference);
        log.info("Simulated provider: refund {} of {} KRW for {}", idempotencyKey, amount, chargeReference);
        respondLate();
        return answered.reference();
    }

    @Override
    public Optional<Operation> find(String idempotencyKey) {
        return ledger.sql("select " + OPERATION_COLUMNS + " from card_simulator.operation where idempotency_key = ?")
                .param(idempotencyKey)
                .query(SimulatedCardProvider::operation)
                .optional();
    }

    @Override
    public List<Operation> operations(String orderId) {
        return ledger.sql("select " + OPERATION_COLUMNS + " from card_simulator.operation where order_id = ? "
                        + "order by created_at, idempotency_key")
                .param(orderId)
                .query(SimulatedCardProvider::operation)
                .list();
    }

    /** Calls received with this idempotency key so far, outages included (not part of a provider's API). */
    public int calls(String idempotencyKey) {
        return ledger.sql("select calls from card_simulator.attempt_counter where idempotency_key = ?")
                .param(idempotencyKey)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    @Override
    public void close() throws Exception {
        if (pool != null) {
            pool.close();
        }
    }

    /** Counts the call durably (committed at once, like the provider's own request log) and returns the count. */
    private int countCall(String idempotencyKey) {
        return transactions.execute(status -> ledger.sql("""
                        insert into card_simulator.attempt_counter (idempotency_key, calls) values (?, 1)
                        on conflict (idempotency_key) do update set calls = card_simulator.attempt_counter.calls + 1
                        returning calls""")
                .param(idempotencyKey)
                .query(Integer.class)
                .single());
    }

    /**
     * Records the operation unless the key already has one, and returns what the key stands for. Two racing calls
     * with one key meet on the primary key: the second waits for the first to commit and answers its row.
     */
    private Operation record(Operation operation) {
        return transactions.execute(status -> ledger.sql("""
                        insert into card_simulator.operation (idempotency_key, kind, order_id, amount, outcome,
                                                              reference, charge_reference, calls)
                        values (:key, :kind, :orderId, :amount, :outcome, :reference, :chargeReference, 1)
                        on conflict (idempotency_key) do update set calls = card_simulator.operation.calls + 1
                        returning""" + " " + OPERATION_COLUMNS)
                .param("key", operation.idempotencyKey())
                .param("kind", operation.kind().name())
                .param("orderId", operation.orderId())
                .param("amount", operation.amount())
                .param("outcome", operation.outcome().name())
                .param("reference", operation.reference())
                .param("chargeReference", operation.chargeReference())
                .query(SimulatedCardProvider::operation)
                .single());
    }

    /** A key reused for another request is refused, as real providers do. */
    private static void requireSameRequest(Operation answered, Kind kind, String orderId, long amount,
                                           String chargeReference) {
        boolean same = answered.kind() == kind && answered.orderId().equals(orderId) && answered.amount() == amount
                && (chargeReference == null || chargeReference.equals(answered.chargeReference()));
        if (!same) {
            throw new IllegalArgumentException("Idempotency key " + answered.idempotencyKey()
                    + " was used for another request");
        }
    }

    /** Waits the configured response delay: the operation is done, the answer is on its way. */
    private void respondLate() {
        Duration delay = responseDelay();
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        log.info("Simulated provider: answering in {}", delay);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("The answer of the simulated card provider was lost "
                    + "(interrupted while waiting the response delay)", interrupted);
        }
    }

    private Duration responseDelay() {
        Optional<String> value = ledger.sql("select value from card_simulator.setting where name = ?")
                .param(SETTING_RESPONSE_DELAY)
                .query(String.class)
                .optional();
        try {
            return value.map(Duration::parse).orElse(Duration.ZERO);
        } catch (DateTimeParseException unreadable) {
            log.warn("Simulated provider: ignoring the unreadable {} setting '{}'", SETTING_RESPONSE_DELAY,
                    value.get());
            return Duration.ZERO;
        }
    }

    private static Operation operation(ResultSet row, int rowNumber) throws SQLException {
        return new Operation(row.getString("idempotency_key"), Kind.valueOf(row.getString("kind")),
                row.getString("order_id"), row.getLong("amount"), Outcome.valueOf(row.getString("outcome")),
                row.getString("reference"), row.getString("charge_reference"),
                row.getTimestamp("created_at").toInstant());
    }
}
