package com.baedal.readmodel.projection;

import com.baedal.contract.event.OrderEvent;
import com.baedal.readmodel.ReadModelProperties;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Starts the event consumer once the application is up, after rebuilding the projection when
 * {@code baedal.read-model.rebuild=true}: the consumer group's offsets are reset to the beginning of the topic
 * (this fails while another instance of the group is running), then the projection tables are emptied, then the
 * consumer replays the whole topic. Events carry their own times, so the rebuilt views are identical.
 */
@Component
public class ProjectionRebuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaListenerEndpointRegistry registry;
    private final OrderProjection projection;
    private final KafkaAdmin kafkaAdmin;
    private final String groupId;
    private final boolean rebuildAtStart;

    public ProjectionRebuild(KafkaListenerEndpointRegistry registry, OrderProjection projection, KafkaAdmin kafkaAdmin,
                             KafkaProperties kafkaProperties, ReadModelProperties properties) {
        this.registry = registry;
        this.projection = projection;
        this.kafkaAdmin = kafkaAdmin;
        this.groupId = kafkaProperties.getConsumer().getGroupId();
        this.rebuildAtStart = properties.rebuild();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (rebuildAtStart) {
            replayFromBeginning();
        }
        container().start();
    }

    /** Rebuilds the projection while the application runs (stops and restarts this instance's consumer). */
    public synchronized void rebuild() {
        MessageListenerContainer container = container();
        container.stop();
        replayFromBeginning();
        container.start();
    }

    private void replayFromBeginning() {
        log.warn("Rebuilding the projection: group {} goes back to the beginning of {}, projection tables emptied",
                groupId, OrderEvent.TOPIC);
        resetOffsetsToEarliest();
        projection.truncate();
    }

    private void resetOffsetsToEarliest() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            TopicDescription topic = admin.describeTopics(java.util.List.of(OrderEvent.TOPIC)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(OrderEvent.TOPIC);
            Map<TopicPartition, OffsetSpec> earliest = topic.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(OrderEvent.TOPIC, p.partition()),
                            p -> OffsetSpec.earliest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(earliest).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> reset = offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(groupId, reset).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting the offsets of group " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reset the offsets of group " + groupId
                    + " (stop every other read-model instance before a rebuild)", e);
        }
    }

    private MessageListenerContainer container() {
        MessageListenerContainer container = registry.getListenerContainer(OrderEventConsumer.LISTENER_ID);
        if (container == null) {
            throw new IllegalStateException("no listener container " + OrderEventConsumer.LISTENER_ID);
        }
        return container;
    }
}
