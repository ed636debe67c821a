package com.baedal.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lombok.RequiredArgsConstructor;

/**
 * Starts {@link Component}s as child processes and keeps them running: any exit it did not ask for (a crash, {@code
 * kill -9}, a SIGTERM from outside) is reported and followed by a restart after a back-off (1 s, doubling while the
 * component keeps dying before it becomes ready, at most {@link #MAX_BACKOFF}). The pid of each running component
 * is kept in {@code runDirectory/<name>.pid}. {@link #close()} stops everything it started, restarted processes
 * included: the groups in reverse order of their start (the services, then Kafka and PostgreSQL).
 */
@RequiredArgsConstructor
public final class Supervisor implements AutoCloseable {

    /** Where the supervisor reports: the console of {@code ./baedal up}, a test's output. */
    @FunctionalInterface
    public interface Console {
        void say(String component, String message);
    }

    /** A component exited or did not get ready while a group was starting. */
    public static final class StartFailure extends Exception {
        private final String component;
        private final Path log;

        StartFailure(String component, String message, Path log) {
            super(component + " " + message);
            this.component = component;
            this.log = log;
        }

        public String component() {
            return component;
        }

        public Path log() {
            return log;
        }
    }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration RESTART_READY_TIMEOUT = Duration.ofMinutes(5);

    private final Path runDirectory;
    private final Console console;
    private final List<List<Supervised>> groups = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(daemon("restart"));
    private final ExecutorService watchers = Executors.newCachedThreadPool(daemon("ready-watch"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private volatile boolean stopping;

    /**
     * Starts the components together and waits until each is ready; from then on they are supervised. If one exits
     * or is not ready in time the start fails (and {@link #close()} stops what runs).
     */
    public void start(List<Component> components, Duration timeout) throws StartFailure, InterruptedException {
        long started = System.nanoTime();
        List<Supervised> group = new CopyOnWriteArrayList<>();
        groups.add(group); // before launching: close() stops whatever of it started
        for (Component component : components) {
            Supervised supervised = new Supervised(component);
            launch(supervised, false);
            group.add(supervised);
        }
        long deadline = started + timeout.toNanos();
        for (Supervised supervised : group) {
            awaitReady(supervised, deadline);
            supervised.ready = true;
            supervised.watched = true;
            console.say(supervised.component.name(), "ready " + supervised.component.where() + " ("
                    + seconds(System.nanoTime() - started) + ", log " + supervised.component.log() + ")");
        }
    }

    /** The pid of a running component. */
    public OptionalLong pid(String name) {
        return find(name).map(s -> s.process).filter(Process::isAlive).map(p -> OptionalLong.of(p.pid()))
                .orElse(OptionalLong.empty());
    }

    /** How many times a component was restarted. */
    public int restarts(String name) {
        return find(name).map(s -> s.restarts).orElse(0);
    }

    public Path runDirectory() {
        return runDirectory;
    }

    /** Stops every component, newest group first; waits for each to exit (SIGKILL after a minute). */
    @Override
    public void close() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        restarts.shutdownNow();
        watchers.shutdownNow();
        for (int i = groups.size() - 1; i >= 0; i--) {
            List<Supervised> group = groups.get(i);
            group.forEach(s -> s.process.destroy());
            for (Supervised supervised : group) {
                Process process = supervised.process;
                try {
                    if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                        console.say(supervised.component.name(), "did not stop in " + STOP_GRACE.toSeconds()
                                + " s: killed");
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
                deletePidFile(supervised.component.name());
            }
        }
    }

    // ---- supervision ------------------------------------------------------------------------------------

    /** One component and the process currently running it. */
    private static final class Supervised {
        final Component component;
        volatile Process process;
        volatile long launchedAt;
        /** Log size when the current process started: a restart's readiness line must be a new one. */
        volatile long logOffset;
        volatile boolean ready;
        /** False while its group starts: an exit then fails the start instead of restarting. */
        volatile boolean watched;
        volatile int restarts;
        /** Exits in a row before becoming ready: drives the back-off. */
        int failuresInARow;

        Supervised(Component component) {
            this.component = component;
        }
    }

    private synchronized void launch(Supervised supervised, boolean append) throws StartFailure {
        Component component = supervised.component;
        try {
            Files.createDirectories(component.log().getParent());
            supervised.logOffset = append && Files.exists(component.log()) ? Files.size(component.log()) : 0;
            ProcessBuilder builder = new ProcessBuilder(component.command()).redirectErrorStream(true)
                    .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(component.log().toFile())
                            : ProcessBuilder.Redirect.to(component.log().toFile()));
            builder.environment().putAll(component.environment());
            Process process = builder.start();
            supervised.process = process;
            supervised.launchedAt = System.nanoTime();
            supervised.ready = false;
            writePidFile(component.name(), process.pid());
            process.onExit().thenAccept(exited -> exited(supervised, exited));
        } catch (IOException e) {
            throw new StartFailure(component.name(), "could not be started: " + e.getMessage(), component.log());
        }
    }

    private void exited(Supervised supervised, Process process) {
        int delaySeconds;
        synchronized (this) {
            if (stopping || !supervised.watched || process != supervised.process) {
                return;
            }
            supervised.failuresInARow = supervised.ready ? 1 : supervised.failuresInARow + 1;
            supervised.ready = false;
            deletePidFile(supervised.component.name());
            delaySeconds = (int) backoff(supervised.failuresInARow).toSeconds();
            restarts.schedule(() -> restart(supervised), delaySeconds, TimeUnit.SECONDS);
        }
        console.say(supervised.component.name(), "exited unexpectedly (" + describeExit(process.exitValue())
                + ", after " + seconds(System.nanoTime() - supervised.launchedAt) + "): restarting in "
                + delaySeconds + " s");
    }

    private void restart(Supervised supervised) {
        long started = System.nanoTime();
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                launch(supervised, true);
            } catch (StartFailure e) {
                console.say(supervised.component.name(), e.getMessage() + "; trying again");
                supervised.failuresInARow++;
                restarts.schedule(() -> restart(supervised), MAX_BACKOFF.toSeconds(),
                        TimeUnit.SECONDS);
                return;
            }
            supervised.restarts++;
        }
        Process process = supervised.process;
        console.say(supervised.component.name(), "restarted (restart " + supervised.restarts + ", pid "
                + process.pid() + ")");
        watchers.execute(() -> {
            try {
                awaitReady(supervised, System.nanoTime() + RESTART_READY_TIMEOUT.toNanos());
                if (process == supervised.process) {
                    supervised.ready = true;
                    console.say(supervised.component.name(), "ready again " + supervised.component.where() + " ("
                            + seconds(System.nanoTime() - started) + " after the restart)");
                }
            } catch (StartFailure notReady) {
                // an exit is handled by exited(); a process that never gets ready is left to the operator
                if (process.isAlive()) {
                    console.say(supervised.component.name(), notReady.getMessage());
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void awaitReady(Supervised supervised, long deadline) throws StartFailure, InterruptedException {
        Component component = supervised.component;
        Process process = supervised.process;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartFailure(component.name(), "exited during start-up (" + describeExit(
                        process.exitValue()) + ")", component.log());
            }
            if (isReady(component, supervised.logOffset)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new StartFailure(component.name(), "was not ready in time", component.log());
    }

    private boolean isReady(Component component, long logOffset) throws InterruptedException {
        if (component.readiness() instanceof Component.HttpOk ok) {
            try {
                return http.send(HttpRequest.newBuilder(ok.url()).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }
        Component.LogLine line = (Component.LogLine) component.readiness();
        return logSince(component.log(), logOffset).lines().anyMatch(l -> l.startsWith(line.prefix()));
    }

    private static String logSince(Path log, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The wait before a restart: 1 s after the first exit, doubling with each exit before ready, at most 30 s. */
    static Duration backoff(int failuresInARow) {
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << Math.min(10, Math.max(0, failuresInARow - 1)));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** Exit codes of a process killed by a signal are 128 + the signal's number. */
    static String describeExit(int code) {
        return switch (code) {
            case 137 -> "killed, SIGKILL";
            case 143 -> "terminated, SIGTERM";
            case 130 -> "interrupted, SIGINT";
            case 134 -> "aborted, SIGABRT";
            default -> "exit code " + code;
        };
    }

    private java.util.Optional<Supervised> find(String name) {
        return groups.stream().flatMap(List::stream).filter(s -> s.component.name().equals(name)).findFirst();
    }

    private void writePidFile(String name, long pid) throws IOException {
        Files.createDirectories(runDirectory);
        Path temporary = runDirectory.resolve(name + ".pid.tmp");
        Files.writeString(temporary, pid + "\n");
        Files.move(temporary, runDirectory.resolve(name + ".pid"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private void deletePidFile(String name) {
        try {
            Files.deleteIfExists(runDirectory.resolve(name + ".pid"));
        } catch (IOException ignored) {
            // a stale pid file names a process that is gone; readers check
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.0fs", nanos / 1e9);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "supervisor-" + prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
