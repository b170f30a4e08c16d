/** People of the browser tests: parents with a child, the demo operator, and the set-up they share. */
import { expect, openHydrated, say } from './fixtures';
import type { APIRequestContext, Browser, BrowserContext, BrowserContextOptions, Page, TestInfo } from '@playwright/test';

/** The facility demo-operator-1 runs. */
export const FACILITY = 1;

/** Phone numbers of this project's own, so projects never share accounts. */
export function phoneFor(project: string, n: number): string {
  const index = { 'phone-zh': 1, 'phone-en': 2, 'desktop-zh': 3 }[project] ?? 9;
  return `1350000${index}${String(n).padStart(3, '0')}`;
}

/** A birth date 18 months ago: the 托小班 (12–24 months) for a start next month. */
export function toddlerBirthDate(): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - 18);
  return d.toISOString().slice(0, 10);
}

/** Signs a parent in through the same server functions the login page calls, gives consent and adds a child. */
export async function parentWithChild(request: APIRequestContext, phone: string, childName: string) {
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
export async function newContext(browser: Browser, info: TestInfo, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const use = info.project.use;
  return browser.newContext({
    locale: use.locale, viewport: use.viewport, isMobile: use.isMobile, hasTouch: use.hasTouch, baseURL: use.baseURL, serviceWorkers: 'block',
    extraHTTPHeaders: use.extraHTTPHeaders, ...options,
  });
}

/**
 * Signs a demo staff member in on `page` with password and the authenticator code of the
 * moment (waiting for a fresh one if needed), ending on their own page (`landing`).
 */
export async function signInStaff(page: Page, info: TestInfo, username: string, landing: RegExp) {
  await openHydrated(page, '/staff/login');
  await page.locator('#staff-username').fill(username);
  await page.locator('#staff-password').fill('yubei-demo-2026');
  await page.getByRole('button', { name: say(info, '下一步', 'Next') }).click();
  await expect(page.locator('#staff-code')).toBeVisible();
  // A code is single use and the previous test may have just used this one: start with the
  // next 30-second step, so the first try is a fresh code (wrong tries slow the account down).
  await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  for (let i = 0; i < 40; i++) {
    const code = (await (await page.request.get(`/dev/totp?username=${username}`)).json()).code;
    await page.locator('#staff-code').fill(code);
    await page.getByRole('button', { name: say(info, '验证并登录', 'Verify and sign in') }).click();
    if (await page.waitForURL(landing, { timeout: 3000 }).then(() => true, () => false)) break;
    await page.waitForTimeout(1000);
  }
  await expect(page).toHaveURL(landing);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

/** Signs the demo operator in on `page`. */
export async function signInOperator(page: Page, info: TestInfo) {
  await signInStaff(page, info, 'demo-operator-1', /\/operator$/);
  // Signed in means the operator's own page with its classes, not merely a hydrated page
  // (the login page hydrates too).
  await expect(page.locator('.class-row').first()).toBeVisible();
}

/** Sets the 托小班 of facility 1 to exactly one free place, as its operator would (the operator is signed in on `page`). */
export async function leaveOnePlaceFree(page: Page, info: TestInfo) {
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
}
