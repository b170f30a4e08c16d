import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The server under test: the debug build made by `cargo leptos build`, on a fresh SQLite
// database with the standard demo data, on a port of its own.
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = mkdtempSync(join(tmpdir(), 'tuoyu-e2e-'));
const binary = process.env.E2E_SERVER_BIN ?? '../target/debug/server';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Root in containers needs --no-sandbox; the rest keeps Chromium off this closed network.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    launchOptions: chromium,
    trace: 'off',
    // The service worker downloads the whole (debug-sized) client into its cache in every new
    // context; only the offline tests need it (they opt in with test.use).
    serviceWorkers: 'block',
  },
  // Phone first, in both languages; desktop in Chinese. `metadata.lang` tells tests which
  // language's words to expect. Each project is a family on its own network address (the server
  // trusts the loopback proxy's X-Forwarded-For, as behind a real proxy), so the per-address
  // limit on sign-in codes counts each project's families, not the whole run's.
  projects: [
    {
      name: 'phone-zh',
      metadata: { lang: 'zh' },
      use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.1' } },
    },
    {
      name: 'phone-en',
      metadata: { lang: 'en' },
      use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-US', extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.2' } },
    },
    {
      name: 'desktop-zh',
      metadata: { lang: 'zh' },
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions: chromium, locale: 'zh-CN', extraHTTPHeaders: { 'X-Forwarded-For': '198.51.100.3' } },
    },
  ],
  webServer: {
    command: binary,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      TUOYU_ADDR: `127.0.0.1:${port}`,
      TUOYU_DATA_DIR: dataDir,
      LEPTOS_SITE_ROOT: process.env.E2E_SITE_ROOT ?? '../target/site',
      TUOYU_LOG: 'warn',
      TUOYU_TRUSTED_PROXIES: '127.0.0.1',
      // Offline behaviour is tested here, so the service worker is on in this debug build too.
      TUOYU_SERVICE_WORKER: 'on',
    },
  },
});
