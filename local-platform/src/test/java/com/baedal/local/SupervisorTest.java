package com.baedal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ./baedal up promises about crashed processes, with a shell process standing in for a service. */
class SupervisorTest {

    @TempDir
    Path dir;

    private final List<String> console = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void aKilledComponentIsRestartedAndItsPidFileFollows() throws Exception {
        supervisor = new Supervisor(dir.resolve("run"), (name, message) -> console.add(name + " " + message));
        supervisor.start(List.of(service("svc")), Duration.ofSeconds(20));
        long first = pidFile("svc");
        assertThat(supervisor.pid("svc")).hasValue(first);
        assertThat(ProcessHandle.of(first)).isPresent();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.pid("svc").orElse(first) != first
                && console.stream().anyMatch(line -> line.startsWith("svc ready again")));
        long second = pidFile("svc");
        assertThat(second).isNotEqualTo(first).isEqualTo(supervisor.pid("svc").orElseThrow());
        assertThat(supervisor.restarts("svc")).isEqualTo(1);
        assertThat(console).anyMatch(line -> line.startsWith("svc exited unexpectedly (killed, SIGKILL"));
        // the restarted process appends to the log: what the crashed one wrote stays there
        assertThat(Files.readAllLines(dir.resolve("svc.log")).stream().filter(l -> l.equals("READY"))).hasSize(2);
    }

    @Test
    void aComponentStoppedFromOutsideIsRestartedToo() throws Exception {
        supervisor = new Supervisor(dir.resolve("run"), (name, message) -> console.add(name + " " + message));
        supervisor.start(List.of(service("svc")), Duration.ofSeconds(20));
        long first = pidFile("svc");

        ProcessHandle.of(first).orElseThrow().destroy(); // SIGTERM, as `kill <pid>` would

        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.restarts("svc") == 1
                && supervisor.pid("svc").isPresent());
        assertThat(pidFile("svc")).isNotEqualTo(first);
    }

    @Test
    void closeStopsEveryProcessRestartedOnesIncludedAndRemovesThePidFiles() throws Exception {
        supervisor = new Supervisor(dir.resolve("run"), (name, message) -> console.add(name + " " + message));
        supervisor.start(List.of(service("infra")), Duration.ofSeconds(20));
        supervisor.start(List.of(service("a"), service("b")), Duration.ofSeconds(20));
        long killed = pidFile("a");
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.restarts("a") == 1
                && supervisor.pid("a").isPresent());
        List<ProcessHandle> running = List.of("infra", "a", "b").stream()
                .map(name -> ProcessHandle.of(supervisor.pid(name).orElseThrow()).orElseThrow()).toList();

        supervisor.close();

        assertThat(running).noneMatch(ProcessHandle::isAlive);
        try (var files = Files.list(dir.resolve("run"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.endsWith(".pid"));
        }
        assertThat(console).noneMatch(line -> line.contains("exited unexpectedly") && !line.startsWith("a "));
    }

    @Test
    void aComponentThatDiesDuringStartFailsTheStart() {
        supervisor = new Supervisor(dir.resolve("run"), (name, message) -> console.add(name + " " + message));
        Component broken = new Component("broken", List.of("sh", "-c", "echo 'no config'; exit 3"), Map.of(),
                dir.resolve("broken.log"), new Component.LogLine("READY"), "nowhere");

        assertThatThrownBy(() -> supervisor.start(List.of(broken), Duration.ofSeconds(20)))
                .isInstanceOf(Supervisor.StartFailure.class)
                .hasMessageContaining("broken exited during start-up (exit code 3)");
    }

    @Test
    void backOffDoublesWhileAComponentKeepsDyingBeforeItIsReady() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 40).stream().map(Supervisor::backoff).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void exitCodesOfSignalsAreNamed() {
        assertThat(Supervisor.describeExit(137)).isEqualTo("killed, SIGKILL");
        assertThat(Supervisor.describeExit(143)).isEqualTo("terminated, SIGTERM");
        assertThat(Supervisor.describeExit(1)).isEqualTo("exit code 1");
    }

    private Component service(String name) {
        // prints READY, then lives until it is stopped; `exec` makes the shell's pid the sleeper's
        return new Component(name, List.of("sh", "-c", "echo READY; exec sleep 600"), Map.of(),
                dir.resolve(name + ".log"), new Component.LogLine("READY"), "here");
    }

    private long pidFile(String name) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("run").resolve(name + ".pid")).trim());
    }
}
