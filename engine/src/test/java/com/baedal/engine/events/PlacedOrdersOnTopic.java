package com.baedal.engine.events;

import com.baedal.engine.support.OrderEventsOnTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@link PlacedOrders} whose events the tests read from the real topic: a fresh {@link OrderEventsOnTopic} per test,
 * closed after it (before the orders are removed).
 */
abstract class PlacedOrdersOnTopic extends PlacedOrders {

    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers;

    OrderEventsOnTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new OrderEventsOnTopic(bootstrapServers);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }
}
