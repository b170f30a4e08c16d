import { test, expect, expectedRefusals, openHydrated } from './fixtures';
import type { Page } from '@playwright/test';

/** The paths of the WebAssembly files the page fetches from now on. */
function wasmFetched(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.wasm')) paths.push(url.pathname);
  });
  return paths;
}

test('a family page downloads its own code, announced in its head, and no staff page\'s', async ({ page }) => {
  const fetched = wasmFetched(page);
  await openHydrated(page, '/facilities');
  await expect(page.locator('.result-summary')).toBeVisible();
  expect(fetched).toContain('/pkg/tuoyu.wasm');
  expect(fetched.filter((path) => path.includes('finding_pages'))).toHaveLength(1);
  expect(fetched.filter((path) => path.includes('staff_pages'))).toEqual([]);
  // The server names the page's chunks, so they download alongside the main module (Leptos's
  // own preload links may come too when it finds the manifest: the chunk is still fetched once).
  expect(await page.locator('head link[rel="preload"][as="fetch"][href*="finding_pages"]').count()).toBeGreaterThanOrEqual(1);
});

test('the home page needs no chunk of its own', async ({ page }) => {
  const fetched = wasmFetched(page);
  await openHydrated(page, '/');
  expect(fetched.filter((path) => path.includes('_pages_'))).toEqual([]);
});

test('moving inside the app fetches a page group\'s code once, and its controls work', async ({ page, consoleErrors }) => {
  const fetched = wasmFetched(page);
  await openHydrated(page, '/facilities?street=500112002');
  const first = page.locator('.card-link').first();
  const name = (await first.locator('.card-title').textContent()) ?? '';
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  // The facility page is in the finder's group: its code is already here.
  expect(fetched.filter((path) => path.includes('_pages_'))).toEqual([fetched.find((path) => path.includes('finding_pages'))]);
  // Signing in is a family page: its group's code comes now, and the form works.
  await page.locator('a.account-link[href="/login"]').click();
  await expect(page).toHaveURL(/\/login$/);
  expect(fetched.filter((path) => path.includes('family_pages'))).toHaveLength(1);
  await page.locator('#login-phone').fill('123');
  await page.locator('main form button[type="submit"]').click();
  await expect(page.locator('main [role="alert"]')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  expect(expectedRefusals(consoleErrors, 422, '/api/request_login_code')).toBe(1);
});

test('a staff page loads the staff sign-in code only when it is opened', async ({ page }) => {
  const fetched = wasmFetched(page);
  await openHydrated(page, '/staff/login');
  expect(fetched.filter((path) => path.includes('staff_pages'))).toHaveLength(1);
  await expect(page.locator('#staff-username')).toBeVisible();
});
