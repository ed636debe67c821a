-- The store's street: riders see it in Tasklist as the pick-up address. Stores created before stay without one.
ALTER TABLE baedal.store ADD COLUMN street VARCHAR(200);
