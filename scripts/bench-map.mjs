// Map responsiveness with many pins, measured in Debian Chromium at 360×740: the time from an
// input (zoom button, drag step) to the second animation frame after it (the frame that shows
// the change), without and with 4× CPU throttling (a mid-range phone). Prints e.g.
//   map-bench pins=2000 cpu_throttle=4 markers=… zoom_p50_ms=… zoom_p95_ms=… pan_p50_ms=… pan_p95_ms=…
//
//   node scripts/bench-map.mjs [--pins 2000]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(resolve('end2end/package.json'));
const { chromium } = require('@playwright/test');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const pins = Number(args.pins ?? 2000);
const binary = args.server ?? 'target/release/server';
const port = 3300;
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-map-bench-'));
const env = { ...process.env, DATABASE_URL: `sqlite://${join(dir, 'bench.db')}`, TUOYU_DATA_DIR: dir, TUOYU_ADDR: `127.0.0.1:${port}`, TUOYU_LOG: 'warn', LEPTOS_SITE_ROOT: 'target/site' };
execFileSync(binary, ['seed-demo', '--facilities', String(pins), '--seed', '1'], { env, stdio: 'ignore' });
const server = spawn(binary, [], { env, stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1);
}

try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  for (const throttle of [1, 4]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${base}/facilities?view=map`);
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const result = await page.evaluate(async () => {
      const twoFrames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const svg = document.querySelector('svg.map');
      const [zoomIn, zoomOut] = document.querySelectorAll('.map-controls button');
      const markers = () => svg.querySelectorAll('circle.pin, g.cluster').length;
      const atFit = markers();
      const zoom = [];
      for (let round = 0; round < 4; round++) {
        for (const button of [zoomIn, zoomIn, zoomIn, zoomOut, zoomOut, zoomOut]) {
          const t0 = performance.now();
          button.click();
          await twoFrames();
          zoom.push(performance.now() - t0);
        }
      }
      zoomIn.click();
      zoomIn.click();
      await twoFrames();
      const zoomedMarkers = markers();
      const rect = svg.getBoundingClientRect();
      const at = (x, y, type) =>
        svg.dispatchEvent(new PointerEvent(type, { pointerId: 7, clientX: rect.x + x, clientY: rect.y + y, bubbles: true, isPrimary: true }));
      const pan = [];
      at(160, 200, 'pointerdown');
      for (let step = 1; step <= 60; step++) {
        const t0 = performance.now();
        at(160 + (step % 20) * 4, 200 + (step % 15) * 3, 'pointermove');
        await twoFrames();
        pan.push(performance.now() - t0);
      }
      at(200, 240, 'pointerup');
      return { atFit, zoomedMarkers, zoom, pan };
    });
    console.log(
      `map-bench pins=${pins} cpu_throttle=${throttle} markers_at_fit=${result.atFit} markers_zoomed=${result.zoomedMarkers} ` +
        `zoom_p50_ms=${percentile(result.zoom, 50)} zoom_p95_ms=${percentile(result.zoom, 95)} ` +
        `pan_p50_ms=${percentile(result.pan, 50)} pan_p95_ms=${percentile(result.pan, 95)}`,
    );
    await context.close();
  }
  await browser.close();
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
