package com.baedal.engine.events;

import com.baedal.contract.event.OrderEventData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the whole order for its OrderPlaced event: the order row (written before the process starts) and its store. */
@Component
public class PlacedOrders {

    private static final TypeReference<List<OrderEventData.Item>> ITEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public PlacedOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OrderEventData.OrderPlaced read(String orderId) {
        return jdbc.sql("""
                        select o.customer_id, o.store_id, s.name as store_name, o.region, o.items::text as items,
                               o.total, o.delivery_address::text as delivery_address, o.payment_method,
                               s.lat, s.lon
                          from baedal.customer_order o
                          join baedal.store s on s.store_id = o.store_id
                         where o.order_id = :orderId
                        """)
                .param("orderId", UUID.fromString(orderId))
                .query(this::map)
                .optional()
                .orElseThrow(() -> new ProcessEngineException("Order " + orderId
                        + " has no order row: cannot record OrderPlaced. Orders are placed through POST /api/orders."));
    }

    private OrderEventData.OrderPlaced map(ResultSet rs, int row) throws SQLException {
        try {
            return new OrderEventData.OrderPlaced(rs.getString("customer_id"), rs.getString("store_id"),
                    rs.getString("store_name"), rs.getString("region"),
                    EventJson.MAPPER.readValue(rs.getString("items"), ITEMS), rs.getLong("total"),
                    EventJson.MAPPER.readValue(rs.getString("delivery_address"), OrderEventData.DeliveryAddress.class),
                    rs.getString("payment_method"), rs.getObject("lat", Double.class),
                    rs.getObject("lon", Double.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable items or address in the order row", e);
        }
    }
}
