-- Bounded history (issue 15): raw polls go into one partition per UTC day, so retention drops a
-- whole day at once (DROP TABLE, no DELETE, no vacuum debt). Partitions are created ahead by the
-- rollup job (monitoring/history.ts); a poll whose day has no partition yet (a clock far off, a
-- replay older than any partition) lands in poll_sample_default and moves out when its day's
-- partition is made. Existing rows are moved, not lost.
ALTER TABLE poll_sample RENAME TO poll_sample_unpartitioned;
ALTER TABLE poll_sample_unpartitioned RENAME CONSTRAINT poll_sample_pkey TO poll_sample_unpartitioned_pkey;
ALTER INDEX poll_sample_site_time RENAME TO poll_sample_unpartitioned_site_time;

-- LIKE keeps every column a later migration may have added, with its defaults and checks.
-- The primary key must contain the partition key; sample_id already names the poll's time, so
-- (sample_id, polled_at) is as unique as sample_id alone was, and replays still collide.
CREATE TABLE poll_sample (
  LIKE poll_sample_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
  PRIMARY KEY (sample_id, polled_at),
  FOREIGN KEY (site_id) REFERENCES monitored_site (id) ON DELETE CASCADE
) PARTITION BY RANGE (polled_at);
CREATE INDEX poll_sample_site_time ON poll_sample (site_id, polled_at);
-- Late arrivals are found by arrival time (history.ts): BRIN is tiny and fits append order.
CREATE INDEX poll_sample_received ON poll_sample USING brin (received_at);
CREATE TABLE poll_sample_default PARTITION OF poll_sample DEFAULT;

-- One partition per UTC day in [from_day, to_day]; rows of those days waiting in the default
-- partition move into it. Returns how many partitions it made. Serialised by an advisory lock so
-- a server and an agent may both call it.
CREATE FUNCTION poll_sample_add_partitions(from_day date, to_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  d date := from_day;
  made integer := 0;
  part text;
  lo timestamptz;
  hi timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(7270015);
  WHILE d <= to_day LOOP
    part := 'poll_sample_' || to_char(d, 'YYYYMMDD');
    IF to_regclass(part) IS NULL THEN
      lo := d::timestamp AT TIME ZONE 'UTC';
      hi := (d + 1)::timestamp AT TIME ZONE 'UTC';
      EXECUTE format('CREATE TABLE %I (LIKE poll_sample INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
      EXECUTE format('WITH moved AS (DELETE FROM poll_sample_default WHERE polled_at >= $1 AND polled_at < $2 RETURNING *)
                      INSERT INTO %I SELECT * FROM moved', part) USING lo, hi;
      EXECUTE format('ALTER TABLE poll_sample ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
      made := made + 1;
    END IF;
    d := d + 1;
  END LOOP;
  RETURN made;
END $$;

-- Drops the day partitions that end at or before `before` and deletes older stragglers in the
-- default partition. Returns the number of partitions dropped.
CREATE FUNCTION poll_sample_drop_partitions(before timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  part record;
  dropped integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7270015);
  FOR part IN
    SELECT c.relname FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'poll_sample'::regclass AND c.relname ~ '^poll_sample_[0-9]{8}$'
      AND (to_date(substr(c.relname, 13), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC' <= before
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE %I', part.relname);
    dropped := dropped + 1;
  END LOOP;
  DELETE FROM poll_sample_default WHERE polled_at < before;
  RETURN dropped;
END $$;

-- Partitions for the days that hold existing polls (at most the last 400 days; older ones wait
-- in the default partition for retention) and the week ahead, then the rows themselves.
SELECT poll_sample_add_partitions(
  (greatest(coalesce((SELECT min(polled_at) FROM poll_sample_unpartitioned), now()), now() - interval '400 days') AT TIME ZONE 'UTC')::date,
  ((now() + interval '7 days') AT TIME ZONE 'UTC')::date);
INSERT INTO poll_sample SELECT * FROM poll_sample_unpartitioned;
DROP TABLE poll_sample_unpartitioned;
