-- Money-safe across crashes: the intent of a provider call (its idempotency key) is committed BEFORE the call, so a
-- charge the provider made is never unknown to the payment record, whatever crashed when.
alter table payment
    -- the idempotency key of the charge, recorded with the first charge intent
    add column charge_key              varchar(200),
    -- set when a charge request goes to the provider, cleared when its answer (approved/declined, or "the provider
    -- has no such charge" once it can no longer arrive) is recorded: while set, the provider may hold money the
    -- record does not know yet, so refunds and the reconciliation ask the provider by key
    add column charge_unsettled_since  timestamptz,
    -- the idempotency key of the refund, recorded before the refund request goes to the provider
    add column refund_key              varchar(200);

-- what the reconciliation visits: unsettled charges and refunds still owed
create index payment_unsettled_idx on payment (charge_unsettled_since) where charge_unsettled_since is not null;
create index payment_refund_owed_idx on payment (updated_at) where cancelled and status = 'APPROVED';
create index payment_created_idx on payment (created_at);

-- What the reconciliation found and could not repair. An open row (resolved_at null) is an incident of the payments
-- service: logged, counted by the gauge baedal.payment.reconciliation.incidents and listed to operators by
-- POST /api/payments/reconciliations. A later run that no longer finds the problem resolves it.
create table payment_incident (
    id          bigserial     primary key,
    order_id    varchar(64)   not null,
    kind        varchar(40)   not null,
    detail      varchar(1000) not null,
    detected_at timestamptz   not null default now(),
    resolved_at timestamptz
);

create unique index payment_incident_open_uq on payment_incident (order_id, kind) where resolved_at is null;

-- One reconciliation at a time across worker instances: a run takes the lease for a while (no connection is held).
create table reconciliation_lease (
    name   varchar(40)  primary key,
    holder varchar(200) not null,
    until  timestamptz  not null
);

insert into reconciliation_lease (name, holder, until) values ('payments', 'nobody', '-infinity');
