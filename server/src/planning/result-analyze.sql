-- After a rewrite of plan_result (TRUNCATE, COPY): statistics for the columns the readers filter,
-- join, group and sort by (gaps-filter.sql, gaps.sql, regions.sql, plan-summary-mix.sql, the OGC
-- collection, the tiles' join), so the next page is planned on the new rows. The names and figures
-- only shown are left to autovacuum's next analyze, which takes every column: the whole table took
-- 0.40–0.52 s on the bundled data, these columns 0.19–0.24 s (session 23, PostgreSQL 15).
ANALYZE plan_result (facility_id, admin1_id, admin2_id, kind, gap_class, technology, measured_flag, in_scope, score, search_text, geom)
