// Bytes a phone downloads to keep one age band of lessons for offline reading: for each band,
// the lessons the lesson list asks the service worker to keep (`keep_offline` of
// /api/v1/lessons?age=N for a family without a signed-in child), each as its page and its read
// (/lessons/{id} and /api/lesson?id={id}), fetched from the release server as the worker does,
// brotli-compressed on the wire; the bytes counted are those on the wire. The pages' code is
// not counted: the worker keeps it with the shell at install (see `make size`).
// Prints one line per band, e.g.
//   lessons-offline band=6-12 age=9 lessons=12 requests=24 wire_kib=… uncompressed_kib=…
//
//   node scripts/bench-lessons-offline.mjs [--server target/release/server]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForHealth } from './bench-common.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const binary = args.server ?? 'target/release/server';
const port = 3320;
const base = `http://127.0.0.1:${port}`;
const BANDS = [['0-6', 3], ['6-12', 9], ['12-24', 18], ['24-36', 30]];

/** The raw (still compressed) body of `path` and its decompressed length from the header. */
function wireBytes(path) {
  return new Promise((resolve, reject) => {
    http.get(`${base}${path}`, { headers: { 'accept-encoding': 'br' } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${path}: ${response.statusCode}`));
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () => resolve({ bytes, encoding: response.headers['content-encoding'] ?? 'identity' }));
    }).on('error', reject);
  });
}

async function plainBytes(path) {
  const response = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } });
  return (await response.arrayBuffer()).byteLength;
}

const dir = mkdtempSync(join(tmpdir(), 'tuoyu-lessons-bench-'));
const env = { ...process.env, DATABASE_URL: `sqlite://${join(dir, 'bench.db')}`, TUOYU_DATA_DIR: dir, TUOYU_ADDR: `127.0.0.1:${port}`, TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: 'target/site' };
const server = spawn(binary, [], { env, stdio: ['ignore', 'inherit', 'inherit'] });
try {
  await waitForHealth(base);
  for (const [band, age] of BANDS) {
    const list = await (await fetch(`${base}/api/v1/lessons?age=${age}`)).json();
    const paths = list.keep_offline.flatMap((id) => [`/lessons/${id}`, `/api/lesson?id=${id}`]);
    let wire = 0;
    let plain = 0;
    for (const path of paths) {
      const { bytes, encoding } = await wireBytes(path);
      if (encoding !== 'br') throw new Error(`${path} came ${encoding}, not brotli`);
      wire += bytes;
      plain += await plainBytes(path);
    }
    console.log(`lessons-offline band=${band} age=${age} lessons=${list.keep_offline.length} requests=${paths.length} wire_kib=${(wire / 1024).toFixed(1)} uncompressed_kib=${(plain / 1024).toFixed(1)}`);
  }
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
