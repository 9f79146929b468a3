-- Rollups of the raw polls (issue 15), kept for years after the raw partitions are dropped:
-- per site per hour and per Kazakhstan day, the figures availability and traffic are computed
-- from (monitoring/history.ts fills them with the same pure rule as the raw reports).
-- Seconds are fractional: the sums must give the same availability as the raw polls.
CREATE TABLE site_rollup_hour (
  site_id        text NOT NULL REFERENCES monitored_site (id) ON DELETE CASCADE,
  hour           timestamptz NOT NULL,
  observed_s     double precision NOT NULL,  -- known time: up + down
  up_s           double precision NOT NULL,
  maintenance_s  double precision NOT NULL,
  rated_s        double precision NOT NULL,  -- seconds of the intervals with a traffic rate
  in_bytes       double precision NOT NULL,
  out_bytes      double precision NOT NULL,
  samples        integer NOT NULL,
  PRIMARY KEY (site_id, hour)
);

-- day: the start of a calendar day in Kazakhstan (UTC+5), so months are sums of days.
CREATE TABLE site_rollup_day (
  site_id        text NOT NULL REFERENCES monitored_site (id) ON DELETE CASCADE,
  day            timestamptz NOT NULL,
  observed_s     double precision NOT NULL,
  up_s           double precision NOT NULL,
  maintenance_s  double precision NOT NULL,
  rated_s        double precision NOT NULL,
  in_bytes       double precision NOT NULL,
  out_bytes      double precision NOT NULL,
  samples        integer NOT NULL,
  PRIMARY KEY (site_id, day)
);

-- How far the hourly rollups are final (every hour before done_until is rolled up) and when the
-- job last looked for late polls (by received_at). One row.
CREATE TABLE rollup_progress (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  done_until  timestamptz,
  checked_at  timestamptz
);
INSERT INTO rollup_progress (id) VALUES (true);

-- Spans whose rollups must be recomputed because something other than a poll changed the past:
-- a maintenance window added, moved or removed, or an estimated reboot outage. site_id NULL:
-- every site (a window for all sites).
CREATE TABLE rollup_dirty (
  id       bigserial PRIMARY KEY,
  site_id  text,
  from_at  timestamptz NOT NULL,
  to_at    timestamptz NOT NULL
);

CREATE FUNCTION rollup_dirty_maintenance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO rollup_dirty (site_id, from_at, to_at) VALUES (OLD.site_id, OLD.starts_at, OLD.ends_at);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_dirty (site_id, from_at, to_at) VALUES (NEW.site_id, NEW.starts_at, NEW.ends_at);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER maintenance_window_rollup_dirty AFTER INSERT OR UPDATE OR DELETE ON maintenance_window
  FOR EACH ROW EXECUTE FUNCTION rollup_dirty_maintenance();

CREATE FUNCTION rollup_dirty_outage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.estimated THEN
    INSERT INTO rollup_dirty (site_id, from_at, to_at) VALUES (NEW.site_id, NEW.started_at, coalesce(NEW.ended_at, NEW.started_at));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER outage_rollup_dirty AFTER INSERT OR UPDATE ON outage
  FOR EACH ROW EXECUTE FUNCTION rollup_dirty_outage();
