-- This agent is alive; returns the agents seen within one lease time (itself included).
WITH me AS (
  INSERT INTO agent_heartbeat (agent_id, seen_at) VALUES (:agent_id, now())
  ON CONFLICT (agent_id) DO UPDATE SET seen_at = now()
  RETURNING agent_id
)
SELECT agent_id FROM me
UNION
SELECT agent_id FROM agent_heartbeat WHERE seen_at > now() - make_interval(secs => :ttl_s)
