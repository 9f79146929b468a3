-- Sums of the hourly and daily rollups of many sites over the rollup parts of each measure window
-- (one list of ranges for every site: the windows end at the same `now`). Per site, window, part.
SELECT r.w, h.site_id, sum(h.observed_s)::float8 AS observed_s, sum(h.up_s)::float8 AS up_s,
  sum(h.maintenance_s)::float8 AS maintenance_s, sum(h.rated_s)::float8 AS rated_s,
  sum(h.in_bytes)::float8 AS in_bytes, sum(h.out_bytes)::float8 AS out_bytes
FROM jsonb_to_recordset(:ranges::jsonb) AS r(w text, kind text, f double precision, t double precision)
JOIN site_rollup_hour h ON r.kind = 'hour' AND h.hour >= to_timestamp(r.f / 1000.0) AND h.hour < to_timestamp(r.t / 1000.0)
WHERE h.site_id = ANY(:site_ids::text[])
GROUP BY r.w, h.site_id
UNION ALL
SELECT r.w, d.site_id, sum(d.observed_s)::float8, sum(d.up_s)::float8, sum(d.maintenance_s)::float8,
  sum(d.rated_s)::float8, sum(d.in_bytes)::float8, sum(d.out_bytes)::float8
FROM jsonb_to_recordset(:ranges::jsonb) AS r(w text, kind text, f double precision, t double precision)
JOIN site_rollup_day d ON r.kind = 'day' AND d.day >= to_timestamp(r.f / 1000.0) AND d.day < to_timestamp(r.t / 1000.0)
WHERE d.site_id = ANY(:site_ids::text[])
GROUP BY r.w, d.site_id
