package com.baedal.simulator.chaos;

import com.baedal.local.RunningPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import lombok.RequiredArgsConstructor;

/**
 * Signals to the platform's processes (found by their pid files, which the supervisor of {@code ./baedal up} keeps
 * current) and waiting for them to come back.
 */
@RequiredArgsConstructor
final class Faults {

    @RequiredArgsConstructor
    enum Signal {
        KILL("kill -9"), TERM("SIGTERM"), STOP("SIGSTOP"), CONT("SIGCONT");

        final String label;
    }

    private final RunningPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    long pid(String process) {
        OptionalLong pid = platform.pid(process);
        if (pid.isEmpty() || ProcessHandle.of(pid.getAsLong()).map(p -> !p.isAlive()).orElse(true)) {
            throw new IllegalStateException("no running " + process + " (no live pid in "
                    + platform.runDirectory().resolve(process + ".pid") + ")");
        }
        return pid.getAsLong();
    }

    /** Sends a signal with the system's {@code kill}, as an operator would. */
    void signal(long pid, Signal signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal.name() + " " + pid + " failed");
        }
    }

    /** Waits until the supervisor runs a new process in place of {@code oldPid}; its pid. */
    long awaitRestarted(String process, long oldPid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong pid = platform.pid(process);
            if (pid.isPresent() && pid.getAsLong() != oldPid
                    && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                return pid.getAsLong();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(process + " was not restarted within " + timeout.toSeconds() + " s");
    }

    /** Waits until an instance answers its readiness probe; the {@link System#nanoTime()} it did. */
    long awaitReady(String instance, Duration timeout) throws InterruptedException {
        URI readiness = platform.readiness(instance);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready(readiness)) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(instance + " was not ready within " + timeout.toSeconds() + " s");
    }

    boolean ready(String instance) throws InterruptedException {
        return ready(platform.readiness(instance));
    }

    private boolean ready(URI readiness) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }
}
