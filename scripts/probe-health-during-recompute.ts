// Issue 11: does the server keep answering while it recomputes? Anonymous GET /api/health every
// 100 ms, idle (50 probes) and around one POST /api/plan/recompute {"full": true} (a job: the probe
// runs until GET /api/jobs/:id says it ended); prints p50/p99.
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
const started = await fetch(`${base}/api/plan/recompute`, {
  method: 'POST', headers: { 'content-type': 'application/json', cookie, ...origin }, body: JSON.stringify({ full: true }),
});
if (started.status !== 202) throw new Error(`recompute answered ${started.status}: ${await started.text()}`);
const jobUrl = `${base}${started.headers.get('location')}`;
let state = 'queued';
const busy: number[] = [];
let polls = 0;
while (state === 'queued' || state === 'running') {
  busy.push(await probe());
  await sleep(100);
  // The job's state every 10th probe (1 s), as the web app polls it.
  if (++polls % 10 === 0) state = ((await (await fetch(jobUrl, { headers: { cookie } })).json()) as { job: { state: string } }).job.state;
}
console.log(JSON.stringify({ recompute: { state, ms: Math.round(performance.now() - t0) }, idle: summary(idle), duringRecompute: summary(busy) }, null, 1));
