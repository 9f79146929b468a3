// CPU seconds from /proc for the benchmarks: of one process, or of a process tree for those that
// compare whole pipelines (the process itself, its children that ended — cutime/cstime, once
// reaped — and the live descendants).
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

function statFields(pid: number): string[] | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return f.slice(f.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // ended meanwhile
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return out;
  for (const t of readdirSync(dir)) {
    try {
      for (const c of readFileSync(`${dir}/${t}/children`, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** utime + stime of `pid` alone (no children), in seconds; undefined when it has ended. */
export function ownCpuS(pid: number): number | undefined {
  const f = statFields(pid);
  return f && (Number(f[11]) + Number(f[12])) / TICKS_PER_S;
}

/** utime + stime + cutime + cstime of `pid` plus the same for every live descendant, in seconds. */
export function treeCpuS(pid: number): number {
  const f = statFields(pid);
  if (!f) return 0;
  // Fields after the command: state is [0], so utime/stime/cutime/cstime are [11]–[14].
  let ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  for (const c of childrenOf(pid)) ticks += treeCpuS(c) * TICKS_PER_S;
  return ticks / TICKS_PER_S;
}

export const loadAverage = (): string => readFileSync('/proc/loadavg', 'utf8').trim();

/** Each live process of the tree with its own CPU seconds (no children) and its title. */
export function treeProcesses(pid: number): Map<number, { title: string; cpuS: number }> {
  const out = new Map<number, { title: string; cpuS: number }>();
  const visit = (p: number) => {
    const cpuS = ownCpuS(p);
    if (cpuS === undefined) return;
    let title = '';
    try {
      title = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
    } catch {
      // ended
    }
    out.set(p, { title, cpuS });
    for (const c of childrenOf(p)) visit(c);
  };
  visit(pid);
  return out;
}
