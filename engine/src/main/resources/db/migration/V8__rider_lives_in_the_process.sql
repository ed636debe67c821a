-- The order's rider has one owner, the process variable riderId (RiderAssignment); the row's copy is gone.
alter table baedal.customer_order drop column rider_id;
