#!/usr/bin/env node
// Browser benchmark of the annotator page (not a timed test): headless Chromium against www/
// served gzip-compressed from 127.0.0.1. Reports
//   - page ready: navigation start to the engine compiled, instantiated and its model loaded
//     (the page's 'newsmark-ready' mark), over fresh loads with an empty cache, and where that
//     time goes (a waterfall of medians: the files' arrival and the engine's steps, from User
//     Timing marks in the page and in its worker); then the engine warm (its warm-up
//     annotation done, which V8's lazy compilation makes slower than later ones: the worker's
//     'newsmark-engine-warm' mark), and the first annotation of a 2,000-word article on each of
//     those fresh pages, asked for right after ready;
//   - a 2,000-word article: engine + DOM (the page's 'newsmark-annotate-render' measure, from
//     the request to the view in the DOM) and to the next frame after it (style, layout, paint);
//     the engine alone, called on the main thread;
//   - a 100,000-word article: time to the rendered view and the longest main-thread task;
//   - everything the page transfers (gzip, level 9), and the dist files gzipped.
// Usage: node bench/browser.mjs [--runs N] [--www DIR] [--ready-only] [--floors]
//   (make bench-browser builds what it needs first; --www serves another copy of www/, to
//   compare two versions of the page; --ready-only stops after the page-ready loads; --floors
//   also times minimal pages the same way, the floors under the page's ready time: see FLOORS)
import { createServer } from 'node:http';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { WARM_UP_TEXT } from '../www/engine.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const flag = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const WWW = resolve(flag('--www') ?? join(ROOT, 'www'));
const RUNS = Number(flag('--runs') ?? 15);
const READY_ONLY = process.argv.includes('--ready-only');

// Minimal pages, served from /floor/ next to www/ and timed like the page (fresh loads, the
// same wait): a blank page with one module script; the engine's .wasm (the SIMD build, which
// the page runs in Chromium) preloaded, compiled and instantiated on the main thread; the same
// plus the model loaded, or plus one warm-up annotation; and the page's arrangement stripped to
// its engine (the page compiles, a worker instantiates and loads the model).
// Each marks 'newsmark-ready' and sets the state the bench waits for.
const WARM_UP = JSON.stringify(WARM_UP_TEXT);
const READY = "performance.mark('newsmark-ready'); document.body.dataset.state = 'ready';";
const floorPage = (script) => `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><link rel="preload" href="/pkg/newsmark_simd_bg.wasm" as="fetch" type="application/wasm" crossorigin><script type="module" src="${script}"></script><body data-state="loading">`;
const COMPILE = "import init, { annotate_packed, load_model } from '/pkg/newsmark.js';\nawait init({ module_or_path: await WebAssembly.compileStreaming(fetch('/pkg/newsmark_simd_bg.wasm')) });";
const FLOORS = {
  'blank page, one module script': { '/floor/blank.html': floorPage('blank.js').replace(/<link rel="preload"[^>]*>/, ''), '/floor/blank.js': READY },
  'wasm compiled and instantiated in the page': { '/floor/compile.html': floorPage('compile.js'), '/floor/compile.js': `${COMPILE}\n${READY}` },
  'the same and the model loaded': { '/floor/model.html': floorPage('model.js'), '/floor/model.js': `${COMPILE}\nload_model();\n${READY}` },
  'the same and one warm-up annotation': { '/floor/warm.html': floorPage('warm.js'), '/floor/warm.js': `${COMPILE}\nannotate_packed(${WARM_UP});\n${READY}` },
  'page compiles, worker instantiates and loads the model': {
    '/floor/worker.html': floorPage('worker.js'),
    '/floor/worker.js': `const worker = new Worker('/floor/engine-worker.js', { type: 'module' });\nworker.onmessage = () => { ${READY} };\nworker.postMessage(await WebAssembly.compileStreaming(fetch('/pkg/newsmark_simd_bg.wasm')));`,
    '/floor/engine-worker.js': `import init, { load_model } from '/pkg/newsmark.js';\nself.onmessage = async (event) => { await init({ module_or_path: event.data }); load_model(); self.postMessage('ready'); };`,
  },
};
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

/**
 * Serves www/ gzip-compressed and counts the bytes each response puts on the wire. Every file
 * is compressed before the first request: compressing the 2.3 MB .wasm on demand blocked this
 * server for a tenth of a second or more, which the first page load then measured. Headers as
 * `make serve` (python3 -m http.server) sends them: a Last-Modified date and no Cache-Control,
 * so that a browser may reuse a file within a load (the worker imports modules the page has
 * fetched already); every load starts from an empty cache all the same, in a new context.
 */
async function serve() {
  const cache = new Map();
  for (const entry of await readdir(WWW, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const modified = (await stat(file)).mtime.toUTCString();
    cache.set(file, { body: gzipSync(await readFile(file), { level: 9 }), modified });
  }
  const started = new Date().toUTCString();
  for (const files of Object.values(FLOORS)) {
    for (const [path, text] of Object.entries(files)) cache.set(join(WWW, path), { body: gzipSync(text, { level: 9 }), modified: started });
  }
  const sent = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = normalize(join(WWW, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(WWW + sep)) return res.writeHead(403).end();
    const served = cache.get(file);
    if (!served) return res.writeHead(404).end();
    sent.push({ path, bytes: served.body.length });
    return res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Encoding': 'gzip', 'Last-Modified': served.modified }).end(served.body);
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

// Waits in the page for its state to leave 'loading', looking every 10 ms. Sent as one small
// expression over the DevTools protocol: playwright's waitForFunction would first inject its
// script library into the page (16 to 46 ms of the main thread, seen in a trace) while the
// engine is still starting, and the page-ready figure would include that.
const UNTIL_STARTED = `new Promise((resolve) => {
  const check = () => (['ready', 'error'].includes(document.body?.dataset.state) ? resolve(document.body.dataset.state) : setTimeout(check, 10));
  check();
})`;

/**
 * How long a new browser context is left alone before the page is loaded into it. Chromium's
 * headless mode opens a window for every context and preloads its own browser UI for it (a
 * chrome://omnibox-popup.top-chrome renderer): in traces that took 110 to 400 ms of CPU time
 * within the first second, on a 2-core machine while the page was starting, and made page
 * ready about 150 to 250 ms later (median of 15 loads). A reader's browser has its window
 * open before they load the page; this waits for the window the same way.
 */
const SETTLE_MS = 1000;

/** A fresh page on the annotator, its engine started; throws if it failed or took 30 s. */
async function openReady(browser, origin, path = '/') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new Promise((settled) => setTimeout(settled, SETTLE_MS));
  const cdp = await context.newCDPSession(page);
  await page.goto(`${origin}${path}`);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('the page was not ready within 30 s')), 30000);
  });
  const { result } = await Promise.race([cdp.send('Runtime.evaluate', { expression: UNTIL_STARTED, awaitPromise: true, returnByValue: true }), timeout]);
  clearTimeout(timer);
  await cdp.detach();
  if (result.value !== 'ready') throw new Error(`the page's engine did not start (state ${result.value})`);
  return { context, page };
}

/**
 * Where a fresh load's time went, in ms from navigation start: the HTML and each file's
 * arrival (Resource Timing responseEnd; Chromium lists the worker's imports in the page's
 * timeline, after the page's own) and the User Timing marks of the page and of the engine's
 * worker (worker times moved onto the page's clock).
 */
async function loadSteps(page) {
  const steps = await page.evaluate(() => {
    const out = { 'HTML received': performance.getEntriesByType('navigation')[0].responseEnd };
    for (const entry of performance.getEntriesByType('resource')) {
      const name = `${new URL(entry.name).pathname} received`;
      out[name in out ? `${name} again (worker)` : name] = entry.responseEnd;
    }
    for (const entry of performance.getEntriesByType('mark')) out[entry.name] = entry.startTime;
    return { out, origin: performance.timeOrigin };
  });
  for (const worker of page.workers()) {
    const inWorker = await worker.evaluate(() => ({
      marks: performance.getEntriesByType('mark').map((entry) => [entry.name, entry.startTime]),
      origin: performance.timeOrigin,
    }));
    steps.out['worker: created'] = inWorker.origin - steps.origin;
    for (const [name, time] of inWorker.marks) steps.out[`worker: ${name}`] = time + inWorker.origin - steps.origin;
  }
  return steps.out;
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
          channel.port1.onmessage = () => done({
            engine: performance.getEntriesByName('newsmark-annotate').at(-1).duration,
            dom: entry.duration,
            frame: performance.now() - entry.startTime,
            revision: document.body.dataset.revision,
          });
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

  // Page ready and bytes transferred, over fresh loads; then the first annotation on each.
  const { text, words } = await article(2000);
  const ready = [];
  const steps = new Map();
  const firstEngine = [];
  const firstDom = [];
  let transferred = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const before = server.sent.length;
    const { context, page } = await openReady(browser, server.origin);
    const load = await loadSteps(page);
    ready.push(load['newsmark-ready']);
    for (const [name, time] of Object.entries(load)) steps.set(name, [...(steps.get(name) ?? []), time]);
    transferred = server.sent.slice(before).reduce((sum, response) => sum + response.bytes, 0);
    const first = await annotateAndRender(page, text);
    firstEngine.push(first.engine);
    firstDom.push(first.dom);
    await context.close();
  }
  results.firstAfterReadyMs = {
    engine: { median: median(firstEngine), max: max(firstEngine) },
    engineAndDom: { median: median(firstDom), max: max(firstDom) },
  };
  results.readyMs = { median: median(ready), max: max(ready), runs: RUNS };
  results.transferredGzipBytes = transferred;
  results.readyWaterfallMs = Object.fromEntries([...steps]
    .map(([name, times]) => [name, median(times)])
    .sort((a, b) => a[1] - b[1]));
  console.log(`newsmark browser benchmark (headless Chromium, ${RUNS} runs, local server, gzip level 9${WWW === join(ROOT, 'www') ? '' : `, ${WWW}`})`);
  console.log(`  page ready (compiled, instantiated, model loaded) median ${ms(results.readyMs.median)}, max ${ms(results.readyMs.max)}; medians of the steps:`);
  for (const [name, time] of Object.entries(results.readyWaterfallMs)) console.log(`    ${time.toFixed(1).padStart(7)} ms  ${name}`);
  const warm = steps.get('worker: newsmark-engine-warm') ?? [];
  results.warmMs = warm.length ? { median: median(warm), max: max(warm) } : null;
  if (results.warmMs) console.log(`  engine warm (its warm-up annotation done, after ready) median ${ms(results.warmMs.median)}, max ${ms(results.warmMs.max)}`);
  console.log(`  transferred by the page, gzipped             ${results.transferredGzipBytes.toLocaleString('en')} bytes`);
  console.log(`  ${words}-word article, first annotation after ready: engine median ${ms(results.firstAfterReadyMs.engine.median)}, max ${ms(results.firstAfterReadyMs.engine.max)}; engine + DOM median ${ms(results.firstAfterReadyMs.engineAndDom.median)}, max ${ms(results.firstAfterReadyMs.engineAndDom.max)}`);
  if (process.argv.includes('--floors')) {
    results.floorsMs = {};
    for (const [name, files] of Object.entries(FLOORS)) {
      const times = [];
      for (let run = 0; run < RUNS; run += 1) {
        const { context, page } = await openReady(browser, server.origin, Object.keys(files)[0]);
        times.push(await page.evaluate(() => performance.getEntriesByName('newsmark-ready')[0].startTime));
        await context.close();
      }
      results.floorsMs[name] = { median: median(times), max: max(times) };
      console.log(`  floor: ${name.padEnd(48)} median ${ms(median(times))}, max ${ms(max(times))}`);
    }
  }
  if (READY_ONLY) {
    await browser.close();
    await server.close();
    return;
  }

  // A 2,000-word article, annotated and rendered again and again on one page.
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
