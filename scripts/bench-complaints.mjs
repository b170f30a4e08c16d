// Complaints benchmark: a department's inbox, the lead department's inbox and the tracking
// lookup ("马上查") at 100,000 complaints, on SQLite and PostgreSQL. A fresh database with
// 10,000 demo facilities; the complaints are written straight into it (states spread like a
// working district: most closed, the rest waiting at each step, across the departments), with
// two timeline entries each. One complaint is filed through the API for a real code and
// password. The release server on loopback; requests one at a time. Prints e.g.
//   complaints-bench backend=sqlite complaints=100000 target=department_inbox requests=300 p50_ms=… p95_ms=…
//
//   node scripts/bench-complaints.mjs [--complaints 100000] [--backends sqlite,postgres] [--requests 300]
import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, waitForHealth } from './bench-common.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const complaints = Number(args.complaints ?? 100000);
const backends = (args.backends ?? 'sqlite').split(',');
const requests = Number(args.requests ?? 300);
const binary = args.server ?? 'target/release/server';
const port = 3202;
const pgAdmin = process.env.TUOYU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const now = Math.floor(Date.now() / 1000);
const DEPARTMENTS = ['health', 'market', 'development', 'fire', 'housing', 'education', 'hr', 'police'];
const STATES = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'dispatched', 'accepted', 'replied', 'pending'];

/** The complaints, their departments and timeline entries, and two supervisors with sessions. */
function seedSql(backend, tokens) {
  const numbers = backend === 'postgres' ? `generate_series(1, ${complaints}) AS n(i)` : `n`;
  const cte = backend === 'postgres' ? '' : `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${complaints}) `;
  const pick = (list, expr) => `CASE (${expr}) ${list.map((v, k) => `WHEN ${k} THEN '${v}'`).join(' ')} END`;
  const pad = backend === 'postgres' ? `lpad(i::text, 6, '0')` : `printf('%06d', i)`;
  const truth = backend === 'postgres' ? 'TRUE' : '1';
  const lie = backend === 'postgres' ? 'FALSE' : '0';
  const state = pick(STATES, 'i % 10');
  const sessions = tokens
    .map(([department, token], k) => {
      const id = 900_000 + k;
      return `INSERT INTO accounts (id, kind, username, display_name, department, is_demo, created_at) VALUES (${id}, 'supervisor', 'bench-${department}', 'bench', '${department}', ${truth}, ${now});
INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, idle_timeout, expires_at) VALUES ('${createHash('sha256').update(token).digest('hex')}', ${id}, ${now}, ${now}, 86400, ${now + 86400});`;
    })
    .join('\n');
  return `
${cte}INSERT INTO complaints (code, kind, category, urgent, facility_id, occurred_on, description, password_hash, state, state_since, filed_at, reply_clock_from, due_at, inbox_order, finding, closed_at, op_id, is_demo)
SELECT 'TS-26-B' || ${pad}, 'complaint', 'food', ${lie}, 1 + (i * 7919) % 10000, '2026-01-01', '基准测试用的投诉内容，不是真实的投诉。', 'x',
  ${state}, ${now} - i * 60, ${now} - i * 60, ${now} - i * 60,
  CASE WHEN (${state}) IN ('pending', 'dispatched', 'accepted') THEN ${now} + (i % 2000) * 600 - 600000 ELSE NULL END,
  CASE WHEN (${state}) IN ('pending', 'dispatched', 'accepted') THEN ${now} + (i % 2000) * 600 - 600000 WHEN (${state}) = 'replied' THEN 9223372036854775807 ELSE NULL END,
  CASE WHEN (${state}) = 'closed' THEN 'substantiated' ELSE NULL END,
  CASE WHEN (${state}) = 'closed' THEN ${now} - i * 30 ELSE NULL END,
  'bench-' || i, ${truth}
FROM ${numbers};
INSERT INTO complaint_departments (complaint_id, department, replying, inbox_order) SELECT id, ${pick(DEPARTMENTS, `id % ${DEPARTMENTS.length}`)}, ${truth}, inbox_order FROM complaints;
INSERT INTO complaint_departments (complaint_id, department, replying, inbox_order) SELECT id, 'market', ${lie}, inbox_order FROM complaints WHERE id % ${DEPARTMENTS.length} <> 1 AND id % 3 = 0;
INSERT INTO complaint_events (complaint_id, at, action, actor) SELECT id, filed_at, 'filed', 'family' FROM complaints;
INSERT INTO complaint_events (complaint_id, at, action, actor, detail) SELECT id, filed_at, 'dispatched', 'system', 'market' FROM complaints;
${sessions}
`;
}

function runSql(backend, databaseUrl, dbPath, sql) {
  if (backend === 'postgres') {
    execFileSync('psql', [databaseUrl, '-q', '-v', 'ON_ERROR_STOP=1'], { input: sql, stdio: ['pipe', 'ignore', 'inherit'] });
  } else {
    const script = 'import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.stdin.read())\nc.commit()';
    execFileSync('python3', ['-c', script, dbPath], { input: sql, stdio: ['pipe', 'ignore', 'inherit'] });
  }
}

async function timed(url, init) {
  const start = performance.now();
  const response = await fetch(url, init);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  return [performance.now() - start, body];
}

function report(backend, target, times) {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`complaints-bench backend=${backend} complaints=${complaints} target=${target} requests=${times.length} p50_ms=${percentile(sorted, 50).toFixed(2)} p95_ms=${percentile(sorted, 95).toFixed(2)}`);
}

for (const backend of backends) {
  const dir = mkdtempSync(join(tmpdir(), 'tuoyu-bench-complaints-'));
  const dbName = `tuoyu_bench_complaints_${process.pid}`;
  const dbPath = join(dir, 'bench.db');
  let databaseUrl = `sqlite://${dbPath}`;
  if (backend === 'postgres') {
    execFileSync('psql', [pgAdmin, '-q', '-c', `DROP DATABASE IF EXISTS ${dbName}`], { stdio: 'ignore' });
    execFileSync('psql', [pgAdmin, '-q', '-c', `CREATE DATABASE ${dbName}`], { stdio: 'ignore' });
    databaseUrl = pgAdmin.replace(/\/[^/]*$/, `/${dbName}`);
  }
  const env = {
    ...process.env, DATABASE_URL: databaseUrl, TUOYU_DATA_DIR: dir, TUOYU_ADDR: `127.0.0.1:${port}`, TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: 'target/site',
    TUOYU_TRUSTED_PROXIES: '127.0.0.1',
  };
  execFileSync(binary, ['seed-demo', '--facilities', '10000'], { env, stdio: 'ignore' });
  const tokens = [['market', randomUUID()], ['health', randomUUID()]];
  runSql(backend, databaseUrl, dbPath, seedSql(backend, tokens));
  if (backend === 'postgres') runSql(backend, databaseUrl, dbPath, 'ANALYZE;');
  const server = spawn(binary, [], { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base);
    const json = { 'content-type': 'application/json' };
    const complaint = { kind: 'complaint', category: 'food', facility_id: 1, occurred_on: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), description: '基准测试：午饭的米饭没有煮熟。' };
    const [, filedText] = await timed(`${base}/api/v1/complaints`, { method: 'POST', headers: json, body: JSON.stringify({ op_id: randomUUID(), complaint }) });
    const filed = JSON.parse(filedText);
    const targets = [
      ['department_inbox', () => [`${base}/api/v1/staff/complaints`, { headers: { authorization: `Bearer ${tokens[0][1]}` } }]],
      ['lead_inbox', () => [`${base}/api/v1/staff/complaints`, { headers: { authorization: `Bearer ${tokens[1][1]}` } }]],
      // Each lookup from its own address: the per-address lookup limit is not what is measured.
      ['tracking_lookup', (i) => [`${base}/api/v1/complaints/track`, { method: 'POST', headers: { ...json, 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }, body: JSON.stringify({ code: filed.code, password: filed.password }) }]],
    ];
    for (const [target, request] of targets) {
      for (let i = 0; i < 20; i++) await timed(...request(100000 + i));
      const times = [];
      for (let i = 0; i < requests; i++) times.push((await timed(...request(i)))[0]);
      report(backend, target, times);
    }
    const inbox = JSON.parse((await timed(...targets[0][1](0)))[1]);
    if (inbox.length !== 50) throw new Error(`expected a full page of 50 in the inbox, got ${inbox.length}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    if (backend === 'postgres') execFileSync('psql', [pgAdmin, '-q', '-c', `DROP DATABASE IF EXISTS ${dbName}`], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}
