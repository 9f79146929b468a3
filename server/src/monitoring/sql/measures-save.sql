-- Saves the measures of a chunk of sites in one statement.
INSERT INTO site_measure (site_id, computed_at, availability_24h, coverage_24h, availability_7d, coverage_7d,
  availability_30d, coverage_30d, availability_month, coverage_month, up_ratio_7d, mean_bps_7d, idle, chronically_unavailable)
SELECT r.site_id, to_timestamp(:now / 1000.0), r.availability_24h, r.coverage_24h, r.availability_7d, r.coverage_7d,
  r.availability_30d, r.coverage_30d, r.availability_month, r.coverage_month, r.up_ratio_7d, r.mean_bps_7d, r.idle,
  r.chronically_unavailable
FROM jsonb_to_recordset(:rows::jsonb) AS r(site_id text, availability_24h double precision, coverage_24h double precision,
  availability_7d double precision, coverage_7d double precision, availability_30d double precision,
  coverage_30d double precision, availability_month double precision, coverage_month double precision,
  up_ratio_7d double precision, mean_bps_7d double precision, idle boolean, chronically_unavailable boolean)
ON CONFLICT (site_id) DO UPDATE SET computed_at = EXCLUDED.computed_at,
  availability_24h = EXCLUDED.availability_24h, coverage_24h = EXCLUDED.coverage_24h,
  availability_7d = EXCLUDED.availability_7d, coverage_7d = EXCLUDED.coverage_7d,
  availability_30d = EXCLUDED.availability_30d, coverage_30d = EXCLUDED.coverage_30d,
  availability_month = EXCLUDED.availability_month, coverage_month = EXCLUDED.coverage_month,
  up_ratio_7d = EXCLUDED.up_ratio_7d, mean_bps_7d = EXCLUDED.mean_bps_7d, idle = EXCLUDED.idle,
  chronically_unavailable = EXCLUDED.chronically_unavailable
