package com.baedal.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** Guards the security-relevant parts of the configuration files: known passwords only in {@code local}. */
class ProfileConfigurationTest {

    final Map<String, String> base = load("application.yaml");
    final Map<String, String> local = load("application-local.yaml");
    final Map<String, String> prod = load("application-prod.yaml");

    @Test
    void credentialsHaveNoDefaultsOutsideLocal() {
        for (Map<String, String> props : List.of(base, prod)) {
            assertThat(props).containsEntry("spring.datasource.username", "${ENGINE_DB_USER}")
                    .containsEntry("spring.datasource.password", "${ENGINE_DB_PASSWORD}")
                    .containsEntry("baedal.demo.users", "false")
                    .doesNotContainKeys("camunda.bpm.admin-user.id", "camunda.bpm.admin-user.password",
                            "baedal.security.jwt.secret");
            assertThat(props.getOrDefault("baedal.workers.password", "")).isIn("", "${BAEDAL_WORKERS_PASSWORD:}");
        }
        // the payment service's key: required outside local, a committed dev key locally
        assertThat(base).containsEntry("baedal.payment.credential.public-key",
                "${BAEDAL_PAYMENT_CREDENTIAL_PUBLIC_KEY}");
        assertThat(prod).doesNotContainKey("baedal.payment.credential.public-key");
        assertThat(local).containsEntry("baedal.payment.credential.public-key",
                "${BAEDAL_PAYMENT_CREDENTIAL_PUBLIC_KEY:classpath:local-dev/payment-credential-public.pem}");
    }

    @Test
    void prodTakesTokensFromTheIdentityProviderAndLogsJson() {
        assertThat(prod).containsAllEntriesOf(Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "${BAEDAL_JWT_ISSUER_URI}",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "${BAEDAL_JWT_JWK_SET_URI}",
                "logging.structured.format.console", "ecs"));
    }

    @Test
    void prodServesActuatorOnItsOwnPortOnlyAndBoundsTokenLifetimes() {
        assertThat(prod).containsEntry("management.server.port", "${MANAGEMENT_PORT:9081}");
        assertThat(base.get("management.server.port")).as("locally on the application port").isNull();
        assertThat(base).containsAllEntriesOf(Map.of(
                "management.endpoints.web.exposure.include", "health,prometheus",
                "baedal.security.jwt.max-lifetime", "${BAEDAL_JWT_MAX_LIFETIME:PT24H}"));
    }

    @Test
    void logsCarryTheRequestAndOrderIdAndTheDocsOnlyTheApi() {
        assertThat(local.get("logging.pattern.level")).contains("%X{requestId", "%X{orderId");
        assertThat(base).containsAllEntriesOf(Map.of(
                "camunda.bpm.generic-properties.properties.logging-context-business-key", "orderId",
                "springdoc.paths-to-match", "/api/**"));
    }

    @Test
    void localHasDemoDataUsersAndDevSecret() {
        assertThat(local).containsEntry("camunda.bpm.admin-user.id", "admin")
                .containsEntry("baedal.demo.users", "true");
        assertThat(local.get("spring.flyway.locations")).contains("classpath:db/demo");
        assertThat(local.get("baedal.security.jwt.secret")).startsWith("${BAEDAL_JWT_SECRET:");
    }

    @Test
    void engineIsLockedDown() {
        assertThat(base).containsAllEntriesOf(Map.of(
                "camunda.bpm.authorization.enabled", "true",
                "camunda.bpm.generic-properties.properties.enable-expressions-in-adhoc-queries", "false",
                "camunda.bpm.generic-properties.properties.java-serialization-format-enabled", "false",
                "management.endpoints.web.exposure.include", "health,prometheus",
                "spring.flyway.locations", "classpath:db/migration"))
                .doesNotContainKey("camunda.bpm.filter.create");
    }

    @Test
    void orderEventsGoToConfigurableKafkaWithDurableIdempotentSends() {
        assertThat(base).containsAllEntriesOf(Map.of(
                "spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}",
                "spring.kafka.producer.acks", "all",
                "spring.kafka.producer.properties.enable.idempotence", "true",
                "baedal.events.relay.enabled", "${BAEDAL_EVENTS_RELAY_ENABLED:true}",
                "baedal.events.topic.partitions", "${BAEDAL_EVENTS_PARTITIONS:6}",
                "baedal.regions.neighbours.gangnam[0]", "seocho"));
        assertThat(prod).containsEntry("baedal.events.topic.replicas", "${BAEDAL_EVENTS_REPLICATION:3}");
    }

    /** A file's properties as the application reads them: every value as text (YAML's {@code true} is "true"). */
    private static Map<String, String> load(String name) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(name));
        Properties properties = yaml.getObject();
        Map<String, String> text = new HashMap<>();
        properties.forEach((key, value) -> text.put(key.toString(), value.toString()));
        return text;
    }
}
