// Sync benchmark: one family with 10 children (the most one account may enter) queues 200 place
// applications, each child to 20 facilities, and sends them the way the device queue does: one
// POST /api/v1/sync. Three per child are applied; the rest are refused by the three-open rule
// after the same checks in the database. Prints the wall time and the number of HTTP requests:
//   sync-bench operations=200 requests=1 wall_ms=… applied=… refused=…
//
//   node scripts/bench-sync.mjs   (starts target/release/server on a fresh SQLite database)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

const port = 3400;
const base = `http://127.0.0.1:${port}`;
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-sync-'));
const env = { ...process.env, TUOYU_ADDR: `127.0.0.1:${port}`, TUOYU_DATA_DIR: dir, TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: 'target/site' };
const server = spawn(process.argv[2] ?? 'target/release/server', [], { env, stdio: 'ignore' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
try {
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {}
    await sleep(100);
  }
  let cookie = '';
  const call = async (path, form) => {
    const response = await fetch(base + path, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form ?? {}) });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return response;
  };
  const phone = '13312345678';
  await call('/api/request_login_code', { phone });
  const code = (await (await fetch(`${base}/dev/inbox?phone=${phone}`)).json()).code;
  await call('/api/verify_login_code', { phone, code });
  await call('/api/give_consent');
  const birth = new Date(Date.now() - 548 * 86400e3).toISOString().slice(0, 10);
  const children = [];
  for (let i = 0; i < 10; i++) {
    const added = await call('/api/add_child', { 'input[name]': `孩子${i}`, 'input[birth_date]': birth, 'input[sex]': 'male', 'input[relation]': 'father', 'input[id_number]': '' });
    const id = (await added.json()).id;
    if (id) children.push(id);
  }
  const facilities = [];
  for (let id = 1; id <= 120 && facilities.length < 20; id++) {
    const detail = await (await fetch(`${base}/api/v1/facilities/${id}`)).json();
    if (detail.facility?.filing_status === 'Filed' && detail.classes?.some((c) => c.level === 'Toddler')) facilities.push(id);
  }
  const next = new Date(Date.now() + 8 * 3600e3);
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const startMonth = next.toISOString().slice(0, 7);
  const operations = children.flatMap((child) => facilities.map((facility) => ({ v: 1, op_id: randomUUID(), kind: 'application.apply', payload: { child_id: child, facility_id: facility, start_month: startMonth } }))).slice(0, 200);
  const started = performance.now();
  const response = await fetch(`${base}/api/v1/sync`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ version: 1, operations }) });
  const answer = await response.json();
  const wall = performance.now() - started;
  const count = (outcome) => answer.results.filter((r) => r.outcome === outcome).length;
  const reasons = {}; for (const r of answer.results.filter((r) => r.outcome === 'refused')) { const k = JSON.stringify(r.error); reasons[k] = (reasons[k] ?? 0) + 1; }
  if (process.env.VERBOSE) console.log(reasons);
  console.log(`sync-bench operations=${operations.length} requests=1 status=${response.status} wall_ms=${wall.toFixed(1)} applied=${count('applied')} refused=${count('refused')} retry=${count('retry')}`);
} finally {
  server.kill('SIGTERM');
  await sleep(500);
  rmSync(dir, { recursive: true, force: true });
}
