// Access costs: one scrypt hash (what a sign-in costs the server), and the gate's overhead per
// API request: a token or session lookup and a policy match.
// Prints the figures and writes bench/results/access.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from '../../server/src/access/passwords.ts';
import { findRule, POLICY } from '../../server/src/access/policy.ts';
import { createSession, lookupSession } from '../../server/src/access/sessions.ts';
import { createApiToken, lookupApiToken } from '../../server/src/access/tokens.ts';
import { createUser } from '../../server/src/access/users.ts';
import { openDatabase } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../bench/results/access.json');

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t) / 1e6 / n;
}

const hash = await hashPassword('benchmark password');
const hashMs = await timeIt(10, () => hashPassword('benchmark password'));
const verifyMs = await timeIt(10, () => verifyPassword('benchmark password', hash));
console.log(`scrypt N=${SCRYPT_PARAMS.N} r=${SCRYPT_PARAMS.r} p=${SCRYPT_PARAMS.p}: hash ${hashMs.toFixed(1)} ms, verify ${verifyMs.toFixed(1)} ms`);

const db = await openDatabase({});
await migrate(db);
const user = await createUser(db, { email: 'bench@x.kz', role: 'planner', password: 'benchmark password' });
const { token } = await createApiToken(db, user, { name: 'bench', role: 'planner', days: 1 });
const session = await createSession(db, user.id);
// What the gate adds to every API call: one credential lookup (an indexed query) and a policy match.
const tokenLookupMs = await timeIt(500, () => lookupApiToken(db, token));
const sessionLookupMs = await timeIt(500, () => lookupSession(db, session.id));
const paths = ['/api/gaps', '/api/sites/S1/availability', '/ogc/collections/gaps/items', '/api/not-listed'];
const t0 = process.hrtime.bigint();
for (let i = 0; i < 100_000; i++) findRule('GET', paths[i % paths.length]!);
const policyMatchUs = Number(process.hrtime.bigint() - t0) / 1e3 / 100_000;
console.log(`token lookup ${tokenLookupMs.toFixed(2)} ms, session lookup ${sessionLookupMs.toFixed(2)} ms, policy match ${policyMatchUs.toFixed(2)} µs (embedded PGlite)`);
await db.close();

mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({
  measuredAt: new Date().toISOString(), backend: 'embedded', scrypt: { ...SCRYPT_PARAMS, hashMs, verifyMs },
  gate: { tokenLookupMs, sessionLookupMs, policyMatchUs, rules: POLICY.length },
}, null, 2) + '\n');
console.log(`written ${path.relative(process.cwd(), out)}`);
