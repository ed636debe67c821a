package com.baedal.charts;

import static com.baedal.charts.Chart.fullName;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.charts.Chart.Manifests;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Dashboards, alert rules and tracing settings: off by default, rendered and well-formed when switched on. */
class MonitoringChartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dashboardsAndAlertsAreOffByDefault() {
        Manifests manifests = Chart.render(Chart.EKS_VALUES);
        assertThat(manifests.ofKind("PrometheusRule")).isEmpty();
        assertThat(manifests.find("ConfigMap", fullName("dashboards"))).isEmpty();
    }

    @Test
    void theDashboardConfigMapCarriesTheSidecarLabelAndValidDashboardJson() throws Exception {
        Manifests manifests = Chart.render(Chart.EKS_VALUES, "monitoring.dashboards.enabled", "true",
                "monitoring.dashboards.annotations.grafana_folder", "Baedal");
        JsonNode configMap = manifests.get("ConfigMap", fullName("dashboards"));
        assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        assertThat(configMap.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Baedal");
        JsonNode dashboard = JSON.readTree(configMap.at("/data/baedal-overview.json").asText());
        assertThat(dashboard.path("uid").asText()).isEqualTo("baedal-overview");
        List<String> titles = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            ids.add(panel.path("id").asInt());
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        assertThat(ids).doesNotHaveDuplicates();
        // what the operator asked for (issue: orders by status and rate, step latencies, backlog per topic,
        // incidents, outbox size and age, consumer lag and event age, payment outcomes, JVM and pool saturation)
        assertThat(String.join("\n", expressions)).contains("baedal_orders_total", "baedal_worker_task_duration_seconds_bucket",
                "baedal_process_user_task_oldest_age_seconds", "baedal_process_external_tasks", "baedal_process_incidents",
                "baedal_outbox_size", "baedal_outbox_oldest_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
                "baedal_readmodel_event_age_seconds_bucket", "baedal_payment_provider_calls_total", "jvm_memory_used_bytes",
                "hikaricp_connections_active", "hikaricp_connections_pending");
        assertThat(expressions).allSatisfy(expr -> {
            assertThat(expr).isNotBlank();
            assertThat(balanced(expr)).as("brackets of %s", expr).isTrue();
        });
        assertThat(titles).contains("External-task backlog per topic", "Open incidents");
    }

    @Test
    void alertRulesCoverTheOperatorsQuestionsWithTheConfiguredThresholds() {
        Manifests manifests = Chart.render(Chart.EKS_VALUES, "monitoring.alerts.enabled", "true",
                "monitoring.alerts.labels.release", "prometheus", "monitoring.alerts.alertLabels.team", "baedal",
                "monitoring.alerts.outboxAgeSeconds", "90", "monitoring.alerts.storeAnswerTimeoutSeconds", "600");
        JsonNode rule = manifests.get("PrometheusRule", fullName("alerts"));
        assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
        List<String> alerts = new ArrayList<>();
        List<JsonNode> rules = new ArrayList<>();
        rule.at("/spec/groups").forEach(group -> group.path("rules").forEach(r -> {
            alerts.add(r.path("alert").asText());
            rules.add(r);
        }));
        assertThat(alerts).containsExactlyInAnyOrder("BaedalOpenIncidents", "BaedalOrderStuckPastItsTimer",
                "BaedalPaymentFailures", "BaedalOutboxStale", "BaedalConsumerLag", "BaedalEventsLate",
                "BaedalGatewayErrors");
        for (JsonNode r : rules) {
            String expr = r.path("expr").asText();
            assertThat(balanced(expr)).as("brackets of %s", expr).isTrue();
            // every selector is scoped to the release's namespace
            assertThat(expr).contains("namespace=\"" + Chart.NAMESPACE + "\"").doesNotContain("{{");
            assertThat(r.at("/labels/severity").asText()).isIn("warning", "critical");
            assertThat(r.at("/labels/team").asText()).isEqualTo("baedal");
            assertThat(r.at("/annotations/summary").asText()).isNotBlank();
        }
        assertThat(ruleExpr(rules, "BaedalOutboxStale")).endsWith("> 90");
        assertThat(ruleExpr(rules, "BaedalOrderStuckPastItsTimer")).contains("> 720").contains("baedal_process_timers_overdue");
    }

    @Test
    void tracingExportIsOffUntilACollectorIsSet() {
        Manifests off = Chart.render(Chart.EKS_VALUES);
        for (String component : Chart.COMPONENTS) {
            JsonNode data = off.get("ConfigMap", fullName(component)).path("data");
            assertThat(data.has("MANAGEMENT_OTLP_TRACING_ENDPOINT")).as(component).isFalse();
            assertThat(data.path("BAEDAL_TRACING_SAMPLING").asText()).isEqualTo("0.1");
        }
        Manifests on = Chart.render(Chart.EKS_VALUES, "tracing.otlpEndpoint", "http://otel-collector.monitoring:4318/v1/traces",
                "tracing.samplingProbability", "1");
        for (String component : Chart.COMPONENTS) {
            JsonNode data = on.get("ConfigMap", fullName(component)).path("data");
            assertThat(data.path("MANAGEMENT_OTLP_TRACING_ENDPOINT").asText())
                    .isEqualTo("http://otel-collector.monitoring:4318/v1/traces");
            assertThat(data.path("BAEDAL_TRACING_SAMPLING").asText()).isEqualTo("1");
        }
    }

    @Test
    void theNetworkPoliciesLetSpansReachTheCollectorOnlyWhenOneIsSet() {
        for (String component : Chart.COMPONENTS) {
            assertThat(egressPorts(Chart.render(Chart.EKS_VALUES), component)).as(component).doesNotContain(4318);
            assertThat(egressPorts(Chart.render(Chart.EKS_VALUES, "tracing.otlpEndpoint",
                    "http://otel-collector.monitoring:4318/v1/traces"), component)).as(component).contains(4318);
        }
        assertThat(egressPorts(Chart.render(Chart.EKS_VALUES, "tracing.otlpEndpoint",
                "https://otlp.example.com/v1/traces"), "engine")).contains(443);
    }

    private static List<Integer> egressPorts(Manifests manifests, String component) {
        List<Integer> ports = new ArrayList<>();
        manifests.get("NetworkPolicy", fullName(component)).at("/spec/egress")
                .forEach(rule -> rule.path("ports").forEach(port -> ports.add(port.path("port").asInt())));
        return ports;
    }

    @Test
    void theSchemaRefusesABadTracingEndpoint() {
        assertThat(Chart.renderError(List.of(Chart.EKS_VALUES), "tracing.otlpEndpoint", "otel:4318"))
                .contains("otlpEndpoint");
    }

    private static String ruleExpr(List<JsonNode> rules, String alert) {
        return rules.stream().filter(r -> alert.equals(r.path("alert").asText())).findFirst().orElseThrow()
                .path("expr").asText().trim();
    }

    /** (), [] and {} nest properly outside string literals. */
    static boolean balanced(String expr) {
        StringBuilder open = new StringBuilder();
        Matcher tokens = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|[()\\[\\]{}]").matcher(expr);
        while (tokens.find()) {
            String token = tokens.group();
            if (token.startsWith("\"")) {
                continue;
            }
            char c = token.charAt(0);
            if (c == '(' || c == '[' || c == '{') {
                open.append(c);
            } else {
                if (open.isEmpty()) {
                    return false;
                }
                char last = open.charAt(open.length() - 1);
                if ((c == ')' && last != '(') || (c == ']' && last != '[') || (c == '}' && last != '{')) {
                    return false;
                }
                open.setLength(open.length() - 1);
            }
        }
        return open.isEmpty();
    }
}
