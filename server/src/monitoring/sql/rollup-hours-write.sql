-- Writes the hourly rollups of a batch of sites over [from, to) with the given rows (hours with
-- nothing observed, no maintenance and no poll have no row).
INSERT INTO site_rollup_hour (site_id, hour, observed_s, up_s, maintenance_s, rated_s, in_bytes, out_bytes, samples)
SELECT r.site_id, to_timestamp(r.start / 1000.0), r.observed_s, r.up_s, r.maintenance_s, r.rated_s, r.in_bytes, r.out_bytes, r.samples
FROM jsonb_to_recordset(:rows::jsonb) AS r(site_id text, start double precision, observed_s double precision,
  up_s double precision, maintenance_s double precision, rated_s double precision, in_bytes double precision,
  out_bytes double precision, samples integer)
