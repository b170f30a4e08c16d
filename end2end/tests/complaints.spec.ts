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
