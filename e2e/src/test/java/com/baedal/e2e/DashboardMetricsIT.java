package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's Grafana dashboards and Prometheus alert rules reference only metrics the services really expose: every
 * metric name in their expressions is in a scrape of {@code /actuator/prometheus} of the running platform (after one
 * order went through, so that the per-order meters exist).
 */
class DashboardMetricsIT {

    /** Metric names start with one of these; labels and PromQL words do not. */
    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:baedal|jvm|hikaricp|kafka|http|process|executor|system|tomcat|spring|disk|logback)_[a-zA-Z0-9_]+)");

    private final Apps apps = new Apps();
    private final Path chart = Path.of(System.getProperty("baedal.root", "..")).toAbsolutePath().normalize()
            .resolve("charts/baedal");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void dashboardsAndAlertsUseOnlyExposedMetrics() throws Exception {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");

        Set<String> exposed = new TreeSet<>();
        Platform platform = Platform.get();
        for (String service : List.of("engine", "workers", "read-model")) {
            exposed.addAll(scrape(platform.running().url(service).resolve("/actuator/prometheus")));
        }
        exposed.addAll(scrape(platform.gatewayManagement().resolve("/actuator/prometheus")));

        Set<String> used = new TreeSet<>();
        List<String> expressions = new ArrayList<>();
        try (Stream<Path> dashboards = Files.list(chart.resolve("dashboards"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                collectExpressions(new ObjectMapper().readTree(dashboard.toFile()), expressions);
            }
        }
        expressions.add(Files.readString(chart.resolve("templates/monitoring/prometheusrule.yaml")));
        for (String expression : expressions) {
            Matcher names = METRIC.matcher(expression);
            while (names.find()) {
                used.add(names.group(1));
            }
        }
        assertThat(used).as("metric names in the dashboards and rules").hasSizeGreaterThan(15);
        assertThat(exposed).as("metrics of the running platform").containsAll(used);
    }

    private static void collectExpressions(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") || field.getKey().equals("query")) {
                    into.add(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
                } else {
                    collectExpressions(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectExpressions(element, into));
        }
    }

    /** Metric names (as exposed, with _total, _bucket, ... suffixes) of one Prometheus scrape. */
    private Set<String> scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("scrape of %s", uri).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.length();
            for (char c : new char[] {'{', ' '}) {
                int at = line.indexOf(c);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
