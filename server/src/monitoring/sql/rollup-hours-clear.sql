-- Clears the hourly rollups of a batch of sites over [from, to) before they are written again.
DELETE FROM site_rollup_hour
WHERE site_id = ANY(:site_ids::text[]) AND hour >= to_timestamp(:from / 1000.0) AND hour < to_timestamp(:to / 1000.0)
