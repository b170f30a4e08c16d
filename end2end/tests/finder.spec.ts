import { test, expect, openHydrated, say } from './fixtures';

test('filtering by age and 普惠 keeps the URL, shows the class and only affordable places', async ({ page }, info) => {
  await openHydrated(page, '/facilities');
  await page.locator('.more-filters summary').click();
  await page.locator('#f-birth').fill('2025-06');
  await page.getByLabel(say(info, '仅看普惠机构', 'Affordable (普惠) only')).check();
  await expect(page).toHaveURL(/inclusive=1/);
  await page.getByRole('button', { name: say(info, '查找', 'Search'), exact: true }).click();
  await expect(page).toHaveURL(/birth=2025-06/);
  await expect(page.locator('.age-class')).toContainText(say(info, '托小班', 'Toddler class'));
  // Retrying assertions on the list itself: a stale or still-empty list cannot pass.
  const cards = page.locator('.card');
  await expect(cards.first()).toBeVisible();
  await expect(cards.filter({ hasNot: page.locator('.badge.inclusive') })).toHaveCount(0);
  expect(Number(await page.locator('.result-summary').getAttribute('data-total'))).toBeGreaterThan(0);
  // The URL is the state: reloading shows the same search.
  await page.reload();
  await expect(page.locator('.age-class')).toContainText(say(info, '托小班', 'Toddler class'));
  await expect(page.locator('#f-birth')).toHaveValue('2025-06');
});

test('a birth month in the future is explained, not an error', async ({ page }, info) => {
  await openHydrated(page, '/facilities?birth=2099-01&fee_min=3000&fee_max=1000');
  await expect(page.locator('.notes')).toContainText(say(info, '出生年月晚于本月', 'birth month is after this month'));
  await expect(page.locator('.notes')).toContainText(say(info, '已为您对调', 'swapped'));
});

test('the list filters by street and pinyin initials without a full reload', async ({ page }, info) => {
  await openHydrated(page, '/facilities');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.locator('#f-street').selectOption('500112016');
  await expect(page).toHaveURL(/street=500112016/);
  const addresses = page.locator('.card-address');
  await expect(addresses.first()).toContainText('两路街道');
  await expect(addresses.filter({ hasNotText: '两路街道' })).toHaveCount(0);
  await page.locator('#f-street').selectOption('');
  await page.locator('#f-q').fill('slh');
  await page.locator('#f-q').press('Enter');
  await expect(page).toHaveURL(/q=slh/);
  await expect(page.locator('.card').first()).toContainText('双龙湖');
  await page.locator('#f-q').fill('不存在的机构名');
  await page.locator('#f-q').press('Enter');
  await expect(page.locator('.empty')).toContainText(say(info, '没有找到', 'No facility matches'));
  await expect(page.locator('.empty a.button').last()).toHaveAttribute('href', '/facilities');
  const sameDocument = await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument);
  expect(sameDocument).toBe(true);
  await page.goBack();
  await expect(page).toHaveURL(/q=slh/);
});

test('list and map show the same results and switch both ways', async ({ page }) => {
  await openHydrated(page, '/facilities?inclusive=1');
  const total = await page.locator('.result-summary').getAttribute('data-total');
  expect(Number(total), 'the list is not empty').toBeGreaterThan(0);
  await page.locator('.view-tabs a[data-view="map"]').click();
  await expect(page).toHaveURL(/view=map/);
  await expect(page).toHaveURL(/inclusive=1/);
  await expect(page.locator('svg.map')).toBeVisible();
  await expect(page.locator('.result-summary')).toHaveAttribute('data-total', total ?? '');
  await page.locator('.view-tabs a[data-view="list"]').click();
  await expect(page.locator('.card').first()).toBeVisible();
  await page.goBack();
  await expect(page.locator('svg.map')).toBeVisible();
});

test('tapping a pin opens its card, and the card leads to the facility', async ({ page }) => {
  await openHydrated(page, '/facilities?view=map&near=29.718,106.632&sort=distance');
  await expect(page.locator('svg.map circle.pin').first()).toBeVisible();
  // Tap the pin nearest the middle of the map (others may lie outside the visible area).
  const index = await page.evaluate(() => {
    const map = document.querySelector('svg.map')!.getBoundingClientRect();
    const pins = [...document.querySelectorAll('svg.map circle.pin')].map((pin) => pin.getBoundingClientRect());
    const distance = (r: DOMRect) => Math.hypot(r.x + r.width / 2 - (map.x + map.width / 2), r.y + r.height / 2 - (map.y + map.height / 2));
    return pins.map((r, i) => [distance(r), i]).sort((a, b) => a[0] - b[0])[0][1];
  });
  await page.locator('svg.map circle.pin').nth(index).click();
  const card = page.locator('.pin-card');
  await expect(card).toBeVisible();
  const name = (await card.locator('.card-title').textContent()) ?? '';
  await card.locator('a.button').click();
  await expect(page).toHaveURL(/\/facilities\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
});

test('the map zooms with its buttons and clusters split when zooming in', async ({ page }) => {
  await openHydrated(page, '/facilities?view=map');
  const markers = page.locator('svg.map [data-marker]:is(circle.pin, g.cluster)');
  const before = await markers.count();
  const zoomIn = page.locator('.map-controls button').first();
  for (let i = 0; i < 3; i++) await zoomIn.click();
  await expect.poll(async () => await markers.count()).toBeGreaterThan(before);
});

test('near me with a granted position shows the 15-minute circle and its counts', async ({ page, context }, info) => {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 29.7181, longitude: 106.6322 });
  await openHydrated(page, '/facilities?view=map');
  await page.locator('.near-me').click();
  await expect(page).toHaveURL(/near=29\.718,106\.632/);
  await expect(page).toHaveURL(/sort=distance/);
  const circle = page.locator('.circle-summary');
  await expect(circle).toContainText(say(info, '步行约 15 分钟', '15-minute walk'));
  expect(Number(await circle.getAttribute('data-circle-facilities'))).toBeGreaterThan(0);
  await expect(page.locator('svg.map circle.walk-circle')).toBeVisible();
  await expect(page.locator('svg.map circle.you')).toBeVisible();
  await page.locator('.view-tabs a[data-view="list"]').click();
  await expect(page.locator('.card .distance').first()).toBeVisible();
});

test('near me without permission offers a street or town instead, and the page still works', async ({ page }, info) => {
  await openHydrated(page, '/facilities');
  await page.locator('.near-me').click();
  await expect(page.locator('.location-bar .notice')).toContainText(say(info, '无法获取您的位置', 'location is not available'));
  await page.locator('#f-from').selectOption('500112016');
  await expect(page).toHaveURL(/from=500112016/);
  await expect(page.locator('.origin')).toContainText('两路街道');
  await expect(page.locator('.card .distance').first()).toBeVisible();
});

test('the first result\'s name and free places show on the first screen, under the filters', async ({ page }, info) => {
  await openHydrated(page, '/facilities');
  const viewport = page.viewportSize()!;
  const first = page.locator('.card').first();
  await expect(first.locator('.card-title')).toBeVisible();
  const box = (await first.locator('.vacancy').boundingBox())!;
  expect(box.y + box.height, `${info.project.name}: the first result's places are above the fold`).toBeLessThanOrEqual(viewport.height);
});
