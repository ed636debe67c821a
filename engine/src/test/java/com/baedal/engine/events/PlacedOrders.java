package com.baedal.engine.events;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The fixture of the tests that drive orders through the HTTP API: a fresh {@link EventsApi} per test; after it, the
 * orders the test placed are removed. Subclasses add their own {@code @AfterEach} (JUnit runs it before this one).
 */
abstract class PlacedOrders {

    @Autowired TestRestTemplate http;
    @Autowired ExternalTaskService externalTasks;
    @Autowired RuntimeService runtime;

    EventsApi api;

    @BeforeEach
    void openApi() {
        api = new EventsApi(http, externalTasks);
    }

    @AfterEach
    void removeOrders() {
        EventsApi.removeOrders(runtime, api.placed);
    }
}
