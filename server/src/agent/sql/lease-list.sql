-- Every lease and whether it still runs, by the database's clock.
SELECT slot, agent_id, expires_at > now() AS live FROM agent_lease ORDER BY slot
