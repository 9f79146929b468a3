-- One more version of a layer: everything derived from it (the planner's results) is now stale.
INSERT INTO layer_version (layer, version, changed_at) VALUES (:layer, 1, now())
ON CONFLICT (layer) DO UPDATE SET version = layer_version.version + 1, changed_at = now()
RETURNING version
