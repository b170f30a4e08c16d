import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { FACILITY, leaveOnePlaceFree, newContext, parentWithChild, phoneFor, signInOperator } from './people';
import type { Page } from '@playwright/test';

/** The facility's rating figures as the public API gives them. */
async function ratingCount(page: Page): Promise<number> {
  const response = await page.request.get(`/api/v1/facilities/${FACILITY}/ratings`);
  expect(response.status()).toBe(200);
  return (await response.json()).summary.count;
}

test('a parent whose child was enrolled rates offline, it syncs once, the operator replies and the parent sees the reply', async ({ browser, page, consoleErrors }, info) => {
  test.setTimeout(180_000);
  await signInOperator(page, info);
  await leaveOnePlaceFree(page, info);

  const family = await newContext(browser, info);
  const childName = `评${info.project.name}`;
  await parentWithChild(family.request, phoneFor(info.project.name, 21), childName);
  const parent = await family.newPage();
  await openHydrated(parent, `/facilities/${FACILITY}`);
  // No record of use yet: the page says why there is no form, and the server refuses (403, in words).
  await expect(parent.locator('[data-rating-form="none"]')).toContainText(say(info, '入托', 'enrolled'));
  const me = await (await family.request.get('/api/my_account')).json();
  const childId = me.children[0].id;
  const stars = { safety: 5, hygiene_meals: 4, care: 5, communication: 4, environment: 3, fees: 5, text: '' };
  // The answer's words follow the reader's language (the API reads Accept-Language).
  const language = { 'accept-language': say(info, 'zh-CN', 'en') };
  const refused = await family.request.post('/api/v1/ratings', { headers: language, data: { op_id: crypto.randomUUID(), facility_id: FACILITY, child_id: childId, rating: stars } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).message).toContain(say(info, '入托', 'enrolled'));

  // The child gets a place and the operator enrols it.
  await parent.getByRole('button', { name: say(info, '提交申请', 'Apply') }).click();
  await expect(parent.locator('[data-outcome="offered"]')).toBeVisible();
  await page.goto('/operator/bookings');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const application = page.locator('.application').filter({ hasText: childName });
  await application.getByRole('button', { name: say(info, '确认入托', 'Confirm') }).click();
  await expect(page.locator('.application[data-state="confirmed"]').filter({ hasText: childName })).toBeVisible();
  await page.locator('.application[data-state="confirmed"]').filter({ hasText: childName }).getByRole('button', { name: say(info, '标记已入托', 'Mark enrolled') }).click();
  await expect(page.locator('.application[data-state="enrolled"]').filter({ hasText: childName })).toBeVisible();

  // Bad input is refused in words and stores nothing: a sixth star, a missing aspect.
  const before = await ratingCount(page);
  const sixStars = await family.request.post('/api/v1/ratings', { headers: language, data: { op_id: crypto.randomUUID(), facility_id: FACILITY, child_id: childId, rating: { ...stars, fees: 6 } } });
  expect(sixStars.status()).toBe(422);
  expect((await sixStars.json()).message).toContain(say(info, '1 到 5 星', '1 to 5 stars'));
  const { care: _care, ...missing } = stars;
  const noCare = await family.request.post('/api/v1/ratings', { data: { op_id: crypto.randomUUID(), facility_id: FACILITY, child_id: childId, rating: missing } });
  expect(noCare.status()).toBe(422);
  expect(await ratingCount(page)).toBe(before);

  // The form, offline: six aspects of stars and a text; it waits on the device.
  await openHydrated(parent, `/facilities/${FACILITY}`);
  const form = parent.locator('form[data-rating-form="new"]');
  await expect(form.locator('fieldset.star-field')).toHaveCount(6);
  await family.setOffline(true);
  for (const [aspect, n] of Object.entries({ safety: 5, hygiene_meals: 4, care: 5, communication: 4, environment: 4, fees: 5 })) {
    await form.locator(`fieldset[data-aspect="${aspect}"] .star-choice`).nth(n - 1).click();
  }
  const text = `${info.project.name} 老师很耐心，电话13812345678`;
  await form.locator('textarea').fill(text);
  await form.getByRole('button', { name: say(info, '提交评价', 'Send rating') }).click();
  await expect(parent.locator('[data-outcome="queued"]')).toBeVisible();

  // Back online: the queue syncs by itself, and the rating counts once.
  await family.setOffline(false);
  await expect.poll(() => ratingCount(page), { timeout: 20_000 }).toBe(before + 1);
  await openHydrated(parent, `/facilities/${FACILITY}`);
  await expect(parent.locator('[data-rating-form="own"]')).toBeVisible();
  const mine = parent.locator('.ratings .rating').filter({ hasText: info.project.name });
  await expect(mine).toHaveCount(1);
  // The phone number was masked before it was stored; the badge says how the family knows the place.
  await expect(mine).toContainText('138****5678');
  await expect(mine.locator('.badge.relation')).toContainText(say(info, '在托家长', 'Enrolled family'));
  await expect(mine).toContainText(say(info, '评**家长', "评**'s family"));
  const shown = await ratingCount(page);
  if (shown >= 3) {
    await expect(parent.locator('.rating-score strong')).toContainText(/\d\.\d/);
  } else {
    await expect(parent.locator('.rating-score')).toContainText(say(info, '评价不足 3 条', 'Fewer than 3'));
  }

  // The operator replies from its ratings section.
  await page.goto('/operator/ratings');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const inbox = page.locator('li.rating').filter({ hasText: info.project.name });
  const reply = `谢谢${info.project.name}家长的肯定`;
  await inbox.locator('textarea[id^="reply-"]').fill(reply);
  await inbox.getByRole('button', { name: say(info, '发布回复', 'Post reply') }).click();
  await expect(page.locator('.notice').filter({ hasText: say(info, '回复已发布', 'Reply posted') })).toBeVisible();
  // Staff do not rate: the facility page says so, with no form.
  await openHydrated(page, `/facilities/${FACILITY}`);
  await expect(page.locator('.ratings-section')).toContainText(say(info, '工作人员账号不能评价', 'Staff accounts do not rate'));
  await expect(page.locator('form.rating-form')).toHaveCount(0);

  // The parent sees the reply, under the rating and in "my rating", and was told.
  await openHydrated(parent, `/facilities/${FACILITY}`);
  await expect(parent.locator('.ratings .rating').filter({ hasText: info.project.name }).locator('.rating-reply')).toContainText(reply);
  await expect(parent.locator('[data-rating-form="own"] .rating-reply')).toContainText(reply);
  await openHydrated(parent, '/me/bookings');
  await expect(parent.locator('.notice-row[data-kind="rating.replied"]')).toBeVisible();
  const overflow = await parent.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  await family.close();
  expectedRefusals(consoleErrors, 422, '/api/staff_second_factor');
});
