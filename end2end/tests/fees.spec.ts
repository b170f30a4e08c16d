import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { FACILITY, newContext, signInOperator } from './people';

test('an operator publishes a coming fee from its fee section, families see it, a bad amount is refused in words, and it is withdrawn', async ({ page, browser, consoleErrors }, info) => {
  // Signing the shared demo operator in may wait for a fresh authenticator code (30 s).
  test.setTimeout(90_000);
  // Projects share facility 1: each publishes an item of its own name.
  const item = `测试费-${info.project.name}`;
  await signInOperator(page, info);

  // The portal's sections: today is current, the fee section is one tap away.
  const nav = page.locator('nav.portal-nav');
  await expect(nav.locator('a[aria-current="page"]')).toHaveText(say(info, '今日', 'Today'));
  await expect(page.getByTestId('operator-todo').locator('li')).toHaveCount(4);
  await nav.getByRole('link', { name: say(info, '收费', 'Fees') }).click();
  await expect(page).toHaveURL(/\/operator\/fees$/);
  await expect(nav.locator('a[aria-current="page"]')).toHaveText(say(info, '收费', 'Fees'));
  const form = page.getByTestId('publish-fee');
  await expect(form).toBeVisible();

  // Another item, charged once, from the first of next month (the form's default day).
  await form.locator('#fee-kind').selectOption('other');
  await form.locator('#fee-name').fill(item);
  await form.locator('#fee-unit').selectOption('once');

  // A negative amount: refused in the page's language, nothing published.
  await form.locator('#fee-amount').fill('-300');
  await form.getByRole('button', { name: say(info, '公示', 'Publish') }).click();
  await expect(page.getByRole('alert').filter({ hasText: say(info, '不能为负数', 'not negative') })).toBeVisible();
  expect(expectedRefusals(consoleErrors, 422, '/api/publish_fee')).toBe(1);
  await expect(page.getByTestId('fees-coming').filter({ hasText: item })).toHaveCount(0);

  await form.locator('#fee-amount').fill('300');
  await form.getByRole('button', { name: say(info, '公示', 'Publish') }).click();
  await expect(page.getByRole('status').filter({ hasText: say(info, '已公示', 'Published') })).toBeVisible();
  const coming = page.getByTestId('fees-coming').locator('li').filter({ hasText: item });
  await expect(coming).toContainText(say(info, '300 元/次', '¥300 once'));

  // A family (signed out, in a context of its own) sees it on the facility's page.
  const family = await newContext(browser, info);
  const familyPage = await family.newPage();
  await openHydrated(familyPage, `/facilities/${FACILITY}`);
  const section = familyPage.getByTestId('fees');
  await expect(section.getByRole('heading', { name: say(info, '收费公示', 'Fees'), exact: true })).toBeVisible();
  await expect(section.getByTestId('fees-coming').locator('li').filter({ hasText: item })).toContainText(say(info, '300 元/次', '¥300 once'));
  await family.close();

  // It has not started: the operator withdraws it and it is gone.
  await coming.getByRole('button', { name: say(info, '撤回', 'Withdraw') }).click();
  await expect(page.getByTestId('fees-coming').locator('li').filter({ hasText: item })).toHaveCount(0);
  const detail = await (await page.request.get(`/api/v1/facilities/${FACILITY}`)).json();
  const all = [...detail.fees.schedule.current, ...detail.fees.schedule.coming, ...detail.fees.schedule.history];
  expect(all.filter((fee: { item: { Other?: { name: string } } }) => fee.item.Other?.name === item)).toEqual([]);
});
