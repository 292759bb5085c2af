#!/usr/bin/env node
// Browser benchmark of the annotator page (not a timed test): headless Chromium against www/
// served gzip-compressed from 127.0.0.1. Reports
//   - page ready: navigation start to the engine compiled, instantiated and its model parsed (the page's
//     'newsmark-ready' mark), over fresh loads with an empty cache;
//   - a 2,000-word article: engine + DOM (the page's 'newsmark-annotate-render' measure, from
//     the request to the view in the DOM) and to the next frame after it (style, layout, paint);
//     the engine alone, called on the main thread;
//   - a 100,000-word article: time to the rendered view and the longest main-thread task;
//   - everything the page transfers (gzip, level 9), and the dist files gzipped.
// Usage: node bench/browser.mjs [--runs N]   (make bench-browser builds what it needs first)
import { createServer } from 'node:http';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WWW = join(ROOT, 'www');
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 15;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** Serves www/ gzip-compressed and counts the bytes each response puts on the wire. */
async function serve() {
  const cache = new Map();
  const sent = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = normalize(join(WWW, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(WWW + sep)) return res.writeHead(403).end();
    try {
      if (!cache.has(file)) cache.set(file, gzipSync(await readFile(file), { level: 9 }));
      const body = cache.get(file);
      sent.push({ path, bytes: body.length });
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Encoding': 'gzip', 'Cache-Control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, sent, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const max = (values) => Math.max(...values);
const ms = (value) => `${value.toFixed(1)} ms`;

/** An article of at least `words` words, built from the sample article's paragraphs. */
async function article(words) {
  const { SAMPLE_ARTICLE } = await import(new URL('../www/sample.js', import.meta.url).href);
  const paragraphs = SAMPLE_ARTICLE.trim().split('\n');
  const out = [];
  let count = 0;
  for (let i = 0; count < words; i += 1) {
    const paragraph = paragraphs[i % paragraphs.length];
    out.push(paragraph);
    count += paragraph.split(/\s+/).length;
  }
  return { text: `${out.join('\n')}\n`, words: count };
}

async function openReady(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30000 });
  return { context, page };
}

/** Sets the article text and resolves with the page's measure and the time to the next frame. */
function annotateAndRender(page, text) {
  return page.evaluate((value) => new Promise((done) => {
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name !== 'newsmark-annotate-render') continue;
        observer.disconnect();
        // After the next frame's style, layout and paint: a task queued from rAF runs after it.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => done({ dom: entry.duration, frame: performance.now() - entry.startTime, revision: document.body.dataset.revision });
          channel.port2.postMessage(0);
        });
      }
    });
    observer.observe({ type: 'measure' });
    const box = document.getElementById('text');
    box.value = value;
    box.dispatchEvent(new Event('input'));
  }), text);
}

async function main() {
  const server = await serve();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--disable-gpu', '--no-sandbox'] });
  const results = {};

  // Page ready and bytes transferred, over fresh loads.
  const ready = [];
  let transferred = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const before = server.sent.length;
    const { context, page } = await openReady(browser, server.origin);
    ready.push(await page.evaluate(() => performance.getEntriesByName('newsmark-ready')[0].startTime));
    transferred = server.sent.slice(before).reduce((sum, response) => sum + response.bytes, 0);
    await context.close();
  }
  results.readyMs = { median: median(ready), max: max(ready), runs: RUNS };
  results.transferredGzipBytes = transferred;

  // A 2,000-word article, annotated and rendered again and again on one page.
  const { text, words } = await article(2000);
  const { context, page } = await openReady(browser, server.origin);
  const dom = [];
  const frame = [];
  for (let run = 0; run < RUNS; run += 1) {
    // A different last word each time, so every run is a new text.
    const result = await annotateAndRender(page, `${text}Run ${run}.`);
    dom.push(result.dom);
    frame.push(result.frame);
  }
  const engineOnly = await page.evaluate(async ({ value, runs }) => {
    const glue = await import('./pkg/newsmark.js?bench');
    const { ENGINE_WASM } = await import('./engine-build.js');
    await glue.default({ module_or_path: new URL(`./pkg/${ENGINE_WASM}`, location.href) });
    const times = [];
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      glue.annotate(`${value}Run ${run}.`);
      times.push(performance.now() - start);
    }
    return times;
  }, { value: text, runs: RUNS });
  results.article2000 = {
    words,
    engineAndDomMs: { median: median(dom), max: max(dom) },
    toNextFrameMs: { median: median(frame), max: max(frame) },
    engineOnlyMs: { median: median(engineOnly), max: max(engineOnly) },
  };
  await context.close();

  // 100,000 words: does the main thread stay free?
  const big = await article(100000);
  {
    const { context: bigContext, page: bigPage } = await openReady(browser, server.origin);
    await bigPage.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask' });
    });
    const result = await annotateAndRender(bigPage, big.text);
    const longTasks = await bigPage.evaluate(() => window.longTasks);
    results.article100k = { words: big.words, toNextFrameMs: result.frame, longestTaskMs: longTasks.length ? max(longTasks) : 0, longTasks: longTasks.length };
    await bigContext.close();
  }

  const dist = {};
  for (const file of ['newsmark.js', 'streaming/newsmark.js', 'streaming/newsmark_bg.wasm', 'streaming/newsmark_simd_bg.wasm', 'newsmark.html']) {
    try {
      const bytes = await readFile(join(ROOT, 'dist', file));
      dist[file] = { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    } catch {
      dist[file] = 'missing (run `make dist`)';
    }
  }
  results.dist = dist;

  await browser.close();
  await server.close();

  console.log(`newsmark browser benchmark (headless Chromium, ${RUNS} runs, local server, gzip level 9)`);
  console.log(`  page ready (compiled, instantiated, model) median ${ms(results.readyMs.median)}, max ${ms(results.readyMs.max)}`);
  console.log(`  transferred by the page, gzipped             ${results.transferredGzipBytes.toLocaleString('en')} bytes`);
  console.log(`  ${words}-word article, engine + DOM          median ${ms(results.article2000.engineAndDomMs.median)}, max ${ms(results.article2000.engineAndDomMs.max)}`);
  console.log(`  ${words}-word article, to the next frame     median ${ms(results.article2000.toNextFrameMs.median)}, max ${ms(results.article2000.toNextFrameMs.max)}`);
  console.log(`  ${words}-word article, engine alone           median ${ms(results.article2000.engineOnlyMs.median)}, max ${ms(results.article2000.engineOnlyMs.max)}`);
  console.log(`  ${big.words}-word article, to the next frame  ${ms(results.article100k.toNextFrameMs)}; longest main-thread task ${ms(results.article100k.longestTaskMs)} (${results.article100k.longTasks} tasks over 50 ms)`);
  for (const [file, size] of Object.entries(dist)) console.log(`  dist/${file}: ${typeof size === 'string' ? size : `${size.bytes.toLocaleString('en')} bytes, ${size.gzipBytes.toLocaleString('en')} gzipped`}`);
  await mkdir(join(ROOT, 'test-output'), { recursive: true });
  await writeFile(join(ROOT, 'test-output', 'bench-browser.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
