-- Hourly rollups past their retention (daily rollups are kept).
DELETE FROM site_rollup_hour WHERE hour < to_timestamp(:before_ms / 1000.0)
