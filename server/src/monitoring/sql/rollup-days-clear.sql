-- Clears the daily rollups of a batch of sites over [from, to) before they are written again.
DELETE FROM site_rollup_day
WHERE site_id = ANY(:site_ids::text[]) AND day >= to_timestamp(:from / 1000.0) AND day < to_timestamp(:to / 1000.0)
