package com.baedal.engine.monitoring;

import com.baedal.process.OrderProcess;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the operator's dashboard and alerts need from the engine's runtime tables, read with a few cheap grouped
 * queries at most every {@value #CACHE_SECONDS} seconds (on scrape):
 * <ul>
 *   <li>{@value #EXTERNAL_TASKS}{topic, state}: external tasks per topic, {@code waiting} (no worker holds them),
 *       {@code locked} (a worker does) or {@code failed} (no retry left: an incident);</li>
 *   <li>{@value #INCIDENTS}{type}: open incidents ({@code failedJob}, {@code failedExternalTask});</li>
 *   <li>{@value #USER_TASKS}{task} and {@value #USER_TASK_AGE}{task}: orders waiting in each user task (the
 *       store's and the rider's steps) and how long the oldest has waited;</li>
 *   <li>{@value #TIMERS_OVERDUE}: timers due more than a minute ago that have not fired (an order stuck past its
 *       timer);</li>
 *   <li>{@value #INSTANCES}{version}: running orders per version of {@code order-delivery} (a new version's
 *       roll-out, the old one draining).</li>
 * </ul>
 */
@Component
public class ProcessMetrics {

    public static final String EXTERNAL_TASKS = "baedal.process.external.tasks";
    public static final String INCIDENTS = "baedal.process.incidents";
    public static final String USER_TASKS = "baedal.process.user.tasks";
    public static final String USER_TASK_AGE = "baedal.process.user.task.oldest.age.seconds";
    public static final String TIMERS_OVERDUE = "baedal.process.timers.overdue";
    public static final String INSTANCES = "baedal.process.instances";

    static final int CACHE_SECONDS = 5;
    static final List<String> INCIDENT_TYPES = List.of("failedJob", "failedExternalTask");
    static final List<String> USER_TASK_KEYS = List.of(OrderProcess.TASK_ACCEPT_ORDER, OrderProcess.TASK_START_COOKING,
            OrderProcess.TASK_FINISH_COOKING, OrderProcess.TASK_PICK_UP, OrderProcess.TASK_CONFIRM_DELIVERY);
    /** Versions shown per gauge: the latest few (older ones have drained in practice). */
    static final int VERSIONS = 5;

    private final JdbcClient jdbc;

    record Snapshot(Map<String, Double> values) {
        double get(String key) {
            return values.getOrDefault(key, values.isEmpty() ? Double.NaN : 0.0);
        }
    }

    private final CachedReading<Snapshot> snapshot = new CachedReading<>("process metrics",
            Duration.ofSeconds(CACHE_SECONDS), () -> new Snapshot(read()), new Snapshot(Map.of()));

    public ProcessMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.jdbc = jdbc;
        for (String topic : OrderProcess.TOPICS) {
            for (String state : List.of("waiting", "locked", "failed")) {
                Gauge.builder(EXTERNAL_TASKS, this, m -> m.snapshot().get("task|" + topic + "|" + state))
                        .description("External tasks of order-delivery per topic: waiting for a worker, locked by "
                                + "one, or failed with no retry left")
                        .tags("topic", topic, "state", state).register(registry);
            }
        }
        for (String type : INCIDENT_TYPES) {
            Gauge.builder(INCIDENTS, this, m -> m.snapshot().get("incident|" + type))
                    .description("Open incidents (a job or external task out of retries)")
                    .tag("type", type).register(registry);
        }
        for (String task : USER_TASK_KEYS) {
            Gauge.builder(USER_TASKS, this, m -> m.snapshot().get("user|" + task))
                    .description("Orders waiting in a user task (the store's or the rider's step)")
                    .tag("task", task).register(registry);
            Gauge.builder(USER_TASK_AGE, this, m -> m.snapshot().get("userAge|" + task))
                    .description("How long the oldest order has waited in a user task (0 when none waits)")
                    .baseUnit("seconds").tag("task", task).register(registry);
        }
        Gauge.builder(TIMERS_OVERDUE, this, m -> m.snapshot().get("timersOverdue"))
                .description("Timers due more than a minute ago that have not fired").register(registry);
        for (int rank = 1; rank <= VERSIONS; rank++) {
            String latest = rank == 1 ? "latest" : "latest-" + (rank - 1);
            int index = rank;
            Gauge.builder(INSTANCES, this, m -> m.snapshot().get("instances|" + index))
                    .description("Running orders per version of order-delivery (latest, latest-1, ...)")
                    .tag("version", latest).register(registry);
        }
    }

    Snapshot snapshot() {
        return snapshot.get();
    }

    private Map<String, Double> read() {
        Map<String, Double> values = new HashMap<>();
        values.put("timersOverdue", 0.0);
        jdbc.sql("""
                        select topic_name_ as topic,
                               count(*) filter (where retries_ = 0) as failed,
                               count(*) filter (where (retries_ is null or retries_ > 0)
                                                  and lock_exp_time_ > now()) as locked,
                               count(*) filter (where (retries_ is null or retries_ > 0)
                                                  and (lock_exp_time_ is null or lock_exp_time_ <= now())) as waiting
                          from act_ru_ext_task
                         group by topic_name_
                        """)
                .query(rs -> {
                    String topic = rs.getString("topic");
                    values.put("task|" + topic + "|waiting", rs.getDouble("waiting"));
                    values.put("task|" + topic + "|locked", rs.getDouble("locked"));
                    values.put("task|" + topic + "|failed", rs.getDouble("failed"));
                });
        jdbc.sql("select incident_type_ as type, count(*) as n from act_ru_incident group by incident_type_")
                .query(rs -> {
                    values.put("incident|" + rs.getString("type"), rs.getDouble("n"));
                });
        jdbc.sql("""
                        select task_def_key_ as task, count(*) as n,
                               extract(epoch from now() - min(create_time_)) as age
                          from act_ru_task
                         group by task_def_key_
                        """)
                .query(rs -> {
                    values.put("user|" + rs.getString("task"), rs.getDouble("n"));
                    values.put("userAge|" + rs.getString("task"), Math.max(0, rs.getDouble("age")));
                });
        jdbc.sql("""
                        select count(*) as n from act_ru_job
                         where type_ = 'timer' and (retries_ is null or retries_ > 0) and suspension_state_ = 1
                           and duedate_ < now() - interval '1 minute'
                        """)
                .query(rs -> {
                    values.put("timersOverdue", rs.getDouble("n"));
                });
        jdbc.sql("""
                        select d.version_ as version, count(e.id_) as n
                          from act_re_procdef d
                          left join act_ru_execution e on e.proc_def_id_ = d.id_ and e.parent_id_ is null
                         where d.key_ = :key
                         group by d.version_
                         order by d.version_ desc
                         limit :versions
                        """)
                .param("key", OrderProcess.PROCESS_KEY)
                .param("versions", VERSIONS)
                .query(new org.springframework.jdbc.core.RowCallbackHandler() {
                    private int rank;

                    @Override
                    public void processRow(java.sql.ResultSet rs) throws java.sql.SQLException {
                        values.put("instances|" + (++rank), rs.getDouble("n"));
                    }
                });
        return values;
    }
}
