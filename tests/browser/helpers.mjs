// Shared by the browser tests: a static file server on 127.0.0.1 (port 0), a headless
// Chromium from Debian's package driven by playwright-core, and the paths they use.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Where tests save screenshots and other output. */
export const OUTPUT = join(ROOT, 'test-output');
/** The strict policy the page and the widget must work under. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `mounts` ({'/': dir, '/dist/': dir}) on 127.0.0.1 at a free port, with `csp` as the
 * Content-Security-Policy header when given. Resolves with {origin, requests, close()}; every
 * request path is recorded in `requests`.
 */
export async function startServer({ mounts = { '/': join(ROOT, 'www') }, csp = null } = {}) {
  const requests = [];
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const prefix = prefixes.find((p) => path.startsWith(p));
    const base = resolve(mounts[prefix]);
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' };
      if (csp) headers['Content-Security-Policy'] = csp;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

/** Launches headless Chromium (/usr/bin/chromium unless CHROMIUM says otherwise). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--no-sandbox'],
  });
}

/** Creates test-output/ and returns the path of `name` inside it. */
export async function outputPath(name) {
  await mkdir(OUTPUT, { recursive: true });
  return join(OUTPUT, name);
}

/**
 * Records what a page does wrong: console errors, uncaught exceptions, CSP violations and
 * requests to other origins. Call before navigating.
 */
export function watchPage(page, origin) {
  const problems = { errors: [], foreign: [], dialogs: [] };
  page.on('console', (message) => { if (message.type() === 'error') problems.errors.push(message.text()); });
  page.on('pageerror', (error) => problems.errors.push(String(error)));
  page.on('dialog', (dialog) => { problems.dialogs.push(dialog.message()); dialog.dismiss(); });
  page.on('request', (request) => {
    const url = request.url();
    if (origin && !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) problems.foreign.push(url);
  });
  return problems;
}

/** Waits until the page has rendered a Document newer than `revision`, and returns the new one. */
export async function waitForRevision(page, revision) {
  await page.waitForFunction(
    (old) => Number(document.body.dataset.revision ?? 0) > old && document.body.dataset.state === 'done',
    revision, { timeout: 15000 },
  );
  return Number(await page.evaluate(() => document.body.dataset.revision));
}

/** The revision the page shows now (0 before the first Document). */
export async function currentRevision(page) {
  return Number(await page.evaluate(() => document.body.dataset.revision ?? 0));
}

/**
 * Saves a screenshot of the whole page. The viewport first grows to the page's height, so that
 * paragraphs with `content-visibility: auto` are on screen and painted when the shot is taken.
 */
export async function screenshotPage(page, path) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}
