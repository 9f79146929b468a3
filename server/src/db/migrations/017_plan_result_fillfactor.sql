-- Room on each page of plan_result for a cost-only re-rank's UPDATE (result-update.sql): a row whose
-- rank and unindexed figures move but whose score and class do not stays on its page as a HOT update,
-- with no new entry in any of the six indexes. The full rewrite (TRUNCATE + INSERT) keeps the option.
-- Bundled data, ~12,300 rows updated per re-rank: 58–61 % HOT (2–3 % at the default 100), the write
-- 320–380 ms instead of 470–560 ms (PostgreSQL, same run, load 3–4); the table is ~40 % larger.
ALTER TABLE plan_result SET (fillfactor = 70);
