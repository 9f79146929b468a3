-- The filter shared by the gap list, its count and its exports (all bind parameters).
-- Connected facilities are not gaps: they appear only when asked for by gap class or by a
-- monitoring flag (idle ones are connected: activation tasks, not capex). A region filter names the
-- column that holds its id (gaps-region-level.sql), or either when both or neither do.
(:regions::text[] IS NULL OR r.admin1_id = ANY (:regions::text[]))
AND (:region_admin1::text IS NULL OR r.admin1_id = :region_admin1)
AND (:region_admin2::text IS NULL OR r.admin2_id = :region_admin2)
AND (:region_either::text IS NULL OR r.admin1_id = :region_either OR r.admin2_id = :region_either)
AND (:kind::text IS NULL OR r.kind = :kind)
AND ((:gap_class::text IS NULL AND (r.gap_class <> 'connected' OR :measured_flag::text IS NOT NULL)) OR r.gap_class = :gap_class)
AND (:measured_flag::text IS NULL OR r.measured_flag = :measured_flag)
AND (:technology::text IS NULL OR r.technology = :technology)
AND (:q::text IS NULL OR r.search_text LIKE '%' || :q || '%' ESCAPE '\' OR r.search_text LIKE '%' || :q_folded || '%' ESCAPE '\')
AND (:has_bbox::boolean IS FALSE OR r.geom && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))
AND (:in_scope::boolean IS NULL OR r.in_scope = :in_scope)
