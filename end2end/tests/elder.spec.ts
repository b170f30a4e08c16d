/**
 * 长辈版 (elder mode): one switch, remembered on the device and in the account; text at least
 * 18 px (base 20 px), tappable controls at least 60 px, no sideways scrolling, no serious
 * accessibility finding. Screenshots of the main family pages are attached to the report.
 */
import type { Page } from '@playwright/test';
import { test, expect, openHydrated, say } from './fixtures';
import { newContext, parentWithChild, phoneFor } from './people';
import { seriousViolations } from './axe';

const MAIN_FAMILY_PAGES = [
  '/', '/facilities', '/facilities?view=map', '/facilities/1', '/login', '/lessons?age=7', '/lessons/feeding-06-12-first-foods',
  '/policies', '/policies/childcare-subsidy', '/policies/family-calculator', '/complaints/new', '/complaints/track', '/me',
];

/** Visible text smaller than `min` px in `main` and the header: tag, size and the first words. */
async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('header *, main *, footer *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own || (el as HTMLElement).offsetParent === null || el.closest('.visually-hidden, svg')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) found.push(`${el.tagName.toLowerCase()}.${el.className} ${size}px "${el.textContent!.trim().slice(0, 20)}"`);
    }
    return found;
  }, min);
}

/** Controls shorter than `min` px (the same controls the standard layout's check measures). */
async function smallControls(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) =>
    [...document.querySelectorAll('main button, main select, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main a.button, header nav a, header button, footer button')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
      .filter(({ h }) => h < min - 0.5)
      .map(({ el, h }) => `${h}px ${el}`), min);
}

test('the 长辈版 switch on the home page enlarges the app and the device remembers it', async ({ page }, info) => {
  await openHydrated(page, '/');
  await expect(page.locator('html')).toHaveAttribute('data-display', 'standard');
  // The standard layout has text under 18 px (so the check below sees text at all).
  expect((await smallText(page, 18)).length).toBeGreaterThan(0);
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/save_display_mode'));
  await page.locator('.hero .display-switch').click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('data-display', 'elder');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
  await expect(page.locator('.hero .display-switch')).toHaveText(say(info, '退出长辈版', 'Standard text'));

  // The server renders the next visit in elder mode: nothing jumps after loading.
  const response = await page.goto('/facilities');
  expect(await response!.text()).toContain('data-display="elder"');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.locator('footer .display-switch')).toHaveText(say(info, '退出长辈版', 'Standard text'));

  await page.locator('footer .display-switch').click();
  await expect(page.locator('html')).toHaveAttribute('data-display', 'standard');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-display', 'standard');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('16px');
});

test('a signed-in parent\'s choice follows them to another phone; there the main family pages read large, tap large, fit the screen and pass axe', async ({ page, browser }, info) => {
  test.setTimeout(240_000);
  const phone = phoneFor(info.project.name, 811);
  await parentWithChild(page.request, phone, '小宁');
  const codeSentAt = Date.now();
  await openHydrated(page, '/me');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/save_display_mode'));
  await page.locator('footer .display-switch').click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('data-display', 'elder');

  // Every main family page in elder mode on this phone (screenshots attached to the report).
  for (const path of MAIN_FAMILY_PAGES) {
    await openHydrated(page, path);
    await expect(page.locator('html')).toHaveAttribute('data-display', 'elder');
    await expect(page.locator('main')).not.toBeEmpty();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    expect(await smallText(page, 18), `${path}: text under 18 px`).toEqual([]);
    expect(await smallControls(page, 60), `${path}: controls under 60 px`).toEqual([]);
    expect(await seriousViolations(page), `${path}: axe`).toEqual([]);
    const name = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
    await info.attach(`elder-${name}.png`, { body: await page.screenshot(), contentType: 'image/png' });
  }

  // Another phone that never chose: signing in brings the account's choice. A phone gets one
  // sign-in code a minute, so wait out what is left of the minute.
  await page.waitForTimeout(Math.max(0, 61_000 - (Date.now() - codeSentAt)));
  const otherPhone = await newContext(browser, info);
  const other = await otherPhone.newPage();
  await openHydrated(other, '/');
  await expect(other.locator('html')).toHaveAttribute('data-display', 'standard');
  expect((await other.request.post('/api/request_login_code', { form: { phone } })).status()).toBe(200);
  const inbox = await (await other.request.get(`/dev/inbox?phone=${phone}`)).json();
  expect((await other.request.post('/api/verify_login_code', { form: { phone, code: inbox.code } })).status()).toBe(200);
  await openHydrated(other, '/me');
  await expect(other.locator('html')).toHaveAttribute('data-display', 'elder');
  await otherPhone.close();
});
