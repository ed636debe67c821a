package com.baedal.charts;

import static com.baedal.charts.Chart.COMPONENTS;
import static com.baedal.charts.Chart.fullName;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.charts.Chart.Manifests;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** helm template of ci/default-values.yaml and ci/eks-values.yaml: what a cluster would receive. */
class ChartRenderingTest {

    static Stream<Path> ciValues() {
        return Stream.of(Chart.DEFAULT_VALUES, Chart.EKS_VALUES);
    }

    /** The env var names each service reads (its application.yaml placeholders). */
    private static final Map<String, Set<String>> ENV = Map.of(
            "engine", Set.of("PORT", "ENGINE_DB_URL", "ENGINE_DB_USER", "ENGINE_DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
                    "BAEDAL_JWT_ISSUER_URI", "BAEDAL_JWT_JWK_SET_URI", "BAEDAL_WORKERS_USER", "BAEDAL_WORKERS_PASSWORD",
                    "BAEDAL_OPERATOR_USER", "BAEDAL_OPERATOR_PASSWORD", "BAEDAL_PAYMENT_CREDENTIAL_PUBLIC_KEY",
                    "SPRING_PROFILES_ACTIVE"),
            "workers", Set.of("PORT", "PAYMENTS_DB_URL", "PAYMENTS_DB_USER", "PAYMENTS_DB_PASSWORD", "ENGINE_REST_URL",
                    "BAEDAL_WORKERS_USER", "BAEDAL_WORKERS_PASSWORD", "BAEDAL_PAYMENT_CREDENTIAL_PRIVATE_KEY",
                    "BAEDAL_JWT_ISSUER_URI", "BAEDAL_JWT_JWK_SET_URI"),
            "read-model", Set.of("PORT", "READMODEL_DB_URL", "READMODEL_DB_USER", "READMODEL_DB_PASSWORD",
                    "KAFKA_BOOTSTRAP_SERVERS", "BAEDAL_JWT_ISSUER_URI", "BAEDAL_JWT_JWK_SET_URI"),
            "gateway", Set.of("PORT", "ENGINE_URL", "WORKERS_URL", "READMODEL_URL", "BAEDAL_JWT_ISSUER_URI",
                    "BAEDAL_JWT_JWK_SET_URI"));
    private static final Map<String, Integer> PORTS = Map.of("gateway", 8080, "engine", 8081, "workers", 8082, "read-model", 8083);

    @ParameterizedTest
    @MethodSource("ciValues")
    void everyServiceGetsEveryKind(Path values) {
        Manifests manifests = Chart.render(values);
        for (String component : COMPONENTS) {
            for (String kind : List.of("Deployment", "Service", "ConfigMap", "ServiceAccount", "HorizontalPodAutoscaler",
                    "PodDisruptionBudget", "NetworkPolicy")) {
                assertThat(manifests.find(kind, fullName(component))).as(kind + " of " + component).isPresent();
            }
        }
        assertThat(manifests.ofKind("Deployment")).hasSize(4);
        assertThat(manifests.ofKind("Secret")).as("the chart never creates secrets").isEmpty();
        assertThat(manifests.ofKind("ScaledObject")).as("KEDA is off by default").isEmpty();
        assertThat(manifests.ofKind("ServiceMonitor")).as("ServiceMonitors are off by default").isEmpty();
        manifests.all().forEach(m -> assertThat(m.path("metadata").path("namespace").asText()).isEqualTo(Chart.NAMESPACE));
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void hpasTargetTheirOwnDeploymentOnCpuAndMemory(Path values) {
        Manifests manifests = Chart.render(values);
        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).hasSize(4);
        for (String component : COMPONENTS) {
            JsonNode hpa = manifests.get("HorizontalPodAutoscaler", fullName(component));
            assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertThat(target.path("kind").asText()).isEqualTo("Deployment");
            assertThat(target.path("apiVersion").asText()).isEqualTo("apps/v1");
            assertThat(target.path("name").asText()).isEqualTo(fullName(component));
            JsonNode deployment = manifests.get("Deployment", target.path("name").asText());
            assertThat(deployment.at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo(component);
            assertThat(deployment.path("spec").has("replicas")).as("the HPA owns the replica count").isFalse();
            assertThat(hpa.at("/spec/minReplicas").asInt()).isPositive().isLessThanOrEqualTo(hpa.at("/spec/maxReplicas").asInt());
            assertThat(values(hpa.at("/spec/metrics"), "/resource/name")).containsExactlyInAnyOrder("cpu", "memory");
        }
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void deploymentsHaveProbesResourcesAndALockedDownSecurityContext(Path values) {
        Manifests manifests = Chart.render(values);
        for (String component : COMPONENTS) {
            JsonNode pod = manifests.get("Deployment", fullName(component)).at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0");
            assertThat(pod.at("/containers").size()).isEqualTo(1);
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(PORTS.get(component));
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
            // probes on the management port: actuator does not answer on the application port outside `local`
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("management");
            assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("management");
            assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
            assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();

            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(1000);
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
            assertThat(values(container.at("/securityContext/capabilities/drop"), "")).containsExactly("ALL");
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();

            JsonNode tmpMount = container.at("/volumeMounts/0");
            assertThat(tmpMount.path("mountPath").asText()).isEqualTo("/tmp");
            JsonNode tmpVolume = find(pod.at("/volumes"), "name", tmpMount.path("name").asText());
            assertThat(tmpVolume.has("emptyDir")).isTrue();

            int preStopSleep = container.at("/lifecycle/preStop/exec/command/1").asInt();
            assertThat(values(container.at("/lifecycle/preStop/exec/command"), "").get(0)).isEqualTo("sleep");
            assertThat(preStopSleep).isPositive();
            assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).isGreaterThan(preStopSleep);
            assertThat(pod.at("/serviceAccountName").asText()).isEqualTo(fullName(component));
        }
        // the engine's job executor and the workers' locked tasks get a long drain
        assertThat(manifests.get("Deployment", fullName("engine")).at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
                .isGreaterThanOrEqualTo(90);
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void everyServiceGetsTheEnvironmentItReadsAndSecretsOnlyFromSecrets(Path values) {
        Manifests manifests = Chart.render(values);
        for (String component : COMPONENTS) {
            Map<String, String> config = new HashMap<>();
            manifests.get("ConfigMap", fullName(component)).path("data").fields()
                    .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            JsonNode container = manifests.get("Deployment", fullName(component)).at("/spec/template/spec/containers/0");
            assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo(fullName(component));
            Map<String, JsonNode> env = new HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));

            Set<String> names = new java.util.HashSet<>(config.keySet());
            names.addAll(env.keySet());
            assertThat(names).as(component).containsAll(ENV.get(component));
            assertThat(config.get("PORT")).isEqualTo(String.valueOf(PORTS.get(component)));
            assertThat(config.get("SPRING_PROFILES_ACTIVE")).isEqualTo("prod");
            assertThat(config.get("BAEDAL_JWT_ISSUER_URI")).startsWith("https://");
            for (String name : names) {
                if (name.endsWith("PASSWORD") || name.endsWith("_DB_USER")) {
                    assertThat(config).as(name + " must not be in a ConfigMap").doesNotContainKey(name);
                    assertThat(env.get(name).at("/valueFrom/secretKeyRef/name").asText()).as(name).isNotBlank();
                }
            }
            config.values().forEach(v -> assertThat(v).doesNotContainIgnoringCase("password="));
        }
        Map<String, String> gateway = data(manifests, "gateway");
        assertThat(gateway.get("ENGINE_URL")).isEqualTo("http://baedal-engine.shop.svc:8081");
        assertThat(gateway.get("WORKERS_URL")).isEqualTo("http://baedal-workers.shop.svc:8082");
        assertThat(gateway.get("READMODEL_URL")).isEqualTo("http://baedal-read-model.shop.svc:8083");
        assertThat(data(manifests, "workers").get("ENGINE_REST_URL")).isEqualTo("http://baedal-engine.shop.svc:8081/engine-rest");
        JsonNode workerId = find(manifests.get("Deployment", fullName("workers")).at("/spec/template/spec/containers/0/env"),
                "name", "WORKER_ID");
        assertThat(workerId.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void paymentCredentialKeysComeFromTheirSecretsAndOnlyTheWorkersGetThePrivateOne(Path values) {
        Manifests manifests = Chart.render(values);
        JsonNode engineEnv = manifests.get("Deployment", fullName("engine")).at("/spec/template/spec/containers/0/env");
        JsonNode workersEnv = manifests.get("Deployment", fullName("workers")).at("/spec/template/spec/containers/0/env");

        JsonNode publicKey = find(engineEnv, "name", "BAEDAL_PAYMENT_CREDENTIAL_PUBLIC_KEY");
        assertThat(publicKey.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("baedal-payment-credential-public");
        assertThat(publicKey.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("public.pem");
        JsonNode privateKey = find(workersEnv, "name", "BAEDAL_PAYMENT_CREDENTIAL_PRIVATE_KEY");
        assertThat(privateKey.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("baedal-payment-credential-private");
        assertThat(privateKey.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("private.pem");

        for (String component : COMPONENTS) {
            String rendered = manifests.get("Deployment", fullName(component)).toString();
            assertThat(rendered).as(component).doesNotContain("BEGIN");
            if (!component.equals("workers")) {
                assertThat(rendered).as(component).doesNotContain("PAYMENT_CREDENTIAL_PRIVATE_KEY")
                        .doesNotContain("baedal-payment-credential-private");
            }
            assertThat(data(manifests, component)).as(component).doesNotContainKeys(
                    "BAEDAL_PAYMENT_CREDENTIAL_PUBLIC_KEY", "BAEDAL_PAYMENT_CREDENTIAL_PRIVATE_KEY");
        }
    }

    @Test
    void defaultValuesBuildJdbcUrlsOnOneServerAndTakeTheScramJaasLineFromASecret() {
        Manifests manifests = Chart.render(Chart.DEFAULT_VALUES);
        assertThat(data(manifests, "engine").get("ENGINE_DB_URL"))
                .isEqualTo("jdbc:postgresql://postgres.example.internal:5432/engine?sslmode=require");
        assertThat(data(manifests, "workers").get("PAYMENTS_DB_URL"))
                .isEqualTo("jdbc:postgresql://postgres.example.internal:5432/payments?sslmode=require");
        assertThat(data(manifests, "read-model").get("READMODEL_DB_URL"))
                .isEqualTo("jdbc:postgresql://postgres.example.internal:5432/readmodel?sslmode=require");
        for (String component : List.of("engine", "read-model")) {
            assertThat(data(manifests, component)).containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL")
                    .doesNotContainKey("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            JsonNode jaas = find(manifests.get("Deployment", fullName(component)).at("/spec/template/spec/containers/0/env"),
                    "name", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            assertThat(jaas.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("baedal-kafka");
            assertThat(jaas.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("sasl.jaas.config");
        }
        assertThat(data(manifests, "workers")).doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(data(manifests, "gateway")).doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void eksValuesUseMskIamRdsUrlsIrsaAndAnAlbIngress() {
        Manifests manifests = Chart.render(Chart.EKS_VALUES);
        for (String component : List.of("engine", "read-model")) {
            assertThat(data(manifests, component))
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "AWS_MSK_IAM")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "software.amazon.msk.auth.iam.IAMLoginModule required;")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_CLIENT_CALLBACK_HANDLER_CLASS",
                            "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
            assertThat(data(manifests, component).get("KAFKA_BOOTSTRAP_SERVERS")).contains(":9098");
            assertThat(manifests.get("ServiceAccount", fullName(component))
                    .at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText()).startsWith("arn:aws:iam::");
        }
        assertThat(data(manifests, "engine").get("ENGINE_DB_URL")).contains(".rds.amazonaws.com:5432/engine");
        JsonNode ingress = manifests.get("Ingress", fullName("gateway"));
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("alb");
        assertThat(ingress.at("/metadata/annotations/alb.ingress.kubernetes.io~1scheme").asText()).isEqualTo("internet-facing");
        assertThat(ingress.at("/metadata/annotations/alb.ingress.kubernetes.io~1target-type").asText()).isEqualTo("ip");
        assertThat(manifests.get("Deployment", fullName("engine")).at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/baedal/baedal-engine:0.1.0");
        // two of every service; a drain or rolling update may take one of them at a time
        for (String component : List.of("engine", "workers", "read-model")) {
            assertThat(manifests.get("HorizontalPodAutoscaler", fullName(component)).at("/spec/minReplicas").asInt())
                    .isEqualTo(2);
            assertThat(manifests.get("PodDisruptionBudget", fullName(component)).at("/spec/minAvailable").asInt())
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void onlyTheGatewayIsExposedThroughTheIngress(Path values) {
        Manifests manifests = Chart.render(values);
        List<JsonNode> ingresses = manifests.ofKind("Ingress");
        assertThat(ingresses).hasSize(1);
        JsonNode rules = ingresses.get(0).at("/spec/rules");
        assertThat(rules.size()).isEqualTo(1);
        assertThat(rules.at("/0/host").asText()).isNotBlank();
        List<String> backends = values(rules.at("/0/http/paths"), "/backend/service/name");
        assertThat(backends).isNotEmpty().containsOnly(fullName("gateway"));
        assertThat(values(rules.at("/0/http/paths"), "/path")).contains("/api", "/camunda", "/engine-rest")
                .doesNotContain("/actuator", "/");
        manifests.ofKind("Service").forEach(s -> assertThat(s.at("/spec/type").asText()).isEqualTo("ClusterIP"));
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void networkPoliciesAllowOnlyThePathsOfTheArchitecture(Path values) {
        Manifests manifests = Chart.render(values);
        // who may reach whom (ingress rules naming our own pods)
        assertThat(podSources(manifests, "gateway")).isEmpty();
        assertThat(namespaceSources(manifests, "gateway")).containsExactly("ingress-nginx");
        assertThat(podSources(manifests, "engine")).containsExactlyInAnyOrder("gateway", "workers");
        assertThat(podSources(manifests, "workers")).containsExactly("gateway");
        assertThat(podSources(manifests, "read-model")).containsExactly("gateway");
        for (String component : List.of("engine", "workers", "read-model")) {
            assertThat(namespaceSources(manifests, component)).as(component).isEmpty();
        }
        // whom they may call
        assertThat(podTargets(manifests, "gateway")).containsExactlyInAnyOrder("engine", "workers", "read-model");
        assertThat(podTargets(manifests, "workers")).containsExactly("engine");
        assertThat(podTargets(manifests, "engine")).isEmpty();
        assertThat(podTargets(manifests, "read-model")).as("the read-model never queries the engine").isEmpty();
        assertThat(egressPorts(manifests, "engine")).contains(53, 5432, 9098, 443);
        assertThat(egressPorts(manifests, "read-model")).contains(53, 5432, 9098, 443);
        assertThat(egressPorts(manifests, "workers")).contains(53, 5432, 443).doesNotContain(9092, 9098);
        assertThat(egressPorts(manifests, "gateway")).doesNotContain(5432, 9092, 9098);
        for (JsonNode policy : manifests.ofKind("NetworkPolicy")) {
            assertThat(values(policy.at("/spec/policyTypes"), "")).containsExactlyInAnyOrder("Ingress", "Egress");
        }
    }

    @Test
    void kedaAndServiceMonitorsReplaceTheHpasOnlyWhereSwitchedOn() {
        Manifests manifests = Chart.render(Chart.EKS_VALUES,
                "workers.keda.enabled", "true", "readModel.keda.enabled", "true",
                "readModel.keda.authenticationRef", "msk-iam",
                "engine.metrics.serviceMonitor.enabled", "true", "gateway.metrics.serviceMonitor.enabled", "true");
        assertThat(manifests.find("HorizontalPodAutoscaler", fullName("workers"))).isEmpty();
        assertThat(manifests.find("HorizontalPodAutoscaler", fullName("read-model"))).isEmpty();
        assertThat(manifests.find("HorizontalPodAutoscaler", fullName("engine"))).isPresent();

        JsonNode readModel = manifests.get("ScaledObject", fullName("read-model"));
        assertThat(readModel.at("/spec/scaleTargetRef/name").asText()).isEqualTo(fullName("read-model"));
        assertThat(readModel.at("/spec/triggers/0/type").asText()).isEqualTo("kafka");
        assertThat(readModel.at("/spec/triggers/0/metadata/topic").asText()).isEqualTo("baedal.order-events");
        assertThat(readModel.at("/spec/triggers/0/metadata/consumerGroup").asText()).isEqualTo("read-model");
        assertThat(readModel.at("/spec/triggers/0/authenticationRef/name").asText()).isEqualTo("msk-iam");

        JsonNode workers = manifests.get("ScaledObject", fullName("workers"));
        assertThat(workers.at("/spec/scaleTargetRef/name").asText()).isEqualTo(fullName("workers"));
        assertThat(workers.at("/spec/triggers/0/type").asText()).isEqualTo("metrics-api");
        assertThat(workers.at("/spec/triggers/0/metadata/url").asText())
                .isEqualTo("http://baedal-engine.shop.svc:8081/engine-rest/external-task/count?notLocked=true&withRetriesLeft=true");
        assertThat(workers.at("/spec/triggers/0/metadata/valueLocation").asText()).isEqualTo("count");
        String authName = workers.at("/spec/triggers/0/authenticationRef/name").asText();
        JsonNode auth = manifests.get("TriggerAuthentication", authName);
        assertThat(auth.at("/spec/secretTargetRef/0/name").asText()).isEqualTo("baedal-workers-user");
        assertThat(auth.at("/spec/env/0/name").asText()).isEqualTo("BAEDAL_WORKERS_USER");
        // KEDA may ask the engine for the backlog
        assertThat(namespaceSources(manifests, "engine")).contains("keda");

        assertThat(manifests.ofKind("ServiceMonitor")).hasSize(2);
        JsonNode monitor = manifests.get("ServiceMonitor", fullName("engine"));
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("management");
        assertThat(namespaceSources(manifests, "engine")).contains("monitoring");
        // the scraper is admitted to the management port only, never to the application port
        for (JsonNode rule : manifests.get("NetworkPolicy", fullName("engine")).at("/spec/ingress")) {
            boolean fromMonitoring = rule.toString().contains("monitoring");
            List<Integer> ports = new ArrayList<>();
            rule.path("ports").forEach(port -> ports.add(port.path("port").asInt()));
            if (fromMonitoring) {
                assertThat(ports).containsExactly(9081);
            } else {
                assertThat(ports).containsExactly(8081);
            }
        }
        JsonNode engineService = manifests.get("Service", fullName("engine"));
        assertThat(engineService.at("/spec/ports/1/name").asText()).isEqualTo("management");
        assertThat(data(manifests, "engine")).containsEntry("MANAGEMENT_PORT", "9081");
    }

    @Test
    void podDisruptionBudgetsSelectTheirOwnPods() {
        Manifests manifests = Chart.render(Chart.DEFAULT_VALUES, "engine.pdb.maxUnavailable", "1");
        for (String component : COMPONENTS) {
            JsonNode pdb = manifests.get("PodDisruptionBudget", fullName(component));
            assertThat(pdb.path("apiVersion").asText()).isEqualTo("policy/v1");
            assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(
                    manifests.get("Deployment", fullName(component)).at("/spec/selector/matchLabels"));
        }
        assertThat(manifests.get("PodDisruptionBudget", fullName("engine")).at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(manifests.get("PodDisruptionBudget", fullName("engine")).at("/spec").has("minAvailable")).isFalse();
        assertThat(manifests.get("PodDisruptionBudget", fullName("gateway")).at("/spec/minAvailable").asInt()).isEqualTo(1);
    }

    private static Map<String, String> data(Manifests manifests, String component) {
        Map<String, String> data = new HashMap<>();
        manifests.get("ConfigMap", fullName(component)).path("data").fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static List<String> values(JsonNode array, String pointer) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(n -> pointer.isEmpty() ? n.asText() : n.at(pointer).asText()).toList();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> value.equals(n.path(field).asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no element with " + field + "=" + value + " in " + array));
    }

    private static List<JsonNode> peers(Manifests manifests, String component, String direction, String peerField) {
        List<JsonNode> peers = new ArrayList<>();
        manifests.get("NetworkPolicy", fullName(component)).at("/spec/" + direction)
                .forEach(rule -> rule.path(peerField).forEach(peers::add));
        return peers;
    }

    private static Set<String> podSources(Manifests manifests, String component) {
        return components(peers(manifests, component, "ingress", "from"));
    }

    private static Set<String> podTargets(Manifests manifests, String component) {
        return components(peers(manifests, component, "egress", "to"));
    }

    private static Set<String> components(List<JsonNode> peers) {
        return peers.stream().filter(p -> p.has("podSelector") && !p.has("namespaceSelector"))
                .map(p -> p.at("/podSelector/matchLabels/app.kubernetes.io~1component").asText()).collect(Collectors.toSet());
    }

    private static List<String> namespaceSources(Manifests manifests, String component) {
        return peers(manifests, component, "ingress", "from").stream().filter(p -> p.has("namespaceSelector"))
                .map(p -> p.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).toList();
    }

    private static Set<Integer> egressPorts(Manifests manifests, String component) {
        Set<Integer> ports = new java.util.HashSet<>();
        manifests.get("NetworkPolicy", fullName(component)).at("/spec/egress")
                .forEach(rule -> rule.path("ports").forEach(p -> ports.add(p.path("port").asInt())));
        return ports;
    }
}
