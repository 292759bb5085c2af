// The embeddable widget: annotateElement/clearAnnotations on the CMS demo page, the
// <newsmark-annotator> element, the dist bundles under the strict CSP, and the single-file page
// from file://. Run after `node scripts/build-dist.mjs` (make test-browser does both).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, STRICT_CSP, launchBrowser, screenshotPage, outputPath, startServer, watchPage } from './helpers.mjs';

const DIST = join(ROOT, 'dist');

// The demo article's names, marked by the fixture engine: "Northshore Rail" runs across a link
// and an <em>; the quotation '"a daily ordeal"' runs across an <em>.
const NAMES = [['Northshore Rail', 'ORG'], ['Porthaven', 'LOC'], ['Kelby', 'LOC'], ['Grace Okoro', 'PERSON'], ['Okoro', 'PERSON'], ['$3.4 million', 'MONEY']];

let browser;
const servers = [];

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(mounts) {
  const server = await startServer({
    csp: STRICT_CSP,
    mounts: { '/': join(ROOT, 'www'), '/test-fixtures/': join(ROOT, 'tests/browser/fixtures'), ...mounts },
  });
  servers.push(server);
  return server;
}

/** Opens the CMS demo and waits for its automatic annotation; returns the page. */
async function openDemo(server) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = watchPage(page, server.origin);
  await page.goto(`${server.origin}/cms-demo.html`);
  await page.waitForFunction(() => document.body.hasAttribute('data-annotated'), null, { timeout: 15000 });
  return { page, problems };
}

/** Clears the demo, annotates its body with the fixture engine twice, and reports what it saw. */
function annotateWithFixture(page, widgetUrl) {
  return page.evaluate(async ({ names, widgetUrl: url }) => {
    const widget = await import(url);
    const { fixtureEngine } = await import('/test-fixtures/fixture-engine.js');
    const body = document.getElementById('story-body');
    widget.clearAnnotations(body);
    const original = { html: body.innerHTML, text: body.textContent };
    const links = [...body.querySelectorAll('a')];
    const linkState = () => links.map((link) => [link.isConnected && body.contains(link), link.getAttribute('href'), link.textContent]);
    const before = linkState();
    const events = [];
    body.addEventListener('newsmark:annotated', (event) => events.push(event.detail.entities.length));
    const engine = fixtureEngine(widget.annotate, names, 'Grace Okoro');
    const first = await widget.annotateElement(body, { engine });
    const once = {
      marks: body.querySelectorAll('mark.nm-entity').length,
      quotes: body.querySelectorAll('mark.nm-quote').length,
      html: body.innerHTML,
    };
    await widget.annotateElement(body, { engine });
    const result = {
      documentText: first.text,
      entities: first.entities.length,
      textKept: body.textContent === original.text,
      linksKept: JSON.stringify(linkState()) === JSON.stringify(before),
      once,
      twiceSameHtml: body.innerHTML === once.html,
      nestedEntities: body.querySelectorAll('mark.nm-entity mark.nm-entity, mark.nm-quote mark.nm-quote').length,
      acrossEm: [...body.querySelectorAll('a em mark.nm-entity, em mark.nm-quote')].map((mark) => mark.textContent),
      marked: [...body.querySelectorAll('mark.nm-entity')].map((mark) => [mark.textContent, mark.dataset.label]),
      events,
    };
    const cleared = widget.clearAnnotations(body);
    result.cleared = cleared;
    result.restored = body.innerHTML === original.html;
    result.linksAfterClear = JSON.stringify(linkState()) === JSON.stringify(before);
    return result;
  }, { names: NAMES, widgetUrl });
}

function checkFixtureRun(result) {
  assert.ok(result.entities > 5, `the fixture engine found ${result.entities} entities`);
  assert.ok(result.once.marks >= result.entities, 'every entity is marked (one mark per text node it covers)');
  assert.ok(result.once.quotes >= 3);
  assert.equal(result.textKept, true, 'textContent unchanged');
  assert.equal(result.linksKept, true, 'every link is the same element with the same href and text');
  assert.equal(result.twiceSameHtml, true, 'annotating twice gives the same marks, not nested ones');
  assert.equal(result.nestedEntities, 0);
  assert.ok(result.acrossEm.includes('Rail'), `an entity across <a><em> is marked inside the em: ${result.acrossEm}`);
  assert.ok(result.acrossEm.includes('daily'), 'a quotation across an <em> is marked inside it');
  assert.deepEqual(result.marked.filter(([text]) => text.startsWith('Northshore')), [['Northshore ', 'ORG'], ['Northshore Rail', 'ORG']]);
  assert.deepEqual(result.events, [result.entities, result.entities]);
  assert.equal(result.cleared, true);
  assert.equal(result.restored, true, 'clearAnnotations restores innerHTML exactly');
  assert.equal(result.linksAfterClear, true);
}

describe('the widget', () => {
  test('fixture: annotateElement keeps textContent and links; clearAnnotations restores innerHTML exactly', async () => {
    const server = await serve({});
    const { page, problems } = await openDemo(server);
    const result = await annotateWithFixture(page, '/widget.js');
    checkFixtureRun(result);
    assert.equal(result.documentText.split('\n').filter((line) => line.trim()).length, 6, 'one engine paragraph per block of the article');
    // Leave it annotated for the screenshot, with the styles adopted into the host document.
    await page.evaluate(async (names) => {
      const widget = await import('/widget.js');
      const { fixtureEngine } = await import('/test-fixtures/fixture-engine.js');
      await widget.annotateElement(document.getElementById('story-body'), { engine: fixtureEngine(widget.annotate, names, 'Grace Okoro') });
    }, NAMES);
    const hostParagraph = await page.$eval('.byline', (node) => getComputedStyle(node).backgroundColor);
    assert.equal(hostParagraph, 'rgba(0, 0, 0, 0)', 'no newsmark style reaches the host page’s own elements');
    // Every rule newsmark adds to the host document names a newsmark class or attribute.
    const selectors = await page.evaluate(() => document.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
      .flatMap((rule) => (rule instanceof CSSMediaRule ? [...rule.cssRules] : [rule])).map((rule) => rule.selectorText));
    assert.ok(selectors.length > 20, JSON.stringify(selectors));
    for (const selector of selectors) {
      for (const part of selector.split(',')) assert.match(part, /\.nm-|\[data-nm-/, `a rule that could touch the host page: ${part}`);
    }
    await screenshotPage(page, await outputPath('cms-demo.png'));
    assert.deepEqual(problems, { errors: [], foreign: [], dialogs: [] });
    await page.close();
  });

  test('engine: the demo annotates in place with the real engine and clears exactly', async () => {
    const server = await serve({});
    const { page, problems } = await openDemo(server);
    await screenshotPage(page, await outputPath('cms-demo-engine.png'));
    const state = await page.evaluate(() => {
      const body = document.getElementById('story-body');
      return { text: body.textContent, links: [...body.querySelectorAll('a')].map((a) => a.outerHTML.replace(/<\/?mark[^>]*>/g, '')) };
    });
    await page.click('#clear');
    const cleared = await page.evaluate(() => {
      const body = document.getElementById('story-body');
      return { text: body.textContent, links: [...body.querySelectorAll('a')].map((a) => a.outerHTML), marks: body.querySelectorAll('mark').length, html: body.innerHTML };
    });
    assert.equal(cleared.marks, 0);
    assert.equal(cleared.text, state.text);
    assert.deepEqual(cleared.links, state.links);
    await page.click('#annotate');
    await page.waitForFunction(() => /marked/.test(document.getElementById('cms-status').textContent));
    await page.click('#clear');
    assert.equal(await page.$eval('#story-body', (node) => node.innerHTML), cleared.html);
    assert.deepEqual(problems, { errors: [], foreign: [], dialogs: [] });
    await page.close();
  });

  test('engine: <newsmark-annotator> renders in its shadow root; attributes choose layers', async () => {
    const server = await serve({});
    const { page, problems } = await openDemo(server);
    const widget = page.locator('newsmark-annotator');
    await page.waitForFunction(() => document.querySelector('newsmark-annotator').document !== null);
    const shadow = await widget.evaluate((element) => ({
      paragraphs: element.shadowRoot.querySelectorAll('.nm-paragraph').length,
      tokens: element.shadowRoot.querySelectorAll('.nm-token').length,
      text: element.shadowRoot.querySelector('.nm-view').textContent,
      legend: [...element.shadowRoot.querySelectorAll('.legend mark')].map((mark) => mark.dataset.label),
      hostSheets: document.adoptedStyleSheets.length,
    }));
    assert.equal(shadow.paragraphs, 1);
    assert.equal(shadow.tokens, 0);
    assert.match(shadow.text, /Mayor Ana Whitcombe said on Friday/);
    assert.deepEqual(shadow.legend, ['PERSON', 'ORG', 'LOC', 'NORP', 'DATE', 'MONEY']);
    // types="..." limits the marks: each drawn mark has one of the types, and every entity of
    // those types is drawn.
    const labels = await widget.evaluate((element) => [...element.shadowRoot.querySelectorAll('mark.nm-entity:not(.legend mark)')].map((mark) => mark.dataset.label));
    assert.ok(labels.every((label) => shadow.legend.includes(label)), `marks outside the types attribute: ${labels}`);
    const all = await widget.evaluate((element) => element.document.entities.map((entity) => entity.label));
    assert.deepEqual(labels, all.filter((label) => shadow.legend.includes(label)));
    const events = await widget.evaluate(async (element) => {
      const seen = new Promise((resolve) => element.addEventListener('newsmark:annotated', (event) => resolve(event.detail.tokens.length), { once: true }));
      element.setAttribute('layers', 'entities quotes tokens');
      element.text = 'A new text for the widget, typed by a test.';
      return seen;
    });
    assert.ok(events > 5);
    await page.waitForFunction(() => document.querySelector('newsmark-annotator').shadowRoot.querySelectorAll('.nm-token').length > 5);
    const tokens = await widget.evaluate((element) => [...element.shadowRoot.querySelectorAll('.nm-token')].map((t) => t.textContent));
    assert.deepEqual(tokens.slice(0, 4), ['A', 'new', 'text', 'for']);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.nm-token').length), 0, 'nothing of the widget outside its shadow root');
    assert.deepEqual(problems, { errors: [], foreign: [], dialogs: [] });
    await page.close();
  });

  for (const variant of ['newsmark.js', 'streaming/newsmark.js']) {
    test(`fixture + engine: dist/${variant} works on the demo page under the strict CSP`, async () => {
      await access(join(DIST, variant));
      // The demo imports ./widget.js; here that path serves the bundle (and its .wasm) instead.
      const server = await serve({ '/widget.js': join(DIST, variant), '/newsmark_simd_bg.wasm': join(DIST, 'streaming/newsmark_simd_bg.wasm'), '/dist/': DIST });
      const { page, problems } = await openDemo(server);
      const result = await annotateWithFixture(page, '/widget.js');
      checkFixtureRun(result);
      const requested = new Set(server.requests);
      assert.ok(!requested.has('/engine.js') && !requested.has('/pkg/newsmark_simd_bg.wasm'), 'the bundle needs none of the source files');
      // Chromium runs WebAssembly SIMD: the streaming bundle fetches the SIMD build.
      assert.equal(requested.has('/newsmark_simd_bg.wasm'), variant.startsWith('streaming'));
      assert.deepEqual(problems, { errors: [], foreign: [], dialogs: [] });
      await page.close();
      // On a blank page: importing the bundle adds no global variable and defines the element.
      const blank = await browser.newPage();
      await blank.goto(`${server.origin}/test-fixtures/blank.html`);
      const globals = await blank.evaluate(async (url) => {
        const before = new Set(Object.getOwnPropertyNames(globalThis));
        const module = await import(url);
        const doc = await module.annotate('Grace Okoro said so.');
        return {
          added: Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name)),
          element: customElements.get('newsmark-annotator') === module.NewsmarkAnnotator,
          tokens: doc.tokens.length,
        };
      }, `/dist/${variant}`);
      assert.deepEqual(globals, { added: [], element: true, tokens: 5 });
      await blank.close();
    });
  }

  test('engine: dist/newsmark.html works opened from file://, offline', async () => {
    const file = pathToFileURL(join(DIST, 'newsmark.html')).href;
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    const problems = watchPage(page, null);
    await page.goto(file);
    await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 15000 });
    await page.fill('#text', 'The single file works offline on Sunday. "Yes," she said.');
    await page.waitForFunction(() => document.body.dataset.state === 'done');
    assert.equal(await page.textContent('#view .nm-paragraph'), 'The single file works offline on Sunday. "Yes," she said.');
    assert.ok(await page.$$eval('#view .nm-sentence', (nodes) => nodes.length) >= 2);
    assert.deepEqual(requests.filter((url) => url !== file && !url.startsWith('data:') && !url.startsWith('blob:')), []);
    assert.deepEqual(problems.errors, []);
    await page.screenshot({ path: await outputPath('single-file.png') });
    await context.close();
  });
});
