package com.baedal.engine.order;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order's row lock, held until the end of the current transaction. Every step of an order takes it before the
 * engine writes anything for it: the order commands before they touch the process instance, worker completions
 * and timers from a listener on the step (see the engine's order-events parse listener). Concurrent steps of one
 * order (a worker completing a notification while the store accepts, two riders picking) then queue on this row
 * instead of deadlocking on the engine's rows.
 */
@Component
public class OrderLock {

    private final JdbcClient jdbc;

    OrderLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void lock(String orderId) {
        jdbc.sql("select order_id from baedal.customer_order where order_id = :id for update")
                .param("id", UUID.fromString(orderId))
                .query(String.class)
                .optional();
    }
}
