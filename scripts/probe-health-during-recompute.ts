// Issue 11: does the server keep answering while it recomputes? Anonymous GET /api/health every
// 100 ms, idle (50 probes) and around one POST /api/plan/recompute {"full": true}; prints p50/p99.
//   node --import tsx scripts/probe-health-during-recompute.ts http://127.0.0.1:8080 admin 'PASSWORD'
const [base, login, password] = process.argv.slice(2);
if (!base || !login || !password) {
  console.error('usage: probe-health-during-recompute.ts BASE_URL LOGIN PASSWORD (an admin or planner)');
  process.exit(2);
}
const origin = { Origin: base };
const signIn = await fetch(`${base}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json', ...origin }, body: JSON.stringify({ email: login, password }),
});
if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const probe = async (): Promise<number> => {
  const t = performance.now();
  await (await fetch(`${base}/api/health`)).text();
  return performance.now() - t;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const summary = (xs: number[]) => ({ n: xs.length, p50: +pct(xs, 50).toFixed(1), p99: +pct(xs, 99).toFixed(1), max: +Math.max(...xs).toFixed(1) });

const idle: number[] = [];
for (let i = 0; i < 50; i++) {
  idle.push(await probe());
  await sleep(100);
}
const t0 = performance.now();
let done = false;
const job = fetch(`${base}/api/plan/recompute`, {
  method: 'POST', headers: { 'content-type': 'application/json', cookie, ...origin }, body: JSON.stringify({ full: true }),
}).then((r) => {
  done = true;
  return r.status;
});
const busy: number[] = [];
while (!done) {
  busy.push(await probe());
  await sleep(100);
}
console.log(JSON.stringify({ recompute: { status: await job, ms: Math.round(performance.now() - t0) }, idle: summary(idle), duringRecompute: summary(busy) }, null, 1));
