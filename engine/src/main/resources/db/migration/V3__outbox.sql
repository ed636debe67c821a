-- Order events (SPEC §4) leave the engine through a transactional outbox: each process step writes its event
-- row in the step's own transaction; the relay publishes rows to Kafka in id order and deletes them once acked.

-- The order row now exists before its process starts (OrderPlaced reads it), so the instance id comes after.
alter table baedal.customer_order alter column process_instance_id drop not null;

-- Per-order event sequence. Bumped with UPDATE ... RETURNING: the row lock serialises concurrent steps of one
-- order, also across engine nodes.
alter table baedal.customer_order add column event_sequence int not null default 0;

create table baedal.outbox_event (
    id         bigserial    primary key,
    event_id   uuid         not null unique,
    order_id   uuid         not null,
    sequence   int          not null,
    type       varchar(64)  not null,
    payload    jsonb        not null,
    created_at timestamptz  not null default now(),
    constraint outbox_event_order_sequence_uq unique (order_id, sequence)
);
