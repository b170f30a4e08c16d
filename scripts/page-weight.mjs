// What a first visit to each family page downloads of the client: the /pkg JavaScript and
// WebAssembly the page loads until it has hydrated (the main module plus the chunks of the page's
// group, see app/src/routes.rs), brotli-compressed at quality 11 (what static precompression would serve). Measured in
// Debian Chromium with a new profile per page and the service worker off (it would also fetch
// the other family pages' chunks in the background; that is the offline copy, not the page).
// Prints one line per page, e.g.
//   page-weight page=/facilities files=5 js_br=… wasm_br=… total_br=… (123.4 KiB) baseline_br=… ratio=4.1
// `--baseline DIR` names the empty Leptos page's /pkg (scripts/size-baseline) for the ratio.
//
//   node scripts/page-weight.mjs [--server target/release/server] [--site target/site] [--baseline DIR]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const require = createRequire(resolve('end2end/package.json'));
const { chromium } = require('@playwright/test');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const binary = args.server ?? 'target/release/server';
const site = args.site ?? 'target/site';
const port = 3320;
// Family pages; a signed-in parent's pages are measured signed in.
const PAGES = ['/', '/facilities', '/facilities/1', '/login', '/privacy', '/me', '/me/bookings', '/me/children/new', '/complaints/new', '/complaints/track', '/me/complaints', '/lessons', '/lessons/feeding-06-12-first-foods', '/lessons/activities', '/policies', '/policies/family-calculator'];
const SIGNED_IN = new Set(['/me', '/me/bookings', '/me/children/new', '/me/complaints']);
const PHONE = '13900000077';

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Brotli bytes of the js and wasm files in `dir` (the whole bundle of an unsplit build). */
function bundleBrotli(dir) {
  return readdirSync(dir).filter((n) => n.endsWith('.js') || n.endsWith('.wasm')).reduce((sum, n) => sum + brotli(readFileSync(join(dir, n))), 0);
}

const dir = mkdtempSync(join(tmpdir(), 'tuoyu-page-weight-'));
const env = {
  ...process.env, DATABASE_URL: `sqlite://${join(dir, 'weight.db')}`, TUOYU_DATA_DIR: dir, TUOYU_ADDR: `127.0.0.1:${port}`,
  TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: site, TUOYU_SERVICE_WORKER: 'off',
};
execFileSync(binary, ['seed-demo', '--facilities', '120', '--seed', '20241216'], { env, stdio: 'ignore' });
const server = spawn(binary, [], { env, stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
let failed = false;
try {
  for (let i = 0; ; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (i > 300) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const baseline = args.baseline && existsSync(args.baseline) ? bundleBrotli(args.baseline) : null;
  const pkgDir = join(site, 'pkg');
  const contextOptions = { viewport: { width: 360, height: 740 }, locale: 'zh-CN', serviceWorkers: 'block' };
  // One sign-in (codes are rate-limited per phone); its cookies open the parent's pages.
  const parent = await browser.newContext(contextOptions);
  await signIn(parent.request);
  const signedIn = await parent.storageState();
  await parent.close();
  for (const path of PAGES) {
    const context = await browser.newContext({ ...contextOptions, ...(SIGNED_IN.has(path) ? { storageState: signedIn } : {}) });
    const page = await context.newPage();
    const files = new Set();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/pkg/') && /\.(js|wasm)$/.test(url.pathname)) files.add(url.pathname.slice('/pkg/'.length));
    });
    await page.goto(base + path);
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    if (new URL(page.url()).pathname !== path) throw new Error(`${path} ended on ${page.url()}`);
    let js = 0;
    let wasm = 0;
    for (const name of files) {
      const size = brotli(readFileSync(join(pkgDir, name)));
      if (name.endsWith('.wasm')) wasm += size; else js += size;
    }
    const total = js + wasm;
    const ratio = baseline ? ` baseline_br=${baseline} ratio=${(total / baseline).toFixed(1)}` : '';
    console.log(`page-weight page=${path} files=${files.size} js_br=${js} wasm_br=${wasm} total_br=${total} (${(total / 1024).toFixed(1)} KiB)${ratio}`);
    await context.close();
  }
} catch (error) {
  console.error(`page-weight failed: ${error.message}`);
  failed = true;
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

async function signIn(request) {
  const ok = (response, what) => { if (!response.ok()) throw new Error(`${what}: ${response.status()}`); return response; };
  ok(await request.post(`${base}/api/request_login_code`, { form: { phone: PHONE } }), 'request code');
  const inbox = await ok(await request.get(`${base}/dev/inbox?phone=${PHONE}`), 'inbox').json();
  ok(await request.post(`${base}/api/verify_login_code`, { form: { phone: PHONE, code: inbox.code } }), 'verify');
  ok(await request.post(`${base}/api/give_consent`), 'consent');
}
