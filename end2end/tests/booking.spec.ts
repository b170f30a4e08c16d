import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import type { APIRequestContext, Browser, BrowserContext, Page, TestInfo } from '@playwright/test';

/** The facility demo-operator-1 runs. */
const FACILITY = 1;

/** Phone numbers of this project's own, so projects never share accounts. */
function phoneFor(project: string, n: number): string {
  const index = { 'phone-zh': 1, 'phone-en': 2, 'desktop-zh': 3 }[project] ?? 9;
  return `1350000${index}${String(n).padStart(3, '0')}`;
}

/** A birth date 18 months ago: the 托小班 (12–24 months) for a start next month. */
function toddlerBirthDate(): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - 18);
  return d.toISOString().slice(0, 10);
}

/** Signs a parent in through the same server functions the login page calls, gives consent and adds a child. */
async function parentWithChild(request: APIRequestContext, phone: string, childName: string) {
  expect((await request.post('/api/request_login_code', { form: { phone } })).status()).toBe(200);
  const inbox = await (await request.get(`/dev/inbox?phone=${phone}`)).json();
  expect((await request.post('/api/verify_login_code', { form: { phone, code: inbox.code } })).status()).toBe(200);
  expect((await request.post('/api/give_consent')).status()).toBe(200);
  const added = await request.post('/api/add_child', {
    form: { 'input[name]': childName, 'input[birth_date]': toddlerBirthDate(), 'input[sex]': 'male', 'input[relation]': 'father', 'input[id_number]': '' },
  });
  expect(added.status()).toBe(200);
}

/** A browser context in the project's language and viewport. */
async function newContext(browser: Browser, info: TestInfo): Promise<BrowserContext> {
  const use = info.project.use;
  return browser.newContext({ locale: use.locale, viewport: use.viewport, isMobile: use.isMobile, hasTouch: use.hasTouch, baseURL: use.baseURL, serviceWorkers: 'block' });
}

/** Signs the demo operator in on `page` (the authenticator code of the moment, waiting for a fresh one if needed). */
async function signInOperator(page: Page, info: TestInfo) {
  await openHydrated(page, '/staff/login');
  await page.locator('#staff-username').fill('demo-operator-1');
  await page.locator('#staff-password').fill('yubei-demo-2026');
  await page.getByRole('button', { name: say(info, '下一步', 'Next') }).click();
  await expect(page.locator('#staff-code')).toBeVisible();
  // A code is single use and the previous test may have just used this one: start with the
  // next 30-second step, so the first try is a fresh code (wrong tries slow the account down).
  await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  for (let i = 0; i < 40; i++) {
    const code = (await (await page.request.get('/dev/totp?username=demo-operator-1')).json()).code;
    await page.locator('#staff-code').fill(code);
    await page.getByRole('button', { name: say(info, '验证并登录', 'Verify and sign in') }).click();
    if (await page.waitForURL(/\/operator$/, { timeout: 3000 }).then(() => true, () => false)) break;
    await page.waitForTimeout(1000);
  }
  // Signed in means the operator's own page with its classes, not merely a hydrated page
  // (the login page hydrates too).
  await expect(page).toHaveURL(/\/operator$/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.locator('.class-row').first()).toBeVisible();
}

test('a parent gets the last place, a second is waitlisted, the first cancels, the second is promoted and notified, the operator confirms', async ({ browser, page, consoleErrors }, info) => {
  test.setTimeout(120_000);
  // Set the 托小班 of facility 1 to exactly one free place, as its operator would.
  await signInOperator(page, info);
  const detail = await (await page.request.get(`/api/v1/facilities/${FACILITY}`)).json();
  const toddler = detail.classes.find((c: { level: string }) => c.level === 'Toddler');
  expect(toddler, 'facility 1 has a 托小班').toBeTruthy();
  const free = typeof toddler.vacancy === 'object' ? toddler.vacancy.Free : 0;
  const capacity = Math.min(toddler.filed_capacity, toddler.staffed_capacity);
  const held = toddler.vacancy === 'Unknown' ? null : capacity - toddler.enrolled - free;
  const classRow = page.locator('.class-row[data-level="toddler"]');
  const staffed = toddler.filed_capacity;
  // Enrolled children leave room for exactly one more place beside the places already held.
  const enrolled = staffed - (held ?? 0) - 1;
  await classRow.locator('input[id^="staffed-"]').fill(String(staffed));
  await classRow.locator('input[id^="enrolled-"]').fill(String(enrolled));
  await classRow.getByRole('button', { name: say(info, '确认更新', 'Confirm') }).click();
  await expect(page.locator('.class-row .notice')).toBeVisible();

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

  // The operator sees the promoted application and confirms it.
  await page.goto('/operator');
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
