package com.baedal.readmodel.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/** Static group membership when the instance has a stable id, dynamic membership otherwise. */
class KafkaProjectionConfigTest {

    @Test
    void aConfiguredInstanceIdMakesTheMembershipStatic() {
        DefaultKafkaConsumerFactory<String, String> factory = new DefaultKafkaConsumerFactory<>(new HashMap<>());

        new KafkaProjectionConfig().staticGroupMembership(" read-model-1 ").customize(factory);

        assertThat(factory.getConfigurationProperties())
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "read-model-1");
    }

    @Test
    void withoutAnInstanceIdTheMembershipStaysDynamic() {
        DefaultKafkaConsumerFactory<String, String> factory = new DefaultKafkaConsumerFactory<>(new HashMap<>());

        new KafkaProjectionConfig().staticGroupMembership("").customize(factory);

        // Kafka refuses an empty group.instance.id: none at all
        assertThat(factory.getConfigurationProperties()).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }
}
