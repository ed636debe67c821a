package com.baedal.engine.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every engine integration test uses exactly this, so all of them share ONE cached Spring context: the full
 * application on a random port, profiles {@code local} (demo data and users, dev tokens) and {@code it}
 * (database {@code engine_it}, created anew each run by {@link CreateDatabaseInitializer}), with metrics export on
 * so that the Prometheus endpoint exists as in production, and a real Kafka broker (embedded KRaft, started once
 * with the context) that the outbox relay publishes to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"local", "it"})
@ContextConfiguration(initializers = CreateDatabaseInitializer.class)
@EmbeddedKafka(kraft = true, partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface EngineIntegrationTest {
}
