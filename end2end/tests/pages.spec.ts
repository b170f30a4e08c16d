import { test, expect, openHydrated, say, sayRe } from './fixtures';

test('the home page shows district figures and links to every street and town', async ({ page }, info) => {
  await openHydrated(page, '/');
  await expect(page).toHaveTitle(sayRe(info, '渝北托育', 'Yubei Childcare'));
  await expect(page.locator('html')).toHaveAttribute('lang', say(info, 'zh-CN', 'en'));
  await expect(page.getByText(say(info, '家托育机构', 'facilities'), { exact: true })).toBeVisible();
  await expect(page.locator('.unit-grid a')).toHaveCount(30);
});

test('searching from the home page opens the filtered list', async ({ page }, info) => {
  await openHydrated(page, '/');
  await page.locator('#home-search').fill('双龙湖');
  await page.getByRole('button', { name: say(info, '搜索', 'Search'), exact: true }).click();
  await expect(page).toHaveURL(/\/facilities\?q=/);
  await expect(page.locator('.result-summary')).toContainText(say(info, '符合条件的托育机构共', 'facilities match'));
});

test('a facility page shows classes with honest vacancies, a call and a navigation link', async ({ page }, info) => {
  await openHydrated(page, '/facilities?street=500112002');
  const first = page.locator('.card-link').first();
  const name = (await first.locator('.card-title').textContent()) ?? '';
  await first.click();
  await expect(page).toHaveURL(/\/facilities\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('.class-row').first()).toContainText(say(info, '备案托位', 'Filed places'));
  await expect(page.locator('a[href^="tel:"]').first()).toBeVisible();
  await expect(page.locator('a[href^="https://uri.amap.com/marker"]')).toHaveAttribute('href', /coordinate=gaode/);
  await expect(page.locator('.badge.demo').first()).toBeVisible();
});

test('stale figures show as not updated, never as free places', async ({ page }, info) => {
  // Demo data keeps about one facility in eight without an update for over 30 days.
  await openHydrated(page, '/facilities?sort=vacancy&page=6');
  const stale = page.locator('.card:has(.vacancy-unknown)').first();
  await expect(stale).toBeVisible();
  await expect(stale.locator('.vacancy-unknown')).toHaveText(say(info, '未更新', 'Not updated'));
  await stale.locator('.card-link').click();
  const staleClass = page.locator('.class-row[data-vacancy="unknown"]').first();
  await expect(staleClass).toContainText(say(info, '未更新', 'Not updated'));
  await expect(staleClass).not.toContainText(say(info, '余', 'places free'));
});

test('an unknown facility shows the friendly not-found page with status 404', async ({ page, consoleErrors }, info) => {
  const response = await page.goto('/facilities/999999');
  expect(response?.status()).toBe(404);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.getByRole('heading', { name: say(info, '页面不存在', 'Page not found') })).toBeVisible();
  // Chromium reports the 404 of the document itself as a console error: that one is expected.
  const unexpected = consoleErrors.filter((e) => !e.includes('status of 404'));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
});

test('the language switch changes every text and is remembered', async ({ page }, info) => {
  await openHydrated(page, '/facilities');
  const other = say(info, 'en', 'zh-CN');
  await page.locator('.language-switch').click();
  await expect(page.locator('h1')).toHaveText(other === 'en' ? 'Find childcare' : '找托育机构');
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.locator('html')).toHaveAttribute('lang', other);
  await expect(page.locator('h1')).toHaveText(other === 'en' ? 'Find childcare' : '找托育机构');
});

test('no page scrolls sideways and every control is big enough to tap', async ({ page }, info) => {
  for (const path of ['/', '/facilities', '/facilities?view=map', '/facilities/1', '/lessons?age=7', '/lessons/feeding-06-12-first-foods', '/lessons/guide?age=12', '/lessons/activities', '/lessons/faq', '/lessons/ask', '/policies', '/policies/childcare-subsidy', '/policies/family-calculator', '/policies/facility-calculator']) {
    await openHydrated(page, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} on ${info.project.name}`).toBeLessThanOrEqual(0);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('main button, main select, main input:not([type=hidden]):not([type=checkbox]), main a.button, header nav a, header button')]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ el: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height }))
        .filter(({ h }) => h < 44),
    );
    expect(small, `${path}: controls under 44 px`).toEqual([]);
  }
});
