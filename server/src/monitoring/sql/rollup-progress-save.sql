-- Records a history pass: how far it rolled up and when it scanned (epoch ms).
UPDATE rollup_progress SET done_until = to_timestamp(:done_until_ms / 1000.0), checked_at = to_timestamp(:checked_at_ms / 1000.0)
