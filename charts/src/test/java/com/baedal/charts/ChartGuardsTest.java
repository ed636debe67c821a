package com.baedal.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** helm lint, and the chart refusing to render without required values or with unsafe ones. */
class ChartGuardsTest {

    private static final List<Path> DEFAULTS = List.of(Chart.DEFAULT_VALUES);

    @Test
    void lintPassesWithTheMinimalCiValues(@TempDir Path tmp) throws Exception {
        Path chart = Chart.copyWithValues(Chart.DEFAULT_VALUES, tmp.resolve("baedal"));
        LintResult lint = new Helm(chart).lint().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintPassesWithTheEksValues(@TempDir Path tmp) throws Exception {
        Path chart = Chart.copyWithValues(Chart.EKS_VALUES, tmp.resolve("baedal"));
        LintResult lint = new Helm(chart).lint().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void lintOfTheBareChartReportsTheMissingRequiredValues() {
        LintResult lint = new Helm(Chart.DIR).lint().call();
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("/image/registry", "/jwt/issuerUri");
    }

    @Test
    void schemaRefusesToRenderWithoutAnyRequiredValue() {
        String error = Chart.renderError(List.of());
        assertThat(error).contains("values don't meet the specifications of the schema")
                .contains("/image/registry", "/jwt/issuerUri", "/jwt/jwkSetUri", "/kafka/bootstrapServers",
                        "/workersUser/existingSecret", "/operatorUser/existingSecret",
                        "/paymentCredential/publicKey/existingSecret", "/paymentCredential/privateKey/existingSecret",
                        "/engine/database/existingSecret",
                        "/workers/database/existingSecret", "/readModel/database/existingSecret");
    }

    @Test
    void schemaNamesEachSingleMissingValue() {
        for (String key : List.of("image.registry", "jwt.issuerUri", "jwt.jwkSetUri", "kafka.bootstrapServers",
                "workersUser.existingSecret", "operatorUser.existingSecret", "paymentCredential.publicKey.existingSecret",
                "paymentCredential.privateKey.existingSecret", "engine.database.existingSecret",
                "workers.database.existingSecret", "readModel.database.existingSecret")) {
            String error = Chart.renderError(DEFAULTS, key, "");
            assertThat(error).as(key).contains("/" + key.replace('.', '/')).contains("minLength");
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "kafka.securityProtocol, TLS, /kafka/securityProtocol",
            "kafka.sasl.mechanism, GSSAPI, /kafka/sasl/mechanism",
            "image.pullPolicy, Sometimes, /image/pullPolicy",
            "engine.port, http, /engine/port",
            "jwt.issuerUri, login.example.com, /jwt/issuerUri",
            "engine.replicas, 3, replicas",
            "containerSecurityContext.readOnlyRootFilesystem, false, /containerSecurityContext/readOnlyRootFilesystem",
            "podSecurityContext.runAsNonRoot, false, /podSecurityContext/runAsNonRoot",
            "springProfiles, local, /springProfiles"})
    void schemaRefusesWrongTypesEnumsAndUnknownKeys(String key, String value, String named) {
        assertThat(Chart.renderError(DEFAULTS, key, value)).contains(named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod,local", "demo,prod"})
    void localOrDemoProfilesAreRefused(String springProfiles) {
        assertThat(Chart.renderError(DEFAULTS, "springProfiles", springProfiles))
                .contains("the local/demo profiles create users with known passwords");
    }

    @Test
    void ingressWithoutHostIsRefused() {
        assertThat(Chart.renderError(DEFAULTS, "gateway.ingress.host", ""))
                .contains("gateway.ingress.host is required when gateway.ingress.enabled=true");
        assertThat(Chart.render(Chart.DEFAULT_VALUES, "gateway.ingress.enabled", "false", "gateway.ingress.host", "")
                .ofKind("Ingress")).isEmpty();
    }

    @Test
    void databaseWithoutUrlOrHostIsRefused() {
        assertThat(Chart.renderError(DEFAULTS, "externalDatabase.host", ""))
                .contains("database.url or externalDatabase.host (the PostgreSQL server)");
        // one URL per service instead of a shared host is fine
        var manifests = Chart.render(Chart.DEFAULT_VALUES, "externalDatabase.host", "",
                "engine.database.url", "jdbc:postgresql://a:5432/engine", "workers.database.url", "jdbc:postgresql://b:5432/payments",
                "readModel.database.url", "jdbc:postgresql://c:5432/readmodel");
        assertThat(manifests.get("ConfigMap", "baedal-workers").at("/data/PAYMENTS_DB_URL").asText())
                .isEqualTo("jdbc:postgresql://b:5432/payments");
        assertThat(Chart.renderError(DEFAULTS, "engine.database.url", "postgres://a/engine")).contains("/engine/database/url");
    }

    @Test
    void kafkaSaslWithoutCredentialsOrWithAPasswordInValuesIsRefused() {
        assertThat(Chart.renderError(DEFAULTS, "kafka.sasl.existingSecret", ""))
                .contains("kafka.sasl.mechanism=SCRAM-SHA-512 needs kafka.sasl.existingSecret");
        assertThat(Chart.renderError(DEFAULTS, "kafka.sasl.mechanism", ""))
                .contains("kafka.securityProtocol=SASL_SSL needs kafka.sasl.mechanism");
        assertThat(Chart.renderError(DEFAULTS, "kafka.securityProtocol", "SSL"))
                .contains("needs kafka.securityProtocol SASL_SSL");
        assertThat(Chart.renderError(DEFAULTS, "kafka.sasl.existingSecret", "", "kafka.sasl.mechanism", "OAUTHBEARER",
                "kafka.sasl.jaasConfig", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"x\";"))
                .contains("kafka.sasl.jaasConfig contains a password");
        // TLS without SASL needs no credentials
        var manifests = Chart.render(Chart.DEFAULT_VALUES, "kafka.securityProtocol", "SSL", "kafka.sasl.mechanism", "");
        assertThat(manifests.get("ConfigMap", "baedal-engine").at("/data").has("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).isFalse();
    }

    @Test
    void terminationGraceShorterThanTheDrainIsRefused() {
        assertThat(Chart.renderError(DEFAULTS, "engine.terminationGracePeriodSeconds", "30"))
                .contains("engine.terminationGracePeriodSeconds (30) must exceed preStopSleepSeconds + shutdownTimeoutSeconds (100)");
    }

    @Test
    void autoscalingBoundsAreChecked() {
        assertThat(Chart.renderError(DEFAULTS, "gateway.autoscaling.minReplicas", "5", "gateway.autoscaling.maxReplicas", "3"))
                .contains("gateway.autoscaling.minReplicas must not exceed maxReplicas");
        assertThat(Chart.renderError(DEFAULTS, "engine.autoscaling.targetCPUUtilizationPercentage", "null",
                "engine.autoscaling.targetMemoryUtilizationPercentage", "null"))
                .contains("engine.autoscaling: set targetCPUUtilizationPercentage and/or targetMemoryUtilizationPercentage");
    }

    @Test
    void podDisruptionBudgetsThatAdmitNoEvictionAreRefused() {
        assertThat(Chart.renderError(DEFAULTS, "engine.pdb.minAvailable", "2"))
                .contains("engine.pdb.minAvailable (2) must be below the lowest pod count (2)");
        assertThat(Chart.renderError(DEFAULTS, "workers.autoscaling.enabled", "false", "workers.replicaCount", "1"))
                .contains("workers.pdb.minAvailable (1) must be below the lowest pod count (1)");
        assertThat(Chart.renderError(DEFAULTS, "readModel.pdb.maxUnavailable", "0"))
                .contains("readModel.pdb.maxUnavailable must be at least 1");
    }
}
