import { test, expect, openHydrated } from './fixtures';

test('the home page shows district figures and links to every street and town', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/');
  await expect(page).toHaveTitle(/渝北托育/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByText('家托育机构')).toBeVisible();
  await expect(page.locator('.unit-grid a')).toHaveCount(30);
  void consoleErrors;
});

test('searching from the home page opens the filtered list', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/');
  await page.getByPlaceholder('输入机构名称或地址').fill('双龙湖');
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(/\/facilities\?q=/);
  await expect(page.locator('.result-summary')).toContainText('与“双龙湖”相关的托育机构共');
  void consoleErrors;
});

test('the list filters by street and by name without a full page reload', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/facilities');
  await expect(page.locator('.result-summary')).toContainText('全区托育机构共 120 家');
  // A full reload would wipe this marker; client-side navigation keeps it.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await page.getByLabel('街道 / 镇').selectOption({ label: '两路街道' });
  await expect(page).toHaveURL(/street=500112016/);
  await expect(page.locator('.result-summary')).toContainText('两路街道的托育机构共');
  const addresses = await page.locator('.card-address').allTextContents();
  expect(addresses.length).toBeGreaterThan(0);
  for (const address of addresses) expect(address).toContain('两路街道');

  await page.getByLabel('名称或地址').fill('不存在的机构名');
  await page.getByRole('button', { name: '查找' }).click();
  await expect(page.locator('.empty')).toContainText('没有找到');

  const sameDocument = await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument);
  expect(sameDocument).toBe(true);

  await page.goBack();
  await expect(page.locator('.result-summary')).toContainText('两路街道的托育机构共');
  void consoleErrors;
});

test('a facility opens from the list and shows its classes with honest vacancies', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/facilities?street=500112002');
  const first = page.locator('.card-link').first();
  const name = (await first.locator('.card-title').textContent()) ?? '';
  await first.click();
  await expect(page).toHaveURL(/\/facilities\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('heading', { name: '班级与托位' })).toBeVisible();
  await expect(page.locator('.class-row').first()).toContainText('备案托位');
  await expect(page.locator('.badge.demo').first()).toBeVisible();
  void consoleErrors;
});

test('an unknown facility shows the friendly not-found page with status 404', async ({ page, consoleErrors }) => {
  const response = await page.goto('/facilities/999999');
  expect(response?.status()).toBe(404);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  // Chromium reports the 404 of the document itself as a console error: that one is expected.
  const unexpected = consoleErrors.filter((e) => !e.includes('status of 404'));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
});

test('the page never scrolls sideways at phone width', async ({ page, consoleErrors }, testInfo) => {
  for (const path of ['/', '/facilities', '/facilities/1']) {
    await openHydrated(page, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} on ${testInfo.project.name}`).toBeLessThanOrEqual(0);
  }
  void consoleErrors;
});
