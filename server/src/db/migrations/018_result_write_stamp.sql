-- Issue 14: a recompute sends plan_result only the rows that differ from what it last wrote, kept in
-- the process's memory (planning/result-write.ts). That copy is good only while nothing else wrote
-- the table: every statement that writes plan_result (a recompute of another process, a restore,
-- plain SQL) gives it a new random stamp, so an equal stamp means the same contents, and a restored
-- table brings the stamp it was dumped with. BEFORE the statement, as in migration 016: the stamp row
-- is locked before any result row.
CREATE TABLE plan_result_write (
  id    integer PRIMARY KEY CHECK (id = 1),
  stamp uuid NOT NULL
);
INSERT INTO plan_result_write (id, stamp) VALUES (1, gen_random_uuid());

CREATE FUNCTION plan_result_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE plan_result_write SET stamp = gen_random_uuid() WHERE id = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER plan_result_written BEFORE INSERT OR UPDATE OR DELETE ON plan_result
  FOR EACH STATEMENT EXECUTE FUNCTION plan_result_written();
CREATE TRIGGER plan_result_truncated BEFORE TRUNCATE ON plan_result
  FOR EACH STATEMENT EXECUTE FUNCTION plan_result_written();
