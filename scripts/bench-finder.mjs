// Finder latency benchmark: for each size, a fresh database with that many demo facilities, the
// release server on loopback, and sequential requests for the list page (HTML) and the JSON the
// map uses, each with several filter/sort combinations. Prints p50/p95 per target, e.g.
//   finder-bench backend=sqlite facilities=10000 target=list_page requests=200 p50_ms=… p95_ms=…
//
//   node scripts/bench-finder.mjs [--sizes 1000,10000,100000] [--backends sqlite,postgres] [--requests 200]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, waitForHealth } from './bench-common.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const sizes = (args.sizes ?? '1000,10000,100000').split(',').map(Number);
const backends = (args.backends ?? 'sqlite').split(',');
const requests = Number(args.requests ?? 200);
const binary = args.server ?? 'target/release/server';
const port = 3200;
const pgAdmin = process.env.TUOYU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const listPaths = [
  '/facilities?inclusive=1&vacant=1&sort=fee',
  '/facilities?birth=2025-06&sort=vacancy',
  '/facilities?near=29.718,106.632&within=5&sort=distance',
  '/facilities?q=slh&grade=3',
  '/facilities?street=500112016&service=hourly&page=2',
];
const mapPaths = [
  '/api/find?view=map&inclusive=1',
  '/api/find?view=map&near=29.718,106.632&sort=distance',
  '/api/find?view=map&birth=2025-06&vacant=1',
];

async function measure(base, paths) {
  const times = [];
  for (let i = 0; i < requests; i++) {
    const path = paths[i % paths.length];
    const start = performance.now();
    const response = await fetch(base + path);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

function psql(sql) {
  execFileSync('psql', [pgAdmin, '-q', '-c', sql], { stdio: 'ignore' });
}

for (const backend of backends) {
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'tuoyu-bench-'));
    const dbName = `tuoyu_bench_${process.pid}_${size}`;
    let databaseUrl = `sqlite://${join(dir, 'bench.db')}`;
    if (backend === 'postgres') {
      psql(`DROP DATABASE IF EXISTS ${dbName}`);
      psql(`CREATE DATABASE ${dbName}`);
      databaseUrl = pgAdmin.replace(/\/[^/]*$/, `/${dbName}`);
    }
    const env = { ...process.env, DATABASE_URL: databaseUrl, TUOYU_DATA_DIR: dir, TUOYU_ADDR: `127.0.0.1:${port}`, TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: 'target/site' };
    const seedStart = performance.now();
    execFileSync(binary, ['seed-demo', '--facilities', String(size), '--seed', '1'], { env, stdio: 'ignore' });
    const seedSeconds = ((performance.now() - seedStart) / 1000).toFixed(1);
    const server = spawn(binary, [], { env, stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(base);
      await measure(base, [...listPaths, ...mapPaths].slice(0, 8)); // warm caches
      for (const [target, paths] of [['list_page', listPaths], ['map_json', mapPaths]]) {
        const times = await measure(base, paths);
        console.log(
          `finder-bench backend=${backend} facilities=${size} target=${target} requests=${times.length} ` +
            `p50_ms=${percentile(times, 50).toFixed(1)} p95_ms=${percentile(times, 95).toFixed(1)} seed_s=${seedSeconds}`,
        );
      }
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
      if (backend === 'postgres') psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    }
  }
}
