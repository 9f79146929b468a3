-- Issue 10: rural scope, one choice per settlement, the current link kept where it carries demand.
ALTER TABLE plan_result ADD COLUMN settlement_type text CHECK (settlement_type IN ('rural', 'urban', 'unknown'));
ALTER TABLE plan_result ADD COLUMN in_scope boolean NOT NULL DEFAULT true;
ALTER TABLE plan_result ADD COLUMN underserved boolean NOT NULL DEFAULT false;
-- The facility's own option's TCO had it been built alone (the row's tco_usd is its allocated share).
ALTER TABLE plan_result ADD COLUMN standalone_tco_usd double precision;
-- The shared trench or village radio base it belongs to (trench:<settlement>, village_radio:<settlement>).
ALTER TABLE plan_result ADD COLUMN share_group text;
CREATE INDEX plan_result_scope ON plan_result (in_scope, rank);
