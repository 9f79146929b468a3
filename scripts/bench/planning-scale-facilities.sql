-- Copies 1 … :copies - 1 of every bundled facility, moved with its settlement's copy (the same
-- offset as planning-scale-settlements.sql) and attached to it; a facility without a settlement
-- moves by its own offset.
INSERT INTO facility (id, kind, subkind, name, name_ru, name_kk, name_en, settlement_id, students, staff,
                      population_served, connection, measured_mbps, geom, dataset_id, provenance)
SELECT 'synthetic-' || k || ':' || f.id, f.kind, f.subkind, f.name, f.name_ru, f.name_kk, f.name_en,
       CASE WHEN f.settlement_id IS NULL THEN NULL ELSE 'synthetic-' || k || ':' || f.settlement_id END,
       f.students, f.staff, f.population_served, f.connection, f.measured_mbps,
       ST_Translate(f.geom, o.dx, o.dy), 'synthetic-scale', 'illustrative'
FROM facility f
CROSS JOIN generate_series(1, :copies::int - 1) AS k
CROSS JOIN LATERAL (
  SELECT ((hashtext(coalesce(f.settlement_id, f.id) || ':' || k) & 65535) / 65535.0 - 0.5) * 0.6 AS dx,
         ((hashtext(k || ':' || coalesce(f.settlement_id, f.id)) & 65535) / 65535.0 - 0.5) * 0.6 AS dy) o
WHERE f.dataset_id <> 'synthetic-scale'
