-- Keyset paging in rank order (gaps-query.ts listGaps): which part of the list a page reads, after
-- the cursor (cursor_score, cursor_id). Ranked rows by score descending then id, unranked (null score)
-- rows last. :after is a value the server sets, never request text; the planner folds it (every
-- statement is sent unnamed, so each page gets a custom plan; a server set to plan_cache_mode =
-- force_generic_plan would not fold it), so each part is one index condition on a score-ordered index
-- (migration 014): a seek to the cursor. As one OR of both parts no condition was indexable, and a page 500,000 rows down
-- read every row before it (1.6 s at 2.2 M facilities).
--   null: the whole list (a first page, a count);
--   'ranked': the ranked rows after the cursor;
--   'unranked': the unranked rows, after cursor_id when there is one.
(:after::text IS NULL
 OR (:after = 'ranked' AND r.score <= :cursor_score AND (r.score < :cursor_score OR r.facility_id COLLATE "C" > :cursor_id))
 OR (:after = 'unranked' AND r.score IS NULL AND (:cursor_id::text IS NULL OR r.facility_id COLLATE "C" > :cursor_id)))
