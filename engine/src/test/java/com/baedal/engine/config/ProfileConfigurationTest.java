package com.baedal.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** Guards the security-relevant parts of the configuration files: known passwords only in {@code local}. */
class ProfileConfigurationTest {

    final Properties base = load("application.yaml");
    final Properties local = load("application-local.yaml");
    final Properties prod = load("application-prod.yaml");

    @Test
    void credentialsHaveNoDefaultsOutsideLocal() {
        for (Properties props : new Properties[] {base, prod}) {
            assertThat(props.getProperty("spring.datasource.username")).isEqualTo("${ENGINE_DB_USER}");
            assertThat(props.getProperty("spring.datasource.password")).isEqualTo("${ENGINE_DB_PASSWORD}");
            assertThat(props).doesNotContainKeys("camunda.bpm.admin-user.id", "camunda.bpm.admin-user.password",
                    "baedal.security.jwt.secret");
            assertThat(props.getProperty("baedal.workers.password", "")).isIn("", "${BAEDAL_WORKERS_PASSWORD:}");
        }
        assertThat(base.getProperty("baedal.demo.users")).isEqualTo("false");
        assertThat(prod.getProperty("baedal.demo.users")).isEqualTo("false");
        // the payment service's key: required outside local, a committed dev key locally
        assertThat(base.getProperty("baedal.payment.credential.public-key"))
                .isEqualTo("${BAEDAL_PAYMENT_CREDENTIAL_PUBLIC_KEY}");
        assertThat(prod).doesNotContainKey("baedal.payment.credential.public-key");
        assertThat(local.getProperty("baedal.payment.credential.public-key"))
                .isEqualTo("${BAEDAL_PAYMENT_CREDENTIAL_PUBLIC_KEY:classpath:local-dev/payment-credential-public.pem}");
    }

    @Test
    void prodTakesTokensFromTheIdentityProviderAndLogsJson() {
        assertThat(prod.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo("${BAEDAL_JWT_ISSUER_URI}");
        assertThat(prod.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                .isEqualTo("${BAEDAL_JWT_JWK_SET_URI}");
        assertThat(prod.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void prodServesActuatorOnItsOwnPortOnlyAndBoundsTokenLifetimes() {
        assertThat(prod.getProperty("management.server.port")).isEqualTo("${MANAGEMENT_PORT:9081}");
        assertThat(base.getProperty("management.server.port")).as("locally on the application port").isNull();
        assertThat(base.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,prometheus");
        assertThat(base.getProperty("baedal.security.jwt.max-lifetime")).isEqualTo("${BAEDAL_JWT_MAX_LIFETIME:PT24H}");
    }

    @Test
    void logsCarryTheRequestAndOrderIdAndTheDocsOnlyTheApi() {
        assertThat(local.getProperty("logging.pattern.level")).contains("%X{requestId", "%X{orderId");
        assertThat(base.getProperty("camunda.bpm.generic-properties.properties.logging-context-business-key"))
                .isEqualTo("orderId");
        assertThat(base.getProperty("springdoc.paths-to-match")).isEqualTo("/api/**");
    }

    @Test
    void localHasDemoDataUsersAndDevSecret() {
        assertThat(local.getProperty("camunda.bpm.admin-user.id")).isEqualTo("admin");
        assertThat(local.getProperty("baedal.demo.users")).isEqualTo("true");
        assertThat(local.getProperty("spring.flyway.locations")).contains("classpath:db/demo");
        assertThat(local.getProperty("baedal.security.jwt.secret")).startsWith("${BAEDAL_JWT_SECRET:");
    }

    @Test
    void engineIsLockedDown() {
        assertThat(base.getProperty("camunda.bpm.authorization.enabled")).isEqualTo("true");
        assertThat(base.getProperty("camunda.bpm.generic-properties.properties.enable-expressions-in-adhoc-queries"))
                .isEqualTo("false");
        assertThat(base.getProperty("camunda.bpm.generic-properties.properties.java-serialization-format-enabled"))
                .isEqualTo("false");
        assertThat(base).doesNotContainKey("camunda.bpm.filter.create");
        assertThat(base.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,prometheus");
        assertThat(base.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/migration");
    }

    @Test
    void orderEventsGoToConfigurableKafkaWithDurableIdempotentSends() {
        assertThat(base.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}");
        assertThat(base.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
        assertThat(base.getProperty("spring.kafka.producer.properties.enable.idempotence")).isEqualTo("true");
        assertThat(base.getProperty("baedal.events.relay.enabled")).isEqualTo("${BAEDAL_EVENTS_RELAY_ENABLED:true}");
        assertThat(base.getProperty("baedal.events.topic.partitions")).isEqualTo("${BAEDAL_EVENTS_PARTITIONS:6}");
        assertThat(prod.getProperty("baedal.events.topic.replicas")).isEqualTo("${BAEDAL_EVENTS_REPLICATION:3}");
        assertThat(base.getProperty("baedal.regions.neighbours.gangnam[0]")).isEqualTo("seocho");
    }

    private static Properties load(String name) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(name));
        return yaml.getObject();
    }
}
