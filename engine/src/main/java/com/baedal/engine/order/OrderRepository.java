package com.baedal.engine.order;

import com.baedal.process.OrderProcess;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one door to {@code customer_order}: every read and write of that table is here, as the read-model's
 * {@code OrderProjection} owns its tables. The row is the order's facts (customer, store, items, total, address;
 * the rider is the process's, see {@link RiderAssignment}), its lock (steps of one order queue on it, see {@code com.baedal.engine.camunda}) and its event counter.
 */
@Repository
@RequiredArgsConstructor
public class OrderRepository {

    private static final String SELECT = """
            select order_id, customer_id, store_id, region, total, process_instance_id, request_hash
              from baedal.customer_order
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    /** Records the order; its process instance is attached right after it starts, in the same transaction. */
    void insert(NewOrder order) {
        jdbc.sql("""
                        insert into baedal.customer_order (order_id, customer_id, store_id, region, items, total,
                            delivery_address, payment_method, idempotency_key, request_hash)
                        values (:orderId, :customerId, :storeId, :region, cast(:items as jsonb), :total,
                            cast(:address as jsonb), :paymentMethod, :idempotencyKey, :requestHash)
                        """)
                .param("orderId", UUID.fromString(order.orderId()))
                .param("customerId", order.customerId())
                .param("storeId", order.storeId())
                .param("region", order.region())
                .param("items", toJson(order.items()))
                .param("total", order.total())
                .param("address", toJson(order.deliveryAddress()))
                .param("paymentMethod", order.paymentMethod())
                .param("idempotencyKey", order.idempotencyKey())
                .param("requestHash", order.requestHash())
                .update();
    }

    void attachProcessInstance(String orderId, String processInstanceId) {
        jdbc.sql("update baedal.customer_order set process_instance_id = :pid where order_id = :id")
                .param("pid", processInstanceId)
                .param("id", UUID.fromString(orderId))
                .update();
    }

    Optional<OrderRecord> find(String orderId) {
        UUID id;
        try {
            id = UUID.fromString(orderId);
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where order_id = :id").param("id", id).query(this::map).optional();
    }

    Optional<OrderRecord> findByIdempotencyKey(String customerId, String idempotencyKey) {
        return jdbc.sql(SELECT + " where customer_id = :customerId and idempotency_key = :key")
                .param("customerId", customerId)
                .param("key", idempotencyKey)
                .query(this::map)
                .optional();
    }

    private OrderRecord map(ResultSet rs, int row) throws SQLException {
        return new OrderRecord(rs.getString("order_id"), rs.getString("customer_id"), rs.getString("store_id"),
                rs.getString("region"), rs.getLong("total"), rs.getString("process_instance_id"),
                rs.getString("request_hash"));
    }

    /**
     * Takes the order's row lock, held until the end of the current transaction. Steps of an order take it before
     * the engine reads the process instance, so that concurrent steps of one order queue here and each reads what
     * the one before it committed, instead of deadlocking or losing on the engine's optimistic locking.
     */
    public void lock(String orderId) {
        jdbc.sql("select order_id from baedal.customer_order where order_id = :id for update")
                .param("id", UUID.fromString(orderId))
                .query(String.class)
                .optional();
    }

    /**
     * Locks the order of an external task (its process instance's business key), found with plain SQL so that the
     * engine caches nothing of the task before the lock is held. Tasks of other processes lock nothing.
     */
    public void lockOrderOfExternalTask(String externalTaskId) {
        // primary keys all the way: the task, its process instance, the order (business key = order id)
        jdbc.sql("""
                        select o.order_id from act_ru_ext_task t
                            join act_ru_execution e on e.id_ = t.proc_inst_id_
                            join baedal.customer_order o on o.order_id = cast(e.business_key_ as uuid)
                        where t.id_ = :id and t.proc_def_key_ = :processKey
                        for update of o
                        """)
                .param("id", externalTaskId)
                .param("processKey", OrderProcess.PROCESS_KEY)
                .query(String.class)
                .optional();
    }

    /** Counts one more event of the order and answers its sequence; empty when the order has no row. */
    public OptionalLong nextEventSequence(String orderId) {
        return jdbc.sql("""
                        update baedal.customer_order set event_sequence = event_sequence + 1
                         where order_id = :orderId
                        returning event_sequence
                        """)
                .param("orderId", UUID.fromString(orderId))
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write order JSON", e);
        }
    }
}
