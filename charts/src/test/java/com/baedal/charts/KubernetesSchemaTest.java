package com.baedal.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.charts.Chart.Manifests;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered manifest against the Kubernetes API types (fabric8 kubernetes-model, generated from the
 * Kubernetes OpenAPI schema): each document must map to its typed class (apiVersion + kind known), with no
 * field the API does not define (fabric8 parks unknown or mistyped fields in additionalProperties, so those
 * must be empty everywhere), plus the API server's checks on names and selectors.
 */
class KubernetesSchemaTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<String> CUSTOM_RESOURCE_GROUPS = Set.of("keda.sh/v1alpha1", "monitoring.coreos.com/v1");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    static Stream<Object[]> renders() {
        return Stream.of(
                new Object[] {"default", Chart.DEFAULT_VALUES, new String[0]},
                new Object[] {"eks", Chart.EKS_VALUES, new String[0]},
                new Object[] {"eks + keda + servicemonitors + dashboards + alerts + tracing", Chart.EKS_VALUES, new String[] {
                        "monitoring.dashboards.enabled", "true", "monitoring.alerts.enabled", "true",
                        "tracing.otlpEndpoint", "http://otel-collector.monitoring:4318/v1/traces",
                        "workers.keda.enabled", "true", "readModel.keda.enabled", "true",
                        "engine.metrics.serviceMonitor.enabled", "true", "workers.metrics.serviceMonitor.enabled", "true",
                        "readModel.metrics.serviceMonitor.enabled", "true", "gateway.metrics.serviceMonitor.enabled", "true",
                        "engine.pdb.maxUnavailable", "1"}});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyManifestIsAValidKubernetesObject(String name, Path values, String[] sets) throws Exception {
        Manifests manifests = Chart.render(values, sets);
        assertThat(manifests.all()).isNotEmpty();
        for (JsonNode document : manifests.all()) {
            String apiVersion = document.path("apiVersion").asText();
            String kind = document.path("kind").asText();
            String where = kind + " " + document.at("/metadata/name").asText();
            HasMetadata resource = SERIALIZATION.unmarshal(Chart.YAML.writeValueAsString(document));
            if (CUSTOM_RESOURCE_GROUPS.contains(apiVersion)) {
                // CRDs (KEDA, Prometheus Operator): no typed model here; checked field by field in ChartRenderingTest
                assertThat(resource).isInstanceOf(GenericKubernetesResource.class);
                assertThat(document.at("/spec").isObject()).as(where).isTrue();
            } else {
                assertThat(resource).as(where + " must map to a typed Kubernetes API class")
                        .isNotInstanceOf(GenericKubernetesResource.class);
                List<String> unknown = new ArrayList<>();
                collectUnknownFields(resource, where, unknown);
                assertThat(unknown).as("fields the Kubernetes API does not define").isEmpty();
            }
            assertThat(resource.getMetadata().getName()).as(where).hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL);
            resource.getMetadata().getLabels().values()
                    .forEach(v -> assertThat(v).as(where + " label value").hasSizeLessThanOrEqualTo(63));
            if (resource instanceof Deployment deployment) {
                Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
                assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).as(where + " selector")
                        .containsAllEntriesOf(selector);
                deployment.getSpec().getTemplate().getSpec().getContainers().forEach(c -> {
                    assertThat(c.getName()).matches(DNS_1123_LABEL);
                    assertThat(c.getImage()).isNotBlank().doesNotContain(" ");
                    c.getEnv().forEach(e -> assertThat(e.getName()).matches("[A-Z_][A-Z0-9_]*"));
                });
            }
        }
    }

    /** Walks the typed object graph and reports every non-empty additionalProperties map with its path. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) throws Exception {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum) {
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                collectUnknownFields(element, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                collectUnknownFields(entry.getValue(), path + "." + entry.getKey(), unknown);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
