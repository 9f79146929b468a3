-- Synthetic scale-up for planning-scale.ts (issue 14): copies 1 … :copies - 1 of every bundled
-- settlement, each copy moved as a whole by a fixed pseudo-random offset of up to ±0.3° (about
-- ±25 km) derived from its id and copy number, so a copy keeps the shape of its village and lands
-- near the same national fibre. Ids, names and the dataset say synthetic; provenance illustrative.
INSERT INTO settlement (id, kato, name, name_ru, name_kk, name_en, place, population, population_provenance,
                        admin1_id, admin2_id, is_hub, geom, dataset_id, provenance)
SELECT 'synthetic-' || k || ':' || s.id, NULL,
       s.name || ' (synthetic ' || k || ')', s.name_ru, s.name_kk, s.name_en, s.place,
       s.population, CASE WHEN s.population IS NULL THEN NULL ELSE 'illustrative' END,
       s.admin1_id, s.admin2_id, s.is_hub,
       ST_Translate(s.geom, o.dx, o.dy), 'synthetic-scale', 'illustrative'
FROM settlement s
CROSS JOIN generate_series(1, :copies::int - 1) AS k
CROSS JOIN LATERAL (
  SELECT ((hashtext(s.id || ':' || k) & 65535) / 65535.0 - 0.5) * 0.6 AS dx,
         ((hashtext(k || ':' || s.id) & 65535) / 65535.0 - 0.5) * 0.6 AS dy) o
WHERE s.dataset_id <> 'synthetic-scale'
