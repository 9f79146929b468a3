-- Is facility row `t` within the caller's scope? Spliced (as text, from this file only) into the
-- facility queries of tiles, OGC and layers; its values are always bound parameters.
-- :regions (partners' admin1 ids) by the gap engine's region of the facility, else its settlement's;
-- :site_ids (site staff) the facilities their monitored sites are attached to. NULL = no restriction.
(:regions::text[] IS NULL OR coalesce(
   (SELECT pr.admin1_id FROM plan_result pr WHERE pr.facility_id = t.id),
   (SELECT se.admin1_id FROM settlement se WHERE se.id = t.settlement_id)) = ANY (:regions::text[]))
AND (:site_ids::text[] IS NULL OR EXISTS (
   SELECT 1 FROM monitored_site ms WHERE ms.facility_id = t.id AND ms.id = ANY (:site_ids::text[])))
