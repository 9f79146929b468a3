-- Facilities no settlement took in (listed in the import report).
SELECT id FROM facility WHERE settlement_id IS NULL ORDER BY id
