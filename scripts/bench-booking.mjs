// Booking benchmarks on the release server over HTTP on loopback.
//
// burst: for each backend, a fresh database with one class of `capacity` free places and
//   `attempts` signed-in parents (set up by `server bench-setup`); every parent applies at the
//   same moment through POST /api/v1/applications. Afterwards `server bench-check` reads the
//   database: held == offered <= capacity, and every acknowledged application is stored (lost).
//   booking-burst backend=sqlite attempts=2000 capacity=50 offered=50 waitlisted=1950 errors=0 lost=0 p50_ms=… p99_ms=… per_s=…
//
// crash (SQLite): the same applications while the server is killed with SIGKILL at random
//   moments and restarted; clients retry with the same operation id until answered. Afterwards:
//   every acknowledged application is stored, no child has two, PRAGMA integrity_check.
//   booking-crash kills=N acknowledged_lost=0 duplicates=0 integrity=ok
//
//   node scripts/bench-booking.mjs [--mode burst,crash] [--backends sqlite,postgres]
//        [--attempts 2000] [--capacity 50] [--kills 20] [--synchronous full|normal]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const modes = (args.mode ?? 'burst,crash').split(',');
const backends = (args.backends ?? 'sqlite,postgres').split(',');
const attempts = Number(args.attempts ?? 2000);
const capacity = Number(args.capacity ?? 50);
const kills = Number(args.kills ?? 20);
const synchronous = args.synchronous ?? 'full';
const binary = args.server ?? 'target/release/server';
const port = 3300;
const base = `http://127.0.0.1:${port}`;
const pgAdmin = process.env.TUOYU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const startMonth = (() => {
  const next = new Date(Date.now() + 8 * 3600e3);
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next.toISOString().slice(0, 7);
})();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function psql(sql) {
  execFileSync('psql', [pgAdmin, '-q', '-c', sql], { stdio: 'ignore' });
}

/// A fresh database and the environment of a server process using it.
function freshDatabase(backend, name) {
  const dir = mkdtempSync(join(tmpdir(), 'tuoyu-booking-'));
  let databaseUrl = `sqlite://${join(dir, 'bench.db')}`;
  if (backend === 'postgres') {
    psql(`DROP DATABASE IF EXISTS ${name}`);
    psql(`CREATE DATABASE ${name}`);
    databaseUrl = pgAdmin.replace(/\/[^/]*$/, `/${name}`);
  }
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TUOYU_DATA_DIR: dir,
    TUOYU_ADDR: `127.0.0.1:${port}`,
    TUOYU_LOG: 'warn',
    TUOYU_DEMO_DATA: 'off',
    TUOYU_SQLITE_SYNCHRONOUS: synchronous,
    DATABASE_MAX_CONNECTIONS: '16',
    LEPTOS_SITE_ROOT: 'target/site',
  };
  const cleanup = () => {
    rmSync(dir, { recursive: true, force: true });
    if (backend === 'postgres') psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { dir, env, cleanup };
}

function setUp(db) {
  const out = join(db.dir, 'parents.jsonl');
  execFileSync(binary, ['bench-setup', '--parents', String(attempts), '--capacity', String(capacity), '--out', out], { env: db.env, stdio: 'inherit' });
  return readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

function check(db, acked) {
  const file = join(db.dir, 'acked.txt');
  writeFileSync(file, acked.join('\n'));
  return JSON.parse(execFileSync(binary, ['bench-check', '--acked', file], { env: db.env }).toString());
}

async function startServer(db) {
  const server = spawn(binary, [], { env: db.env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return server;
    } catch {}
    await sleep(100);
  }
  server.kill('SIGKILL');
  throw new Error('server did not become healthy');
}

function stopped(server) {
  return new Promise((resolve) => (server.exitCode !== null || server.signalCode !== null ? resolve() : server.once('exit', resolve)));
}

/// One application; resolves with {status, body, ms}, or {status: 0} when the connection failed.
async function apply(parent, opId) {
  const start = performance.now();
  try {
    const response = await fetch(`${base}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${parent.token}` },
      body: JSON.stringify({ op_id: opId, child_id: parent.child_id, facility_id: 1, start_month: startMonth }),
    });
    const body = await response.json().catch(() => null);
    return { status: response.status, body, ms: performance.now() - start };
  } catch {
    return { status: 0, ms: performance.now() - start };
  }
}

const applicationId = (body) => body?.Offered?.application_id ?? body?.Waitlisted?.application_id;

async function burst(backend) {
  const db = freshDatabase(backend, `tuoyu_burst_${process.pid}`);
  try {
    const parents = setUp(db);
    const server = await startServer(db);
    const started = performance.now();
    const results = await Promise.all(parents.map((parent) => apply(parent, randomUUID())));
    const seconds = (performance.now() - started) / 1000;
    server.kill('SIGTERM');
    await stopped(server);
    const ok = results.filter((r) => r.status >= 200 && r.status < 300);
    const offered = ok.filter((r) => r.body?.Offered).length;
    const waitlisted = ok.filter((r) => r.body?.Waitlisted).length;
    const errors = results.length - ok.length;
    const statuses = [...new Set(results.filter((r) => r.status >= 300 || r.status === 0).map((r) => r.status))];
    const report = check(db, ok.map((r) => applicationId(r.body)));
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const consistent = report.held === offered && report.offered === offered && offered <= capacity && report.duplicates === 0;
    console.log(
      `booking-burst backend=${backend} attempts=${attempts} capacity=${capacity} offered=${offered} waitlisted=${waitlisted} ` +
        `errors=${errors} lost=${report.lost} p50_ms=${percentile(times, 50).toFixed(1)} p99_ms=${percentile(times, 99).toFixed(1)} ` +
        `per_s=${(attempts / seconds).toFixed(0)} held=${report.held} consistent=${consistent}` +
        (statuses.length ? ` error_statuses=${statuses.join('/')}` : '') +
        (backend === 'sqlite' ? ` synchronous=${synchronous}` : ''),
    );
    return consistent && errors === 0 && report.lost === 0 && offered === Math.min(capacity, attempts);
  } finally {
    db.cleanup();
  }
}

async function crash() {
  const db = freshDatabase('sqlite', 'unused');
  try {
    const parents = setUp(db);
    // Each parent has one operation id for the whole run: retries resend it.
    const operations = new Map(parents.map((parent) => [randomUUID(), parent]));
    const pending = new Set(operations.keys());
    const acknowledged = new Map();
    let server = await startServer(db);
    let killed = 0;
    let running = true;
    const killer = (async () => {
      while (running && killed < kills) {
        await sleep(100 + Math.random() * 400);
        if (!running) break;
        server.kill('SIGKILL');
        await stopped(server);
        killed += 1;
        server = await startServer(db);
      }
    })();
    // Families keep trying, a few hundred at once, until every application is answered.
    while (pending.size > 0) {
      const wave = [...pending].slice(0, 400);
      const results = await Promise.all(wave.map((opId) => apply(operations.get(opId), opId).then((r) => [opId, r])));
      for (const [opId, r] of results) {
        if (r.status >= 200 && r.status < 300) {
          const id = applicationId(r.body);
          if (acknowledged.has(opId) && acknowledged.get(opId) !== id) throw new Error(`operation ${opId} answered differently on replay`);
          acknowledged.set(opId, id);
          pending.delete(opId);
        } else if (r.status >= 400 && r.status < 500) {
          throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
        }
      }
      if (pending.size > 0) await sleep(20);
      // Until enough kills happened, send every operation again: a replay must return the
      // first answer and create nothing.
      if (pending.size === 0 && killed < kills) for (const opId of operations.keys()) pending.add(opId);
    }
    running = false;
    await killer;
    server.kill('SIGTERM');
    await stopped(server);
    const report = check(db, [...acknowledged.values()]);
    console.log(
      `booking-crash kills=${killed} acknowledged_lost=${report.lost} duplicates=${report.duplicates} integrity=${report.integrity} ` +
        `applications=${report.applications} held=${report.held} offered=${report.offered} capacity=${report.capacity} synchronous=${synchronous}`,
    );
    return report.lost === 0 && report.duplicates === 0 && report.integrity === 'ok' && report.applications === attempts && report.held === report.offered;
  } finally {
    db.cleanup();
  }
}

let ok = true;
if (modes.includes('burst')) for (const backend of backends) ok = (await burst(backend)) && ok;
if (modes.includes('crash')) ok = (await crash()) && ok;
process.exit(ok ? 0 : 1);
