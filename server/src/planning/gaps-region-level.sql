-- Which of plan_result's region columns hold the region id a gap list is filtered by. The filter
-- (gaps-filter.sql) then compares that column alone, so the page is a seek on its index in the list's
-- order (plan_result_admin1 / _admin2). An OR of both columns is served by no one index in that order:
-- at 2.2 M facilities the planner walked the whole order index for a small region (350–372 ms).
-- Two seeks on the same indexes; an id in neither (or both) column keeps the OR (the same rows).
SELECT EXISTS (SELECT 1 FROM plan_result WHERE admin1_id = :region) AS admin1,
       EXISTS (SELECT 1 FROM plan_result WHERE admin2_id = :region) AS admin2
