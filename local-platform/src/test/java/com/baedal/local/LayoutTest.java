package com.baedal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout is the one place the local platform's ports, databases and wiring are spelled. */
class LayoutTest {

    @TempDir
    Path root;

    @Test
    void standardLayoutIsTheOneTheReadmePrints() throws Exception {
        jars("engine", "workers", "read-model", "gateway", "local-platform");
        Layout layout = Layout.standard(root).build();

        assertThat(layout.ports()).containsEntry("gateway", 8080).containsEntry("engine", 8081)
                .containsEntry("workers", 8082).containsEntry("read-model", 8083).containsEntry("kafka", 9092)
                .containsEntry("kafka controller", 9093).doesNotContainKey("postgres");
        assertThat(layout.databaseNames()).containsExactly("engine", "payments", "readmodel");
        assertThat(layout.runDirectory()).isEqualTo(root.resolve(".baedal/run"));
        assertThat(layout.infrastructure()).extracting(Component::name).containsExactly("kafka");

        Component workers = layout.services().stream().filter(c -> c.name().equals("workers")).findFirst()
                .orElseThrow();
        assertThat(workers.command()).contains("--server.port=8082",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/payments", "--spring.profiles.active=local");
        assertThat(workers.environment()).containsEntry("ENGINE_REST_URL", "http://localhost:8081/engine-rest")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        assertThat(workers.log()).isEqualTo(root.resolve(".baedal/logs/workers.log"));
        assertThat(workers.readiness()).isEqualTo(new Component.HttpOk(
                URI.create("http://localhost:8082/actuator/health/readiness")));
        Component gateway = layout.services().stream().filter(c -> c.name().equals("gateway")).findFirst()
                .orElseThrow();
        assertThat(gateway.command()).noneMatch(arg -> arg.startsWith("--spring.datasource.url"));
        assertThat(gateway.environment()).containsEntry("ENGINE_URL", "http://localhost:8081")
                .containsEntry("READMODEL_URL", "http://localhost:8083")
                .containsEntry("WORKERS_URL", "http://localhost:8082");
    }

    @Test
    void testsMoveEverythingAndPrefixTheirDatabases() throws Exception {
        jars("engine", "workers", "read-model", "gateway", "local-platform");
        Layout layout = Layout.builder(root, root.resolve("target/e2e")).port(Service.ENGINE, 41001)
                .port(Service.GATEWAY, 41000).kafkaPort(41010).database(Service.ENGINE, "x_e2e_engine")
                .jvmOptions("-Xmx512m").arguments(Service.ENGINE, "--baedal.order.rider-search-timeout=PT20S")
                .embeddedPostgres(true).build();

        Component engine = layout.services().get(0);
        assertThat(engine.name()).isEqualTo("engine");
        assertThat(engine.command()).containsSubsequence("-Xmx512m", "-jar")
                .contains("--server.port=41001", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/x_e2e_engine",
                        "--baedal.order.rider-search-timeout=PT20S");
        assertThat(layout.infrastructure()).extracting(Component::name).containsExactly("postgres", "kafka");
        assertThat(layout.gateway()).isEqualTo(URI.create("http://localhost:41000"));
        assertThatThrownBy(() -> Layout.builder(root, root).database(Service.GATEWAY, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Layout.builder(root, root).database(Service.ENGINE, "x; drop"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replicasGiveEngineWorkersAndReadModelMoreInstancesBehindTheOneGateway() throws Exception {
        jars("engine", "workers", "read-model", "gateway", "local-platform");
        Layout layout = Layout.standard(root).replicas(2).build();

        assertThat(layout.ports()).containsEntry("gateway", 8080).containsEntry("engine", 8081)
                .containsEntry("engine-2", 8091).containsEntry("workers-2", 8092).containsEntry("read-model-2", 8093)
                .doesNotContainKey("gateway-2");
        assertThat(layout.services()).extracting(Component::name).containsExactlyInAnyOrder("engine", "engine-2",
                "workers", "workers-2", "read-model", "read-model-2", "gateway");
        Component gateway = component(layout, "gateway");
        assertThat(gateway.environment())
                .containsEntry("ENGINE_URL", "http://localhost:8081,http://localhost:8091")
                .containsEntry("WORKERS_URL", "http://localhost:8082,http://localhost:8092")
                .containsEntry("READMODEL_URL", "http://localhost:8083,http://localhost:8093");
        assertThat(component(layout, "workers-2").environment())
                .containsEntry("ENGINE_REST_URL", "http://localhost:8091/engine-rest");
        assertThat(component(layout, "workers").environment())
                .containsEntry("ENGINE_REST_URL", "http://localhost:8081/engine-rest");
        // dynamic members: a fenced static member would stop projecting after a broker stall
        assertThat(component(layout, "read-model-2").environment()).doesNotContainKey("READMODEL_GROUP_INSTANCE_ID");
        Component engine2 = component(layout, "engine-2");
        assertThat(engine2.command()).contains("--server.port=8091",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/engine");
        assertThat(engine2.log()).isEqualTo(root.resolve(".baedal/logs/engine-2.log"));
        assertThat(layout.running().url("read-model-2")).isEqualTo(URI.create("http://localhost:8093"));
        // the second instances start once the first are ready (one engine creates Camunda's tables)
        assertThat(layout.serviceGroups()).hasSize(2);
        assertThat(layout.serviceGroups().get(0)).extracting(Component::name)
                .containsExactly("engine", "workers", "read-model", "gateway");
        assertThat(layout.serviceGroups().get(1)).extracting(Component::name)
                .containsExactly("engine-2", "workers-2", "read-model-2");
        assertThat(Layout.standard(root).build().serviceGroups()).hasSize(1);

        Layout moved = Layout.builder(root, root.resolve("target/e2e")).replicas(2).port(Service.ENGINE, 41001)
                .port(Service.ENGINE, 2, 41002).build();
        assertThat(moved.instances(Service.ENGINE)).extracting(Layout.Instance::port).containsExactly(41001, 41002);
        assertThatThrownBy(() -> Layout.standard(root).replicas(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Component component(Layout layout, String name) {
        return layout.services().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aMissingJarIsAClearError() {
        assertThatThrownBy(() -> Layout.standard(root).build().services())
                .hasMessageContaining("no runnable jar in " + root.resolve("engine/target"));
    }

    @Test
    void runningPlatformRoundTripsThroughItsFile() throws Exception {
        jars("engine", "workers", "read-model", "gateway", "local-platform");
        RunningPlatform written = Layout.standard(root).build().running();
        written.write();
        Files.writeString(written.runDirectory().resolve("workers.pid"), "4242\n");

        RunningPlatform read = RunningPlatform.read(root.resolve(".baedal/run")).orElseThrow();

        assertThat(read).isEqualTo(written);
        assertThat(read.gateway()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(read.database(Service.READ_MODEL)).isEqualTo("jdbc:postgresql://127.0.0.1:5432/readmodel");
        assertThat(read.pid("workers")).hasValue(4242);
        assertThat(read.pid("engine")).isEmpty();
        assertThat(RunningPlatform.read(root.resolve("elsewhere"))).isEmpty();
    }

    private void jars(String... modules) throws Exception {
        for (String module : List.of(modules)) {
            Path target = Files.createDirectories(root.resolve(module).resolve("target"));
            Files.writeString(target.resolve(module + "-0.1.0-SNAPSHOT-exec.jar"), "");
        }
    }
}
