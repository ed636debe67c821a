-- The read-model's projection of the order events (topic baedal.order-events). Everything here can be dropped
-- and rebuilt from the topic (see read-model/README.md).

-- One row per order: the SPEC §5 view plus what the queries filter and sort on.
create table order_view (
    order_id          text primary key,
    customer_id       text        not null,
    store_id          text        not null,
    store_name        text,
    region            text        not null,
    status            text        not null,
    total             bigint      not null,
    items             jsonb       not null,
    delivery_address  jsonb       not null,
    payment_status    text        not null,
    payment_amount    bigint,
    payment_cancelled boolean     not null default false,
    rider_id          text,
    -- sequence of the last event applied to this order (events are applied in sequence, each at most once)
    last_sequence     bigint      not null,
    placed_at         timestamptz not null,
    -- occurredAt of the last event that changed the view (event time, so a rebuild gives the same value)
    updated_at        timestamptz not null,
    store_lat         double precision,
    store_lon         double precision
);

-- GET /api/orders (a customer's orders, newest first)
create index order_view_customer_placed on order_view (customer_id, placed_at desc);
-- GET /api/orders as OPERATOR without a customer filter
create index order_view_placed on order_view (placed_at desc);
-- GET /api/stores/{storeId}/orders?status= (the store's board, oldest first)
create index order_view_store_status_placed on order_view (store_id, status, placed_at);
-- GET /api/deliveries?region= (READY_FOR_PICKUP, oldest first)
create index order_view_region_status_updated on order_view (region, status, updated_at);

-- One row per status-changing event.
create table order_history (
    order_id text        not null,
    sequence bigint      not null,
    status   text        not null,
    at       timestamptz not null,
    primary key (order_id, sequence)
);

-- Events that arrived before their predecessor; applied (and deleted) as soon as the gap is filled.
create table pending_event (
    order_id  text        not null,
    sequence  bigint      not null,
    type      text        not null,
    payload   jsonb       not null,
    parked_at timestamptz not null default now(),
    primary key (order_id, sequence)
);
