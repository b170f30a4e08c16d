// Draws the app icons (192 and 512 px PNG) from public/favicon.svg in Chromium. The icons are
// committed; run this again only when the design changes:
//   node scripts/make-icons.mjs
import { chromium } from '../end2end/node_modules/playwright-core/index.mjs';
import { readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  // Full-bleed background so the icon also works as "maskable" (safe zone: the centre 80%).
  await page.setContent(`<html><body style="margin:0;background:#0f766e">
    <div style="width:${size}px;height:${size}px;display:flex;align-items:center;justify-content:center">
      <div style="width:${Math.round(size * 0.8)}px;height:${Math.round(size * 0.8)}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div>
    </div></body></html>`);
  await page.screenshot({ path: new URL(`../public/icons/icon-${size}.png`, import.meta.url).pathname });
}
await browser.close();
