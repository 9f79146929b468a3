-- Facilities without a settlement get the nearest settlement within :radius_m metres, measured
-- geodesically (ties by settlement id, so both backends agree). Settlements are points, so
-- "containing" reduces to "nearest". Facilities left without one are orphans: kept, and reported.
WITH pick AS (
  SELECT f.id,
         (SELECT s.id FROM settlement s
          WHERE ST_DWithin(s.geom::geography, f.geom::geography, :radius_m)
          ORDER BY ST_Distance(s.geom::geography, f.geom::geography), s.id
          LIMIT 1) AS settlement_id
  FROM facility f
  WHERE f.settlement_id IS NULL
)
UPDATE facility f SET settlement_id = pick.settlement_id
FROM pick
WHERE f.id = pick.id AND pick.settlement_id IS NOT NULL
RETURNING f.id
