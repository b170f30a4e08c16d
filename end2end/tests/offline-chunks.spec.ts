import { test, expect, visitOnline } from './fixtures';

// Offline, when the code of the page asked for is not on the device (the split client, see
// app/src/offline/chunks.rs): the person gets the offline page, not a page that stopped.
test.use({ serviceWorkers: 'allow' });

test('offline, a page whose code is not on the device opens the offline page, not a dead app', async ({ page, context, consoleErrors }) => {
  await visitOnline(page, '/login');
  await context.setOffline(true);
  // Staff code is never kept on a family device: moving to staff sign-in needs the network.
  await page.locator('main a[href="/staff/login"]').click();
  await expect(page.locator('h1')).toContainText('暂时没有网络');
  await expect(page).toHaveURL(/\/staff\/login$/);
  // Logged, and nothing else: the failed download, the loader's panic, and the wasm module
  // stopping (the page was replaced by then).
  const failedDownload = (e: string) => e.startsWith('Failed to load resource') && e.includes('/pkg/split_staff_pages_');
  const panic = (e: string) => e.includes('load callback should succeed');
  // The loader's rejected fetch shows as a console error with its stack, or, depending on
  // timing, also as an uncaught page error without it.
  const expected = (e: string) => failedDownload(e) || panic(e) ||
    (e.startsWith('TypeError: Failed to fetch') && e.includes('__wasm_split')) || e === 'TypeError: Failed to fetch' ||
    e === 'RuntimeError: unreachable';
  expect(consoleErrors.filter(failedDownload)).toHaveLength(1);
  expect(consoleErrors.filter(panic).length).toBeGreaterThanOrEqual(1);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !expected(e)));
  await context.setOffline(false);
});
