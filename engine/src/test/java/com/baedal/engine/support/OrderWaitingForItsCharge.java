package com.baedal.engine.support;

import com.baedal.engine.support.OrderFixtures.StartedOrder;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fixture of the tests that need one order of chicken-gangnam waiting for its charge: started before each test
 * ({@link OrderFixtures#startOrder}) and deleted after it. Subclasses add their own {@code @AfterEach} (JUnit runs
 * it before this one).
 */
public abstract class OrderWaitingForItsCharge {

    @Autowired protected RuntimeService runtime;
    @Autowired protected JdbcClient jdbc;

    protected StartedOrder order;

    @BeforeEach
    void startTheOrder() {
        order = OrderFixtures.startOrder(runtime, jdbc, "chicken-gangnam", "Gangnam Fried Chicken", "gangnam");
    }

    @AfterEach
    void deleteTheOrder() {
        runtime.deleteProcessInstance(order.processInstanceId(), "test cleanup", true, true);
    }
}
