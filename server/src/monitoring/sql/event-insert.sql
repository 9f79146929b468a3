INSERT INTO site_event (site_id, at, kind, details)
VALUES (:site_id, to_timestamp(:at / 1000.0), :kind, :details::jsonb)
ON CONFLICT (site_id, kind, at) DO NOTHING
