-- Everything recordSamples needs before the rules run, in one round trip: the batch's site states,
-- locked in id order (no deadlock between batches; from here on no other batch advances these
-- sites), which of its sample ids are stored already (replays; the time range lets a table
-- partitioned by time look only where the batch can be), and the maintenance windows over it
-- (site_id NULL: every site; a parent's windows cover its children), with each site's parent.
WITH locked AS (
  SELECT site_id, state FROM site_state
  WHERE site_id = ANY(:site_ids::text[])
  ORDER BY site_id
  FOR UPDATE
)
SELECT
  (SELECT coalesce(jsonb_agg(jsonb_build_object('site_id', site_id, 'state', state)), '[]'::jsonb) FROM locked) AS states,
  (SELECT coalesce(jsonb_agg(sample_id), '[]'::jsonb) FROM poll_sample
   WHERE sample_id = ANY(:sample_ids::text[])
     AND polled_at >= to_timestamp(:from / 1000.0) AND polled_at <= to_timestamp(:to / 1000.0)) AS stored,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('site_id', site_id,
       'f', extract(epoch FROM starts_at) * 1000, 't', extract(epoch FROM ends_at) * 1000)), '[]'::jsonb)
   FROM maintenance_window
   WHERE (site_id IS NULL OR site_id = ANY(:site_ids::text[])
          OR site_id IN (SELECT parent_id FROM monitored_site WHERE id = ANY(:site_ids::text[])))
     AND starts_at <= to_timestamp(:to / 1000.0) AND ends_at > to_timestamp(:from / 1000.0)) AS maintenance,
  (SELECT coalesce(jsonb_object_agg(id, parent_id), '{}'::jsonb) FROM monitored_site
   WHERE id = ANY(:site_ids::text[]) AND parent_id IS NOT NULL) AS parents
