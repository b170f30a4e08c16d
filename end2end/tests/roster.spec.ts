import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { FACILITY, newContext, signInOperator } from './people';

/** A well-formed resident ID number (GB 11643) of an invented person; region 000000 does not exist. */
function idNumber(n: number): string {
  const first = `00000019880808${String(n).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first + '10X98765432'[sum % 11];
}

test('an operator adds a carer to its roster, a wrong ID number is refused in words, families see the certification rate, and the carer leaves', async ({ page, browser, consoleErrors }, info) => {
  // Signing the shared demo operator in may wait for a fresh authenticator code (30 s).
  test.setTimeout(90_000);
  // Projects share facility 1: each adds a person of its own.
  const n = { 'phone-zh': 101, 'phone-en': 102, 'desktop-zh': 103 }[info.project.name] ?? 109;
  const person = idNumber(n);
  const name = `测试${n}`;
  await signInOperator(page, info);
  await page.locator('nav.portal-nav').getByRole('link', { name: say(info, '人员', 'Staff') }).click();
  await expect(page).toHaveURL(/\/operator\/staff$/);
  // The demo roster is there, with its rate.
  await expect(page.getByTestId('roster').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('roster-rate')).toContainText('%');

  const form = page.getByTestId('add-staff');
  await form.locator('#staff-name').fill(name);
  await form.locator('#staff-role').selectOption('carer');
  await form.locator('#staff-qualification').selectOption('nanny');
  await form.locator('#staff-from').fill('2025-03-01');
  await form.locator('#staff-health-issued').fill('2026-01-10');
  await form.locator('#staff-health-expires').fill('2099-01-10');
  // The last character does not check out.
  await form.locator('#staff-id').fill(person.slice(0, 17) + (person.endsWith('1') ? '2' : '1'));
  await form.getByRole('button', { name: say(info, '添加', 'Add') }).click();
  await expect(page.getByRole('alert').filter({ hasText: say(info, '身份证号', 'ID number') })).toBeVisible();
  expect(expectedRefusals(consoleErrors, 422, '/api/add_staff')).toBe(1);
  await expect(page.getByTestId('roster').locator('tr').filter({ hasText: name })).toHaveCount(0);

  await form.locator('#staff-id').fill(person);
  await form.getByRole('button', { name: say(info, '添加', 'Add') }).click();
  await expect(page.getByRole('status').filter({ hasText: say(info, '已添加', 'Added') })).toBeVisible();
  const row = page.getByTestId('roster').locator('tr').filter({ hasText: name });
  await expect(row).toContainText(person);
  await expect(row).toContainText(say(info, '育婴员证', 'Infant carer'));

  // A family (signed out) sees the certification rate on the facility's page, not 暂无.
  const family = await newContext(browser, info);
  const familyPage = await family.newPage();
  await openHydrated(familyPage, `/facilities/${FACILITY}`);
  await expect(familyPage.getByTestId('certification-rate')).toContainText(/\d+%/);
  await family.close();

  // The carer leaves: off the current roster.
  await row.getByRole('button', { name: say(info, '办理离职', 'Record leaving') }).click();
  await expect(page.getByTestId('roster').locator('tr').filter({ hasText: name })).toHaveCount(0);
});
