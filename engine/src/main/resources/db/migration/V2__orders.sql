-- The command side of an order: who placed it, for which store, what it costs, and which process instance
-- runs it. Status lives in the process (commands) and in the read-model (queries), not here.
create table baedal.customer_order (
    order_id            uuid primary key,
    customer_id         varchar(100) not null,
    store_id            varchar(64)  not null references baedal.store (store_id),
    region              varchar(64)  not null,
    items               jsonb        not null,
    total               bigint       not null check (total > 0),
    delivery_address    jsonb        not null,
    payment_method      varchar(16)  not null,
    process_instance_id varchar(64)  not null,
    rider_id            varchar(100),
    idempotency_key     varchar(200),
    request_hash        char(64),
    created_at          timestamptz  not null default now()
);

-- Idempotent placement: one order per (customer, Idempotency-Key).
create unique index customer_order_idempotency_uq
    on baedal.customer_order (customer_id, idempotency_key) where idempotency_key is not null;
