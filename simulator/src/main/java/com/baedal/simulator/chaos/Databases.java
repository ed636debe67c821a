package com.baedal.simulator.chaos;

import com.baedal.local.RunningPlatform;
import com.baedal.local.Service;
import com.baedal.process.OrderProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;

/**
 * The chaos runner's view into the platform's databases (the engine's, the workers' payments database with the card
 * provider's ledger in schema {@code card_simulator}, the read-model's), as an operator with psql would look: read
 * only, except for the provider's {@code response-delay} setting and terminating the engine's connections.
 */
@RequiredArgsConstructor
final class Databases {

    private final RunningPlatform platform;

    /** The database server's clock: "since" of a scenario, compared with rows the services wrote. */
    Instant now() throws SQLException {
        try (Connection c = connect(Service.ENGINE); ResultSet row = c.createStatement().executeQuery("select now()")) {
            row.next();
            return row.getTimestamp(1).toInstant();
        }
    }

    /** True when the provider keeps its ledger in the payments database (and not in the workers' memory). */
    boolean providerLedger() throws SQLException {
        try (Connection c = connect(Service.WORKERS);
             PreparedStatement query = c.prepareStatement("select count(*) from information_schema.tables "
                     + "where table_schema = 'card_simulator' and table_name in ('operation', 'setting')")) {
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1) == 2;
            }
        }
    }

    /** Makes the provider wait this long after committing an operation before it answers (zero: answer at once). */
    void providerDelay(Duration delay) throws SQLException {
        try (Connection c = connect(Service.WORKERS);
             PreparedStatement update = c.prepareStatement("insert into card_simulator.setting (name, value) "
                     + "values ('response-delay', ?) on conflict (name) do update set value = excluded.value")) {
            update.setString(1, delay.toString());
            update.executeUpdate();
        }
    }

    /** Orders whose approved charge the provider has committed. */
    List<String> chargedAtProvider(List<String> orderIds) throws SQLException {
        return paymentsSelect("select order_id from card_simulator.operation "
                + "where kind = 'CHARGE' and outcome = 'APPROVED' and order_id = any (?)", orderIds);
    }

    /** Orders whose payment record says APPROVED. */
    List<String> recordedApproved(List<String> orderIds) throws SQLException {
        return paymentsSelect("select order_id from payment where status = 'APPROVED' and order_id = any (?)",
                orderIds);
    }

    /** The order ids that a query of the payments database selects among these (its one parameter). */
    private List<String> paymentsSelect(String sql, List<String> orderIds) throws SQLException {
        List<String> selected = new ArrayList<>();
        try (Connection c = connect(Service.WORKERS); PreparedStatement query = c.prepareStatement(sql)) {
            query.setArray(1, c.createArrayOf("text", orderIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    selected.add(rows.getString(1));
                }
            }
        }
        return selected;
    }

    /** Terminates every connection to the engine's database (pg_terminate_backend); returns how many. */
    int terminateEngineConnections() throws SQLException {
        String database = databaseName(platform.database(Service.ENGINE));
        try (Connection c = connect(Service.ENGINE);
             PreparedStatement kill = c.prepareStatement("select count(pg_terminate_backend(pid)) from "
                     + "pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            kill.setString(1, database);
            try (ResultSet row = kill.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Ids of the orders the engine took since then. */
    List<String> ordersSince(Instant since) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = connect(Service.ENGINE);
             PreparedStatement query = c.prepareStatement(
                     "select order_id from baedal.customer_order where created_at >= ? order by created_at")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** How many orders one customer placed with one Idempotency-Key. */
    int ordersWithKey(String customerId, String idempotencyKey) throws SQLException {
        try (Connection c = connect(Service.ENGINE);
             PreparedStatement query = c.prepareStatement("select count(*) from baedal.customer_order "
                     + "where customer_id = ? and idempotency_key = ?")) {
            query.setString(1, customerId);
            query.setString(2, idempotencyKey);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Provider references of approved charges that appear more than once in the whole ledger. */
    List<String> duplicatedChargeReferences() throws SQLException {
        List<String> duplicated = new ArrayList<>();
        try (Connection c = connect(Service.WORKERS);
             ResultSet rows = c.createStatement().executeQuery("select reference from card_simulator.operation "
                     + "where kind = 'CHARGE' and reference is not null group by reference having count(*) > 1")) {
            while (rows.next()) {
                duplicated.add(rows.getString(1));
            }
        }
        return duplicated;
    }

    /** Everything the databases say about these orders. */
    List<OrderFacts> facts(List<String> orderIds, boolean ledger) throws SQLException {
        List<OrderFacts> facts = new ArrayList<>();
        try (Connection engine = connect(Service.ENGINE);
             Connection payments = connect(Service.WORKERS);
             Connection readModel = connect(Service.READ_MODEL);
             PreparedStatement order = engine.prepareStatement(
                     "select count(*) from baedal.customer_order where order_id = ?::uuid");
             PreparedStatement process = engine.prepareStatement("select p.end_time_ is not null, "
                     + "(select count(*) from act_ru_incident i where i.proc_inst_id_ = p.id_), "
                     + "exists (select 1 from act_hi_actinst a where a.proc_inst_id_ = p.id_ and a.act_id_ in (?, ?)) "
                     + "from act_hi_procinst p where p.business_key_ = ? and p.proc_def_key_ = ?");
             PreparedStatement view = readModel.prepareStatement(
                     "select status, payment_status from order_view where order_id = ?");
             PreparedStatement payment = payments.prepareStatement(
                     "select status, cancelled from payment where order_id = ?");
             PreparedStatement operations = ledger ? payments.prepareStatement("select kind, outcome, reference "
                     + "from card_simulator.operation where order_id = ?") : null) {
            for (String id : orderIds) {
                boolean placed = count(order, id) > 0;
                ProcessRow processRow = firstRow(process, row -> new ProcessRow(row.getBoolean(1), row.getInt(2),
                        row.getBoolean(3)), OrderProcess.EVENT_CANCEL_REQUESTED, OrderProcess.EVENT_REJECTION_STARTED,
                        id, OrderProcess.PROCESS_KEY).orElse(new ProcessRow(null, 0, false));
                ViewRow viewRow = firstRow(view, row -> new ViewRow(row.getString(1), row.getString(2)), id)
                        .orElse(new ViewRow(null, null));
                PaymentRow paymentRow = firstRow(payment, row -> new PaymentRow(row.getString(1), row.getBoolean(2)),
                        id).orElse(new PaymentRow(null, false));
                Integer charges = null;
                Integer refunds = null;
                List<String> references = new ArrayList<>();
                if (operations != null) {
                    charges = 0;
                    refunds = 0;
                    operations.setString(1, id);
                    try (ResultSet rows = operations.executeQuery()) {
                        while (rows.next()) {
                            if ("CHARGE".equals(rows.getString(1)) && "APPROVED".equals(rows.getString(2))) {
                                charges++;
                                references.add(rows.getString(3));
                            } else if ("REFUND".equals(rows.getString(1)) && "REFUNDED".equals(rows.getString(2))) {
                                refunds++;
                            }
                        }
                    }
                }
                facts.add(new OrderFacts(id, placed, processRow.ended(), processRow.incidents(),
                        processRow.cancelOrReject(), viewRow.status(), viewRow.payment(), paymentRow.status(),
                        paymentRow.cancelled(), charges, refunds, references));
            }
        }
        return facts;
    }

    /** The order's process instance in the engine's history ({@code ended} null where there is none). */
    private record ProcessRow(Boolean ended, int incidents, boolean cancelOrReject) {
    }

    private record ViewRow(String status, String payment) {
    }

    private record PaymentRow(String status, boolean cancelled) {
    }

    @FunctionalInterface
    private interface Columns<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The query's first row for these parameters, read by {@code columns}; empty where it finds none. */
    private static <T> Optional<T> firstRow(PreparedStatement query, Columns<T> columns, String... parameters)
            throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            query.setString(i + 1, parameters[i]);
        }
        try (ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(columns.read(row)) : Optional.empty();
        }
    }

    private static int count(PreparedStatement query, String id) throws SQLException {
        query.setString(1, id);
        try (ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private Connection connect(Service owner) throws SQLException {
        return DriverManager.getConnection(platform.database(owner), platform.databaseUser(),
                platform.databasePassword());
    }

    private static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
