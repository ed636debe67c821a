-- The W3C traceparent of the step that wrote the event (null when no trace was active, e.g. a timer): the relay
-- sends it as the Kafka record's `traceparent` header, so the read-model's apply joins the order's trace.
alter table baedal.outbox_event add column traceparent varchar(55);
