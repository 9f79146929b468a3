// Prometheus metrics of the server on its own registry (never prom-client's global default).
// Per site: up, availability per window, bit rates, last poll time, and one series per poll-table
// row from the site's last reply (sysUpTime, raw octet and error counters as counters like
// snmp_exporter so rate() handles resets, link speed, RTT…). Labels are bounded:
// site id, facility kind, region, operator — never names, hosts or free text.
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Queryable } from '../db/database.ts';
import { loadSql, runSql } from '../db/sql.ts';
import { POLL_TABLE } from './poll-table.ts';
import { noRecentData } from './rules/freshness.ts';

const siteMetricsSql = loadSql(import.meta.url, './sql/site-metrics.sql');
const alertsPendingSql = loadSql(import.meta.url, './sql/alerts-pending.sql');
const LABELS = ['site_id', 'facility_kind', 'region', 'operator'] as const;
const POLL_OUTCOMES = ['up', 'link_down', 'unreachable', 'error'] as const;

export type MonitoringMetrics = { registry: Registry; render: (db: Queryable) => Promise<string> };

export function createMonitoringMetrics(): MonitoringMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'baylanys_' });
  // prom-client names these gauges *_total, which promtool rejects (only counters end in _total).
  for (const n of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(`baylanys_${n}`);
  }
  const g = (name: string, help: string, extra: string[] = []) =>
    new Gauge({ name, help, labelNames: [...LABELS, ...extra], registers: [registry] });
  const up = g('baylanys_site_up', 'Site working (1) or not (0: down, link down, or a configuration error) at its last poll; absent when never polled, when that poll is older than 3 intervals, or when the WAN port is switched off on purpose (admin down)');
  const configError = g('baylanys_site_config_error', 'The last poll was an error (credentials, ACL, wrong interface): the site is not being measured (1)');
  const adminDown = g('baylanys_site_admin_down', 'The WAN port is switched off on purpose (ifAdminStatus down) at the last poll (1): not a fault');
  const noRecent = g('baylanys_site_no_recent_data', 'No poll of the site in the last 3 intervals (1): its last known state is not current');
  const avail = g('baylanys_site_availability_ratio', 'Time-weighted availability (up / known time) over the window', ['window']);
  // Prometheus base unit is bytes (promtool rejects *_bits_*): the bit rate is this × 8.
  const inBps = g('baylanys_site_in_bytes_per_second', 'Inbound rate over the last polled interval (bit rate / 8)');
  const outBps = g('baylanys_site_out_bytes_per_second', 'Outbound rate over the last polled interval (bit rate / 8)');
  const lastPoll = g('baylanys_site_last_poll_timestamp_seconds', 'Unix time of the last processed poll');
  // One series per poll-table row, from the last reply; a counter is set by reset + inc (prom-client
  // counters have no set(); the value is the device's own).
  const polled = POLL_TABLE.map((row) => ({
    row,
    series: row.metric.kind === 'counter'
      ? new Counter({ name: row.metric.name, help: row.metric.help, labelNames: [...LABELS], registers: [registry] })
      : new Gauge({ name: row.metric.name, help: row.metric.help, labelNames: [...LABELS], registers: [registry] }),
  }));
  const polls = new Counter({ name: 'baylanys_site_polls_total', help: 'Processed polls of the site by outcome (every outcome present, from 0)', labelNames: [...LABELS, 'outcome'], registers: [registry] });
  const sites = new Gauge({ name: 'baylanys_sites', help: 'Monitored sites by status', labelNames: ['status'], registers: [registry] });
  const pending = new Gauge({ name: 'baylanys_alerts_pending', help: 'Alerts in the outbox not yet delivered', registers: [registry] });

  // Scrapes are serialised: one render resets and refills the gauges while no other reads them.
  let queue: Promise<unknown> = Promise.resolve();
  function render(db: Queryable): Promise<string> {
    const next = queue.then(() => renderNow(db));
    queue = next.catch(() => undefined);
    return next;
  }

  async function renderNow(db: Queryable): Promise<string> {
    const rows = await runSql<Record<string, any>>(db, siteMetricsSql);
    for (const m of [up, noRecent, configError, adminDown, polls, avail, inBps, outBps, lastPoll, sites, ...polled.map((p) => p.series)]) m.reset();
    const now = Date.now();
    const byStatus = new Map<string, number>();
    for (const r of rows) {
      const l = { site_id: r.id, facility_kind: r.facility_kind, region: r.region, operator: r.operator };
      const stale = noRecentData(r.last_poll_s === null ? null : r.last_poll_s * 1000, r.interval_s, now);
      const status = stale ? 'no_recent_data' : (r.status ?? 'unknown');
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      noRecent.set(l, stale ? 1 : 0);
      const isError = r.last_outcome === 'error';
      const isAdminDown = !isError && r.admin_down === true;
      configError.set(l, isError ? 1 : 0);
      adminDown.set(l, isAdminDown ? 1 : 0);
      // A configuration error is "not working" (0), never absent: an absent series fires no alert.
      if (!stale && !isAdminDown && (isError || status !== 'unknown')) up.set(l, status === 'up' && !isError ? 1 : 0);
      for (const outcome of POLL_OUTCOMES) polls.inc({ ...l, outcome }, Number(r.polls?.[outcome] ?? 0));
      if (r.last_poll_s !== null) lastPoll.set(l, r.last_poll_s);
      if (r.in_bps !== null) inBps.set(l, r.in_bps / 8);
      if (r.out_bps !== null) outBps.set(l, r.out_bps / 8);
      const reply = (r.last_reply ?? {}) as Record<string, unknown>;
      for (const { row, series } of polled) {
        const v = reply[row.column];
        if (v === null || v === undefined) continue;
        const x = Number(v) * ('scale' in row.metric ? row.metric.scale : 1);
        if (series instanceof Counter) series.inc(l, x);
        else series.set(l, x);
      }
      for (const [w, v] of [['24h', r.availability_24h], ['7d', r.availability_7d], ['30d', r.availability_30d], ['month', r.availability_month]] as const) {
        if (v !== null) avail.set({ ...l, window: w }, v);
      }
    }
    for (const [status, n] of byStatus) sites.set({ status }, n);
    const [p] = await runSql<{ n: number }>(db, alertsPendingSql);
    pending.set(p?.n ?? 0);
    return registry.metrics();
  }
  return { registry, render };
}
