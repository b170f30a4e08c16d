import { test, expect, openHydrated, say } from './fixtures';
import type { APIRequestContext, Page } from '@playwright/test';
import { utimesSync } from 'node:fs';

test.use({ serviceWorkers: 'allow' });

/** Phone numbers of this project's own. */
function phoneFor(project: string, n: number): string {
  const index = { 'phone-zh': 1, 'phone-en': 2, 'desktop-zh': 3 }[project] ?? 9;
  return `1340000${index}${String(n).padStart(3, '0')}`;
}

function toddlerBirthDate(): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - 18);
  return d.toISOString().slice(0, 10);
}

async function parentWithChild(request: APIRequestContext, phone: string) {
  expect((await request.post('/api/request_login_code', { form: { phone } })).status()).toBe(200);
  const inbox = await (await request.get(`/dev/inbox?phone=${phone}`)).json();
  expect((await request.post('/api/verify_login_code', { form: { phone, code: inbox.code } })).status()).toBe(200);
  expect((await request.post('/api/give_consent')).status()).toBe(200);
  const added = await request.post('/api/add_child', {
    form: { 'input[name]': '离线', 'input[birth_date]': toddlerBirthDate(), 'input[sex]': 'female', 'input[relation]': 'mother', 'input[id_number]': '' },
  });
  expect(added.status()).toBe(200);
}

/** Opens a page online and waits until the service worker controls it (its copy is then kept). */
async function visitOnline(page: Page, path: string) {
  await openHydrated(page, path);
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
  // Load once more under the worker's control, so that this page's copy is in its cache.
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

test('pages visited online open offline with their "as of" time', async ({ page, context }, info) => {
  test.setTimeout(90_000);
  await parentWithChild(context.request, phoneFor(info.project.name, 1));
  for (const path of ['/facilities', '/facilities/2', '/me/bookings']) await visitOnline(page, path);

  await context.setOffline(true);
  for (const path of ['/facilities', '/facilities/2', '/me/bookings']) {
    await page.goto(path);
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.locator('.as-of').first()).toBeVisible();
  }
  // A page never visited: the offline page, in words.
  await page.goto('/privacy?never-visited=1');
  await expect(page.locator('h1')).toContainText('暂时没有网络');
  await context.setOffline(false);
});

test('an application made offline waits on the device, survives a reload and a new tab, and syncs once', async ({ page, context }, info) => {
  test.setTimeout(90_000);
  await parentWithChild(context.request, phoneFor(info.project.name, 2));
  await visitOnline(page, '/me/bookings');
  await visitOnline(page, '/facilities/2');

  await context.setOffline(true);
  await page.getByRole('button', { name: say(info, '提交申请', 'Apply') }).click();
  await expect(page.locator('[data-outcome="queued"]')).toContainText(say(info, '待同步', 'waiting to sync'));
  // A second try for the same class, also offline: the server will refuse it when it syncs.
  await page.getByRole('button', { name: say(info, '提交申请', 'Apply') }).click();
  await expect(page.getByTestId('pending-badge')).toContainText('2');

  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.getByTestId('pending-badge')).toContainText('2');
  await page.close();
  const again = await context.newPage();
  await again.goto('/me/bookings');
  await expect(again.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(again.locator('.queue-item[data-state="pending"]')).toHaveCount(2);

  // Back online: the queue goes to the server; one is applied, the duplicate is refused in words.
  // (The "sync now" button is there while items wait; the browser's `online` event syncs too.)
  await expect(again.getByRole('button', { name: say(info, '立即同步', 'Sync now') })).toBeVisible();
  await context.setOffline(false);
  // The `online` event starts the sync; "sync now" too, if it is still waiting.
  await again.getByRole('button', { name: say(info, '立即同步', 'Sync now') }).click({ timeout: 2000 }).catch(() => {});
  await expect(again.locator('.queue-item[data-state="applied"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(again.locator('.queue-item[data-state="refused"]')).toContainText(say(info, '进行中的申请', 'open application'));
  await expect(again.getByTestId('pending-badge')).toHaveCount(0);
  const mine = await (await context.request.get('/api/v1/me/bookings')).json();
  expect(mine.applications.filter((a: { facility_id: number }) => a.facility_id === 2)).toHaveLength(1);
  // A refused item stays until dismissed.
  await again.locator('.queue-item[data-state="refused"]').getByRole('button').click();
  await expect(again.locator('.queue-item[data-state="refused"]')).toHaveCount(0);
});

test('a new build replaces the old service worker and its cached files after the person chooses reload', async ({ page }, info) => {
  test.setTimeout(60_000);
  await visitOnline(page, '/facilities');
  const before = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('tuoyu-shell-')));
  expect(before).toHaveLength(1);
  // A new deploy: the built files change (here their modification time), so /sw.js carries a new version.
  const css = `${process.env.E2E_SITE_ROOT ?? '../target/site'}/pkg/tuoyu.css`;
  const now = new Date();
  utimesSync(css, now, now);
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update(); });
  await expect(page.locator('.update-banner')).toBeVisible({ timeout: 20_000 });
  await page.locator('.update-banner button').click();
  await page.waitForFunction(async (old) => {
    const keys = (await caches.keys()).filter((k) => k.startsWith('tuoyu-shell-'));
    return keys.length === 1 && keys[0] !== old;
  }, before[0], { timeout: 20_000 });
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
});
