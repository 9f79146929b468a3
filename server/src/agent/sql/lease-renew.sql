-- Extends this agent's leases that have not run out; returns the slots it still holds.
UPDATE agent_lease SET expires_at = now() + make_interval(secs => :ttl_s)
WHERE agent_id = :agent_id AND expires_at > now()
RETURNING slot
