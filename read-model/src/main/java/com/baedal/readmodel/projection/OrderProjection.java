package com.baedal.readmodel.projection;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventData;
import com.baedal.support.tracing.TraceContexts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies order events to the projection: each event at most once and in sequence per order, in one database
 * transaction. The order is serialized by a transaction-scoped advisory lock on its id (it also covers the order
 * whose view row does not exist yet), then:
 * <ul>
 *   <li>{@code sequence <= last_sequence}: a duplicate (redelivery, relay retry): skipped;</li>
 *   <li>{@code sequence == last_sequence + 1}: applied, then the parked successors that are now next;</li>
 *   <li>{@code sequence > last_sequence + 1}: parked in {@code pending_event} until the gap is filled, so the view
 *       never shows a status out of order.</li>
 * </ul>
 * A status change also sends {@code NOTIFY} on {@link #STATUS_CHANNEL} (delivered at commit) for the live streams.
 */
@Service
@RequiredArgsConstructor
public class OrderProjection {

    /**
     * PostgreSQL NOTIFY channel; the payload is the orderId whose status changed, followed by a space and the
     * traceparent of the apply when it ran in a trace.
     */
    public static final String STATUS_CHANNEL = "baedal_order_status";

    private final JdbcClient jdbc;
    private final OrderEventReader reader;
    private final ObjectMapper objectMapper;
    private final TraceContexts traces;

    @Transactional
    public ApplyOutcome apply(OrderEvent event) {
        String orderId = event.orderId();
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:orderId, 0))")
                .param("orderId", orderId).query((rs, i) -> 1).list();
        Optional<ViewState> existing = load(orderId);
        long last = existing.map(state -> state.lastSequence).orElse(0L);
        if (event.sequence() <= last) {
            return ApplyOutcome.duplicate();
        }
        if (event.sequence() > last + 1) {
            return park(event) ? ApplyOutcome.parked() : ApplyOutcome.duplicate();
        }
        List<OrderEvent> applied = new ArrayList<>();
        ViewState state = existing.orElse(null);
        boolean statusChanged = false;
        OrderEvent next = event;
        while (next != null) {
            if (state == null) {
                state = placed(next);
            } else {
                applyTo(state, next);
            }
            if (next.type().status().isPresent()) {
                statusChanged = true;
                insertHistory(orderId, next.sequence(), state.status, next.occurredAt());
            }
            applied.add(next);
            next = takeParked(orderId, state.lastSequence + 1).orElse(null);
        }
        // parked copies of events that were applied meanwhile (duplicates) are of no use any more
        jdbc.sql("delete from pending_event where order_id = :orderId and sequence <= :last")
                .param("orderId", orderId).param("last", state.lastSequence).update();
        if (existing.isPresent()) {
            update(state);
        } else {
            insert(state);
        }
        if (statusChanged) {
            // "<orderId> <traceparent>": the stream push joins the trace of the apply
            String payload = traces.current().map(traceparent -> orderId + " " + traceparent).orElse(orderId);
            jdbc.sql("select pg_notify(:channel, :orderId)").param("channel", STATUS_CHANNEL)
                    .param("orderId", payload).query((rs, i) -> 1).list();
        }
        return new ApplyOutcome(ApplyOutcome.Kind.APPLIED, List.copyOf(applied));
    }

    /** Empties the projection (rebuild). */
    @Transactional
    public void truncate() {
        jdbc.sql("truncate table order_view, order_history, pending_event").update();
    }

    private ViewState placed(OrderEvent event) {
        OrderEventData.OrderPlaced data = reader.data(event, OrderEventData.OrderPlaced.class);
        ViewState state = new ViewState();
        state.orderId = event.orderId();
        state.customerId = data.customerId();
        state.storeId = data.storeId();
        state.storeName = data.storeName();
        state.region = data.region();
        state.status = OrderStatus.PLACED;
        state.total = data.total();
        state.items = json(data.items());
        state.deliveryAddress = json(data.deliveryAddress());
        state.paymentStatus = PaymentStatus.PENDING;
        state.lastSequence = event.sequence();
        state.placedAt = event.occurredAt();
        state.updatedAt = event.occurredAt();
        state.storeLat = data.storeLat();
        state.storeLon = data.storeLon();
        return state;
    }

    /** Applies a successor event to the state. */
    private void applyTo(ViewState state, OrderEvent event) {
        boolean changed = true;
        switch (event.type()) {
            case PaymentApproved -> payment(state, PaymentStatus.APPROVED,
                    reader.data(event, OrderEventData.PaymentApproved.class).amount());
            case PaymentDeclined -> payment(state, PaymentStatus.DECLINED,
                    reader.data(event, OrderEventData.PaymentDeclined.class).amount());
            case PaymentRefunded -> payment(state, PaymentStatus.REFUNDED,
                    reader.data(event, OrderEventData.PaymentRefunded.class).amount());
            case OrderPickedUp -> state.riderId = reader.data(event, OrderEventData.OrderPickedUp.class).riderId();
            case OrderDelivered -> {
                if (state.riderId == null && event.data() != null) {
                    state.riderId = reader.data(event, OrderEventData.OrderDelivered.class).riderId();
                }
            }
            // the escalation is an operations matter: the customer's view does not change
            case RiderSearchEscalated -> changed = false;
            default -> {
                // status-only events
            }
        }
        event.type().status().ifPresent(status -> {
            state.status = status;
            if (status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED) {
                // the order ended without delivery: whatever was charged is not kept
                state.paymentCancelled = true;
            }
        });
        state.lastSequence = event.sequence();
        if (changed) {
            state.updatedAt = event.occurredAt();
        }
    }

    private static void payment(ViewState state, PaymentStatus status, long amount) {
        state.paymentStatus = status;
        state.paymentAmount = amount;
    }

    private boolean park(OrderEvent event) {
        return jdbc.sql("""
                        insert into pending_event (order_id, sequence, type, payload)
                        values (:orderId, :sequence, :type, cast(:payload as jsonb))
                        on conflict (order_id, sequence) do nothing""")
                .param("orderId", event.orderId())
                .param("sequence", event.sequence())
                .param("type", event.type().name())
                .param("payload", json(event))
                .update() == 1;
    }

    private Optional<OrderEvent> takeParked(String orderId, long sequence) {
        return jdbc.sql("delete from pending_event where order_id = :orderId and sequence = :sequence "
                        + "returning payload::text")
                .param("orderId", orderId).param("sequence", sequence)
                .query((rs, i) -> rs.getString(1)).optional()
                .map(payload -> reader.read(orderId, payload));
    }

    private void insertHistory(String orderId, long sequence, OrderStatus status, Instant at) {
        jdbc.sql("insert into order_history (order_id, sequence, status, at) values (:orderId, :sequence, :status, :at)")
                .param("orderId", orderId).param("sequence", sequence).param("status", status.name())
                .param("at", utc(at)).update();
    }

    private Optional<ViewState> load(String orderId) {
        return jdbc.sql("select * from order_view where order_id = :orderId for update")
                .param("orderId", orderId).query(OrderProjection::mapState).optional();
    }

    private void insert(ViewState s) {
        jdbc.sql("""
                        insert into order_view (order_id, customer_id, store_id, store_name, region, status, total, items,
                            delivery_address, payment_status, payment_amount, payment_cancelled, rider_id, last_sequence,
                            placed_at, updated_at, store_lat, store_lon)
                        values (:orderId, :customerId, :storeId, :storeName, :region, :status, :total,
                            cast(:items as jsonb), cast(:deliveryAddress as jsonb), :paymentStatus, :paymentAmount,
                            :paymentCancelled, :riderId, :lastSequence, :placedAt, :updatedAt, :storeLat, :storeLon)""")
                .params(params(s)).update();
    }

    private void update(ViewState s) {
        jdbc.sql("""
                        update order_view set status = :status, payment_status = :paymentStatus,
                            payment_amount = :paymentAmount, payment_cancelled = :paymentCancelled, rider_id = :riderId,
                            last_sequence = :lastSequence, updated_at = :updatedAt
                        where order_id = :orderId""")
                .params(params(s)).update();
    }

    private static Map<String, Object> params(ViewState s) {
        Map<String, Object> params = new HashMap<>();
        params.put("orderId", s.orderId);
        params.put("customerId", s.customerId);
        params.put("storeId", s.storeId);
        params.put("storeName", s.storeName);
        params.put("region", s.region);
        params.put("status", s.status.name());
        params.put("total", s.total);
        params.put("items", s.items);
        params.put("deliveryAddress", s.deliveryAddress);
        params.put("paymentStatus", s.paymentStatus.name());
        params.put("paymentAmount", s.paymentAmount);
        params.put("paymentCancelled", s.paymentCancelled);
        params.put("riderId", s.riderId);
        params.put("lastSequence", s.lastSequence);
        params.put("placedAt", utc(s.placedAt));
        params.put("updatedAt", utc(s.updatedAt));
        params.put("storeLat", s.storeLat);
        params.put("storeLon", s.storeLon);
        return params;
    }

    private static ViewState mapState(ResultSet rs, int row) throws SQLException {
        ViewState s = new ViewState();
        s.orderId = rs.getString("order_id");
        s.customerId = rs.getString("customer_id");
        s.storeId = rs.getString("store_id");
        s.storeName = rs.getString("store_name");
        s.region = rs.getString("region");
        s.status = OrderStatus.valueOf(rs.getString("status"));
        s.total = rs.getLong("total");
        s.items = rs.getString("items");
        s.deliveryAddress = rs.getString("delivery_address");
        s.paymentStatus = PaymentStatus.valueOf(rs.getString("payment_status"));
        s.paymentAmount = rs.getObject("payment_amount", Long.class);
        s.paymentCancelled = rs.getBoolean("payment_cancelled");
        s.riderId = rs.getString("rider_id");
        s.lastSequence = rs.getLong("last_sequence");
        s.placedAt = rs.getObject("placed_at", OffsetDateTime.class).toInstant();
        s.updatedAt = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
        s.storeLat = rs.getObject("store_lat", Double.class);
        s.storeLon = rs.getObject("store_lon", Double.class);
        return s;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The order_view row while events are applied to it. */
    private static final class ViewState {
        String orderId;
        String customerId;
        String storeId;
        String storeName;
        String region;
        OrderStatus status;
        long total;
        String items;
        String deliveryAddress;
        PaymentStatus paymentStatus;
        Long paymentAmount;
        boolean paymentCancelled;
        String riderId;
        long lastSequence;
        Instant placedAt;
        Instant updatedAt;
        Double storeLat;
        Double storeLon;
    }
}
