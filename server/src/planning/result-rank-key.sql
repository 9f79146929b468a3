-- The ranks' key, built once after they were copied (result-rank-clear.sql dropped it).
ALTER TABLE plan_rank ADD CONSTRAINT plan_rank_pkey PRIMARY KEY (facility_id);
