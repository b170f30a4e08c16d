// Lighthouse 12 (npm, in end2end/) in Debian Chromium against the family pages: mobile preset,
// simulated slow 4G and 4× CPU slowdown (Lighthouse's defaults), a fresh demo database, the
// service worker off (a first visit). Prints one line per page, e.g.
//   lighthouse page=/facilities performance=88 accessibility=100 best_practices=100 seo=100 lcp_ms=2412 tbt_ms=180 cls=0.000
// `--assert N` fails the run when accessibility or best practices is below N on any page, and
// prints the failing audits (these two scores do not depend on the machine's speed; the
// performance score does, so it is printed, never asserted).
//
//   node scripts/lighthouse.mjs [--server target/release/server] [--site target/site] [--assert 95]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitForHealth } from './bench-common.mjs';

const fromEnd2end = (path) => import(pathToFileURL(resolve('end2end/node_modules', path)).href);
const { default: lighthouse } = await fromEnd2end('lighthouse/core/index.js');
const chromeLauncher = await fromEnd2end('chrome-launcher/dist/index.js');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const binary = args.server ?? 'target/release/server';
const site = args.site ?? 'target/site';
const minimum = args.assert ? Number(args.assert) : null;
const port = 3330;
// The family pages a visitor opens (a parent's own pages need a sign-in; axe covers them).
const PAGES = ['/', '/facilities', '/facilities/1', '/login', '/lessons?age=7', '/lessons/feeding-06-12-first-foods',
  '/complaints/new', '/complaints/track', '/policies', '/policies/childcare-subsidy', '/policies/family-calculator'];

const dir = mkdtempSync(join(tmpdir(), 'tuoyu-lighthouse-'));
const env = {
  ...process.env, DATABASE_URL: `sqlite://${join(dir, 'lighthouse.db')}`, TUOYU_DATA_DIR: dir, TUOYU_ADDR: `127.0.0.1:${port}`,
  TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: site, TUOYU_SERVICE_WORKER: 'off',
};
execFileSync(binary, ['seed-demo', '--facilities', '120', '--seed', '20241216'], { env, stdio: 'ignore' });
const server = spawn(binary, [], { env, stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--lang=zh-CN'],
});
const problems = [];
try {
  await waitForHealth(base);
  for (const path of PAGES) {
    const result = await lighthouse(base + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
    const { categories, audits, runtimeError } = result.lhr;
    if (runtimeError) throw new Error(`${path}: ${runtimeError.code} ${runtimeError.message}`);
    const score = (id) => Math.round((categories[id].score ?? 0) * 100);
    const metric = (id) => audits[id]?.numericValue ?? NaN;
    console.log(`lighthouse page=${path} performance=${score('performance')} accessibility=${score('accessibility')} `
      + `best_practices=${score('best-practices')} seo=${score('seo')} lcp_ms=${Math.round(metric('largest-contentful-paint'))} `
      + `tbt_ms=${Math.round(metric('total-blocking-time'))} cls=${metric('cumulative-layout-shift').toFixed(3)}`);
    if (minimum === null) continue;
    for (const id of ['accessibility', 'best-practices']) {
      if (score(id) >= minimum) continue;
      const failing = categories[id].auditRefs
        .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
        .map((ref) => `${ref.id}: ${audits[ref.id].title}`);
      problems.push(`${path} ${id} ${score(id)} < ${minimum}: ${failing.join('; ')}`);
    }
  }
} catch (error) {
  problems.push(`lighthouse failed: ${error.message}`);
} finally {
  await chrome.kill();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
for (const problem of problems) console.error(problem);
process.exit(problems.length > 0 ? 1 : 0);
