-- Many agents (issue 15): the sites are cut into a fixed number of slots (FNV-1a of the site id
-- modulo the slot count, monitoring/shard.ts); an agent polls the sites of the slots it holds a
-- lease on. Leases expire unless renewed, so the slots of an agent that died are taken over by
-- the others at their next renewal (agent/lease.ts). Times are the database's clock.
CREATE TABLE agent_lease (
  slot        integer PRIMARY KEY CHECK (slot >= 0),
  agent_id    text NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX agent_lease_agent ON agent_lease (agent_id);

-- Agents alive (seen within a lease time): the fair share of each is ceil(slots / agents alive).
CREATE TABLE agent_heartbeat (
  agent_id  text PRIMARY KEY,
  seen_at   timestamptz NOT NULL
);
