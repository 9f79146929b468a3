UPDATE outage SET ended_at = to_timestamp(:ended_at / 1000.0)
WHERE site_id = :site_id AND started_at = to_timestamp(:started_at / 1000.0) AND ended_at IS NULL
