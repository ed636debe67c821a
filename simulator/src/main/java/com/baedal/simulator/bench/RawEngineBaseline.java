package com.baedal.simulator.bench;

import static com.baedal.process.OrderProcess.*;

import com.baedal.contract.OrderNumber;
import com.baedal.contract.PaymentStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;

/**
 * The baseline: the same {@code order-delivery} BPMN (and forms, from process-models) on an in-process Camunda
 * engine against the same PostgreSQL server, in its own database, at the platform's history level. Driver threads
 * play each order through the Java API: in-process handlers fetch-and-lock and complete the external tasks (the
 * charge with {@code paymentStatus=APPROVED}, a declined card as the BPMN error, the refunds), user tasks are
 * completed through the TaskService (claim + complete for the pick-up). No HTTP, no Kafka, no job executor (the
 * timers are minutes away). It tries each thread count and keeps the best.
 */
public final class RawEngineBaseline {

    public record Settings(String serverUrl, String user, String password, String database, String history,
                           List<Integer> threads, Duration warmup, Duration step, PlatformDriver.Mix mix, long seed) {
    }

    /** One thread count's run. */
    public record Step(int threads, long orders, double seconds, double ordersPerSecond, Latency order,
                       long errors, Map<String, Double> cpuMsPerOrder) {
    }

    public record Result(String history, String database, List<Step> steps, Step best, long unfinished) {
    }

    private static final String WORKER = "bench-raw-handler";
    private static final long LOCK_MS = 60_000;
    private static final List<String> FORMS = List.of(FORM_ACCEPT_ORDER, FORM_START_COOKING, FORM_FINISH_COOKING,
            FORM_PICK_UP, FORM_CONFIRM_DELIVERY);

    private final Settings settings;
    private final Supplier<Map<String, Long>> cpuTicks;

    /** @param cpuTicks CPU clock ticks per process now (see {@link Monitor#cpuTicks}); empty map when unknown */
    public RawEngineBaseline(Settings settings, Supplier<Map<String, Long>> cpuTicks) {
        this.settings = settings;
        this.cpuTicks = cpuTicks;
    }

    public Result run(Consumer<String> progress) throws SQLException, InterruptedException {
        recreateDatabase();
        ProcessEngine engine = buildEngine();
        try {
            deploy(engine);
            progress.accept("raw engine: warm-up");
            runStep(engine, 1, settings.warmup(), new AtomicLong(), progress);
            List<Step> steps = new ArrayList<>();
            AtomicLong sequence = new AtomicLong();
            for (int threads : settings.threads()) {
                Step step = runStep(engine, threads, settings.step(), sequence, progress);
                steps.add(step);
            }
            long unfinished = engine.getRuntimeService().createProcessInstanceQuery().count();
            Step best = steps.stream().max((a, b) -> Double.compare(a.ordersPerSecond(), b.ordersPerSecond()))
                    .orElseThrow();
            return new Result(settings.history(), settings.database(), steps, best, unfinished);
        } finally {
            engine.close();
            dropDatabase();
        }
    }

    private Step runStep(ProcessEngine engine, int threads, Duration length, AtomicLong sequence,
                         Consumer<String> progress) throws InterruptedException {
        LongAdder orders = new LongAdder();
        LongAdder errors = new LongAdder();
        Histogram durations = Latency.newHistogram();
        Map<String, Long> cpuBefore = cpuTicks.get();
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Thread> drivers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(settings.seed() + t);
            Histogram mine = Latency.newHistogram();
            Thread driver = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long begin = System.nanoTime();
                    try {
                        playOrder(engine, settings.mix().plan(random.nextDouble()), sequence.incrementAndGet());
                        orders.increment();
                        Latency.recordNanos(mine, System.nanoTime() - begin);
                    } catch (RuntimeException e) {
                        errors.increment();
                    }
                }
                synchronized (durations) {
                    durations.add(mine);
                }
            }, "bench-raw-" + threads + "-" + t);
            drivers.add(driver);
            driver.start();
        }
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            double elapsed = (System.nanoTime() - start) / 1e9;
            progress.accept(String.format(java.util.Locale.ROOT, "raw engine: %d thread(s), %.0f/%ds, %.1f orders/s",
                    threads, elapsed, length.toSeconds(), orders.sum() / Math.max(elapsed, 0.001)));
        }
        for (Thread driver : drivers) {
            driver.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Step(threads, orders.sum(), seconds, orders.sum() / seconds, Latency.of(durations),
                errors.sum(), Bench.cpuMsPerOrder(cpuBefore, cpuTicks.get(), orders.sum()));
    }

    /** One order from placement to its end, as the platform's commands and workers would play it. */
    static void playOrder(ProcessEngine engine, PlatformDriver.Plan plan, long number) {
        RuntimeService runtime = engine.getRuntimeService();
        TaskService tasks = engine.getTaskService();
        String orderId = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>();
        variables.put(VAR_ORDER_ID, orderId);
        variables.put(VAR_ORDER_NUMBER, OrderNumber.of(orderId));
        variables.put(VAR_CUSTOMER_ID, "bench-customer-" + (number % 40));
        variables.put(VAR_STORE_ID, "chicken-gangnam");
        variables.put(VAR_STORE_NAME, "Gangnam Fried Chicken");
        variables.put(VAR_STORE_ADDRESS, "Gangnam-daero 396 (gangnam)");
        variables.put(VAR_REGION, "gangnam");
        variables.put(VAR_ITEMS_SUMMARY, "2 x Fried chicken, 1 x Cola");
        variables.put(VAR_TOTAL, 41_000L);
        variables.put(VAR_DELIVERY_ADDRESS, "Bench-ro " + number + ", gangnam");
        variables.put(VAR_PAYMENT_METHOD, "CARD");
        // the platform seals the card token for the payment service; here only the handlers read it, as an opaque value
        variables.put(VAR_PAYMENT_CREDENTIAL,
                "sealed:" + (plan == PlatformDriver.Plan.DECLINE ? "tok_declined" : "tok_visa"));
        variables.put(VAR_STORE_ANSWER_TIMEOUT, DEFAULT_STORE_ANSWER_TIMEOUT);
        variables.put(VAR_RIDER_SEARCH_TIMEOUT, DEFAULT_RIDER_SEARCH_TIMEOUT);
        runtime.startProcessInstanceByKey(PROCESS_KEY, orderId, variables);

        if (plan == PlatformDriver.Plan.CANCEL) {
            // the customer cancels right away: the charge in flight is refunded
            runtime.createMessageCorrelation(MESSAGE_CANCEL_REQUESTED).processInstanceBusinessKey(orderId).correlate();
            handle(engine, orderId, TOPIC_PAYMENT_REFUND, Map.of());
            return;
        }
        LockedExternalTask charge = fetch(engine, orderId, TOPIC_PAYMENT_CHARGE);
        if (plan == PlatformDriver.Plan.DECLINE) {
            engine.getExternalTaskService().handleBpmnError(charge.getId(), WORKER, ERROR_PAYMENT_DECLINED);
            return;
        }
        engine.getExternalTaskService().complete(charge.getId(), WORKER,
                Map.of(VAR_PAYMENT_STATUS, PaymentStatus.APPROVED.name()));
        handle(engine, orderId, TOPIC_NOTIFY_STORE, Map.of());
        if (plan == PlatformDriver.Plan.REJECT) {
            tasks.complete(task(engine, orderId, TASK_ACCEPT_ORDER).getId(),
                    Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, "Out of ingredients"));
            handle(engine, orderId, TOPIC_PAYMENT_REFUND, Map.of(VAR_PAYMENT_STATUS, PaymentStatus.REFUNDED.name()));
            return;
        }
        tasks.complete(task(engine, orderId, TASK_ACCEPT_ORDER).getId(), Map.of(VAR_ACCEPTED, true));
        tasks.complete(task(engine, orderId, TASK_START_COOKING).getId());
        tasks.complete(task(engine, orderId, TASK_FINISH_COOKING).getId());
        handle(engine, orderId, TOPIC_NOTIFY_RIDERS, Map.of());
        Task pickUp = task(engine, orderId, TASK_PICK_UP);
        String rider = "rider-gangnam-" + (1 + number % 2);
        tasks.claim(pickUp.getId(), rider);
        tasks.complete(pickUp.getId());
        tasks.complete(task(engine, orderId, TASK_CONFIRM_DELIVERY).getId());
        handle(engine, orderId, TOPIC_NOTIFY_CUSTOMER, Map.of());
    }

    private static void handle(ProcessEngine engine, String orderId, String topic, Map<String, Object> variables) {
        engine.getExternalTaskService().complete(fetch(engine, orderId, topic).getId(), WORKER, variables);
    }

    private static LockedExternalTask fetch(ProcessEngine engine, String orderId, String topic) {
        ExternalTaskService externalTasks = engine.getExternalTaskService();
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, WORKER).topic(topic, LOCK_MS)
                .businessKey(orderId).execute();
        if (locked.isEmpty()) {
            throw new IllegalStateException("no " + topic + " task for order " + orderId);
        }
        return locked.get(0);
    }

    private static Task task(ProcessEngine engine, String orderId, String key) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(orderId)
                .taskDefinitionKey(key).singleResult();
        if (task == null) {
            throw new IllegalStateException("no " + key + " task for order " + orderId);
        }
        return task;
    }

    private ProcessEngine buildEngine() {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("bench-raw");
        configuration.setJdbcUrl(settings.serverUrl() + settings.database());
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(settings.user());
        configuration.setJdbcPassword(settings.password());
        configuration.setJdbcMaxActiveConnections(10);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory(settings.history());
        configuration.setJobExecutorActivate(false);
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setDefaultSerializationFormat("application/json");
        // the platform's engine (Spring Boot starter) uses the same id generator
        configuration.setIdGenerator(new StrongUuidGenerator());
        return configuration.buildProcessEngine();
    }

    private static void deploy(ProcessEngine engine) {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bench-raw")
                .addClasspathResource(BPMN_RESOURCE);
        for (String form : FORMS) {
            deployment.addClasspathResource("forms/" + form + ".form");
        }
        deployment.deploy();
    }

    private void recreateDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.serverUrl() + "postgres", settings.user(),
                settings.password()); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + settings.database() + " with (force)");
            statement.execute("create database " + settings.database());
        }
    }

    private void dropDatabase() {
        try (Connection connection = DriverManager.getConnection(settings.serverUrl() + "postgres", settings.user(),
                settings.password()); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + settings.database() + " with (force)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + settings.database() + ": " + e.getMessage());
        }
    }
}
