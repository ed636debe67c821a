package com.baedal.readmodel.order;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the projection; every list query has its index (V1__projection.sql). */
@Repository
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class OrderQueries {

    private static final String VIEW_COLUMNS = """
            order_id, customer_id, store_id, store_name, region, status, total, items::text as items,
            delivery_address::text as delivery_address, payment_status, payment_amount, payment_cancelled, rider_id,
            placed_at, updated_at, store_lat, store_lon""";
    /** Degrees to metres on the earth's surface (mean radius 6371 km). */
    private static final double METRES_PER_DEGREE = 111_195.0;

    private final JdbcClient jdbc;
    private final ObjectMapper objectMapper;

    public Optional<OrderView> find(String orderId) {
        return jdbc.sql("select " + VIEW_COLUMNS + " from order_view where order_id = :orderId")
                .param("orderId", orderId).query(this::mapView).optional()
                .map(view -> withHistory(List.of(view)).get(0));
    }

    /** Orders of one customer ({@code customerId} null: of everyone), newest first. */
    public OrderPage byCustomer(String customerId, int page, int size) {
        String where = customerId == null ? "" : " where customer_id = :customerId";
        Map<String, Object> params = new LinkedHashMap<>();
        if (customerId != null) {
            params.put("customerId", customerId);
        }
        return page(where, params, "placed_at desc, order_id", page, size);
    }

    /** A store's board: its orders (of one status, if given), oldest first. */
    public OrderPage byStore(String storeId, OrderStatus status, int page, int size) {
        String where = " where store_id = :storeId" + (status == null ? "" : " and status = :status");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("storeId", storeId);
        if (status != null) {
            params.put("status", status.name());
        }
        return page(where, params, "placed_at, order_id", page, size);
    }

    /** One page of the orders {@code where} selects, in {@code orderBy} order, with how many there are in all. */
    private OrderPage page(String where, Map<String, Object> params, String orderBy, int page, int size) {
        long total = jdbc.sql("select count(*) from order_view" + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<OrderView> views = jdbc.sql("select " + VIEW_COLUMNS + " from order_view" + where
                        + " order by " + orderBy + " limit :limit offset :offset")
                .params(params).query(this::mapView).list();
        return new OrderPage(withHistory(views), page, size, total);
    }

    /**
     * Orders of a region waiting for a rider, oldest first; with a position, nearest store first (equirectangular
     * distance, plenty for a city; stores without coordinates last).
     */
    public List<Delivery> deliveries(String region, Double lat, Double lon) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("region", region);
        params.put("status", OrderStatus.READY_FOR_PICKUP.name());
        String distance = "null::double precision";
        String order = "updated_at, order_id";
        if (lat != null && lon != null) {
            distance = "sqrt(power(store_lat - :lat, 2) + power((store_lon - :lon) * cos(radians(:lat)), 2)) * "
                    + METRES_PER_DEGREE;
            order = "distance nulls last, " + order;
            params.put("lat", lat);
            params.put("lon", lon);
        }
        return jdbc.sql("select " + VIEW_COLUMNS + ", " + distance + " as distance from order_view"
                        + " where region = :region and status = :status order by " + order)
                .params(params)
                .query((rs, i) -> {
                    Double metres = rs.getObject("distance", Double.class);
                    return new Delivery(rs.getString("order_id"), rs.getString("store_id"),
                            rs.getString("store_name"), rs.getObject("store_lat", Double.class),
                            rs.getObject("store_lon", Double.class), json(rs.getString("items")),
                            rs.getLong("total"), json(rs.getString("delivery_address")),
                            instant(rs, "updated_at"), metres == null ? null : Math.round(metres));
                })
                .list();
    }

    /** Status changes of an order after a sequence number, in order (for the live stream). */
    public List<HistoryRow> historyAfter(String orderId, long sequence) {
        return jdbc.sql("select sequence, status, at from order_history where order_id = :orderId "
                        + "and sequence > :sequence order by sequence")
                .param("orderId", orderId).param("sequence", sequence)
                .query((rs, i) -> new HistoryRow(rs.getLong("sequence"), OrderStatus.valueOf(rs.getString("status")),
                        instant(rs, "at")))
                .list();
    }

    /** One row of order_history. */
    public record HistoryRow(long sequence, OrderStatus status, Instant at) {
    }

    private List<OrderView> withHistory(List<OrderView> views) {
        if (views.isEmpty()) {
            return views;
        }
        Map<String, List<OrderView.StatusChange>> history = new LinkedHashMap<>();
        views.forEach(view -> history.put(view.orderId(), new ArrayList<>()));
        jdbc.sql("select order_id, status, at from order_history where order_id in (:ids) order by order_id, sequence")
                .param("ids", List.copyOf(history.keySet()))
                .query((RowCallbackHandler) rs -> {
                    history.get(rs.getString("order_id")).add(new OrderView.StatusChange(
                            OrderStatus.valueOf(rs.getString("status")), instant(rs, "at")));
                });
        return views.stream().map(view -> view.withHistory(history.get(view.orderId()))).toList();
    }

    private OrderView mapView(ResultSet rs, int row) throws SQLException {
        return new OrderView(rs.getString("order_id"), rs.getString("customer_id"), rs.getString("store_id"),
                OrderStatus.valueOf(rs.getString("status")), rs.getLong("total"), json(rs.getString("items")),
                json(rs.getString("delivery_address")),
                new OrderView.Payment(PaymentStatus.valueOf(rs.getString("payment_status")),
                        rs.getObject("payment_amount", Long.class), rs.getBoolean("payment_cancelled")),
                rs.getString("rider_id"), List.of(), instant(rs, "updated_at"), rs.getString("region"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private JsonNode json(String text) {
        try {
            return objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("invalid JSON in the projection", e);
        }
    }
}
