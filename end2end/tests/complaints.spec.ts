import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { FACILITY, newContext, parentWithChild, phoneFor, signInStaff } from './people';
import type { Page } from '@playwright/test';

/** A small JPEG photo, made by the browser's own encoder. */
async function photo(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.fillStyle = '#2a9d8f';
    context.fillRect(0, 0, 64, 48);
    context.fillStyle = '#e76f51';
    context.fillRect(16, 12, 32, 24);
    return canvas.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

async function complaintsStored(page: Page, code: string, password: string): Promise<number> {
  const response = await page.request.post('/api/v1/complaints/track', { data: { code, password } });
  return response.status() === 200 ? 1 : 0;
}

test('an anonymous family files with a photo, tracks it, the routed department answers and the family rates the answer', async ({ browser, page, consoleErrors }, info) => {
  test.setTimeout(180_000);
  const family = await newContext(browser, info);
  const parent = await family.newPage();
  // The family's page is watched like the test's own: any console error fails the test.
  const parentErrors: string[] = [];
  parent.on('console', (message) => {
    if (message.type() === 'error') parentErrors.push(`${message.text()} (${message.location().url}) [${parent.url()}]`);
  });
  parent.on('pageerror', (error) => parentErrors.push(String(error)));
  await openHydrated(parent, `/facilities/${FACILITY}`);
  await parent.locator('.complaints-section a[href^="/complaints/new"]').click();
  await expect(parent).toHaveURL(new RegExp(`/complaints/new\\?facility=${FACILITY}$`));
  await expect(parent.locator('body[data-hydrated="true"]')).toBeAttached();
  const form = parent.locator('form.complaint-form');
  await expect(form.locator('.complaint-about')).toBeVisible();

  // Harm to a child: the emergency numbers come first, before anything else is filled in.
  await form.locator('#complaint-category').selectOption('child_harm');
  await expect(form.locator('.urgent-call a[href="tel:110"]')).toBeVisible();
  await expect(form.locator('.urgent-call a[href="tel:120"]')).toBeVisible();

  // Too short a description: refused in words, nothing filed.
  await form.locator('#complaint-category').selectOption('food');
  await expect(form.locator('.urgent-call')).toHaveCount(0);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await form.locator('#complaint-date').fill(today);
  await form.locator('#complaint-description').fill('太差了');
  await form.getByRole('button', { name: say(info, '提交', 'Send') }).click();
  await expect(form.locator('.notice-error')).toContainText(say(info, '至少 10 个字', 'at least 10 characters'));
  expect(expectedRefusals(parentErrors, 422, '/api/v1/complaints')).toBe(1);

  // Filed with a photo: a tracking code and a password shown once.
  const description = `${info.project.name}：午饭的米饭没有煮熟，孩子回家后肚子疼。`;
  await form.locator('#complaint-description').fill(description);
  await form.locator('#complaint-photos').setInputFiles({ name: 'lunch.jpg', mimeType: 'image/jpeg', buffer: await photo(parent) });
  await form.getByRole('button', { name: say(info, '提交', 'Send') }).click();
  await expect(form.locator('[data-outcome="filed"]')).toBeVisible();
  const code = (await form.getByTestId('tracking-code').textContent())?.trim() ?? '';
  const password = (await form.getByTestId('tracking-password').textContent())?.trim() ?? '';
  expect(code).toMatch(/^TS-\d{2}-[2-9A-HJKMNP-TV-Z]{6}$/);
  expect(password).toMatch(/^\d{6}$/);

  // 马上查: the code and password show where it is and who handles it.
  await form.getByRole('link', { name: say(info, '查看进度', 'Check progress') }).click();
  await expect(parent).toHaveURL(/\/complaints\/track\?code=/);
  await expect(parent.locator('body[data-hydrated="true"]')).toBeAttached();
  await parent.locator('#track-password').fill(password);
  await parent.getByRole('button', { name: say(info, '查询', 'Check') }).click();
  const tracked = parent.locator('article.complaint');
  await expect(tracked).toHaveAttribute('data-state', 'dispatched');
  await expect(tracked).toContainText(say(info, '区市场监管局', 'Market Regulation'));
  await expect(tracked.locator('.deadline')).toBeVisible();

  // The market regulator accepts it, sees the photo, and answers.
  await signInStaff(page, info, 'demo-market', /\/supervisor$/);
  await openHydrated(page, '/staff/complaints');
  await page.locator('.complaint-line').filter({ hasText: code }).locator('a').click();
  await expect(page.locator('article.complaint')).toHaveAttribute('data-state', 'dispatched');
  // On a desktop screen the inbox stays beside the complaint, this one marked; a phone shows
  // the complaint alone (the breadcrumb leads back).
  const side = page.locator('aside.staff-inbox');
  if ((info.project.use.viewport?.width ?? 0) >= 1024) {
    await expect(side.locator('.complaint-line[aria-current="page"]')).toContainText(code);
  } else {
    await expect(side).toBeHidden();
  }
  await expect(page.locator('img.complaint-photo')).toHaveJSProperty('complete', true);
  expect(await page.locator('img.complaint-photo').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  const steps = page.locator('form.step-form');
  await steps.locator('input[value="accept"]').check();
  await steps.locator('button[type="submit"]').click();
  await expect(page.locator('article.complaint')).toHaveAttribute('data-state', 'accepted');
  const reply = `已对${info.project.name}反映的问题现场检查，责令整改。`;
  await steps.locator('input[value="reply"]').check();
  await steps.locator('#step-text').fill(reply);
  await steps.locator('button[type="submit"]').click();
  await expect(page.locator('article.complaint')).toHaveAttribute('data-state', 'replied');

  // The family sees the answer and says it is satisfied.
  await parent.getByRole('button', { name: say(info, '查询', 'Check') }).click();
  await expect(parent.getByTestId('complaint-reply')).toContainText(reply);
  await parent.locator('button[data-verdict="satisfied"]').click();
  await expect(parent.locator('.timeline li[data-event="verdict"]')).toContainText(say(info, '满意', 'Satisfied'));
  await expect(parent.locator('section.verdict')).toHaveCount(0);
  expect(await complaintsStored(page, code, password)).toBe(1);
  const overflow = await parent.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  expect(parentErrors, 'console errors on the family page').toEqual([]);
  await family.close();
  expectedRefusals(consoleErrors, 422, '/api/staff_second_factor');
});

test('a signed-in parent files offline, it is sent once when back online and shows under my complaints', async ({ browser }, info) => {
  test.setTimeout(120_000);
  const family = await newContext(browser, info);
  await parentWithChild(family.request, phoneFor(info.project.name, 31), `诉${info.project.name}`);
  const parent = await family.newPage();
  await openHydrated(parent, `/complaints/new?facility=${FACILITY}`);
  const form = parent.locator('form.complaint-form');
  await form.locator('#complaint-category').selectOption('fees_prices');
  await form.locator('#complaint-date').fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  await form.locator('#complaint-description').fill(`${info.project.name}：本月多收了 300 元材料费，没有公示。`);
  await family.setOffline(true);
  await form.getByRole('button', { name: say(info, '提交', 'Send') }).click();
  await expect(form.locator('[data-outcome="queued"]')).toBeVisible();
  await family.setOffline(false);
  await expect
    .poll(async () => (await (await family.request.get('/api/v1/me/complaints')).json()).length, { timeout: 20_000 })
    .toBe(1);
  await openHydrated(parent, '/me/complaints');
  await expect(parent.locator('.complaint-line')).toHaveCount(1);
  await parent.locator('.complaint-line a').click();
  await expect(parent.locator('article.complaint')).toHaveAttribute('data-state', 'dispatched');
  await expect(parent.locator('article.complaint')).toContainText(say(info, '区发展改革委', 'Development and Reform'));
  await family.close();
});

test('filed anonymously offline about a place marked on the map, with a photo: kept on the phone, sent once, then its code and password show', async ({ browser }, info) => {
  test.setTimeout(120_000);
  // The phone stands in 两路街道, inside the district.
  const family = await newContext(browser, info, { geolocation: { latitude: 29.73, longitude: 106.625 }, permissions: ['geolocation'] });
  const page = await family.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  const filings: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/complaints') filings.push(request.postData() ?? '');
  });
  await openHydrated(page, '/complaints/new');
  const form = page.locator('form.complaint-form');
  await form.locator('#complaint-place-name').fill(`${info.project.name} 小区里的看护点`);
  await form.locator('#complaint-place-address').fill('两路街道某小区 5 栋 2 楼');

  // The place on the map: the phone's position first, then a tap beside it moves the mark.
  await form.getByRole('button', { name: say(info, '打开地图标点', 'Open the map to mark it') }).click();
  const status = form.getByTestId('picker-status');
  await expect(status).toContainText(say(info, '可选', 'Optional'));
  await form.getByRole('button', { name: say(info, '用我现在的位置', 'Use my position') }).click();
  await expect(status).toContainText('29.73000');
  await expect(form.getByTestId('picked-point')).toBeVisible();
  const map = form.locator('.picker-map svg.map');
  const box = await map.boundingBox();
  if (!box) throw new Error('the picker map is not on screen');
  await map.click({ position: { x: box.width / 2 + 60, y: box.height / 2 } });
  await expect(status).toContainText(say(info, '已标出', 'Marked'));
  await expect(status).not.toContainText('106.62500');
  const marked = (await status.textContent()) ?? '';

  await form.locator('#complaint-category').selectOption('unfiled_operation');
  await form.locator('#complaint-date').fill(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  await form.locator('#complaint-description').fill(`${info.project.name}：小区里有人在家收托十几个孩子，没有挂牌，也没有备案。`);
  await form.locator('#complaint-photos').setInputFiles({ name: 'door.jpg', mimeType: 'image/jpeg', buffer: await photo(page) });

  // Offline: the whole complaint, photo included, waits on this phone.
  await family.setOffline(true);
  await form.getByRole('button', { name: say(info, '提交', 'Send') }).click();
  await expect(form.locator('[data-outcome="queued"]')).toBeVisible();
  const waiting = page.locator('.device-queue .queue-item[data-kind="complaint.file"]');
  await expect(waiting).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('pending-badge')).toBeVisible();
  expect(filings, 'nothing left the phone while offline').toEqual([]);

  // Back online: sent once, with its photo and point; the code and the password show on the phone.
  await family.setOffline(false);
  await expect(waiting).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
  const code = (await waiting.getByTestId('queued-code').textContent())?.trim() ?? '';
  const password = (await waiting.getByTestId('queued-password').textContent())?.trim() ?? '';
  expect(code).toMatch(/^TS-\d{2}-[2-9A-HJKMNP-TV-Z]{6}$/);
  expect(password).toMatch(/^\d{6}$/);
  expect(filings).toHaveLength(1);
  const sent = JSON.parse(filings[0]);
  expect(sent.photos).toHaveLength(1);
  expect(sent.complaint.place_lat).toBeCloseTo(29.73, 2);
  expect(marked).toContain(sent.complaint.place_lon.toFixed(5));
  await expect(page.getByTestId('pending-badge')).toHaveCount(0);

  // 马上查 with the code and password: the place and the marked point are there.
  const tracked = await page.request.post('/api/v1/complaints/track', { data: { code, password } });
  expect(tracked.status()).toBe(200);
  const detail = await tracked.json();
  expect(detail.place_name).toBe(`${info.project.name} 小区里的看护点`);
  expect(detail.departments).toEqual(['health', 'market']);
  expect(detail.place_lon).toBeCloseTo(sent.complaint.place_lon, 6);
  await waiting.getByRole('link', { name: say(info, '查看进度', 'Check progress') }).click();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.locator('#track-password').fill(password);
  await page.getByRole('button', { name: say(info, '查询', 'Check') }).click();
  await expect(page.getByTestId('complaint-map-point')).toHaveAttribute('href', /uri\.amap\.com\/marker\?position=106\.6\d+,29\.7\d+/);

  // Dismissed: the password is gone from the phone.
  await openHydrated(page, '/complaints/new');
  await page.locator('.device-queue .queue-item[data-kind="complaint.file"]').getByRole('button', { name: say(info, '知道了', 'OK, remove') }).click();
  await expect(page.locator('.device-queue')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('tuoyu.queue.v1') ?? '')).not.toContain(password);
  expect(errors, 'console errors on the family page').toEqual([]);
  await family.close();
});
