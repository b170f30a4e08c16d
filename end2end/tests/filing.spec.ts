import { createHmac } from 'node:crypto';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { newContext, phoneFor, signInStaff } from './people';

/** A valid unified social credit code (GB 32100) and the same with its check character changed. */
const CREDIT_CODE = '91500112MA5U123459';
const WRONG_CREDIT_CODE = '91500112MA5U123458';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** The authenticator app's code for a base32 secret (RFC 6238: SHA-1, 6 digits, 30 s). */
function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Reloads and waits for hydration (until then, choosing a file does nothing). */
async function reloadHydrated(page: Page) {
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

async function uploadDocument(page: Page, info: TestInfo, item: string, version: number) {
  await page.locator(`#material-${item}`).setInputFiles({ name: `${item}.pdf`, mimeType: 'application/pdf', buffer: PDF });
  await expect(page.locator(`li.material[data-item="${item}"]`)).toContainText(say(info, `第 ${version} 版`, `Version ${version}`));
}

test('an organisation registers, files its facility, fixes a returned document, is filed, files a change of name, and the facility appears in the finder under it with its certification rate', async ({ page, browser, consoleErrors }, info) => {
  // The health commission's shared demo reviewer waits for a fresh authenticator code (30 s).
  test.setTimeout(180_000);
  const project = info.project.name;
  const phone = phoneFor(project, 901);
  const organisation = `重庆测试托育服务有限公司${project}`;
  const facilityName = `渝北测试托育园${project}`;

  // Register: the credit code's check character is checked; then the authenticator is enrolled.
  await openHydrated(page, '/register');
  const form = page.getByTestId('register');
  await form.locator('#reg-organisation').fill(organisation);
  await form.locator('#reg-credit').fill(WRONG_CREDIT_CODE);
  await form.locator('#reg-phone').fill(phone);
  await form.getByRole('button', { name: say(info, '获取验证码', 'Send code') }).click();
  await expect(form.getByRole('status')).toBeVisible();
  const inbox = await (await page.request.get(`/dev/inbox?phone=${phone}`)).json();
  await form.locator('#reg-code').fill(inbox.code);
  await form.locator('#reg-username').fill(`org-${project}`);
  await form.locator('#reg-password').fill('a-long-enough-secret');
  await form.getByRole('button', { name: say(info, '注册', 'Register') }).click();
  await expect(form.getByRole('alert').filter({ hasText: say(info, '校验位', 'check digit') })).toBeVisible();
  expect(expectedRefusals(consoleErrors, 422, '/api/register_organisation')).toBe(1);
  await form.locator('#reg-credit').fill(CREDIT_CODE);
  await form.getByRole('button', { name: say(info, '注册', 'Register') }).click();
  const secret = (await page.locator('code.secret').textContent())!.trim();
  await page.locator('#staff-code').fill(totp(secret));
  await page.getByRole('button', { name: say(info, '验证并登录', 'Verify and sign in') }).click();
  await page.getByRole('button', { name: say(info, '我已保存，继续', 'Saved them, continue') }).click();
  await expect(page).toHaveURL(/\/filing$/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.getByTestId('filing-status')).toHaveAttribute('data-state', 'draft');

  // The facts, then the documents (a file that is not a PDF or picture is refused in words).
  const facts = page.getByTestId('facts-form');
  await facts.locator('#facts-name').fill(facilityName);
  await facts.locator('#facts-kind').selectOption('nursery');
  await facts.locator('#facts-ownership').selectOption('private');
  await facts.locator('#facts-unit').selectOption('500112002');
  await facts.locator('#facts-address').fill('双龙湖街道金港路 18 号');
  await facts.locator('input[name="lon"]').fill('106.632');
  await facts.locator('input[name="lat"]').fill('29.718');
  await facts.locator('#facts-phone').fill('023-67001234');
  await facts.locator('#facts-opening_hours').fill('周一至周五 7:30–18:00');
  await facts.locator('input[name="service_types"][value="full_day"]').check();
  await facts.locator('#facts-class-toddler').fill('15');
  await facts.locator('#facts-legal_rep_name').fill('王丽');
  await facts.locator('#facts-legal_rep_id').fill('11010519491231002X');
  await facts.getByRole('button', { name: say(info, '保存机构信息', "Save the facility's facts") }).click();
  await expect(page.getByRole('status').filter({ hasText: say(info, '已保存', 'saved') })).toBeVisible();

  await page.locator('#material-fire_safety').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a PDF') });
  await expect(page.getByRole('alert').filter({ hasText: say(info, 'PDF、JPG 或 PNG', 'PDF, JPG or PNG') })).toBeVisible();
  expect(expectedRefusals(consoleErrors, 422, '/api/upload_filing_material')).toBe(1);
  for (const item of ['registration_certificate', 'premises_proof', 'fire_safety', 'health_evaluation', 'staff_certificates', 'commitment']) {
    await uploadDocument(page, info, item, 1);
  }
  await page.getByTestId('submit-filing').click();
  await expect(page.getByTestId('filing-status')).toHaveAttribute('data-state', 'submitted');
  await expect(page.getByTestId('filing-due')).toContainText(/\d{4}-\d{2}-\d{2}/);

  // The health commission returns the fire-safety document with a reason.
  const reviewer = await (await newContext(browser, info)).newPage();
  await signInStaff(reviewer, info, 'demo-health', /\/supervisor$/);
  await openHydrated(reviewer, '/supervisor/filings');
  await reviewer.getByTestId('filing-queue').locator('li').filter({ hasText: facilityName }).getByRole('link').click();
  await expect(reviewer.getByTestId('review-decision')).toBeVisible();
  await reviewer.locator('input[name="return_fire_safety"]').check();
  await reviewer.locator('textarea[name="reason_fire_safety"]').fill('消防验收证明已过期，请上传有效的证明');
  await reviewer.getByTestId('review-return').click();
  await expect(reviewer.getByTestId('review-done')).toBeVisible();

  // The organisation sees the reason on that document, replaces it and submits again.
  await reloadHydrated(page);
  await expect(page.getByTestId('filing-status')).toHaveAttribute('data-state', 'returned');
  await expect(page.locator('li.material[data-item="fire_safety"] .returned-note')).toContainText('消防验收证明已过期');
  await uploadDocument(page, info, 'fire_safety', 2);
  await page.getByTestId('submit-filing').click();
  await expect(page.getByTestId('filing-status')).toHaveAttribute('data-state', 'submitted');

  // Accepted: a filing number and a receipt.
  await reloadHydrated(reviewer);
  await reviewer.getByTestId('review-accept').click();
  await expect(reviewer.getByTestId('review-done')).toContainText('渝北托备');
  await reloadHydrated(page);
  await expect(page.getByTestId('filing-status')).toHaveAttribute('data-state', 'accepted');
  const number = (await page.getByTestId('filing-number').textContent())!;
  await page.getByRole('link', { name: say(info, '查看备案回执', 'View the filing receipt') }).click();
  await expect(page.getByTestId('receipt-number')).toHaveText(/渝北托备〔\d{4}〕\d{5}号/);
  expect(number).toContain((await page.getByTestId('receipt-number').textContent())!);

  // Now the facility's operator, it files a change of name: public once accepted.
  const renamed = `${facilityName}（新址）`;
  await openHydrated(page, '/operator/filing');
  await page.getByTestId('start-change').click();
  await expect(page.getByTestId('filing-status')).toContainText(say(info, '变更备案', 'Change filing'));
  await page.getByTestId('facts-form').locator('#facts-name').fill(renamed);
  await page.getByTestId('facts-form').getByRole('button', { name: say(info, '保存机构信息', "Save the facility's facts") }).click();
  await expect(page.getByRole('status').filter({ hasText: say(info, '已保存', 'saved') })).toBeVisible();
  await page.getByTestId('submit-filing').click();
  await expect(page.getByTestId('filing-status')).toHaveAttribute('data-state', 'submitted');
  await openHydrated(reviewer, '/supervisor/filings');
  await reviewer.getByTestId('filing-queue').locator('li').filter({ hasText: renamed }).getByRole('link').click();
  await reviewer.getByTestId('review-accept').click();
  await expect(reviewer.getByTestId('review-done')).toBeVisible();
  await reviewer.context().close();

  // Now the facility's operator: a carer on the roster gives the public certification rate.
  await openHydrated(page, '/operator/staff');
  const staff = page.getByTestId('add-staff');
  await staff.locator('#staff-name').fill('赵老师');
  await staff.locator('#staff-id').fill('11010519491231002X');
  await staff.locator('#staff-role').selectOption('carer');
  await staff.locator('#staff-qualification').selectOption('carer');
  await staff.locator('#staff-from').fill('2025-03-01');
  await staff.locator('#staff-health-issued').fill('2026-01-10');
  await staff.locator('#staff-health-expires').fill('2099-01-10');
  await staff.getByRole('button', { name: say(info, '添加', 'Add') }).click();
  await expect(page.getByRole('status').filter({ hasText: say(info, '已添加', 'Added') })).toBeVisible();

  const mine = await (await page.request.get('/api/my_filing')).json();
  await openHydrated(page, `/facilities?q=${encodeURIComponent(renamed)}`);
  await expect(page.getByRole('link', { name: renamed })).toBeVisible();
  await openHydrated(page, `/facilities/${mine.facility_id}`);
  await expect(page.getByRole('heading', { name: renamed })).toBeVisible();
  await expect(page.getByTestId('certification-rate')).toContainText('100%');
});
