// Warm repeat visits on a slow-4G phone, with the service worker, online and offline.
//
// Debian Chromium at 360×740; the network goes through a throttling TCP proxy in this script
// (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, one shared link — DevTools' "Slow 4G"
// figures), so the service worker's own requests are slowed too, which DevTools' per-page
// throttling would not do; the CPU is slowed 4× (CDP). "Warm" = the page was visited before,
// the worker controls it and its caches hold the shell and the page. Each visit is a new
// navigation; the figures come from the browser's own timing (Paint Timing for first contentful
// paint; the moment the app sets <body data-hydrated> for hydrated), from navigation start.
// Prints one line per page and mode, e.g.
//   pwa-bench page=/facilities mode=online-sw runs=9 fcp_p50_ms=… fcp_p95_ms=… hydrated_p50_ms=… hydrated_p95_ms=… from_worker=9
// Modes: online-sw and offline-sw (the worker answers; offline it serves its copy), and
// online-no-sw (service workers blocked, the browser's HTTP cache only) for comparison.
//
//   node scripts/bench-pwa.mjs [--runs 9] [--server target/release/server]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(resolve('end2end/package.json'));
const { chromium } = require('@playwright/test');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const runs = Number(args.runs ?? 9);
const binary = args.server ?? 'target/release/server';
const serverPort = 3310;
const proxyPort = 3311;
const SLOW_4G = { rttMs: 150, downBitsPerS: 1.6e6, upBitsPerS: 750e3 };
const CPU_SLOWDOWN = 4;
const PAGES = ['/facilities', '/facilities/2', '/', '/lessons/feeding-06-12-first-foods'];

const dir = mkdtempSync(join(tmpdir(), 'tuoyu-pwa-bench-'));
const env = {
  ...process.env, DATABASE_URL: `sqlite://${join(dir, 'bench.db')}`, TUOYU_DATA_DIR: dir, TUOYU_ADDR: `127.0.0.1:${serverPort}`,
  TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: 'target/site', TUOYU_SERVICE_WORKER: 'on',
};
execFileSync(binary, ['seed-demo', '--facilities', '120', '--seed', '20241216'], { env, stdio: 'ignore' });
const server = spawn(binary, [], { env, stdio: 'ignore' });

/** One direction of the shared link: bytes leave one after another at `bitsPerS` and arrive
 * half a round trip later. Returns the delay (ms from now) at which `bytes` arrive. */
function link(bitsPerS) {
  let freeAt = 0;
  return (bytes) => {
    const now = performance.now();
    const departs = Math.max(now, freeAt) + (bytes * 8 * 1000) / bitsPerS;
    freeAt = departs;
    return departs + SLOW_4G.rttMs / 2 - now;
  };
}
const down = link(SLOW_4G.downBitsPerS);
const up = link(SLOW_4G.upBitsPerS);

/** Forwards `from` to `to` through `delayFor`, keeping the order of chunks. */
function pipeSlowly(from, to, delayFor, notBefore) {
  let last = 0;
  from.on('data', (chunk) => {
    const at = Math.max(performance.now() + delayFor(chunk.length), last, notBefore());
    last = at;
    setTimeout(() => to.writable && to.write(chunk), at - performance.now());
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, last - performance.now())));
  from.on('error', () => to.destroy());
}

const proxy = net.createServer((client) => {
  // A new connection costs one round trip (the TCP handshake) before data flows.
  const openAt = performance.now() + SLOW_4G.rttMs;
  const upstream = net.connect(serverPort, '127.0.0.1');
  pipeSlowly(client, upstream, up, () => openAt);
  pipeSlowly(upstream, client, down, () => openAt);
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
});
await new Promise((r) => proxy.listen(proxyPort, '127.0.0.1', r));
const base = `http://127.0.0.1:${proxyPort}`;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(0);
}

// Records when the app marks <body data-hydrated>, in the page's own clock.
const WATCH_HYDRATION = () => {
  new MutationObserver((_, observer) => {
    if (document.body?.dataset.hydrated === 'true') {
      window.__hydratedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
};

async function measure(page, cdp, path) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(`${base}${path}`, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => window.__hydratedAt != null, null, { timeout: 120_000 });
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    hydrated: window.__hydratedAt,
    fromWorker: (performance.getEntriesByType('navigation')[0]?.workerStart ?? 0) > 0,
  }));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return timing;
}

try {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${serverPort}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update'],
  });
  for (const mode of ['online-sw', 'offline-sw', 'online-no-sw']) {
    const withWorker = mode.endsWith('-sw') && !mode.endsWith('no-sw');
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
      serviceWorkers: withWorker ? 'allow' : 'block',
    });
    await context.addInitScript(WATCH_HYDRATION);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // The first visit: installs the worker (or fills the HTTP cache) and keeps a copy of each page.
    for (const path of PAGES) {
      await page.goto(`${base}${path}`, { timeout: 120_000 });
      await page.waitForFunction(() => window.__hydratedAt != null, null, { timeout: 120_000 });
      if (withWorker) {
        await page.waitForFunction(() => navigator.serviceWorker.controller != null, null, { timeout: 120_000 });
        await page.reload({ timeout: 120_000 });
        await page.waitForFunction(() => window.__hydratedAt != null, null, { timeout: 120_000 });
      }
    }
    if (mode.startsWith('offline')) await context.setOffline(true);
    for (const path of PAGES) {
      const samples = [];
      for (let run = 0; run < runs; run++) samples.push(await measure(page, cdp, path));
      const fcp = samples.map((s) => s.fcp);
      const hydrated = samples.map((s) => s.hydrated);
      console.log(
        `pwa-bench page=${path} mode=${mode} runs=${runs} network=slow-4g(rtt=${SLOW_4G.rttMs}ms,down=1.6Mbit/s,up=750kbit/s) cpu_slowdown=${CPU_SLOWDOWN} ` +
          `fcp_p50_ms=${percentile(fcp, 50)} fcp_p95_ms=${percentile(fcp, 95)} ` +
          `hydrated_p50_ms=${percentile(hydrated, 50)} hydrated_p95_ms=${percentile(hydrated, 95)} ` +
          `from_worker=${samples.filter((s) => s.fromWorker).length}`,
      );
    }
    await context.close();
  }
  await browser.close();
} finally {
  proxy.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
