-- Where a recompute writes fresh measures before they replace plan_measure / plan_settlement in one
-- transaction (planning/measures.ts): a full re-measure runs on two connections at once (each in its
-- own transaction, so both cores work), and a run that fails half-way leaves the previous measures
-- whole. Unlogged: the rows are rebuilt by every run and never read after it.
CREATE UNLOGGED TABLE plan_measure_stage (LIKE plan_measure INCLUDING ALL);
CREATE UNLOGGED TABLE plan_settlement_stage (LIKE plan_settlement INCLUDING ALL);
