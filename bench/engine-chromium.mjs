// newsmark's WebAssembly build in headless Chromium: time-to-ready and throughput on the
// benchmark corpus, with the same protocol as bench/tool.mjs. Prints one JSON object.
//
// Usage: node bench/engine-chromium.mjs [DOCS_JSON]
// Chromium is Debian's /usr/bin/chromium, driven by playwright-core; the page
// (bench/engine-chromium.html), www/pkg and the corpus are served from 127.0.0.1 on a free port.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsPath = path.resolve(process.argv[2] ?? path.join(root, 'bench/corpus/docs.json'));
const routes = {
  '/': path.join(root, 'bench/engine-chromium.html'),
  '/pkg/newsmark.js': path.join(root, 'www/pkg/newsmark.js'),
  '/pkg/newsmark_bg.wasm': path.join(root, 'www/pkg/newsmark_bg.wasm'),
  '/pkg/newsmark_simd_bg.wasm': path.join(root, 'www/pkg/newsmark_simd_bg.wasm'),
  '/engine.js': path.join(root, 'www/engine.js'),
  '/engine-build.js': path.join(root, 'www/engine-build.js'),
  '/corpus/docs.json': docsPath,
};
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

const server = http.createServer((request, response) => {
  const file = routes[new URL(request.url, 'http://localhost').pathname];
  if (!file) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  // Headless Chromium preloads its own browser UI for a new window during its first second,
  // which took CPU time from the page's start on this 2-core machine (see SETTLE_MS in
  // bench/browser.mjs): time-to-ready is measured once the window has settled.
  await new Promise((settled) => setTimeout(settled, 1000));
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/`);
  // Waited for with one small expression over the DevTools protocol: playwright's
  // waitForFunction would inject its script library into the page while it is still timing.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Runtime.evaluate', { expression: 'new Promise((done) => { const check = () => (window.benchReady ? done() : setTimeout(check, 10)); check(); })', awaitPromise: true, timeout: 30_000 });
  await cdp.detach();
  const ready = await page.evaluate(() => window.benchReady);
  const fixed = Number(process.env.BENCH_PASSES) || 0;
  const run = await page.evaluate(async ({ minPasses, maxPasses, budgetMs }) => {
    const docs = (await (await fetch('/corpus/docs.json')).json()).map((d) => d.text);
    for (const text of docs.slice(0, Math.ceil(docs.length / 4))) window.newsmark.annotate(text);
    const passes = [];
    let tokens = 0;
    const started = performance.now();
    while (passes.length < minPasses || (passes.length < maxPasses && performance.now() - started < budgetMs)) {
      let spent = 0;
      for (const text of docs) {
        const t = performance.now();
        const doc = window.newsmark.annotate(text);
        spent += performance.now() - t;
        if (passes.length === 0) tokens += doc.tokens.length;
      }
      passes.push(spent);
    }
    return { passes, tokens, documents: docs.length, wasm_memory: window.newsmarkMemory() };
  }, { minPasses: fixed || 3, maxPasses: fixed || 7, budgetMs: 20_000 });
  const sorted = [...run.passes].sort((a, b) => a - b);
  console.log(JSON.stringify({
    tool: 'newsmark (Chromium)',
    browser: browser.version(),
    ...ready,
    documents: run.documents,
    passes_ms: run.passes,
    median_ms: sorted[Math.floor(sorted.length / 2)],
    min_ms: sorted[0],
    max_ms: sorted[sorted.length - 1],
    own_counts: { tokens: run.tokens },
    wasm_memory_mb: run.wasm_memory / 1e6,
    page_errors: errors,
  }));
} finally {
  await browser.close();
  server.close();
}
