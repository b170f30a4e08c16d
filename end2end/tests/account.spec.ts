import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { readFileSync } from 'node:fs';

/** A phone number of this project's own, so projects never share rate limits or accounts. */
function phoneFor(project: string, n: number): string {
  const index = { 'phone-zh': 1, 'phone-en': 2, 'desktop-zh': 3 }[project] ?? 9;
  return `1360000${index}${String(n).padStart(3, '0')}`;
}

test('a parent signs in with a code, consents, adds a child, sees masked numbers, downloads the data and signs out', async ({ page, consoleErrors }, info) => {
  test.setTimeout(60_000);
  const phone = phoneFor(info.project.name, 1);
  await openHydrated(page, '/login');
  await page.locator('#login-phone').fill(phone);
  await page.getByRole('button', { name: say(info, '获取验证码', 'Send code') }).click();
  await expect(page.locator('#login-code')).toBeVisible();
  // The development sender writes the text message to an inbox tests can read.
  const inbox = await (await page.request.get(`/dev/inbox?phone=${phone}`)).json();
  await page.locator('#login-code').fill(inbox.code);
  await page.getByRole('button', { name: say(info, '登录', 'Sign in'), exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`;
  await expect(page.getByTestId('display-name')).toHaveText(masked);
  await expect(page.locator('body')).not.toContainText(phone);

  await page.locator('.consent-give').click();
  await expect(page.locator('[data-consent="given"]')).toBeVisible();
  await page.locator('a[href="/me/children/new"]').click();
  await expect(page.locator('#child-name')).toBeVisible();
  await page.locator('#child-name').fill('王小禾');
  await page.locator('#child-birth').fill('2024-03-15');
  await page.locator('#child-sex').selectOption('female');
  await page.locator('#child-relation').selectOption('mother');
  // A wrong check digit is explained and nothing is saved.
  await page.locator('#child-id').fill('500112202403150026');
  await page.getByRole('button', { name: say(info, '保存', 'Save') }).click();
  await expect(page.locator('.field-error')).toContainText(say(info, '校验位', 'check digit'));
  await page.locator('#child-id').fill('500112202403150025');
  await page.getByRole('button', { name: say(info, '保存', 'Save') }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.locator('.child-card')).toContainText('王小禾');
  await expect(page.locator('.child-card .id-masked')).toHaveText('500***********0025');
  await expect(page.locator('body')).not.toContainText('500112202403150025');

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling on my account').toBeLessThanOrEqual(0);
  const downloading = page.waitForEvent('download');
  await page.locator('a[href="/api/export_my_data"]').click();
  const download = await downloading;
  const path = await download.path();
  const data = JSON.parse(readFileSync(path!, 'utf8'));
  expect(data.account.phone).toBe(phone);
  expect(data.children[0].name).toBe('王小禾');

  await page.locator('.sign-out').first().click();
  await expect(page).toHaveURL(/\/$/);
  // Signing out reloads the home page: let that load finish before the next navigation.
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.goto('/me');
  await expect(page).toHaveURL(/\/login$/);
  // Chromium logs the refused save (422 from add_child) as a console error: exactly that one
  // was asked for; anything else still fails the test.
  expect(expectedRefusals(consoleErrors, 422, '/api/add_child')).toBe(1);
});

test('a demo operator signs in with a password and an authenticator code and confirms figures', async ({ page, consoleErrors }, info) => {
  // Projects share the demo operator; a code used by one waits for the next 30-second step.
  test.setTimeout(90_000);
  await openHydrated(page, '/staff/login');
  await page.locator('#staff-username').fill('demo-operator-1');
  await page.locator('#staff-password').fill('yubei-demo-2026');
  await page.getByRole('button', { name: say(info, '下一步', 'Next') }).click();
  await expect(page.locator('#staff-code')).toBeVisible();
  // A code not used yet: wait for the next 30-second step if another project just used this one.
  let code = '';
  for (let i = 0; i < 40; i++) {
    code = (await (await page.request.get('/dev/totp?username=demo-operator-1')).json()).code;
    await page.locator('#staff-code').fill(code);
    await page.getByRole('button', { name: say(info, '验证并登录', 'Verify and sign in') }).click();
    if (await page.waitForURL(/\/operator$/, { timeout: 3000 }).then(() => true, () => false)) break;
    await page.waitForTimeout(1000);
  }
  await expect(page).toHaveURL(/\/operator$/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const firstClass = page.locator('.class-row').first();
  await firstClass.getByRole('button', { name: say(info, '确认更新', 'Confirm') }).click();
  await expect(firstClass.locator('.notice')).toBeVisible();
  // A code another project used in the same 30-second step is refused (422 from the second
  // factor) and the loop tries the next one: those refusals were asked for, nothing else.
  expectedRefusals(consoleErrors, 422, '/api/staff_second_factor');
});
