package com.baedal.engine.events;

import com.baedal.engine.support.OrderEventsOnTopic;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The fixture of the tests that drive orders through the HTTP API and read their events from the real topic: a fresh
 * {@link EventsApi} and {@link OrderEventsOnTopic} per test; after it, the consumer is closed and the orders the test
 * placed are removed. Subclasses add their own {@code @AfterEach} (JUnit runs it before this one).
 */
abstract class PlacedOrdersOnTopic {

    @Autowired TestRestTemplate http;
    @Autowired ExternalTaskService externalTasks;
    @Autowired RuntimeService runtime;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers;

    EventsApi api;
    OrderEventsOnTopic topic;

    @BeforeEach
    void openApiAndTopic() {
        api = new EventsApi(http, externalTasks);
        topic = new OrderEventsOnTopic(bootstrapServers);
    }

    @AfterEach
    void closeTopicAndRemoveOrders() {
        topic.close();
        EventsApi.removeOrders(runtime, api.placed);
    }
}
