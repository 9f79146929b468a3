-- Per-site SNMP timeout (issue 12): a satellite link's round trip can exceed the agent's default
-- 2 s per try. NULL = the agent's default. Seconds per try, 0.5–30.
ALTER TABLE monitored_site ADD COLUMN timeout_s double precision
  CHECK (timeout_s IS NULL OR (timeout_s >= 0.5 AND timeout_s <= 30));
