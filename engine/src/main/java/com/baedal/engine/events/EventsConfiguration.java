package com.baedal.engine.events;

import com.baedal.contract.event.OrderEvent;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Order events leave through the outbox: the topic and the relay. With {@code baedal.events.relay.enabled=false}
 * this node only writes the outbox (another node, or a later start, publishes it) and never talks to Kafka.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EventsProperties.class, RegionProperties.class})
class EventsConfiguration {

    /** Kept forever ({@code retention.ms=-1}): the read-model can be rebuilt from the topic. */
    @Bean
    @ConditionalOnProperty(name = "baedal.events.relay.enabled", matchIfMissing = true)
    NewTopic orderEventsTopic(EventsProperties properties) {
        return new NewTopic(OrderEvent.TOPIC, properties.topic().partitions(), properties.topic().replicas())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    /** Failed sends are logged without the event (it carries customer data); the relay logs the batch failure. */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }

    @Bean
    @ConditionalOnProperty(name = "baedal.events.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(TransactionTemplate tx, JdbcClient jdbc, KafkaTemplate<String, String> kafka,
                            OutboxSignal signal, OutboxMetrics metrics, EventsProperties properties) {
        return new OutboxRelay("outbox-relay", tx, jdbc, kafka, signal, metrics, properties.relay());
    }
}
