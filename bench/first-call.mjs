#!/usr/bin/env node
// Cold start of the WebAssembly engine in headless Chromium, split into its parts: importing the
// glue, compiling and instantiating the module (`init`), the first `annotate` of a short
// sentence (the embedded tables' load plus V8's lazy compilation of every function the call
// reaches) and a second call. Fresh page per run; prints the medians.
//
// Usage: node bench/first-call.mjs [PKG_DIR] [RUNS] [V8_FLAGS]
//   PKG_DIR   wasm-bindgen output to load (default www/pkg; its SIMD build, which Chromium runs)
//   V8_FLAGS  passed as --js-flags, e.g. --no-wasm-lazy-compilation (compile every function in
//             `init`, so that the first call holds no compilation)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.resolve(process.argv[2] ?? path.join(root, 'www/pkg'));
const runs = Number(process.argv[3] ?? 7);
const flags = process.argv[4];
const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
const t0 = performance.now();
const glue = await import('/pkg/newsmark.js');
const t1 = performance.now();
await glue.default({ module_or_path: '/pkg/newsmark_simd_bg.wasm' });
const t2 = performance.now();
glue.annotate('Pentagon Press Secretary John F. Kirby said on Monday that the U.S. would help.');
const t3 = performance.now();
glue.annotate('Ana Whitcombe, the mayor of Doha, said "We will see" on 5 May 2021.');
const t4 = performance.now();
window.timings = { import: t1 - t0, init: t2 - t1, first: t3 - t2, second: t4 - t3 };
</script>`;

const server = http.createServer((request, response) => {
  const name = new URL(request.url, 'http://localhost').pathname;
  if (name === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  const file = path.join(pkg, path.basename(name));
  if (!name.startsWith('/pkg/') || !fs.existsSync(file)) return response.writeHead(404).end();
  const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
  return response.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const args = ['--no-sandbox', '--disable-gpu'];
if (flags) args.push(`--js-flags=${flags}`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
const rows = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    // Headless Chromium preloads its own browser UI for a new window during its first second
    // (see SETTLE_MS in bench/browser.mjs): start once the window has settled.
    await new Promise((settled) => setTimeout(settled, 1000));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    // One small expression over the DevTools protocol: playwright's waitForFunction would
    // inject its script library into the page while it is still timing.
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Runtime.evaluate', { expression: 'new Promise((done) => { const check = () => (window.timings ? done() : setTimeout(check, 10)); check(); })', awaitPromise: true, timeout: 30_000 });
    await cdp.detach();
    rows.push(await tab.evaluate(() => window.timings));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (key) => [...rows.map((row) => row[key])].sort((a, b) => a - b)[rows.length >> 1];
console.log(`${path.relative(root, pkg) || pkg} ${flags ?? '(default flags)'}, ${runs} fresh pages, median ms: ` +
  ['import', 'init', 'first', 'second'].map((key) => `${key} ${median(key).toFixed(1)}`).join(', '));
