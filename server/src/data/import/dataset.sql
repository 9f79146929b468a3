-- Creates or refreshes the dataset an import belongs to. A dataset id belongs to one layer:
-- no row comes back when the id is already used by another layer.
INSERT INTO dataset (id, layer, title, licence, attribution, origin, provenance)
VALUES (:id, :layer, :title, :licence, :attribution, :origin, :provenance)
ON CONFLICT (id) DO UPDATE
  SET title = EXCLUDED.title, licence = EXCLUDED.licence, attribution = EXCLUDED.attribution,
      origin = EXCLUDED.origin, provenance = EXCLUDED.provenance, imported_at = now()
  WHERE dataset.layer = EXCLUDED.layer
RETURNING id
