import { test, expect, openHydrated } from './fixtures';
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
  expect(fetched.filter((path) => path.includes('finder_route'))).toHaveLength(1);
  expect(fetched.filter((path) => path.includes('staff_'))).toEqual([]);
  // The server names the page's chunks, so they download alongside the main module (Leptos's
  // own preload links may come too when it finds the manifest: the chunk is still fetched once).
  expect(await page.locator('head link[rel="preload"][as="fetch"][href*="finder_route"]').count()).toBeGreaterThanOrEqual(1);
});

test('the home page needs no chunk of its own', async ({ page }) => {
  const fetched = wasmFetched(page);
  await openHydrated(page, '/');
  expect(fetched.filter((path) => path.includes('route_view'))).toEqual([]);
});

test('moving to another page inside the app fetches that page\'s code, and its controls work', async ({ page }) => {
  const fetched = wasmFetched(page);
  await openHydrated(page, '/facilities?street=500112002');
  const first = page.locator('.card-link').first();
  const name = (await first.locator('.card-title').textContent()) ?? '';
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  expect(fetched.filter((path) => path.includes('facility_route'))).toHaveLength(1);
  // Back to the list inside the app: its code is already here, nothing is fetched again.
  await page.goBack();
  await expect(page.locator('.card-link').first()).toBeVisible();
  expect(fetched.filter((path) => path.includes('finder_route'))).toHaveLength(1);
});

test('a staff page loads the staff sign-in code only when it is opened', async ({ page }) => {
  const fetched = wasmFetched(page);
  await openHydrated(page, '/staff/login');
  expect(fetched.filter((path) => path.includes('staff_login_route'))).toHaveLength(1);
  await expect(page.locator('#staff-username')).toBeVisible();
});
