// Cluster benchmark: two release instances on one PostgreSQL (loopback ports, requests spread
// round-robin over both, as a load balancer would) under a mixed load of simulated families.
//
// Each family loops with a short random think time: ≈ 90 % of its turns browse (finder list page,
// finder JSON, facility page, facility JSON); ≈ 10 % write: apply for a place, renew or cancel it
// (directly or queued through POST /api/v1/sync, as the offline queue does) or sign in for real
// (code, /dev/inbox, check). The instances' background tasks run meanwhile. Scenario `kill`
// does the same and SIGKILLs instance 1 halfway: requests that find it dead are resent to the
// other instance with the same op_id (counted as failovers, not errors).
//
// Afterwards every acknowledged application id goes to `server bench-check` (lost, duplicates,
// held, offered), and psql checks that every acknowledged write's op_id is stored, that every
// acknowledged cancellation stands and that no op_id made two applications. Prints
//   cluster-bench scenario=normal instances=2 families=200 seconds=300 requests=… per_s=… errors=0 failovers=0
//   cluster-kind scenario=normal kind=finder_list n=… p50_ms=… p95_ms=… p99_ms=… errors=… refused=… failovers=…
//   cluster-check scenario=normal lost=0 duplicates=0 held=… offered=… integrity=ok …
// and exits non-zero on any error, loss, duplicate or broken invariant.
//
//   node scripts/bench-cluster.mjs [--families 200] [--seconds 300] [--scenarios normal,kill | --kill]
//        [--capacity families/4] [--think-ms 1000] [--server target/release/server]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

// `--name value`, or `--name` alone (a switch such as --kill).
const args = {};
for (let i = 2; i < process.argv.length; i++) {
  if (!process.argv[i].startsWith('--')) continue;
  const next = process.argv[i + 1];
  if (next === undefined || next.startsWith('--')) args[process.argv[i].slice(2)] = true;
  else args[process.argv[i++].slice(2)] = next;
}
const families = Number(args.families ?? 200);
const seconds = Number(args.seconds ?? 300);
// Fewer places than families, so that there is a waitlist and cancellations promote children.
const capacity = Number(args.capacity ?? Math.max(1, Math.round(families / 4)));
const thinkMs = Number(args['think-ms'] ?? 1000);
const scenarios = String(args.scenarios ?? (args.kill ? 'kill' : 'normal,kill')).split(',');
const binary = args.server ?? 'target/release/server';
const ports = [3510, 3511];
const pgAdmin = process.env.TUOYU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const WRITE_TURN = 0.1; // share of a family's turns that write (the rest browse)
const ATTEMPT_TIMEOUT_MS = 15_000; // one HTTP attempt
const REQUEST_GIVE_UP_MS = 30_000; // one request including its failovers
const SIGN_IN_EVERY_MS = 120_000; // a family signs in at most every 2 minutes: under the per-phone limits
const DRAIN_MS = 30_000; // after the load: resend writes still unanswered, at most this long
const HARD_EXTRA_S = 240; // a scenario is abandoned at seconds + this (start-up, drain, checks)

// Next month in China, as bench-booking: the set-up children (18 months old) fit the 托小班 then.
const startMonth = (() => {
  const next = new Date(Date.now() + 8 * 3600e3);
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next.toISOString().slice(0, 7);
})();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const ok = (r) => r.status >= 200 && r.status < 300;
const json = (r) => { try { return JSON.parse(r.text); } catch { return undefined; } };

// What is left to undo if the script has to stop at once (hard deadline, Ctrl-C): synchronous.
// (Child commands run with timeouts too, so that a blocked one cannot keep the deadline away.)
const cleanups = new Set();
const runCleanups = () => [...cleanups].forEach((undo) => { try { undo(); } catch {} });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { runCleanups(); process.exit(130); });

function psql(url, sql, input) {
  const env = { ...process.env, PGOPTIONS: '-c client_min_messages=warning' }; // no NOTICE for DROP … IF EXISTS
  return execFileSync('psql', [url, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', ...(sql ? ['-c', sql] : [])], { input, env, stdio: ['pipe', 'pipe', 'inherit'], timeout: 120_000 }).toString();
}

// The demo data bench-setup loads has 20 facilities (ids 1–20). Filters as in bench-finder.
const queries = ['', '?inclusive=1&vacant=1&sort=fee', '?birth=2025-06&sort=vacancy', '?near=29.718,106.632&within=5&sort=distance', '?q=slh&grade=3', '?street=500112016&service=hourly&page=2'];
const reads = [
  ['finder_list', 30, () => `/facilities${pick(queries)}`],
  ['finder_json', 25, () => `/api/v1/facilities${pick(queries)}`],
  ['facility_page', 25, () => `/facilities/${1 + Math.floor(Math.random() * 20)}`],
  ['facility_json', 20, () => `/api/v1/facilities/${1 + Math.floor(Math.random() * 20)}`],
];
const readWeight = reads.reduce((sum, [, w]) => sum + w, 0);
const WRITE_KINDS = new Set(['apply', 'cancel', 'renew', 'sync', 'signin_code', 'signin_verify']);

/// One request through the "load balancer": round-robin over the instances not marked down. A
/// connection error (refused, reset: the instance is dead) marks the instance down for a while,
/// doubling up to 8 s, and the same request (same body, so the same op_id) goes to the other one.
/// A timeout is not retried here: the instance may still be working on it (the caller decides).
async function send(scn, path, init = {}) {
  const start = performance.now();
  let failovers = 0;
  for (;;) {
    const now = Date.now();
    const order = scn.bases.map((_, k) => (scn.next + k) % scn.bases.length);
    scn.next += 1;
    const i = order.find((k) => scn.downUntil[k] <= now) ?? order[0]; // all down: try anyway
    try {
      const response = await fetch(scn.bases[i] + path, { ...init, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
      const text = await response.text();
      scn.downFor[i] = 500;
      return { status: response.status, text, headers: response.headers, ms: performance.now() - start, failovers };
    } catch (error) {
      const ms = performance.now() - start;
      if (error.name === 'TimeoutError' || error.name === 'AbortError') return { status: 0, timeout: true, ms, failovers };
      scn.downUntil[i] = Date.now() + scn.downFor[i];
      scn.downFor[i] = Math.min(8000, scn.downFor[i] * 2);
      failovers += 1;
      if (ms > REQUEST_GIVE_UP_MS) return { status: 0, ms, failovers, cause: error.cause?.code ?? error.message };
      if (scn.downUntil.every((until) => until > Date.now())) await sleep(100);
    }
  }
}

function record(scn, kind, r, outcome, note) {
  let s = scn.stats.get(kind);
  if (!s) scn.stats.set(kind, (s = { times: [], errors: 0, refused: 0, failovers: 0 }));
  s.times.push(r.ms);
  s.failovers += r.failovers;
  if (outcome === 'refused') s.refused += 1;
  if (outcome !== 'error') return;
  s.errors += 1;
  const body = json(r);
  const key = `${kind}:${r.timeout ? 'timeout' : r.status}:${note ?? body?.error?.code ?? r.cause ?? ''}${body?.error?.detail?.reason ? '/' + body.error.detail.reason : ''}`;
  scn.problems.set(key, (scn.problems.get(key) ?? 0) + 1);
}

async function readTurn(scn, fam) {
  let roll = Math.random() * readWeight;
  const [kind, , path] = reads.find(([, w]) => (roll -= w) < 0);
  const r = await send(scn, path(), { headers: fam.headers });
  record(scn, kind, r, ok(r) ? 'ok' : 'error');
}

const post = (fam, payload) => ({
  method: 'POST',
  headers: { ...fam.headers, 'content-type': 'application/json', authorization: `Bearer ${fam.token}` },
  body: JSON.stringify(payload),
});

/// A write acknowledged with `result`: remember it for the checks and update the family.
function settle(scn, fam, op, result) {
  scn.acked.ops.add(op.opId);
  if (op.kind === 'apply') {
    const id = result?.Offered?.application_id ?? result?.Waitlisted?.application_id;
    if (id === undefined) return 'error';
    const before = scn.acked.apps.get(op.opId);
    if (before !== undefined && before !== id) {
      scn.mismatches += 1; // a replay must answer the first result
      return 'error';
    }
    scn.acked.apps.set(op.opId, id);
    fam.app = { id, state: result.Offered ? 'offered' : 'waitlisted' };
  } else if (op.kind === 'cancel') {
    scn.acked.cancels.add(op.appId);
    fam.app.state = 'cancelled';
  }
  return 'ok';
}

/// Sends one write, directly or as a one-operation offline queue. An unanswered write (network,
/// timeout, 5xx, sync `retry`) stays the family's pending write and is sent again with the same
/// op_id before anything else, like the device queue: so a family never applies twice.
async function execute(scn, fam, op) {
  let r, outcome, retry, kind, note;
  // Renewing is refused (422) when the child was promoted to an offer since the family looked.
  const renewRefused = (error) => op.kind === 'renew' && error?.code === 'refused';
  if (op.via === 'direct') {
    kind = op.kind;
    const path = op.kind === 'apply' ? '/api/v1/applications' : `/api/v1/applications/${op.appId}/${op.kind}`;
    const payload = op.kind === 'apply' ? { op_id: op.opId, child_id: fam.childId, facility_id: 1, start_month: startMonth } : { op_id: op.opId };
    r = await send(scn, path, post(fam, payload));
    outcome = ok(r) ? settle(scn, fam, op, json(r)) : r.status === 422 && renewRefused(json(r)?.error) ? 'refused' : 'error';
    retry = r.status === 0 || r.status >= 500;
  } else {
    kind = 'sync';
    const payload = op.kind === 'apply' ? { child_id: fam.childId, facility_id: 1, start_month: startMonth } : { application_id: op.appId };
    const operation = { v: 1, op_id: op.opId, kind: `application.${op.kind}`, payload };
    r = await send(scn, '/api/v1/sync', post(fam, { version: 1, operations: [operation] }));
    const result = ok(r) ? json(r)?.results?.[0] : undefined;
    outcome = result?.outcome === 'applied' ? settle(scn, fam, op, result.result) : result?.outcome === 'refused' && renewRefused(result.error) ? 'refused' : 'error';
    retry = result ? result.outcome === 'retry' : r.status === 0 || r.status >= 500;
    if (result && outcome === 'error') note = `${result.outcome}/${result.error?.code}/${result.error?.detail?.reason ?? ''}`;
  }
  if (outcome === 'refused') fam.app.state = 'unknown';
  fam.pending = retry ? op : null;
  record(scn, kind, r, outcome, note);
}

const newOp = (fam, kind) => ({ kind, via: Math.random() < 0.3 ? 'sync' : 'direct', opId: randomUUID(), appId: fam.app?.id });

/// The family's bookings (cookie session when it signed in, otherwise its bearer token).
async function myBookings(scn, fam) {
  const auth = fam.cookie && Math.random() < 0.5 ? { cookie: fam.cookie } : { authorization: `Bearer ${fam.token}` };
  const r = await send(scn, '/api/v1/me/bookings', { headers: { ...fam.headers, ...auth } });
  const mine = ok(r) ? json(r)?.applications?.find((a) => a.id === fam.app?.id) : undefined;
  if (mine) fam.app.state = String(mine.state).toLowerCase();
  record(scn, 'my_bookings', r, ok(r) && (mine || !fam.app) ? 'ok' : 'error');
}

/// Real sign-in through the web's server functions; the code is read from /dev/inbox (dev mode).
/// 429 (per phone, per address) is a refusal the family would see, counted apart from errors.
async function signIn(scn, fam) {
  fam.signedInAt = Date.now();
  const form = (fields) => ({
    method: 'POST',
    headers: { ...fam.headers, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  let r = await send(scn, '/api/request_login_code', form({ phone: fam.phone }));
  record(scn, 'signin_code', r, ok(r) ? 'ok' : r.status === 429 ? 'refused' : 'error');
  if (!ok(r)) return;
  r = await send(scn, `/dev/inbox?phone=${fam.phone}`, { headers: fam.headers });
  const code = ok(r) ? json(r)?.code : undefined;
  record(scn, 'signin_inbox', r, code ? 'ok' : 'error');
  if (!code) return;
  r = await send(scn, '/api/verify_login_code', form({ phone: fam.phone, code }));
  // A check resent after a failover may find its code already spent by the dead instance (422).
  const refused = r.status === 429 || (r.status === 422 && r.failovers > 0);
  record(scn, 'signin_verify', r, ok(r) ? 'ok' : refused ? 'refused' : 'error');
  const cookies = ok(r) ? r.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c) => !c.endsWith('=')) : [];
  if (cookies.length) fam.cookie = cookies.join('; ');
}

async function writeTurn(scn, fam) {
  if (fam.pending) return execute(scn, fam, fam.pending);
  if (Date.now() - fam.signedInAt > SIGN_IN_EVERY_MS && Math.random() < 0.15) return signIn(scn, fam);
  // One application per family (bench-check counts a second one for a child as a duplicate).
  if (!fam.app) return execute(scn, fam, newOp(fam, 'apply'));
  await myBookings(scn, fam); // the family looks at its application before acting on it
  if (fam.app.state === 'waitlisted') return execute(scn, fam, newOp(fam, Math.random() < 0.04 ? 'cancel' : 'renew'));
  // Offered places are given back now and then: the next child on the waitlist is promoted.
  if (fam.app.state === 'offered' && Math.random() < 0.25) return execute(scn, fam, newOp(fam, 'cancel'));
}

async function familyLoop(scn, fam, until) {
  await sleep(Math.random() * thinkMs); // families arrive spread out, not all in the same millisecond
  while (Date.now() < until) {
    await (Math.random() < WRITE_TURN ? writeTurn(scn, fam) : readTurn(scn, fam));
    await sleep(Math.random() * 2 * thinkMs);
  }
}

function stop(proc) {
  proc.expectedExit = true;
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => proc.kill('SIGKILL'), 5000); // SIGTERM finishes requests; 5 s at most
    proc.once('exit', () => resolve(clearTimeout(hard)));
    proc.kill('SIGTERM');
  });
}

async function scenario(name) {
  const kill = name === 'kill';
  const database = `tuoyu_cluster_${process.pid}_${name}`;
  const databaseUrl = pgAdmin.replace(/\/[^/]*$/, `/${database}`);
  const dir = mkdtempSync(join(tmpdir(), 'tuoyu-cluster-'));
  const envFor = (port) => {
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_MAX_CONNECTIONS: '16',
      TUOYU_ADDR: `127.0.0.1:${port}`,
      TUOYU_DATA_DIR: dir,
      TUOYU_LOG: 'warn',
      TUOYU_DEMO_DATA: 'off', // bench-setup loaded the data
      TUOYU_SERVICE_WORKER: 'off',
      // The benchmark stands in for the load balancer: it forwards each family's own address, so
      // the per-address sign-in limits count per family as in real use, not all of 127.0.0.1.
      TUOYU_TRUSTED_PROXIES: '127.0.0.1',
      LEPTOS_SITE_ROOT: 'target/site',
    };
    delete env.TUOYU_ENV; // development: /dev/inbox exists
    delete env.TUOYU_CONFIG;
    return env;
  };
  const procs = [];
  const dropDatabase = () => psql(pgAdmin, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  const emergency = () => {
    procs.forEach((p) => p.kill('SIGKILL'));
    dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.add(emergency);
  const hardDeadline = setTimeout(() => {
    console.error(`cluster-bench scenario=${name}: hard deadline of ${seconds + HARD_EXTRA_S} s reached; stopping`);
    runCleanups();
    process.exit(2);
  }, (seconds + HARD_EXTRA_S) * 1000);
  const scn = {
    bases: ports.map((p) => `http://127.0.0.1:${p}`), next: 0, downUntil: ports.map(() => 0), downFor: ports.map(() => 500),
    stats: new Map(), problems: new Map(), mismatches: 0, crashes: 0,
    acked: { apps: new Map() /* op_id → application id */, ops: new Set(), cancels: new Set() },
  };
  try {
    psql(pgAdmin, `DROP DATABASE IF EXISTS ${database}`);
    psql(pgAdmin, `CREATE DATABASE ${database}`);
    const out = join(dir, 'parents.jsonl');
    execFileSync(binary, ['bench-setup', '--parents', String(families), '--capacity', String(capacity), '--out', out], { env: envFor(ports[0]), stdio: 'inherit', timeout: 300_000 });
    const parents = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    // phone: bench-setup's phone of parent i, so signing in finds the same account.
    const fams = parents.map((p, i) => ({
      token: p.token, childId: p.child_id, phone: `177${String(i).padStart(8, '0')}`,
      headers: { 'x-forwarded-for': `10.77.${(i >> 8) & 255}.${i & 255}` },
      app: null, pending: null, cookie: '', signedInAt: -Infinity,
    }));

    for (const port of ports) {
      const proc = spawn(binary, [], { env: envFor(port), stdio: ['ignore', 'ignore', 'inherit'] });
      proc.on('exit', (code, signal) => {
        if (proc.expectedExit) return;
        console.error(`instance :${port} exited unexpectedly (${signal ?? code})`);
        scn.crashes += 1;
      });
      procs.push(proc);
    }
    for (const [i, base] of scn.bases.entries()) {
      for (let tries = 0; ; tries++) {
        if (procs[i].exitCode !== null || tries > 300) throw new Error(`instance ${base} did not become healthy`);
        if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
        await sleep(200);
      }
    }

    let killedAt;
    const killer = kill
      ? setTimeout(() => {
          procs[0].expectedExit = true;
          procs[0].kill('SIGKILL');
          killedAt = seconds / 2;
        }, seconds * 500)
      : undefined;
    const started = performance.now();
    const until = Date.now() + seconds * 1000;
    await Promise.all(fams.map((fam) => familyLoop(scn, fam, until)));
    const loadSeconds = (performance.now() - started) / 1000;
    clearTimeout(killer);
    const drainUntil = Date.now() + DRAIN_MS;
    await Promise.all(
      fams.map(async (fam) => {
        while (fam.pending && Date.now() < drainUntil) {
          await execute(scn, fam, fam.pending);
          if (fam.pending) await sleep(500);
        }
      }),
    );
    const unresolved = fams.filter((fam) => fam.pending).length;
    await Promise.all(procs.map(stop));

    // The figures.
    const kinds = [...scn.stats.entries()].sort(([a], [b]) => a.localeCompare(b));
    const total = (field) => kinds.reduce((sum, [, s]) => sum + (field === 'n' ? s.times.length : s[field]), 0);
    const requests = total('n');
    const writes = kinds.filter(([k]) => WRITE_KINDS.has(k)).reduce((sum, [, s]) => sum + s.times.length, 0);
    const errors = total('errors') + scn.crashes + unresolved;
    console.log(
      `cluster-bench scenario=${name} instances=${ports.length} families=${families} seconds=${seconds} requests=${requests} ` +
        `per_s=${(requests / loadSeconds).toFixed(1)} writes_pct=${((100 * writes) / Math.max(1, requests)).toFixed(1)} errors=${errors} ` +
        `failovers=${total('failovers')} refused=${total('refused')} unresolved=${unresolved} crashes=${scn.crashes}` +
        (kill ? ` killed=instance1@${killedAt ?? 'never'}s` : ''),
    );
    for (const [kind, s] of kinds) {
      const t = s.times.sort((a, b) => a - b);
      console.log(
        `cluster-kind scenario=${name} kind=${kind} n=${t.length} p50_ms=${percentile(t, 50).toFixed(1)} p95_ms=${percentile(t, 95).toFixed(1)} ` +
          `p99_ms=${percentile(t, 99).toFixed(1)} errors=${s.errors} refused=${s.refused} failovers=${s.failovers}`,
      );
    }
    if (scn.problems.size) console.log(`cluster-errors scenario=${name} ${JSON.stringify(Object.fromEntries(scn.problems))}`);

    // The checks, on the database both instances wrote to.
    const ackedFile = join(dir, 'acked.txt');
    writeFileSync(ackedFile, [...new Set(scn.acked.apps.values())].join('\n'));
    const checkOut = execFileSync(binary, ['bench-check', '--acked', ackedFile], { env: envFor(ports[0]), timeout: 120_000 }).toString();
    const report = JSON.parse(checkOut.trim().split('\n').filter((l) => l.startsWith('{')).pop());
    // Beyond applications: every acknowledged write (renewals, cancellations too) has its op_id
    // stored, every acknowledged cancellation stands, and no op_id made two applications.
    const values = (list, quote) => list.map((v) => (quote ? `('${String(v).replace(/'/g, '')}')` : `(${Number(v)})`)).join(',');
    const sql = `CREATE TEMP TABLE acked_ops (op_id TEXT); CREATE TEMP TABLE acked_cancels (id BIGINT);
      ${scn.acked.ops.size ? `INSERT INTO acked_ops VALUES ${values([...scn.acked.ops], true)};` : ''}
      ${scn.acked.cancels.size ? `INSERT INTO acked_cancels VALUES ${values([...scn.acked.cancels], false)};` : ''}
      SELECT (SELECT COUNT(*) FROM acked_ops a WHERE NOT EXISTS (SELECT 1 FROM operations o WHERE lower(o.op_id) = lower(a.op_id))),
             (SELECT COUNT(*) FROM acked_cancels c WHERE NOT EXISTS (SELECT 1 FROM applications p WHERE p.id = c.id AND p.state = 'cancelled')),
             (SELECT COUNT(*) FROM (SELECT op_id FROM applications GROUP BY op_id HAVING COUNT(*) > 1) AS d);`;
    const [opsMissing, cancelsMissing, opDuplicates] = psql(databaseUrl, null, sql).trim().split('\n').pop().split('|').map(Number);
    // Booking invariants: held places are exactly the offers, never more than capacity, and
    // nobody waits while a place is free (a freed place goes to the next child at once).
    const invariants =
      report.held === report.offered && report.offered <= report.capacity && (report.waitlisted === 0 || report.offered === report.capacity) ? 'ok' : 'broken';
    console.log(
      `cluster-check scenario=${name} lost=${report.lost} duplicates=${report.duplicates} held=${report.held} offered=${report.offered} ` +
        `waitlisted=${report.waitlisted} capacity=${report.capacity} applications=${report.applications} acknowledged=${report.acknowledged} ` +
        `integrity=${report.integrity} invariants=${invariants} acked_writes=${scn.acked.ops.size} writes_missing=${opsMissing} ` +
        `cancels_missing=${cancelsMissing} op_duplicates=${opDuplicates} replay_mismatches=${scn.mismatches}`,
    );
    return (
      errors === 0 && report.lost === 0 && report.duplicates === 0 && report.integrity === 'ok' && invariants === 'ok' &&
      opsMissing === 0 && cancelsMissing === 0 && opDuplicates === 0 && scn.mismatches === 0
    );
  } finally {
    clearTimeout(hardDeadline);
    await Promise.all(procs.map(stop));
    cleanups.delete(emergency);
    rmSync(dir, { recursive: true, force: true });
    dropDatabase();
  }
}

let allOk = true;
for (const name of scenarios) {
  if (!['normal', 'kill'].includes(name)) throw new Error(`unknown scenario ${name} (normal, kill)`);
  // A failed scenario (e.g. an instance that never became healthy) still lets the next one run.
  allOk = (await scenario(name).catch((error) => console.error(`cluster-bench scenario=${name} failed: ${error.message}`))) === true && allOk;
}
process.exit(allOk ? 0 : 1);
