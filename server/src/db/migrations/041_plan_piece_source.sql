-- What the planner's cut-up copies of fibre and coverage (plan_route_piece, plan_planned_piece,
-- plan_coverage_piece) were last cut from: a fingerprint of the recipe (prepare-*.sql) and of every
-- source row it reads (planning/piece-source.sql). A re-measure cuts them again only when it differs,
-- so a re-measure over unchanged layers does not redo the cutting (bundled data: 0.3 s on PostgreSQL, 0.6 s embedded).
-- Saved in the transaction that cuts; the fingerprint names the last migration, so a new one cuts again.
CREATE TABLE plan_piece_source (
  pieces       text PRIMARY KEY CHECK (pieces IN ('routes', 'coverage')),
  fingerprint  text NOT NULL
);
