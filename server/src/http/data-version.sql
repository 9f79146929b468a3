-- What cached reads of layers and plan results were computed from, as one string: the last
-- recompute (parameter hash, when the measures and the results were redone) and every layer's
-- import version. Region roll-ups, the layer index and OGC pages are cached under it.
SELECT coalesce((SELECT coalesce(parameter_hash, '') || '|' || coalesce(measured_at::text, '') || '|' || coalesce(computed_at::text, '')
                 FROM plan_state WHERE id = 1), '')
       || '|' || coalesce((SELECT string_agg(layer || '=' || version::text, ',' ORDER BY layer) FROM layer_version), '') AS version
