INSERT INTO outage (site_id, started_at, ended_at, cause, last_good_at, estimated)
VALUES (:site_id, to_timestamp(:started_at / 1000.0), to_timestamp(:ended_at / 1000.0), :cause,
  to_timestamp(:last_good_at / 1000.0), :estimated)
ON CONFLICT (site_id, started_at) DO NOTHING
