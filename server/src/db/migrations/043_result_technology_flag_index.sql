-- Issue 14: a page of the gap list filtered by technology or by monitoring's flag walked the list's
-- order index until it had found a page of matches. At 2.2 M facilities that read most of the index
-- when the matches are few or sit at its end: technology 'keep' (unranked, listed last) 6.0–6.8 s,
-- 'planned_fibre' 0.7 s, a flag no facility has 1.4–1.5 s. Each gets an index in the list's order, so
-- the page is a seek (3–5 ms). The flag's index holds only flagged facilities (monitored sites:
-- hundreds, not millions). Cost: one more index entry per re-scored row (server CPU of a 2.2 M
-- cost-only re-rank 10.2–13.8 s with 6 indexes, 12.3–13.7 s with 8; -0.1 to +3.0 s, mean +1.3 s).
CREATE INDEX plan_result_technology ON plan_result (technology, score DESC NULLS LAST, facility_id COLLATE "C");
CREATE INDEX plan_result_flag ON plan_result (measured_flag, score DESC NULLS LAST, facility_id COLLATE "C")
  WHERE measured_flag IS NOT NULL;
