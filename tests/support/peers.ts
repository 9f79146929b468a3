// Real peers (snmpd, Chromium, PostGIS) for integration suites. On a developer's machine without
// them a suite is skipped with a message; under CI (CI=true) a missing peer is a failure, never a skip.
import { execFileSync } from 'node:child_process';
import net from 'node:net';

export function findBinary(name: string, candidates: string[] = []): string | undefined {
  for (const c of candidates) {
    try {
      execFileSync(c, ['--version'], { stdio: 'ignore' });
      return c;
    } catch {
      /* try the next */
    }
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Returns the binary's path, or undefined to skip; throws under CI so a missing peer fails loudly. */
export function requirePeer(name: string, installHint: string, candidates: string[] = []): string | undefined {
  const found = findBinary(name, candidates);
  if (!found && process.env.CI) throw new Error(`CI needs ${name} (${installHint}); .ci/run must install it`);
  if (!found) console.warn(`skipping: ${name} not installed (${installHint})`);
  return found;
}

/** A loopback TCP port free right now, for a peer's listen address (metrics, HTTP). */
export async function freeTcpPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}
