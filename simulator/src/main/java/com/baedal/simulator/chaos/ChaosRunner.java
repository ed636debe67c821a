package com.baedal.simulator.chaos;

import com.baedal.contract.api.PlacedOrder;
import com.baedal.local.RunningPlatform;
import com.baedal.local.Service;
import com.baedal.simulator.BaedalClient.Response;
import com.baedal.simulator.BaedalClient;
import com.baedal.simulator.bench.PlatformDriver;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code ./baedal chaos}: the fault scenarios of issue 13 against a running, supervised platform. Each scenario drives
 * orders through the gateway (the bench's bots, or the apps' calls one by one), does its harm, waits for the platform
 * to come back, and then judges every order the engine took during the scenario from the databases and the card
 * provider's ledger ({@link MoneyCheck}). One line per scenario, then the summary line.
 */
public final class ChaosRunner {

    /** Settings of a run. */
    public record Options(int concurrency, Duration providerDelay, Duration kafkaPause, Duration recoveryLimit,
                          Duration settle, List<String> only) {

        public static Options defaults() {
            return new Options(3, Duration.ofSeconds(40), Duration.ofSeconds(20), Duration.ofSeconds(10),
                    Duration.ofSeconds(90), List.of());
        }
    }

    /**
     * What one scenario did and found. {@code recovery}: from the harmed part being back to every affected order
     * moving again (null where the scenario has no such moment); {@code skipped}: why it could not run.
     */
    public record Result(String name, String did, String checked, Duration recovery, boolean recovered, int orders,
                         int lost, int doubleCharges, int moneyKept, List<String> problems, String skipped) {

        public boolean survived(Duration recoveryLimit) {
            return skipped == null && problems.isEmpty() && lost == 0 && doubleCharges == 0 && moneyKept == 0
                    && (recovery == null || (recovered && recovery.compareTo(recoveryLimit) <= 0));
        }
    }

    /** All results and the totals of the summary line. */
    public record Summary(List<Result> results, int survived, int lost, int doubleCharges, int moneyKept) {

        public String line() {
            return String.format(Locale.ROOT, "chaos: %d scenarios, %d survived, %d orders lost, %d double charges, "
                    + "%d money kept", results.size(), survived, lost, doubleCharges, moneyKept);
        }

        public boolean allSurvived() {
            return survived == results.size() && lost == 0 && doubleCharges == 0 && moneyKept == 0;
        }
    }

    @FunctionalInterface
    private interface Body {
        Result run(String name) throws Exception;
    }

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final List<String> PROCESSES = List.of(Service.ENGINE.id(), Service.WORKERS.id(),
            Service.READ_MODEL.id(), Service.GATEWAY.id());

    private final RunningPlatform platform;
    private final Options options;
    private final PrintStream out;
    private final BaedalClient client;
    private final Databases db;
    private final Faults faults;
    private final Map<String, Body> scenarios = new LinkedHashMap<>();
    private Actors actors;
    private boolean ledger;

    public ChaosRunner(RunningPlatform platform, Options options, PrintStream out) {
        this.platform = platform;
        this.options = options;
        this.out = out;
        this.client = new BaedalClient(platform.gateway());
        this.db = new Databases(platform);
        this.faults = new Faults(platform);
        for (Faults.Signal signal : List.of(Faults.Signal.KILL, Faults.Signal.TERM)) {
            for (String process : PROCESSES) {
                scenarios.put(signal.label + " " + process, name -> processFault(name, process, signal));
            }
        }
        scenarios.put("kafka down", this::kafkaDown);
        scenarios.put("engine db connections killed", this::engineConnectionsKilled);
        scenarios.put("provider slow past the lock", needsLedger(this::providerSlow));
        scenarios.put("crash between charge and commit", needsLedger(this::crashBetweenChargeAndCommit));
        scenarios.put("refund after workers restart", this::refundAfterWorkersRestart);
        scenarios.put("cancel racing the charge", this::cancelRacingTheCharge);
        scenarios.put("cancel vs accept", this::cancelVersusAccept);
        scenarios.put("two riders picking", this::twoRiders);
        scenarios.put("idempotency storm", this::idempotencyStorm);
    }

    public List<String> names() {
        return List.copyOf(scenarios.keySet());
    }

    /** Runs the selected scenarios (all by default), printing one line each and the summary last. */
    public Summary run() throws Exception {
        List<String> selected = options.only().isEmpty() ? names() : options.only();
        for (String name : selected) {
            if (!scenarios.containsKey(name)) {
                throw new IllegalArgumentException("no scenario '" + name + "' (known: " + names() + ")");
            }
        }
        ledger = db.providerLedger();
        out.println("Chaos against " + platform.gateway() + " (" + selected.size() + " scenarios, "
                + options.concurrency() + " customers of load, recovery limit " + options.recoveryLimit().toSeconds()
                + " s); money checked against " + (ledger ? "the card provider's ledger (card_simulator)"
                : "the payment records only: this provider keeps no ledger (no card_simulator schema)"));
        List<Result> results = new ArrayList<>();
        for (String name : selected) {
            Result result;
            try {
                awaitHealthy();
                actors = actors == null ? new Actors(client) : actors;
                result = scenarios.get(name).run(name);
            } catch (Exception | AssertionError e) {
                result = new Result(name, "aborted", "-", null, false, 0, 0, 0, 0,
                        List.of(e.getClass().getSimpleName() + ": " + e.getMessage()), null);
            }
            results.add(result);
            print(result);
        }
        int doubles = results.stream().mapToInt(Result::doubleCharges).sum();
        if (ledger) {
            List<String> duplicated = db.duplicatedChargeReferences();
            if (!duplicated.isEmpty()) {
                out.println("  the provider's ledger holds " + duplicated.size() + " charge reference(s) twice: "
                        + duplicated);
                doubles += duplicated.size();
            }
        }
        Summary summary = new Summary(results, (int) results.stream()
                .filter(r -> r.survived(options.recoveryLimit())).count(),
                results.stream().mapToInt(Result::lost).sum(), doubles,
                results.stream().mapToInt(Result::moneyKept).sum());
        out.println(summary.line());
        return summary;
    }

    private void print(Result result) {
        String verdict = result.skipped() != null ? "SKIP" : result.survived(options.recoveryLimit()) ? "ok" : "FAIL";
        String recovery = result.recovery() == null ? "-" : result.recovered()
                ? String.format(Locale.ROOT, "%.1f s", result.recovery().toMillis() / 1000.0)
                : "none within " + result.recovery().toSeconds() + " s";
        if (result.skipped() != null) {
            out.printf(Locale.ROOT, "  %-4s %-34s %s%n", verdict, result.name(), result.skipped());
            return;
        }
        out.printf(Locale.ROOT, "  %-4s %-34s %s | checked %s | recovery %s%n", verdict, result.name(), result.did(),
                result.checked(), recovery);
        result.problems().stream().limit(4).forEach(problem -> out.println("         ! " + problem));
        if (result.problems().size() > 4) {
            out.println("         ! ... " + (result.problems().size() - 4) + " more");
        }
    }

    // ---- faults under load ----------------------------------------------------------------------------

    /** A signal to one service while customers, stores and riders keep ordering. */
    private Result processFault(String name, String process, Faults.Signal signal) throws Exception {
        return underLoad(name, () -> {
            long pid = faults.pid(process);
            long at = System.nanoTime();
            faults.signal(pid, signal);
            long restarted = faults.awaitRestarted(process, pid, Duration.ofMinutes(3));
            long ready = faults.awaitReady(process, Duration.ofMinutes(5));
            return new Harm(signal.label + " " + process + " (pid " + pid + ") under load, restarted as pid "
                    + restarted + " and ready " + seconds(ready - at) + " later", ready);
        });
    }

    private Result kafkaDown(String name) throws Exception {
        return underLoad(name, () -> {
            long pid = faults.pid("kafka");
            faults.signal(pid, Faults.Signal.STOP);
            try {
                Thread.sleep(options.kafkaPause().toMillis());
            } finally {
                faults.signal(pid, Faults.Signal.CONT);
            }
            return new Harm("Kafka frozen (SIGSTOP) for " + options.kafkaPause().toSeconds() + " s under load",
                    System.nanoTime());
        });
    }

    private Result engineConnectionsKilled(String name) throws Exception {
        return underLoad(name, () -> {
            int killed = db.terminateEngineConnections();
            return new Harm("pg_terminate_backend of all " + killed + " engine DB connections under load",
                    System.nanoTime());
        });
    }

    /** The harm done and when the harmed part was back. */
    private record Harm(String did, long backAt) {
    }

    private Result underLoad(String name, Callable<Harm> harm) throws Exception {
        Instant since = db.now();
        Harm done;
        Load.Recovery recovery;
        try (Load load = new Load(client, options.concurrency(), PlatformDriver.Mix.DEFAULT,
                options.settle().plus(Duration.ofMinutes(5)))) {
            load.awaitPlaced(options.concurrency() * 2L, Duration.ofSeconds(30));
            Set<String> affected = load.inFlight();
            done = harm.call();
            recovery = load.recovery(affected, done.backAt(), STEP);
            // the load goes on a little: new orders flow as well as the old ones
            Thread.sleep(3_000);
            load.drain(options.settle());
        }
        return judge(name, done.did(), since, recovery.time(), recovery.moved(), List.of());
    }

    // ---- money around crashes -------------------------------------------------------------------------

    private Result providerSlow(String name) throws Exception {
        Instant since = db.now();
        List<String> problems = new ArrayList<>();
        Actors.Customer customer = actors.customer();
        List<String> orders = new ArrayList<>();
        long slowest = 0;
        db.providerDelay(options.providerDelay());
        try {
            orders.addAll(actors.place(customer, 3));
            long placed = System.nanoTime();
            for (String order : orders) {
                Actors.Seen paid = actors.await(order, "PAID", options.providerDelay().plus(STEP));
                if (paid == null) {
                    problems.add(order + " not PAID within " + options.providerDelay().plus(STEP).toSeconds() + " s");
                } else {
                    slowest = Math.max(slowest, paid.nanoTime() - placed);
                }
            }
        } finally {
            db.providerDelay(Duration.ZERO);
        }
        cancelAll(customer, orders, problems);
        return judge(name, "provider answering " + options.providerDelay().toSeconds() + " s after committing; 3 "
                + "orders PAID after " + seconds(slowest) + ", then cancelled", since, null, true, problems);
    }

    private Result crashBetweenChargeAndCommit(String name) throws Exception {
        Instant since = db.now();
        List<String> problems = new ArrayList<>();
        Actors.Customer customer = actors.customer();
        List<String> orders = new ArrayList<>();
        long pid = faults.pid(Service.WORKERS.id());
        db.providerDelay(Duration.ofSeconds(30));
        try {
            orders.addAll(actors.place(customer, 3));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (db.chargedAtProvider(orders).size() < orders.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<String> recorded = db.recordedApproved(orders);
            if (!recorded.isEmpty()) {
                problems.add("recorded before the kill (the delay did not hold the answer back): " + recorded);
            }
            faults.signal(pid, Faults.Signal.KILL);
        } finally {
            db.providerDelay(Duration.ZERO);
        }
        int charged = db.chargedAtProvider(orders).size();
        faults.awaitRestarted(Service.WORKERS.id(), pid, Duration.ofMinutes(3));
        long ready = faults.awaitReady(Service.WORKERS.id(), Duration.ofMinutes(5));
        Duration recovery = awaitAll(orders, Set.of("PAID"), ready, problems);
        cancelAll(customer, orders, problems);
        return judge(name, "kill -9 workers while the provider held " + charged + " committed charges back; "
                + "then cancelled", since, recovery, recovery != null, problems);
    }

    private Result refundAfterWorkersRestart(String name) throws Exception {
        Instant since = db.now();
        List<String> problems = new ArrayList<>();
        Actors.Customer customer = actors.customer();
        List<String> orders = actors.place(customer, 4);
        for (String order : orders) {
            if (actors.await(order, "PAID", STEP) == null) {
                problems.add(order + " not PAID before the kill");
            }
        }
        long pid = faults.pid(Service.WORKERS.id());
        faults.signal(pid, Faults.Signal.KILL);
        faults.awaitRestarted(Service.WORKERS.id(), pid, Duration.ofMinutes(3));
        long ready = faults.awaitReady(Service.WORKERS.id(), Duration.ofMinutes(5));
        for (int i = 0; i < orders.size(); i++) {
            Response answer = i % 2 == 0 ? actors.cancel(customer, orders.get(i))
                    : actors.store(orders.get(i), "reject");
            if (answer.status() / 100 != 2) {
                problems.add((i % 2 == 0 ? "cancel" : "reject") + " of " + orders.get(i) + ": HTTP "
                        + answer.status());
            }
        }
        Duration recovery = awaitAll(orders, Set.of("CANCELLED", "REJECTED"), ready, problems);
        return judge(name, "4 orders PAID, kill -9 workers, then 2 cancelled and 2 rejected", since, recovery,
                recovery != null, problems);
    }

    // ---- races ----------------------------------------------------------------------------------------

    private Result cancelRacingTheCharge(String name) throws Exception {
        Instant since = db.now();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        int count = 10;
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(() -> {
                Actors.Customer customer = actors.customer();
                String order = actors.place(customer);
                Response cancel = actors.cancel(customer, order);
                if (cancel.status() != 202) {
                    problems.add("cancel of " + order + ": HTTP " + cancel.status());
                }
                return order;
            });
        }
        List<String> orders = all(calls);
        for (String order : orders) {
            Actors.Seen ended = actors.await(order, Set.of("CANCELLED", "PAYMENT_FAILED", "REJECTED", "DELIVERED"),
                    STEP);
            if (ended != null && !ended.status().equals("CANCELLED")) {
                problems.add(order + " ended " + ended.status() + " after its cancel was accepted");
            }
        }
        return judge(name, count + " orders each cancelled right after placement, in parallel", since, null, true,
                problems);
    }

    private Result cancelVersusAccept(String name) throws Exception {
        Instant since = db.now();
        List<String> problems = new ArrayList<>();
        int accepted = 0;
        int count = 6;
        for (int i = 0; i < count; i++) {
            Actors.Customer customer = actors.customer();
            String order = actors.place(customer);
            if (actors.await(order, "PAID", STEP) == null) {
                problems.add(order + " not PAID");
                continue;
            }
            List<Response> answers = race(() -> actors.cancel(customer, order), () -> actors.store(order, "accept"));
            Response cancel = answers.get(0);
            Response accept = answers.get(1);
            accepted += accept.status() == 200 ? 1 : 0;
            if (cancel.status() != 202) {
                // before cooking started a cancel is always taken, whether the accept came first or not
                problems.add("cancel of " + order + " racing accept: HTTP " + cancel.status());
            }
            if (accept.status() != 200 && accept.status() != 409) {
                problems.add("accept of " + order + " racing cancel: HTTP " + accept.status());
            }
            Actors.Seen ended = actors.await(order, Set.of("CANCELLED", "REJECTED", "DELIVERED"), STEP);
            if (ended != null && !ended.status().equals("CANCELLED")) {
                problems.add(order + " ended " + ended.status() + " after its cancel was taken");
            }
        }
        return judge(name, count + " paid orders, cancel and accept sent together (accept won " + accepted
                + " times before the cancel)", since, null, true, problems);
    }

    private Result twoRiders(String name) throws Exception {
        Instant since = db.now();
        List<String> problems = new ArrayList<>();
        int count = 3;
        for (int i = 0; i < count; i++) {
            String order = actors.place(actors.customer());
            if (!actors.toReadyForPickup(order, STEP)) {
                problems.add(order + " never ready for pick-up");
                continue;
            }
            List<Response> picks = race(() -> actors.pick(0, order), () -> actors.pick(1, order));
            List<Integer> statuses = picks.stream().map(Response::status).sorted().toList();
            if (!statuses.equals(List.of(200, 409))) {
                problems.add("two riders picking " + order + " got " + statuses + " (expected one 200, one 409)");
                continue;
            }
            int winner = picks.get(0).status() == 200 ? 0 : 1;
            if (actors.complete(1 - winner, order).status() != 403) {
                problems.add("the rider who lost the pick of " + order + " could complete it");
            }
            if (actors.complete(winner, order).status() != 200) {
                problems.add("the rider who picked " + order + " could not complete it");
            }
            Actors.Seen delivered = actors.await(order, "DELIVERED", STEP);
            String rider = delivered == null ? null : actors.view(order).riderId();
            if (!actors.riderIds.get(winner).equals(rider)) {
                problems.add(order + " shows rider " + rider + ", picked by " + actors.riderIds.get(winner));
            }
        }
        return judge(name, count + " ready orders, two riders picking each at once, both trying to complete", since,
                null, true, problems);
    }

    private Result idempotencyStorm(String name) throws Exception {
        Instant since = db.now();
        List<String> problems = new ArrayList<>();
        Actors.Customer customer = actors.customer();
        String key = "chaos-" + UUID.randomUUID();
        Map<String, Object> body = actors.order("tok_visa");
        int count = 20;
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(() -> client.post("/api/orders", customer.token(), body, Map.of("Idempotency-Key", key)));
        }
        List<Response> answers = all(calls);
        Set<String> ids = new java.util.TreeSet<>();
        for (Response answer : answers) {
            if (answer.status() == 201) {
                ids.add(answer.as(PlacedOrder.class).orderId());
            } else {
                problems.add("a repeat of the request answered HTTP " + answer.status() + " " + answer.body());
            }
        }
        int rows = db.ordersWithKey(customer.id(), key);
        if (ids.size() != 1 || rows != 1) {
            problems.add(count + " requests with one key gave " + ids.size() + " order ids and " + rows + " orders");
        }
        if (ids.size() == 1) {
            cancelAll(customer, List.copyOf(ids), problems);
        }
        return judge(name, count + " identical placements with one Idempotency-Key at once, then a cancel", since,
                null, true, problems);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private void cancelAll(Actors.Customer customer, List<String> orders, List<String> problems)
            throws InterruptedException {
        for (String order : orders) {
            actors.await(order, "PAID", STEP);
            Response cancel = actors.cancel(customer, order);
            if (cancel.status() != 202) {
                problems.add("cancel of " + order + ": HTTP " + cancel.status());
            }
        }
        for (String order : orders) {
            if (actors.await(order, "CANCELLED", STEP) == null) {
                problems.add(order + " not CANCELLED within " + STEP.toSeconds() + " s of its cancel");
            }
        }
    }

    /** Waits until every order shows one of the statuses; the latest of those moments after {@code since}. */
    private Duration awaitAll(List<String> orders, Set<String> statuses, long since, List<String> problems)
            throws InterruptedException {
        long latest = since;
        boolean all = true;
        for (String order : orders) {
            Actors.Seen seen = actors.await(order, statuses, STEP);
            if (seen == null) {
                all = false;
                problems.add(order + " not " + String.join("/", statuses) + " within " + STEP.toSeconds()
                        + " s of the restart");
            } else {
                latest = Math.max(latest, seen.nanoTime());
            }
        }
        return all ? Duration.ofNanos(latest - since) : null;
    }

    /**
     * Judges every order the engine took since the scenario began, once each has ended or the settle time passed.
     */
    private Result judge(String name, String did, Instant since, Duration recovery, boolean recovered,
                         List<String> found) throws Exception {
        List<String> ids = db.ordersSince(since);
        long deadline = System.nanoTime() + options.settle().toNanos();
        List<MoneyCheck.Verdict> verdicts;
        while (true) {
            verdicts = db.facts(ids, ledger).stream().map(MoneyCheck::judge).toList();
            if (verdicts.stream().allMatch(MoneyCheck.Verdict::ended) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1_000);
        }
        List<String> problems = new ArrayList<>(found);
        verdicts.stream().filter(v -> !v.ok())
                .forEach(v -> problems.add(v.orderId() + ": " + String.join("; ", v.problems())));
        String checked = ids.size() + " orders in engine, read-model, payments"
                + (ledger ? " and provider ledger" : " (no provider ledger)");
        return new Result(name, did, checked, recovery == null && !recovered ? Duration.ofSeconds(STEP.toSeconds())
                : recovery, recovered, ids.size(), (int) verdicts.stream().filter(MoneyCheck.Verdict::lost).count(),
                (int) verdicts.stream().filter(MoneyCheck.Verdict::doubleCharged).count(),
                (int) verdicts.stream().filter(MoneyCheck.Verdict::moneyKept).count(), problems, null);
    }

    /** A scenario that holds the provider's answer back: skipped where the provider has no ledger to hold it with. */
    private Body needsLedger(Body body) {
        return name -> ledger ? body.run(name)
                : skipped(name, "needs the provider's ledger and its response-delay setting (card_simulator)");
    }

    private static Result skipped(String name, String why) {
        return new Result(name, "-", "-", null, false, 0, 0, 0, 0, List.of(), "skipped: " + why);
    }

    /** Waits until every instance answers its readiness probe and Kafka runs: a scenario starts from a whole platform. */
    private void awaitHealthy() throws InterruptedException {
        for (String instance : platform.urls().keySet()) {
            faults.awaitReady(instance, Duration.ofMinutes(5));
        }
        faults.pid("kafka");
    }

    /** Runs both calls as close to the same moment as threads allow; their answers in order. */
    private static List<Response> race(Callable<Response> first, Callable<Response> second) throws Exception {
        // all() gives each call its own thread; each waits there until both are at the barrier: no head start
        CyclicBarrier start = new CyclicBarrier(2);
        return all(Stream.of(first, second).<Callable<Response>>map(call -> () -> {
            start.await();
            return call.call();
        }).toList());
    }

    /** Runs every call on a thread of its own, all at once; their results in order. */
    private static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
