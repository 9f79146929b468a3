-- A site's own schedule and its parent (issue 12).
-- schedule: the hours availability is also reported over (rules/schedule.ts), as JSON
--   {"days": [1..7], "from": "HH:MM", "to": "HH:MM", "utcOffsetMin": 300}; NULL = the default for its
--   facility kind (schools: Mon–Fri 08:00–20:00 Asia/Almaty), none for other kinds.
-- parent_id: the site this one reaches the world through (village PoP, tower, radio base). While the
--   parent is down the child's outages are caused by it (`parent_down`) and only the parent alerts;
--   the parent's maintenance covers its children.
ALTER TABLE monitored_site
  ADD COLUMN schedule jsonb,
  ADD COLUMN parent_id text REFERENCES monitored_site (id) ON DELETE SET NULL CHECK (parent_id <> id);
CREATE INDEX monitored_site_parent ON monitored_site (parent_id) WHERE parent_id IS NOT NULL;

ALTER TABLE outage DROP CONSTRAINT outage_cause_check;
ALTER TABLE outage ADD CONSTRAINT outage_cause_check CHECK (cause IN ('unreachable', 'link_down', 'reboot', 'parent_down'));
