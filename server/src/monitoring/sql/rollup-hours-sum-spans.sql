-- Sum of one site's hourly rollups over several hour-aligned spans (a schedule's hours), given as
-- a JSON array of {"f": from_ms, "t": to_ms}; the spans do not overlap.
SELECT coalesce(sum(h.observed_s), 0)::float8 AS observed_s, coalesce(sum(h.up_s), 0)::float8 AS up_s,
  coalesce(sum(h.maintenance_s), 0)::float8 AS maintenance_s
FROM jsonb_to_recordset(:spans::jsonb) AS s(f double precision, t double precision)
JOIN site_rollup_hour h ON h.site_id = :site_id
  AND h.hour >= to_timestamp(s.f / 1000.0) AND h.hour < to_timestamp(s.t / 1000.0)
