-- SPEC §7: a token's `sub` (the customer id) may have up to 255 characters; the payment row must hold every one.
-- (Numbered apart from the payment-ledger migrations that are being written in parallel; Flyway runs gaps fine.)
alter table payment alter column customer_id type varchar(255);
