-- The workers' own records. The payment row is the source of truth for charges and refunds: the external-task
-- client delivers tasks at least once, so every handler first looks here.
create table payment (
    order_id           varchar(64)  primary key,
    customer_id        varchar(200) not null,
    amount             bigint       not null check (amount >= 0),
    status             varchar(16)  not null check (status in ('PENDING', 'APPROVED', 'DECLINED', 'REFUNDED')),
    -- the order was cancelled or rejected: no charge may start any more and money taken is given back
    cancelled          boolean      not null default false,
    -- how many times the card provider was asked to charge
    attempts           integer      not null default 0,
    provider_reference varchar(200),
    refund_reference   varchar(200),
    last_error         varchar(1000),
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now(),
    version            bigint       not null default 0
);

create index payment_customer_idx on payment (customer_id);

-- One row per notification sent; the unique key makes sending idempotent per (order, kind).
create table notification (
    id         bigserial     primary key,
    order_id   varchar(64)   not null,
    kind       varchar(40)   not null,
    channel    varchar(40)   not null,
    recipients varchar(1000) not null,
    text       varchar(2000) not null,
    sent_at    timestamptz   not null default now(),
    constraint notification_order_kind_uk unique (order_id, kind)
);
