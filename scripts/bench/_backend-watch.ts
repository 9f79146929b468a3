// CPU time and memory of one database's PostgreSQL backends (parallel workers included), sampled from
// /proc while a benchmark runs: the server's share of the work, which process.cpuUsage() cannot see.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { ownCpuS } from './_proc.ts';

/** utime + stime of a process in ms, and its peak and anonymous RSS in MB (null when it has gone). */
function procStat(pid: number): { cpuMs: number; hwmMb: number; anonMb: number } | null {
  const cpuS = ownCpuS(pid);
  if (cpuS === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { cpuMs: cpuS * 1000, hwmMb: kb('VmHWM') / 1024, anonMb: kb('RssAnon') / 1024 };
  } catch {
    return null;
  }
}

/**
 * Samples this database's backends (pg_stat_activity, parallel workers included) every 0.5 s: the
 * CPU each used (last sample per pid; a worker that lives less than a tick is missed), their peak
 * RSS and the largest sum of their anonymous memory. The monitor's own connection is left out.
 */
export function watchBackends(serverUrl: string, dbName: string) {
  const seen = new Map<number, { first: number; last: number }>();
  let peakHwmMb = 0;
  let peakAnonSumMb = 0;
  let monitorPid = 0;
  const c = new pg.Client({ connectionString: new URL(`/${dbName}`, serverUrl).toString() });
  let stopped = false;
  const ready = c.connect().then(async () => {
    monitorPid = ((await c.query('SELECT pg_backend_pid() AS p')).rows[0] as { p: number }).p;
  });
  const loop = (async () => {
    await ready;
    while (!stopped) {
      const pids = (await c.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName])).rows.map((r: { pid: number }) => r.pid);
      let anon = 0;
      for (const pid of pids) {
        if (pid === monitorPid) continue;
        const s = procStat(pid);
        if (!s) continue;
        const was = seen.get(pid);
        seen.set(pid, { first: was?.first ?? s.cpuMs, last: s.cpuMs });
        peakHwmMb = Math.max(peakHwmMb, s.hwmMb);
        anon += s.anonMb;
      }
      peakAnonSumMb = Math.max(peakAnonSumMb, anon);
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return {
    mark: () => new Map([...seen].map(([pid, s]) => [pid, s.last])),
    since: (m: Map<number, number>) => [...seen].reduce((a, [pid, s]) => a + s.last - (m.get(pid) ?? s.first), 0),
    peaks: () => ({ backendPeakRssMb: Math.round(peakHwmMb), backendsPeakAnonSumMb: Math.round(peakAnonSumMb) }),
    async stop() {
      stopped = true;
      await loop;
      await c.end();
    },
  };
}

