-- The simulated card provider's own ledger (SimulatedCardProvider). It stands for a remote provider: the simulator
-- writes it in its own transactions on its own connections, never inside the workers' transactions, so it keeps
-- what it did whatever happens to the workers. The chaos runner (simulator module) reads it to check the money
-- invariants against the payment records: its shape is a contract with that runner.
create schema if not exists card_simulator;

-- One row per idempotency key that got an answer: 'charge:<orderId>' or 'refund:<orderId>'. A repeated call with
-- the key answers this row again (and counts the call); money moves once per key.
create table card_simulator.operation (
    idempotency_key  text        primary key,
    kind             text        not null check (kind in ('CHARGE', 'REFUND')),
    order_id         text        not null,
    amount           bigint      not null check (amount >= 0),
    -- charges: APPROVED or DECLINED; refunds: REFUNDED
    outcome          text        not null check (outcome in ('APPROVED', 'DECLINED', 'REFUNDED')),
    -- 'sim_ch_...' / 'sim_re_...'; null when declined
    reference        text,
    -- refunds: the reference of the charge they give back
    charge_reference text,
    -- calls received with this key that were answered from this row
    calls            int         not null,
    created_at       timestamptz not null default now(),
    check ((kind = 'CHARGE' and outcome in ('APPROVED', 'DECLINED') and charge_reference is null)
        or (kind = 'REFUND' and outcome = 'REFUNDED' and charge_reference is not null))
);

create index operation_order_idx on card_simulator.operation (order_id);
create unique index operation_reference_uq on card_simulator.operation (reference) where reference is not null;
-- a charge is given back at most once, whatever key the refund carries
create unique index operation_one_refund_per_charge_uq on card_simulator.operation (charge_reference)
    where kind = 'REFUND';

-- Every call received per idempotency key, outages included: tok_flaky is down for the first two calls of a key,
-- counted here so that a restart of the workers does not make it flaky again.
create table card_simulator.attempt_counter (
    idempotency_key text primary key,
    calls           int  not null
);

-- Run-time settings, read on every call. 'response-delay': ISO-8601 duration the provider waits after committing an
-- operation and before answering (a slow provider, a slow network).
create table card_simulator.setting (
    name  text primary key,
    value text not null
);
