-- SPEC §7: a token's `sub` (the customer id, and the rider id of a rider) may have up to 255 characters. The columns
-- were narrower, so a valid long subject failed the insert (500) instead of being stored.
alter table baedal.customer_order alter column customer_id type varchar(255);
alter table baedal.customer_order alter column rider_id type varchar(255);
