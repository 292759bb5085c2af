#!/usr/bin/env node
// Takes the README's screenshot of the page (docs/screenshot.png) in headless Chromium.
// Usage: node scripts/screenshot.mjs [--fixture]
//   default    the sample article, annotated by the real engine (run `make wasm` first)
//   --fixture  tests/browser/fixtures/article.json, a Document with hand-written annotations
import { join } from 'node:path';
import { ROOT, launchBrowser, startServer, waitForRevision } from '../tests/browser/helpers.mjs';

// Tall enough for the article view and the side panel's top, short enough for a README.
const VIEWPORT = { width: 1200, height: 1250 };

const fixture = process.argv.includes('--fixture');
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  if (fixture) await page.setInputFiles('#json-file', join(ROOT, 'tests/browser/fixtures/article.json'));
  else await page.click('#sample');
  await waitForRevision(page, 0);
  const person = page.locator('#view mark.nm-entity[data-label="PERSON"]').nth(1);
  if (await person.count()) {
    await person.click();
    await person.hover();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: join(ROOT, 'docs/screenshot.png') });
  console.log(`wrote docs/screenshot.png (${fixture ? 'fixture Document' : 'sample article, real engine'})`);
} finally {
  await browser.close();
  await server.close();
}
