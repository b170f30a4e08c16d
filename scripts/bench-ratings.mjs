// Ratings benchmark: does a facility page with many ratings render as fast as one with none?
// A fresh database with 10,000 demo facilities; one facility is given 200 ratings, another of
// the same size has none. The release server on loopback; requests alternate between the two
// (the page as HTML, and the public ratings JSON), so machine noise hits both alike. Prints e.g.
//   ratings-bench backend=sqlite facilities=10000 target=facility_page ratings=200 requests=300 p50_ms=… p95_ms=…
//   ratings-bench backend=sqlite facilities=10000 target=facility_page ratio_p50=1.04 ratio_p95=1.06
//
//   node scripts/bench-ratings.mjs [--facilities 10000] [--ratings 200] [--backends sqlite,postgres] [--requests 300]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, waitForHealth } from './bench-common.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const facilities = Number(args.facilities ?? 10000);
const ratings = Number(args.ratings ?? 200);
const backends = (args.backends ?? 'sqlite').split(',');
const requests = Number(args.requests ?? 300);
const binary = args.server ?? 'target/release/server';
const port = 3201;
const pgAdmin = process.env.TUOYU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Demo ratings go to the first 2,000 facilities only: these two have none of their own.
const busy = 5001;
const quiet = 5002;

async function timed(url) {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return [performance.now() - start, body];
}

function psql(sql) {
  execFileSync('psql', [pgAdmin, '-q', '-c', sql], { stdio: 'ignore' });
}

for (const backend of backends) {
  const dir = mkdtempSync(join(tmpdir(), 'tuoyu-bench-ratings-'));
  const dbName = `tuoyu_bench_ratings_${process.pid}`;
  let databaseUrl = `sqlite://${join(dir, 'bench.db')}`;
  if (backend === 'postgres') {
    psql(`DROP DATABASE IF EXISTS ${dbName}`);
    psql(`CREATE DATABASE ${dbName}`);
    databaseUrl = pgAdmin.replace(/\/[^/]*$/, `/${dbName}`);
  }
  const env = { ...process.env, DATABASE_URL: databaseUrl, TUOYU_DATA_DIR: dir, TUOYU_ADDR: `127.0.0.1:${port}`, TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: 'target/site' };
  execFileSync(binary, ['seed-demo', '--facilities', String(facilities), '--busy-facility', String(busy), '--busy-ratings', String(ratings)], { env, stdio: 'ignore' });
  const server = spawn(binary, [], { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base);
    const counts = {};
    for (const id of [busy, quiet]) {
      const [, json] = await timed(`${base}/api/v1/facilities/${id}/ratings`);
      counts[id] = JSON.parse(json).summary.count;
    }
    if (counts[busy] !== ratings || counts[quiet] !== 0) throw new Error(`expected ${ratings} and 0 ratings, found ${counts[busy]} and ${counts[quiet]}`);
    for (const [target, path] of [['facility_page', (id) => `/facilities/${id}`], ['ratings_json', (id) => `/api/v1/facilities/${id}/ratings`]]) {
      const times = { [busy]: [], [quiet]: [] };
      for (let i = 0; i < 20; i++) for (const id of [busy, quiet]) await timed(base + path(id)); // warm up
      for (let i = 0; i < requests; i++) {
        for (const id of i % 2 ? [busy, quiet] : [quiet, busy]) times[id].push((await timed(base + path(id)))[0]);
      }
      const stats = {};
      for (const id of [busy, quiet]) {
        const sorted = times[id].sort((a, b) => a - b);
        stats[id] = { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
        console.log(
          `ratings-bench backend=${backend} facilities=${facilities} target=${target} ratings=${counts[id]} requests=${sorted.length} ` +
            `p50_ms=${stats[id].p50.toFixed(2)} p95_ms=${stats[id].p95.toFixed(2)}`,
        );
      }
      console.log(
        `ratings-bench backend=${backend} facilities=${facilities} target=${target} ` +
          `ratio_p50=${(stats[busy].p50 / stats[quiet].p50).toFixed(2)} ratio_p95=${(stats[busy].p95 / stats[quiet].p95).toFixed(2)}`,
      );
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
    if (backend === 'postgres') psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}
