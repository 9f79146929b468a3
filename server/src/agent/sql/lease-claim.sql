-- Takes the given slots where they are free, run out, or already this agent's; returns those taken.
-- The conditional upsert is atomic: two agents claiming one slot cannot both get it.
INSERT INTO agent_lease (slot, agent_id, expires_at)
SELECT s, :agent_id, now() + make_interval(secs => :ttl_s) FROM unnest(:slots::int[]) AS s
ON CONFLICT (slot) DO UPDATE SET agent_id = EXCLUDED.agent_id, expires_at = EXCLUDED.expires_at
WHERE agent_lease.expires_at <= now() OR agent_lease.agent_id = EXCLUDED.agent_id
RETURNING slot
