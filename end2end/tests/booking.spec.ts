import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { FACILITY, leaveOnePlaceFree, newContext, parentWithChild, phoneFor, signInOperator } from './people';

test('a parent gets the last place, a second is waitlisted, the first cancels, the second is promoted and notified, the operator confirms', async ({ browser, page, consoleErrors }, info) => {
  test.setTimeout(120_000);
  await signInOperator(page, info);
  await leaveOnePlaceFree(page, info);

  const first = await newContext(browser, info);
  const second = await newContext(browser, info);
  const firstName = `甲${info.project.name}`;
  const secondName = `乙${info.project.name}`;
  await parentWithChild(first.request, phoneFor(info.project.name, 1), firstName);
  await parentWithChild(second.request, phoneFor(info.project.name, 2), secondName);

  const a = await first.newPage();
  await openHydrated(a, `/facilities/${FACILITY}`);
  await a.getByRole('button', { name: say(info, '提交申请', 'Apply') }).click();
  await expect(a.locator('[data-outcome="offered"]')).toBeVisible();
  const overflow = await a.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling on the facility page').toBeLessThanOrEqual(0);

  const b = await second.newPage();
  await openHydrated(b, `/facilities/${FACILITY}`);
  await b.getByRole('button', { name: say(info, '提交申请', 'Apply') }).click();
  await expect(b.locator('[data-outcome="waitlisted"]')).toContainText(say(info, '第 1 位', 'number 1'));

  // The first family cancels its offer from 我的预约.
  await openHydrated(a, '/me/bookings');
  const offered = a.locator('.application[data-state="offered"]');
  await expect(offered).toBeVisible();
  a.once('dialog', (dialog) => dialog.accept());
  await offered.getByRole('button', { name: say(info, '取消', 'Cancel') }).click();
  await expect(a.locator('.application[data-state="cancelled"]')).toBeVisible();

  // The second family was promoted in the same transaction and told so.
  await openHydrated(b, '/me/bookings');
  await expect(b.locator('.application[data-state="offered"]')).toBeVisible();
  await expect(b.locator('.notice-row[data-kind="application.offered"]')).toContainText(say(info, '有托位了', 'A place is free'));
  await expect(b.getByTestId('unread')).toBeVisible();

  // The operator sees the promoted application in its applications section and confirms it.
  await page.goto('/operator/bookings');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const application = page.locator('.application[data-state="offered"]').filter({ hasText: secondName });
  await expect(application).toBeVisible();
  await application.getByRole('button', { name: say(info, '确认入托', 'Confirm') }).click();
  await expect(page.locator('.application[data-state="confirmed"]').filter({ hasText: secondName })).toBeVisible();

  await b.reload();
  await expect(b.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(b.locator('.application[data-state="confirmed"]')).toBeVisible();
  await expect(b.locator('.notice-row[data-kind="application.confirmed"]')).toBeVisible();
  await first.close();
  await second.close();
  // Chromium logs an authenticator code already used by another project (422 from the second
  // factor) as a console error: the sign-in loop asked for those, and for nothing else.
  expectedRefusals(consoleErrors, 422, '/api/staff_second_factor');
});
