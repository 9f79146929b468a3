-- Stores the along-road drop lengths computed in TypeScript (road-graph.ts), into the fresh measures.
UPDATE plan_measure_stage m
SET road_path_pop_m = u.pop_m, road_path_splice_m = u.splice_m, road_snap_m = u.snap_m, road_note = u.note
FROM unnest(:ids::text[], :pop_m::float8[], :splice_m::float8[], :snap_m::float8[], :note::text[])
     AS u(id, pop_m, splice_m, snap_m, note)
WHERE m.facility_id = u.id
