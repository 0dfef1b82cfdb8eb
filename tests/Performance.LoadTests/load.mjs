// Load scenarios against a running service (started by run.sh): BASE_URL, VIEWER_KEY, CG_KEY, INPS_CG_KEY from the environment.
// Prints one line per scenario (throughput, p50/p99 latency, errors) and writes results/summary.{json,md}.
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = process.env.BASE_URL;
const VIEWER = process.env.VIEWER_KEY;
const CG = process.env.CG_KEY;
const INPS_CG = process.env.INPS_CG_KEY;
const SCALE = Number(process.env.LOAD_DURATION_SCALE || 1); // 0.2 for a quick smoke run
const sec = s => Math.max(1, Math.round(s * SCALE));
if (!BASE || !VIEWER || !CG || !INPS_CG) throw new Error('BASE_URL, VIEWER_KEY, CG_KEY and INPS_CG_KEY are required (run.sh sets them)');

const SCORECARD = '/api/plans/PP-2021-2023/scorecard?year=2021';
const PUBLIC_VALUE = '/api/plans/RP-2024/public-value?year=2024';
const viewer = { 'x-api-key': VIEWER, accept: 'application/json' };

function run(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: BASE, timeout: 10, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

function summarise(name, what, r, target) {
  const ok = r['2xx'];
  const errors = r.errors + r.timeouts + r.non2xx;
  return {
    scenario: name, what, duration: r.duration, requests: ok + r.non2xx, throughput: +((ok + r.non2xx) / r.duration).toFixed(1),
    p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, errors, non2xx: r.non2xx, timeouts: r.timeouts, target,
  };
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// Writes: quarterly consuntivi on the indicators that take a plain value (not rates, not milestones), never the year-end period.
async function writableCodes(scorecard) {
  const sc = await (await fetch(BASE + scorecard, { headers: viewer })).json();
  const flat = []; (function walk(ns) { for (const n of ns) { flat.push(...n.indicators); walk(n.children); } })(sc.nodes);
  const codes = flat.filter(i => ['Count', 'Days', 'None', 'Euro', 'Hours'].includes(i.unit) && /\d/.test(i.target || '') && !/entro/i.test(i.target)).map(i => i.code);
  if (codes.length === 0) throw new Error(`no writable indicator found in ${scorecard}`);
  return codes;
}
const writable = await writableCodes(SCORECARD);
const writableInps = await writableCodes('/api/plans/RP-2024/scorecard?year=2024');
let w = 0;
const consuntivo = (plan, codes, key, year) => {
  const code = codes[w % codes.length];
  const period = 'Q' + (1 + (Math.floor(w / codes.length) % 3)); // Q1-Q3
  w++;
  return { path: `/api/indicators/${plan}:${encodeURIComponent(code)}/actuals`, headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ year, period, value: 1 + (w % 7), note: 'load test' }) };
};
const cremonaWrite = req => ({ ...req, ...consuntivo('PP-2021-2023', writable, CG, 2021) });
const writeRequests = [{ method: 'POST', setupRequest: cremonaWrite }];
// Two plans of two bodies written at once: their writers queue on separate plan locks and meet on SQLite's one write lock.
let turn = 0;
const twoPlanRequests = [{ method: 'POST', setupRequest: req => (turn++ % 2 === 0 ? cremonaWrite(req) : { ...req, ...consuntivo('RP-2024', writableInps, INPS_CG, 2024) }) }];

const started = new Date();
const loadBefore = loadavg();
console.log(`load test on ${BASE}: ${cpus().length} CPUs, load average ${loadBefore}, writable indicators ${writable.length} + ${writableInps.length}`);

// Warm-up (JIT, connection pools, SQLite page cache), of the write paths too: not reported.
await Promise.all([
  run({ url: BASE + SCORECARD, headers: viewer, connections: 4, duration: sec(2) }),
  run({ url: BASE + PUBLIC_VALUE, headers: viewer, connections: 2, duration: sec(2) }),
  run({ url: BASE + '/health', connections: 2, duration: sec(2) }),
  run({ connections: 2, overallRate: 20, duration: sec(2), requests: twoPlanRequests }),
]);

const results = [];
const report = s => {
  results.push(s);
  console.log(`${s.scenario.padEnd(28)} ${String(s.throughput).padStart(8)} req/s  p50 ${String(s.p50).padStart(4)} ms  p99 ${String(s.p99).padStart(4)} ms  max ${String(s.max).padStart(5)} ms  errors ${s.errors}  (${s.requests} requests)`);
};

// (a) the framework's ceiling: a trivial endpoint (health check: one trivial query), closed loop.
report(summarise('a. ceiling /health', 'GET /health, 32 connections, closed loop',
  await run({ url: BASE + '/health', connections: 32, duration: sec(5) })));
// (b) the Cremona scorecard, closed loop: the most the service can do for it.
report(summarise('b. scorecard max', `GET ${SCORECARD}, 16 connections, closed loop`,
  await run({ url: BASE + SCORECARD, headers: viewer, connections: 16, duration: sec(5) })));
// (c) the target: the Cremona scorecard at a fixed 200 requests/s.
report(summarise('c. scorecard @200/s', `GET ${SCORECARD}, fixed 200 req/s, 16 connections`,
  await run({ url: BASE + SCORECARD, headers: viewer, connections: 16, overallRate: 200, duration: sec(20) }), 'p99 < 50 ms, 0 errors'));
// (d) Valore Pubblico reads (INPS 2024), closed loop.
report(summarise('d. public-value max', `GET ${PUBLIC_VALUE}, 8 connections, closed loop`,
  await run({ url: BASE + PUBLIC_VALUE, headers: viewer, connections: 8, duration: sec(5) })));
// (e) mixed: scorecard at 200/s and public value at 50/s while consuntivi are written at 20/s.
const [eScore, ePv, eWrite] = await Promise.all([
  run({ url: BASE + SCORECARD, headers: viewer, connections: 16, overallRate: 200, duration: sec(12) }),
  run({ url: BASE + PUBLIC_VALUE, headers: viewer, connections: 4, overallRate: 50, duration: sec(12) }),
  run({ connections: 4, overallRate: 20, duration: sec(12), requests: writeRequests }),
]);
report(summarise('e. mixed: scorecard @200/s', 'scorecard reads during concurrent writes', eScore, 'p99 < 50 ms, 0 errors'));
report(summarise('e. mixed: public-value @50/s', 'public-value reads during concurrent writes', ePv));
report(summarise('e. mixed: consuntivi @20/s', 'POST /api/indicators/{i}/actuals (ControlloGestione key)', eWrite));
// (f) consuntivi of two plans (Cremona, INPS) at 20/s in all, alternating: how long a writer waits for the other plan's write.
report(summarise('f. consuntivi, two plans @20/s', 'POST /api/indicators/{i}/actuals, Cremona and INPS alternating (their ControlloGestione keys)',
  await run({ connections: 4, overallRate: 20, duration: sec(12), requests: twoPlanRequests })));

const [a, b, c] = results;
const ratio = b.throughput / a.throughput;
const loadAfter = loadavg();
const targetMet = c.p99 < 50 && c.errors === 0 && results[4].p99 < 50 && results[4].errors === 0;
console.log(`scorecard / ceiling throughput ratio: ${(ratio * 100).toFixed(1)} % (${b.throughput} / ${a.throughput} req/s)`);
console.log(`target (Cremona scorecard at 200 req/s: p99 < 50 ms, 0 errors): ${targetMet ? 'MET' : 'MISSED'}`);
console.log(`load average after: ${loadAfter}`);

const out = join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(out, { recursive: true });
const summary = { date: started.toISOString(), cpus: cpus().length, loadBefore, loadAfter, base: BASE, ratio, targetMet, results };
writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2));
const md = ['| scenario | throughput (req/s) | p50 (ms) | p99 (ms) | max (ms) | errors |', '|---|---:|---:|---:|---:|---:|',
  ...results.map(s => `| ${s.scenario} | ${s.throughput} | ${s.p50} | ${s.p99} | ${s.max} | ${s.errors} |`)].join('\n');
writeFileSync(join(out, 'summary.md'), `${started.toISOString()}, ${cpus().length} CPUs, load average ${loadBefore} → ${loadAfter}\n\n${md}\n\n` +
  `scorecard/ceiling: ${(ratio * 100).toFixed(1)} %; target ${targetMet ? 'met' : 'missed'}\n`);
const errors = results.reduce((n, s) => n + s.errors, 0);
process.exitCode = errors > 0 ? 1 : 0;
