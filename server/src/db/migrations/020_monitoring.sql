-- Monitoring (docs/monitoring-model.md): the site inventory, raw polls, the per-site state the pure
-- rules advance, outages, events, the alert outbox, maintenance windows and periodic site measures.

-- facility_id is not a foreign key on purpose: a data import may replace facility rows, and the
-- monitoring history of a site must survive that. The API checks the facility exists on create.
CREATE TABLE monitored_site (
  id               text PRIMARY KEY,
  facility_id      text NOT NULL,
  name             text NOT NULL,
  host             text NOT NULL,
  port             integer NOT NULL DEFAULT 161 CHECK (port BETWEEN 1 AND 65535),
  snmp_version     text NOT NULL CHECK (snmp_version IN ('2c', '3')),
  -- AES-256-GCM envelope of the credentials (community, or v3 user + keys); see credentials.ts.
  credentials_enc  text NOT NULL,
  auth_protocol    text CHECK (auth_protocol IN ('sha', 'sha256')),
  priv_protocol    text CHECK (priv_protocol IN ('aes', 'aes256')),
  wan_if_index     integer CHECK (wan_if_index > 0),
  wan_if_name      text,
  interval_s       integer NOT NULL DEFAULT 60 CHECK (interval_s BETWEEN 10 AND 3600),
  committed_mbps   double precision CHECK (committed_mbps > 0),
  sla_target       double precision NOT NULL DEFAULT 99.0 CHECK (sla_target > 0 AND sla_target <= 100),
  operator         text,
  contract         text,
  contact_phone    text,
  share_token      text NOT NULL UNIQUE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (wan_if_index IS NOT NULL OR wan_if_name IS NOT NULL),
  CHECK (snmp_version = '2c' OR (auth_protocol IS NOT NULL AND priv_protocol IS NOT NULL))
);
CREATE INDEX monitored_site_facility ON monitored_site (facility_id);
CREATE INDEX monitored_site_operator ON monitored_site (operator, contract);

-- One row per poll, as the agent read it, plus the rate the rules derived for the interval ending
-- here. Counters are numeric(20): Counter64 does not fit PostgreSQL's signed bigint.
CREATE TABLE poll_sample (
  sample_id           text PRIMARY KEY,
  site_id             text NOT NULL REFERENCES monitored_site (id) ON DELETE CASCADE,
  polled_at           timestamptz NOT NULL,
  outcome             text NOT NULL CHECK (outcome IN ('up', 'link_down', 'unreachable', 'error')),
  rtt_ms              double precision,
  sys_uptime          bigint,
  engine_boots        bigint,
  if_index            integer,
  if_oper_status      integer,
  if_admin_status     integer,
  in_octets           numeric(20),
  out_octets          numeric(20),
  counter_bits        smallint CHECK (counter_bits IN (32, 64)),
  if_speed_mbps       double precision,
  discontinuity_time  bigint,
  error               text,
  -- Derived by the rules when the sample was processed (null: no rate for this interval).
  in_bps              double precision,
  out_bps             double precision,
  rate_dt_s           double precision,
  rate_note           text,
  -- false: arrived older than the site's last processed poll, stored but did not move the state.
  processed           boolean NOT NULL DEFAULT true,
  received_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX poll_sample_site_time ON poll_sample (site_id, polled_at);

-- The pure rules' state per site (rules/site-state.ts), so open outages and counter baselines
-- survive a restart of the server or the agent.
CREATE TABLE site_state (
  site_id         text PRIMARY KEY REFERENCES monitored_site (id) ON DELETE CASCADE,
  status          text NOT NULL DEFAULT 'unknown'
                  CHECK (status IN ('up', 'down', 'link_down', 'unknown')),
  status_since    timestamptz,
  last_polled_at  timestamptz,
  last_outcome    text,
  last_error      text,
  sys_uptime_s    double precision,
  state           jsonb NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outage (
  id            bigserial PRIMARY KEY,
  site_id       text NOT NULL REFERENCES monitored_site (id) ON DELETE CASCADE,
  started_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  cause         text NOT NULL CHECK (cause IN ('unreachable', 'link_down', 'reboot')),
  last_good_at  timestamptz,
  -- true when start/end are estimates (a reboot seen between two up polls).
  estimated     boolean NOT NULL DEFAULT false,
  UNIQUE (site_id, started_at),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- At most one open outage per site.
CREATE UNIQUE INDEX outage_open_per_site ON outage (site_id) WHERE ended_at IS NULL;

CREATE TABLE site_event (
  id        bigserial PRIMARY KEY,
  site_id   text NOT NULL REFERENCES monitored_site (id) ON DELETE CASCADE,
  at        timestamptz NOT NULL,
  kind      text NOT NULL,  -- reboot, uptime_wrap, implausible_rate, double_wrap_risk, idle, idle_cleared, config_error, if_index_moved
  details   jsonb NOT NULL DEFAULT '{}',
  UNIQUE (site_id, kind, at)
);
CREATE INDEX site_event_site_time ON site_event (site_id, at);

-- Alerts to send, exactly once per outage and kind (the unique key), delivered by the dispatcher.
CREATE TABLE alert_outbox (
  id             bigserial PRIMARY KEY,
  outage_id      bigint NOT NULL REFERENCES outage (id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('outage_start', 'outage_end')),
  payload        jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  attempts       integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error     text,
  delivered_at   timestamptz,
  UNIQUE (outage_id, kind)
);
CREATE INDEX alert_outbox_pending ON alert_outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- site_id NULL: a window for every site (e.g. a regional power works).
CREATE TABLE maintenance_window (
  id         bigserial PRIMARY KEY,
  site_id    text REFERENCES monitored_site (id) ON DELETE CASCADE,
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  reason     text,
  CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_window_site ON maintenance_window (site_id, starts_at);

-- Figures refreshed periodically (measures.ts) for lists, metrics and planning feedback.
CREATE TABLE site_measure (
  site_id                 text PRIMARY KEY REFERENCES monitored_site (id) ON DELETE CASCADE,
  computed_at             timestamptz NOT NULL,
  availability_24h        double precision,
  coverage_24h            double precision,
  availability_7d         double precision,
  coverage_7d             double precision,
  availability_30d        double precision,
  coverage_30d            double precision,
  availability_month      double precision,
  coverage_month          double precision,
  up_ratio_7d             double precision,
  mean_bps_7d             double precision,
  idle                    boolean NOT NULL DEFAULT false,
  chronically_unavailable boolean NOT NULL DEFAULT false
);

-- Feedback to planning: one row per facility that has a monitored site. With several sites the
-- best one counts (a facility with one working link is connected).
CREATE VIEW facility_measured_state AS
SELECT DISTINCT ON (s.facility_id)
  s.facility_id,
  s.id AS site_id,
  CASE
    WHEN st.status IN ('down', 'link_down') THEN 'down'
    WHEN m.chronically_unavailable THEN 'chronically_unavailable'
    WHEN m.idle THEN 'idle'
    ELSE 'ok'
  END AS state,
  (coalesce(m.coverage_7d, 0) >= 0.5) AS measured,
  st.status,
  m.availability_7d,
  m.coverage_7d,
  m.availability_30d,
  m.mean_bps_7d,
  s.committed_mbps,
  m.computed_at
FROM monitored_site s
LEFT JOIN site_state st ON st.site_id = s.id
LEFT JOIN site_measure m ON m.site_id = s.id
ORDER BY s.facility_id,
  CASE
    WHEN st.status IN ('down', 'link_down') THEN 3
    WHEN m.chronically_unavailable THEN 2
    WHEN m.idle THEN 1
    ELSE 0
  END,
  s.id;
