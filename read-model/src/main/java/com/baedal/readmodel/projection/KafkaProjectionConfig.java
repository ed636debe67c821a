package com.baedal.readmodel.projection;

import com.baedal.contract.event.OrderEvent;
import com.baedal.readmodel.ReadModelProperties;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Error handling of the event consumer: a record that is not a valid event ({@link InvalidEventException}, or a
 * deserialization failure) goes straight to {@value OrderEvent#DEAD_LETTER_TOPIC} and the consumer moves on; any
 * other failure (database down...) is retried with back-off for as long as it takes, so that no valid event is ever
 * dead-lettered because of an outage. Spring Boot puts this handler on its listener container factory.
 * <p>
 * Recovery after a restart (application.yaml): a short session timeout and cooperative rebalancing, and static group
 * membership when the instance has a stable id ({@code baedal.read-model.consumer.group-instance-id}).
 */
@Configuration
public class KafkaProjectionConfig {

    private static final Logger log = LoggerFactory.getLogger(KafkaProjectionConfig.class);
    private static final Duration DLT_RETENTION = Duration.ofDays(30);

    @Bean
    DefaultErrorHandler orderEventErrorHandler(KafkaTemplate<?, ?> kafkaTemplate, ProjectionMetrics metrics) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                // no fixed partition: the dead-letter topic need not have as many partitions as the source topic
                (record, exception) -> new TopicPartition(OrderEvent.DEAD_LETTER_TOPIC, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            log.warn("Order event {}-{}@{} (key {}) sent to {}: {}", record.topic(), record.partition(),
                    record.offset(), record.key(), OrderEvent.DEAD_LETTER_TOPIC, rootMessage(exception));
            deadLetters.accept(record, exception);
            metrics.deadLettered();
        }, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    /**
     * Static membership, when configured: Kafka refuses an empty {@code group.instance.id}, so it is set only when
     * given. With listener concurrency, Spring Kafka gives each consumer of the container its own suffix.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer staticGroupMembership(
            @Value("${baedal.read-model.consumer.group-instance-id:}") String groupInstanceId) {
        return factory -> {
            if (StringUtils.hasText(groupInstanceId)) {
                factory.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupInstanceId.trim()));
                log.info("Static group membership as {}", groupInstanceId.trim());
            }
        };
    }

    @Bean
    @ConditionalOnProperty(name = "baedal.read-model.topic.create", havingValue = "true", matchIfMissing = true)
    KafkaAdmin.NewTopics orderEventTopics(ReadModelProperties properties) {
        ReadModelProperties.Topic topic = properties.topic();
        return new KafkaAdmin.NewTopics(
                // kept forever: the projection can always be rebuilt from the topic
                TopicBuilder.name(OrderEvent.TOPIC).partitions(topic.partitions()).replicas(topic.replicas())
                        .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build(),
                TopicBuilder.name(OrderEvent.DEAD_LETTER_TOPIC).partitions(1).replicas(topic.replicas())
                        .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(DLT_RETENTION.toMillis())).build());
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
