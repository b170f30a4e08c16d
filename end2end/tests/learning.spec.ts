import { test, expect, expectedRefusals, openHydrated, say } from './fixtures';
import { newContext, parentWithChild, phoneFor, signInStaff } from './people';

type Activity = { id: number; free: number; capacity: number; title: string; title_en: string; my_booking: number | null };

test('a family books a place at an activity from the lessons, finds it under its bookings, and gives it back', async ({ page }, info) => {
  test.setTimeout(60_000);
  await parentWithChild(page.request, phoneFor(info.project.name, 61), '活动宝宝');
  await openHydrated(page, '/lessons');
  await page.getByTestId('activities-link').click();
  await expect(page).toHaveURL(/\/lessons\/activities$/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();

  // The activity with the most free places (the projects run one after another on one server).
  const list = (await (await page.request.get('/api/activities')).json()).activities as Activity[];
  expect(list.length).toBeGreaterThanOrEqual(5);
  const chosen = list.filter((a) => a.my_booking === null).sort((a, b) => b.free - a.free)[0];
  const card = page.locator(`[data-testid="activity"][data-id="${chosen.id}"]`);
  await expect(card.locator('.activity-title')).toHaveText(say(info, chosen.title, chosen.title_en || chosen.title));
  await expect(card).toHaveAttribute('data-free', String(chosen.free));

  await card.getByTestId('book-activity').click();
  await expect(card.locator('.notice')).toContainText(say(info, '报名成功', 'Booked'));
  await expect(card).toHaveAttribute('data-free', String(chosen.free - 1));
  await expect(card.getByTestId('cancel-activity')).toBeVisible();
  // Counted once on the server, and listed with the family's bookings.
  const after = ((await (await page.request.get('/api/activities')).json()).activities as Activity[]).find((a) => a.id === chosen.id)!;
  expect([after.free, after.my_booking !== null]).toEqual([chosen.free - 1, true]);
  await openHydrated(page, '/me/bookings');
  await expect(page.getByTestId('my-activity').filter({ hasText: chosen.title })).toHaveCount(1);

  await openHydrated(page, '/lessons/activities');
  await card.getByTestId('cancel-activity').click();
  await expect(card.locator('.notice')).toContainText(say(info, '已取消报名', 'Cancelled'));
  await expect(card).toHaveAttribute('data-free', String(chosen.free));
  await expect(card.getByTestId('book-activity')).toBeVisible();
});

test('a parent asks an expert; the expert answers without knowing who asked; the answer joins the searchable list', async ({ page, browser, consoleErrors }, info) => {
  test.setTimeout(150_000);
  await parentWithChild(page.request, phoneFor(info.project.name, 62), '提问宝宝');
  await openHydrated(page, '/lessons');
  await page.getByTestId('ask-link').click();
  await expect(page).toHaveURL(/\/lessons\/ask$/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  // The child's age in months is chosen for the parent (about 18 months).
  const age = Number(await page.locator('#ask-age').inputValue());
  expect(age >= 17 && age <= 18, String(age)).toBe(true);

  // Too short: the reason in words, nothing stored.
  await page.locator('#ask-topic').selectOption('play');
  await page.locator('#ask-text').fill('怎么办');
  await page.getByRole('button', { name: say(info, '提交问题', 'Send the question') }).click();
  await expect(page.locator('.ask-form .notice-error')).toContainText(say(info, '至少写 10 个字', 'at least 10 characters'));
  expect(await (await page.request.get('/api/my_questions')).json()).toEqual([]);
  // The server answered 422 (Chromium logs that status; it is the refusal this test asked for).
  expect(expectedRefusals(consoleErrors, 422, '/api/ask_expert')).toBe(1);

  const marker = `问题${info.project.name}${Date.now() % 100000}`;
  const text = `${marker}：孩子一岁半了，会叫爸爸妈妈，别的词还很少，平时在家怎么和他多说话？`;
  await page.locator('#ask-text').fill(text);
  // Publication is the parent's explicit choice.
  const publish = page.locator('.ask-form input[type="checkbox"]');
  await expect(publish).not.toBeChecked();
  await publish.check();
  await page.getByRole('button', { name: say(info, '提交问题', 'Send the question') }).click();
  await expect(page.locator('[data-outcome="asked"]')).toContainText(say(info, '前回答', 'will answer by'));
  await openHydrated(page, '/lessons/ask');
  const mine = page.getByTestId('question').filter({ hasText: marker });
  await expect(mine).toHaveCount(1);
  await expect(mine.locator('.notice')).toContainText(say(info, '等待专家回答', 'Waiting for an expert'));

  // The expert, on a device of their own: the question with the age and nothing of the family.
  const expertContext = await newContext(browser, info);
  const expertPage = await expertContext.newPage();
  await signInStaff(expertPage, info, 'demo-expert', /\/supervisor$/);
  await expertPage.getByTestId('expert-inbox').click();
  await expect(expertPage).toHaveURL(/\/expert$/);
  await expect(expertPage.locator('body[data-hydrated="true"]')).toBeAttached();
  const open = expertPage.getByTestId('open-question').filter({ hasText: marker });
  await expect(open).toHaveCount(1);
  await expect(open).toContainText(say(info, `${age} 个月`, `${age} months`));
  await expect(open).not.toContainText(phoneFor(info.project.name, 62));
  await expect(open).not.toContainText('提问宝宝');
  await open.locator('textarea').fill('多和孩子面对面说话，说出他正在看、正在做的事，一起看图画书并等他回应；18 月龄体检时请医生评估语言发育。');
  await open.getByRole('button', { name: say(info, '发送回答', 'Send the answer') }).click();
  await expect(open.locator('[role="status"]')).toContainText(say(info, '回答已发送', 'Answer sent'));
  await expertContext.close();

  // The parent sees the answer; everyone finds it in the list by a word of it.
  await openHydrated(page, '/lessons/ask');
  await expect(mine.locator('.answer-text')).toContainText('图画书');
  await openHydrated(page, `/lessons/faq?q=${encodeURIComponent(marker)}`);
  const published = page.getByTestId('question');
  await expect(published).toHaveCount(1);
  await expect(published.locator('.answer-text')).toContainText('图画书');
  await expect(published).toContainText(say(info, '儿童保健科主治医师', '儿童保健科主治医师'));
});
