/**
 * Accessibility of every page, in each project's language and size: axe-core (WCAG 2.1 A/AA and
 * axe's best practices) finds no serious or critical violation, for visitors, a signed-in
 * parent, an operator and a supervisor.
 */
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { test, expect, openHydrated } from './fixtures';
import { newContext, parentWithChild, phoneFor, signInOperator, signInStaff } from './people';

/** Pages anyone may open. */
const PUBLIC_PAGES = [
  '/', '/facilities', '/facilities?view=map', '/facilities/1', '/login', '/staff/login', '/register', '/privacy',
  '/lessons?age=7', '/lessons/feeding-06-12-first-foods', '/lessons/guide?age=12', '/lessons/activities', '/lessons/faq',
  '/lessons/ask', '/policies', '/policies/childcare-subsidy', '/policies/family-calculator', '/policies/facility-calculator',
  '/complaints/new', '/complaints/track', '/no-such-page',
];
const PARENT_PAGES = ['/me', '/me/bookings', '/me/children/new', '/me/complaints'];
const OPERATOR_PAGES = ['/operator', '/operator/bookings', '/operator/fees', '/operator/photos', '/operator/subsidies', '/operator/staff', '/operator/ratings', '/operator/filing'];
const SUPERVISOR_PAGES = ['/supervisor', '/supervisor/staff', '/supervisor/filings', '/supervisor/photos', '/staff/complaints', '/staff/activities'];

/** Opens each path (a page that answers 404 is expected only for the unknown path) and collects findings. */
async function checkPages(page: Page, paths: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await openHydrated(page, path);
    await expect(page.locator('main')).not.toBeEmpty();
    const violations = await seriousViolations(page);
    if (violations.length > 0) found[path] = violations;
  }
  return found;
}

test('public pages have no serious accessibility violation', async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  expect(await checkPages(page, PUBLIC_PAGES)).toEqual({});
  // The unknown page answers 404, which Chromium logs as a console error.
  const unexpected = consoleErrors.filter((e) => !(e.includes('status of 404') && e.includes('/no-such-page')));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
});

test('a parent\'s own pages have no serious accessibility violation', async ({ page }, info) => {
  test.setTimeout(120_000);
  await parentWithChild(page.request, phoneFor(info.project.name, 801), '小安');
  expect(await checkPages(page, PARENT_PAGES)).toEqual({});
});

test('the operator\'s and a supervisor\'s pages have no serious accessibility violation', async ({ page, browser }, info) => {
  test.setTimeout(240_000);
  await signInOperator(page, info);
  expect(await checkPages(page, OPERATOR_PAGES)).toEqual({});
  const context = await newContext(browser, info);
  const supervisor = await context.newPage();
  await signInStaff(supervisor, info, 'demo-health', /\/supervisor$/);
  expect(await checkPages(supervisor, SUPERVISOR_PAGES)).toEqual({});
  await context.close();
});
