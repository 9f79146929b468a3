-- A counter that every statement writing `facility` moves (any path: import, settlement update, plain
-- SQL), so a cost-only recompute knows without hashing every facility row that none changed since the
-- measures were made (planning/recompute.ts; the row hashes of changed-facilities.sql still decide
-- which ones to re-measure when it moved). BEFORE the statement: the counter row is locked before any
-- facility row, so two writers queue on it instead of deadlocking over facility rows.
CREATE TABLE plan_facility_change (
  id integer PRIMARY KEY CHECK (id = 1),
  n  bigint NOT NULL
);
INSERT INTO plan_facility_change (id, n) VALUES (1, 0);

CREATE FUNCTION plan_facility_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE plan_facility_change SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER facility_changed BEFORE INSERT OR UPDATE OR DELETE ON facility
  FOR EACH STATEMENT EXECUTE FUNCTION plan_facility_changed();
CREATE TRIGGER facility_truncated BEFORE TRUNCATE ON facility
  FOR EACH STATEMENT EXECUTE FUNCTION plan_facility_changed();

-- The counter's value when the measures last matched every facility row (read before they were checked).
ALTER TABLE plan_state ADD COLUMN facility_change bigint;
