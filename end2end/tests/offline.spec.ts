import { test, expect, openHydrated, say, visitOnline } from './fixtures';
import { chromium } from '@playwright/test';
import type { APIRequestContext, BrowserContext, Page, TestInfo } from '@playwright/test';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/**
 * A browser with a profile on disk, like a phone's: closing it and opening it again keeps the
 * service worker, its caches, localStorage and cookies. Console errors of its pages go to `errors`.
 */
async function openDevice(dir: string, info: TestInfo, errors: string[]): Promise<BrowserContext> {
  const use = info.project.use;
  const device = await chromium.launchPersistentContext(dir, {
    ...(use.launchOptions ?? {}),
    baseURL: use.baseURL,
    viewport: use.viewport,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    deviceScaleFactor: use.deviceScaleFactor,
    locale: use.locale,
    extraHTTPHeaders: use.extraHTTPHeaders,
    serviceWorkers: 'allow',
  });
  const watch = (page: Page) => {
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(String(error)));
  };
  device.pages().forEach(watch);
  device.on('page', watch);
  return device;
}

async function firstPage(device: BrowserContext): Promise<Page> {
  return device.pages()[0] ?? (await device.newPage());
}

test('pages visited online open offline with their "as of" time', async ({ page, context }, info) => {
  test.setTimeout(90_000);
  await parentWithChild(context.request, phoneFor(info.project.name, 1));
  for (const path of ['/facilities', '/facilities/2', '/me/bookings', '/staff/login']) await visitOnline(page, path);

  await context.setOffline(true);
  for (const path of ['/facilities', '/facilities/2', '/me/bookings']) {
    await page.goto(path);
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.locator('.as-of').first()).toBeVisible();
  }
  // A page never visited: the offline page, in words.
  await page.goto('/privacy?never-visited=1');
  await expect(page.locator('h1')).toContainText('暂时没有网络');
  // It lists what this device keeps, so the family can still get to it.
  await expect(page.locator('#saved-pages a[href="/me/bookings"]')).toBeVisible();
  await expect(page.locator('#saved-pages a[href="/facilities/2"]')).toBeVisible();
  // Staff pages are never kept on the device (they show other families' data).
  await page.goto('/staff/login');
  await expect(page.locator('h1')).toContainText('暂时没有网络');
  await expect(page.locator('#saved-pages a[href="/staff/login"]')).toHaveCount(0);
  await context.setOffline(false);
});

test('the very first page opened, before the service worker existed, opens offline too', async ({ page, context }) => {
  await openHydrated(page, '/facilities/3');
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
  // The new worker keeps a copy of the page that installed it.
  await page.waitForFunction(async () => (await (await caches.open('tuoyu-pages-v1')).match(location.href)) != null, null, { timeout: 15_000 });
  // The device keeps the code of every family page, and none of the code only staff pages use.
  const kept = await page.evaluate(async () => {
    const shell = (await caches.keys()).find((name) => name.startsWith('tuoyu-shell-')) ?? 'none';
    return (await (await caches.open(shell)).keys()).map((request) => new URL(request.url).pathname);
  });
  for (const group of ['finding_pages', 'family_pages', 'complaint_pages', 'lesson_pages', 'support_pages']) {
    expect(kept.filter((path) => path.includes(group)), group).toHaveLength(1);
  }
  expect(kept.filter((path) => path.includes('staff_pages'))).toEqual([]);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.locator('.as-of').first()).toBeVisible();
  await context.setOffline(false);
});

test('offline, a page never opened opens from a link inside the app: its code is on the device', async ({ page, context }, info) => {
  await parentWithChild(context.request, phoneFor(info.project.name, 3));
  await visitOnline(page, '/me');
  await context.setOffline(true);
  await page.locator('main a[href="/privacy"]').click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.locator('h1')).toHaveText(say(info, '个人信息保护说明', 'Privacy notice'));
  await context.setOffline(false);
});

test('the lessons of the child\'s age bands open offline after one visit to the list, and a check answered offline syncs once', async ({ page, context }, info) => {
  test.setTimeout(120_000);
  // A child of about 18 months: its band (12–24 months) and the next (24–36) are kept.
  await parentWithChild(context.request, phoneFor(info.project.name, 5));
  const list = await (await context.request.get('/api/v1/lessons')).json();
  const kept: string[] = list.keep_offline;
  expect(kept.length).toBeGreaterThanOrEqual(24);
  expect(kept.every((id) => /-(12-24|24-36)-/.test(id)), kept.join(' ')).toBe(true);
  await visitOnline(page, '/lessons');
  await page.waitForFunction(async (ids) => {
    const cache = await caches.open('tuoyu-pages-v1');
    for (const id of ids) if (!(await cache.match(`${location.origin}/lessons/${id}`))) return false;
    return true;
  }, kept, { timeout: 60_000 });

  // Offline, a lesson of the next band never opened before: read it, answer its check.
  await context.setOffline(true);
  const id = kept.find((k) => k.includes('-24-36-'))!;
  await page.goto(`/lessons/${id}`);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.locator('.lesson h1')).toBeVisible();
  await page.getByTestId('read-done').click();
  const questions = page.locator('.lesson-check fieldset.question');
  for (let i = 0; i < await questions.count(); i++) await questions.nth(i).locator('label.choice').first().click();
  await expect(page.locator('.read-done .notice').filter({ hasText: say(info, '待同步', 'waiting to sync') })).toBeVisible();
  await expect(page.getByTestId('pending-badge')).toContainText('2');

  // Online again: the queue syncs by itself, once; sending the same operations again changes nothing.
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.queue.v1') ?? '[]').map((item: { operation: unknown }) => item.operation));
  await context.setOffline(false);
  await expect(page.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 });
  const again = await context.request.post('/api/v1/sync', { data: { version: 1, operations: queued } });
  expect((await again.json()).results.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'applied']);
  const progress = await (await context.request.get('/api/my_lesson_progress')).json();
  expect(progress.filter((p: { lesson_id: string }) => p.lesson_id === id)).toEqual([
    expect.objectContaining({ lesson_id: id, read: true, answered: true, learned: true }),
  ]);
});

test('offline, a place booked at an activity and a question to the experts wait on the device and are sent once', async ({ page, context }, info) => {
  test.setTimeout(120_000);
  await parentWithChild(context.request, phoneFor(info.project.name, 7));
  await visitOnline(page, '/lessons/activities');
  await visitOnline(page, '/lessons/ask');
  const activities = (await (await context.request.get('/api/activities')).json()).activities as { id: number; free: number }[];
  const chosen = [...activities].sort((a, b) => b.free - a.free)[0];

  await context.setOffline(true);
  await page.goto('/lessons/activities');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const card = page.locator(`[data-testid="activity"][data-id="${chosen.id}"]`);
  await card.getByTestId('book-activity').click();
  await expect(card.locator('[data-outcome="queued"]')).toContainText(say(info, '待同步', 'Waiting to sync'));
  await page.goto('/lessons/ask');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const marker = `离线提问${info.project.name}${Date.now() % 100000}`;
  await page.locator('#ask-age').selectOption('18');
  await page.locator('#ask-topic').selectOption('care');
  await page.locator('#ask-text').fill(`${marker}：孩子晚上入睡越来越晚，白天要不要少睡一会儿？`);
  await page.getByRole('button', { name: say(info, '提交问题', 'Send the question') }).click();
  await expect(page.locator('[data-outcome="queued"]')).toContainText(say(info, '待同步', 'waiting to sync'));
  await expect(page.getByTestId('pending-badge')).toContainText('2');

  // Online again: both go through by themselves, once; sending them again changes nothing.
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.queue.v1') ?? '[]').map((item: { operation: unknown }) => item.operation));
  await context.setOffline(false);
  await expect(page.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 });
  const again = await context.request.post('/api/v1/sync', { data: { version: 1, operations: queued } });
  expect((await again.json()).results.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'applied']);
  const mine = (await (await context.request.get('/api/my_questions')).json()) as { question: string }[];
  expect(mine.filter((q) => q.question.startsWith(marker))).toHaveLength(1);
  const after = ((await (await context.request.get('/api/activities')).json()).activities as { id: number; free: number; my_booking: number | null }[]).find((a) => a.id === chosen.id)!;
  expect([after.free, after.my_booking !== null]).toEqual([chosen.free - 1, true]);
});

test('an application made offline waits through a reload and a browser restart, and syncs once although sent twice', async ({}, info) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'tuoyu-device-'));
  const errors: string[] = [];
  let device = await openDevice(dir, info, errors);
  try {
    await parentWithChild(device.request, phoneFor(info.project.name, 2));
    let page = await firstPage(device);
    for (const path of ['/me', '/me/bookings', '/facilities/2']) await visitOnline(page, path);

    await device.setOffline(true);
    await page.getByRole('button', { name: say(info, '提交申请', 'Apply') }).click();
    await expect(page.locator('[data-outcome="queued"]')).toContainText(say(info, '待同步', 'waiting to sync'));
    // A second try for the same class, also offline: the server will refuse it when it syncs.
    await page.getByRole('button', { name: say(info, '提交申请', 'Apply') }).click();
    await expect(page.getByTestId('pending-badge')).toContainText('2');
    await page.reload();
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.getByTestId('pending-badge')).toContainText('2');

    // Signing out would wipe the device copy with the queue: the page says so and asks first.
    await page.goto('/me');
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await page.locator('.sign-out').click();
    await expect(page.locator('.sign-out-warning')).toContainText('2');
    await page.getByRole('button', { name: say(info, '先不退出', 'Stay signed in') }).click();
    await expect(page.locator('.sign-out-warning')).toHaveCount(0);

    // The browser is closed and opened again, still without a network: the items still wait,
    // each with the time it was saved on the device.
    await device.close();
    device = await openDevice(dir, info, errors);
    await device.setOffline(true);
    page = await firstPage(device);
    await page.goto('/me/bookings');
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.locator('.queue-item[data-state="pending"]')).toHaveCount(2);
    await expect(page.locator('.queue-item .as-of').first()).toContainText(say(info, '本机记录于', 'Saved on this device'));

    // An earlier sync reached the server but its answer was lost on the way back: the server
    // has applied the operations; the device does not know and will send them again.
    const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.queue.v1') ?? '[]').map((item: { operation: unknown }) => item.operation));
    const lost = await device.request.post('/api/v1/sync', { data: { version: 1, operations: queued } });
    expect(lost.status()).toBe(200);
    const lostResults = (await lost.json()).results;
    expect(lostResults.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'refused']);

    // A second tab shows the same queue; both tabs sync when the network returns.
    const otherTab = await device.newPage();
    await otherTab.goto('/me/bookings');
    await expect(otherTab.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(otherTab.locator('.queue-item[data-state="pending"]')).toHaveCount(2);

    // Back online: the device sends the same operations (from both tabs); the server answers
    // with the first results and applies nothing twice. One is applied, the duplicate is
    // refused in words.
    // The `online` event starts the sync by itself (no click: a click racing the automatic
    // sync could only hide a sync that never starts).
    await device.setOffline(false);
    await expect(page.locator('.queue-item[data-state="applied"]')).toHaveCount(1, { timeout: 20_000 });
    await expect(page.locator('.queue-item[data-state="refused"]')).toContainText(say(info, '进行中的申请', 'open application'));
    await expect(page.locator('.queue-item[data-state="applied"] .as-of')).toContainText(say(info, '同步于', 'Synced'));
    await expect(page.getByTestId('pending-badge')).toHaveCount(0);
    const deviceResults = await page.evaluate(() => JSON.parse(localStorage.getItem('tuoyu.queue.v1') ?? '[]').map((item: { result: unknown }) => item.result));
    expect(deviceResults[0]).toEqual(lostResults[0].result);
    await expect(otherTab.locator('.queue-item[data-state="applied"]')).toHaveCount(1, { timeout: 20_000 });
    const mine = await (await device.request.get('/api/v1/me/bookings')).json();
    expect(mine.applications.filter((a: { facility_id: number }) => a.facility_id === 2)).toHaveLength(1);
    // A refused item stays until dismissed; dismissing it in one tab removes it in the other.
    await page.locator('.queue-item[data-state="refused"]').getByRole('button').click();
    await expect(page.locator('.queue-item[data-state="refused"]')).toHaveCount(0);
    await expect(otherTab.locator('.queue-item[data-state="refused"]')).toHaveCount(0);
  } finally {
    await device.close();
    rmSync(dir, { recursive: true, force: true });
  }
  expect(errors, 'console errors').toEqual([]);
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
