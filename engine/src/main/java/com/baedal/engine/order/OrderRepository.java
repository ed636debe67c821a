package com.baedal.engine.order;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

    private static final String SELECT = """
            select order_id, customer_id, store_id, region, total, process_instance_id, rider_id, request_hash
              from baedal.customer_order
            """;

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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
                .param("items", order.itemsJson())
                .param("total", order.total())
                .param("address", order.deliveryAddressJson())
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

    void assignRider(String orderId, String riderId) {
        jdbc.sql("update baedal.customer_order set rider_id = :riderId where order_id = :id")
                .param("riderId", riderId)
                .param("id", UUID.fromString(orderId))
                .update();
    }

    private OrderRecord map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new OrderRecord(rs.getString("order_id"), rs.getString("customer_id"), rs.getString("store_id"),
                rs.getString("region"), rs.getLong("total"), rs.getString("process_instance_id"),
                rs.getString("rider_id"), rs.getString("request_hash"));
    }
}
