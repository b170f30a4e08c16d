import { test as base, expect, Page, TestInfo } from '@playwright/test';

/** Fails the test on any console error or uncaught exception in the page. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        // The page's address goes with the message: it tells which page failed.
        if (message.type() === 'error') errors.push(`${message.text()} [${page.url()}]`);
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

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
