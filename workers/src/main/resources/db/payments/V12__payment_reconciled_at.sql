-- The reconciliation marks a settled payment it found in line with the provider; any change of the record clears the
-- mark. Scheduled runs visit only unmarked payments of the window (operators' runs visit all of them), so a run costs
-- what happened since the last one instead of one provider call per payment of the whole window.
alter table payment add column reconciled_at timestamptz;

create index payment_unreconciled_idx on payment (created_at) where reconciled_at is null;
