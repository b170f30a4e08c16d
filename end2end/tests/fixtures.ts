import { test as base, expect, Page, TestInfo } from '@playwright/test';

/** Fails the test on any console error or uncaught exception in the page. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        // The page's address goes with the message: it tells which page failed.
        // The resource's address (for failed loads) and the page's address go with the message.
        if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url}) [${page.url()}]`);
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Takes out of `errors` the console errors Chromium logs for refusals a test asked for: a
 * `status` answer from the server function at `endpoint` (e.g. 422 from /api/add_child), and
 * no other. Returns how many were taken, for the test to assert.
 */
export function expectedRefusals(errors: string[], status: number, endpoint: string): number {
  const asked = (e: string) => e.includes(`status of ${status}`) && e.includes(`${endpoint})`);
  const taken = errors.filter(asked).length;
  errors.splice(0, errors.length, ...errors.filter((e) => !asked(e)));
  return taken;
}

/** Opens a path and waits until the app has hydrated (the marker the app sets on <body>). */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

/** The words of the project's language: `say(testInfo, '中文', 'English')`. */
export function say(testInfo: TestInfo, zh: string, en: string): string {
  return testInfo.project.metadata.lang === 'en' ? en : zh;
}

/** A regular expression for either language's words. */
export function sayRe(testInfo: TestInfo, zh: string, en: string): RegExp {
  return new RegExp(say(testInfo, zh, en).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** Opens a page online and waits until the service worker controls it (its copy is then kept). */
export async function visitOnline(page: Page, path: string) {
  await openHydrated(page, path);
  // Installing the worker fetches the whole debug-size client: allow for a loaded machine.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  // Load once more under the worker's control, so that this page's copy is in its cache.
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}
