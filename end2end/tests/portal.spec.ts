import { deflateSync } from 'node:zlib';
import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { FACILITY, newContext, signInOperator, signInStaff } from './people';

/** CRC-32 as PNG chunks need it. */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A `width` × `height` PNG of a colour gradient: a picture the server can decode and re-encode. */
function gradientPng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 160], row + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test('an operator shows the place in photos the health commission checks before families see them, and sees what a subsidy would bring', async ({ page, browser, consoleErrors }, info) => {
  // Two staff sign-ins, each waiting for a fresh authenticator code (30 s).
  test.setTimeout(150_000);
  const caption = `活动室-${info.project.name}`;
  await signInOperator(page, info);
  const nav = page.locator('nav.portal-nav');

  // Photos: the rule is shown before anything is uploaded; without confirming it nothing is stored.
  await nav.getByRole('link', { name: say(info, '照片', 'Photos'), exact: true }).click();
  await expect(page).toHaveURL(/\/operator\/photos$/);
  await expect(page.getByTestId('photo-rule')).toContainText(say(info, '幼儿正脸', "child's face"));
  const form = page.getByTestId('upload-photo');
  await form.locator('#photo-caption').fill(caption);
  await form.locator('#photo-file').setInputFiles({ name: 'room.png', mimeType: 'image/png', buffer: gradientPng(480, 360) });
  await form.getByRole('button', { name: say(info, '上传', 'Upload'), exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: say(info, '请确认照片中没有', 'Confirm that the photo') })).toBeVisible();
  expect(expectedRefusals(consoleErrors, 422, '/api/upload_facility_photo')).toBe(1);
  await form.locator('#photo-rule-confirm').check();
  await form.getByRole('button', { name: say(info, '上传', 'Upload'), exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: say(info, '已上传', 'Uploaded') })).toBeVisible();
  const mine = page.getByTestId('operator-photos').locator('li.card').filter({ hasText: caption });
  await expect(mine).toHaveAttribute('data-state', 'pending');

  // Not public until checked.
  const family = await newContext(browser, info);
  const familyPage = await family.newPage();
  await openHydrated(familyPage, `/facilities/${FACILITY}`);
  await expect(familyPage.getByTestId('gallery').getByText(caption)).toHaveCount(0);

  // Subsidies: the figures of an application appear at once; facility 1 is not 普惠, so the
  // amount is 0 with the reason, and submitting says there is nothing to apply for.
  // Projects share facility 1: each opens a kind and year of its own (one per kind and year).
  const [kind, year] = { 'phone-zh': ['operating', '2026'], 'phone-en': ['operating', '2025'], 'desktop-zh': ['opening', '2026'] }[info.project.name] ?? ['operating', '2026'];
  await nav.getByRole('link', { name: say(info, '补贴', 'Subsidies'), exact: true }).click();
  await expect(page).toHaveURL(/\/operator\/subsidies$/);
  const open = page.getByTestId('open-subsidy');
  await open.locator('#subsidy-kind').selectOption(kind);
  await open.locator('#subsidy-year').selectOption(year);
  await open.getByRole('button', { name: say(info, '新建申请', 'Open application') }).click();
  const card = page.locator(`[data-testid="subsidy-application"][data-kind="${kind}"]`).filter({ hasText: year });
  await expect(card).toHaveAttribute('data-state', 'draft');
  await expect(card.getByTestId('subsidy-amount')).toHaveAttribute('data-fen', '0');
  await expect(card).toContainText(say(info, '只有普惠性托育机构可以享受', 'Only inclusive (普惠) facilities qualify'));
  await card.getByTestId('submit-subsidy').click();
  await expect(card.getByRole('alert')).toContainText(say(info, '金额为 0', 'is 0'));
  expect(expectedRefusals(consoleErrors, 422, '/api/submit_subsidy_application')).toBe(1);

  // The health commission publishes the photo; families then see it, loaded, with its caption.
  const reviewer = await newContext(browser, info);
  const reviewPage = await reviewer.newPage();
  await signInStaff(reviewPage, info, 'demo-health', /\/supervisor$/);
  await reviewPage.getByTestId('photo-queue-link').click();
  await expect(reviewPage).toHaveURL(/\/supervisor\/photos$/);
  const queued = reviewPage.getByTestId('photo-queue').locator('li.card').filter({ hasText: caption });
  await queued.getByRole('button', { name: say(info, '发布', 'Publish'), exact: true }).click();
  await expect(reviewPage.getByRole('status').filter({ hasText: say(info, '已发布', 'Published') })).toBeVisible();
  await expect(reviewPage.getByTestId('photo-queue').locator('li.card').filter({ hasText: caption })).toHaveCount(0);
  await reviewer.close();

  await familyPage.reload();
  await expect(familyPage.locator('body[data-hydrated="true"]')).toBeAttached();
  const figure = familyPage.getByTestId('gallery').locator('figure').filter({ hasText: caption });
  await figure.scrollIntoViewIfNeeded();
  const picture = figure.locator('img');
  await expect(picture).toHaveAttribute('loading', 'lazy');
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await family.close();
});
