// The page's fast path from text to Document (the engine's `annotate_packed`, turned into
// objects by www/engine.js `documentFromPacked`) against the engine's own `annotate`, which
// builds the same Document field by field in Rust (serde-wasm-bindgen): both must agree
// exactly, key order included (the page exports the Document as JSON). Under node, no browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.mjs';
import { documentFromPacked } from '../../www/engine.js';

// The baseline build, and the SIMD build (www/engine-build.js) under its own copy of the glue.
const glueUrl = pathToFileURL(join(ROOT, 'www/pkg/newsmark.js')).href;
const glue = await import(glueUrl);
glue.initSync({ module: await readFile(join(ROOT, 'www/pkg/newsmark_bg.wasm')) });
const simd = await import(`${glueUrl}?simd`);
simd.initSync({ module: await readFile(join(ROOT, 'www/pkg/newsmark_simd_bg.wasm')) });

const fast = (text) => documentFromPacked(text, glue.annotate_packed(text));

/** Every name the packed form encodes as an index: the texts below must use them all, so
 *  that enums reordered on one side only (src/document.rs, www/engine.js) fail here. */
const TOKEN_KINDS = ['word', 'number', 'quote', 'punct', 'symbol', 'url', 'email', 'handle', 'hashtag', 'emoji', 'other'];
const LABELS = ['PERSON', 'NORP', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'CARDINAL'];
const QUOTE_KINDS = ['direct', 'partial', 'term', 'indirect'];

const CASES = [
  ['empty', ''],
  ['only spaces and line breaks', ' \n\n \t\n'],
  ['every token kind', 'Mail ana@example.org or see https://example.org/a?b=1 — @newsdesk #vote 😀 👩‍👩‍👧 costs $5 (10,000) \u0007 “quoted” ok.'],
  ['every label', 'President Joe Biden met German and Pakistani officials of the United Nations in Geneva on Monday, Aug. 10, 2021, at 10:30 a.m. to discuss the World Cup, $1.2 billion in aid, a 45% rise, 20 tonnes of grain and three ships.'],
  ['quotations of every kind', 'Mayor Ana Whitcombe said on Tuesday that Porthaven would spend $48 million.\n"We have waited long enough," Whitcombe told reporters. "It is time."\nCouncillor David Okafor called the plan "optimistic at best." The so-called "reform" stalled.\nOkafor said the council would vote again, according to Whitcombe.\n'],
  ['UTF-16: emoji, CJK, combining marks, astral letters', '東京 says e\u0301te\u0301 𝒳 😀 "Zoë Quiñones," she said of 𝒳 Corp in Zürich.'],
  ['lone surrogates (each becomes U+FFFD)', 'Ana \ud800 said "hi \udc00 there," \ud83d Okafor said.'],
  ['ALL-CAPS headline', 'PENTAGON SAYS KIRBY WILL SPEAK ON MONDAY\nThe Pentagon said so.'],
  ['no punctuation', 'the mayor said the council would vote on the plan next week and kirby agreed'],
  ['a table of numbers', '2019 | 1,204 | 3.5%\n2020 | 1,877 | 4.1%\n2021 | 2,003 | -0.2%'],
];

async function textsIn(dir, suffix) {
  const names = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith(suffix)).sort();
  return Promise.all(names.map(async (name) => [`${dir.slice(ROOT.length + 1)}/${name}`, await readFile(join(dir, name), 'utf8')]));
}

const texts = [
  ...CASES,
  ...(await textsIn(join(ROOT, 'tests/golden'), '.txt')),
  ...(await textsIn(join(ROOT, 'tests/golden/quotes'), '.txt')),
  ['one long text: the golden texts and cases joined, 20 times', null],
];
texts[texts.length - 1][1] = Array.from({ length: 20 }, () => texts.slice(0, -1).map(([, text]) => text).join('\n')).join('\n');

const seen = { kinds: new Set(), labels: new Set(), quoteKinds: new Set() };

for (const [name, text] of texts) {
  test(`packed Document equals the engine's annotate: ${name}`, () => {
    const expected = glue.annotate(text);
    const actual = fast(text);
    assert.deepStrictEqual(actual, expected);
    assert.equal(JSON.stringify(actual), JSON.stringify(expected), 'the same JSON, byte for byte');
    for (const token of actual.tokens) seen.kinds.add(token.kind);
    for (const entity of actual.entities) seen.labels.add(entity.label);
    for (const quote of actual.quotes) seen.quoteKinds.add(quote.kind);
  });
}

test('the texts above use every token kind, label and quotation kind', () => {
  assert.deepEqual([...seen.kinds].sort(), [...TOKEN_KINDS].sort());
  assert.deepEqual([...seen.labels].sort(), [...LABELS].sort());
  assert.deepEqual([...seen.quoteKinds].sort(), [...QUOTE_KINDS].sort());
});

test('the benchmark corpus, when built (node bench/corpus.mjs), gives the same Documents', async (t) => {
  const corpus = await readFile(join(ROOT, 'bench/corpus/docs.json'), 'utf8').catch(() => null);
  if (corpus === null) {
    t.skip('bench/corpus/docs.json is absent (make bench builds it)');
    return;
  }
  for (const { text } of JSON.parse(corpus)) assert.deepStrictEqual(fast(text), glue.annotate(text));
});

test('the SIMD build gives exactly the baseline build\'s results', async () => {
  const corpus = await readFile(join(ROOT, 'bench/corpus/docs.json'), 'utf8').catch(() => '[]');
  const all = [...texts.map(([, text]) => text), ...JSON.parse(corpus).map(({ text }) => text)];
  for (const text of all) assert.deepStrictEqual(simd.annotate_packed(text), glue.annotate_packed(text));
});

test('a packed result with words left over is refused, not misread', () => {
  const words = glue.annotate_packed('Kirby said so.');
  const longer = new Uint32Array(words.length + 1);
  longer.set(words);
  assert.throws(() => documentFromPacked('Kirby said so.', longer), /1 words left over/);
});

test('the packed result grows linearly when one speaker is quoted throughout', () => {
  // Each quotation's speaker lists every mention of Kirby: the packed form must not repeat
  // them per quotation (that made it quotations x mentions long).
  const article = (n) => 'Pentagon Press Secretary John F. Kirby spoke.\n' + '"We will help," Kirby said.\n'.repeat(n);
  const small = glue.annotate_packed(article(200)).length;
  const large = glue.annotate_packed(article(400)).length;
  assert.ok(large < 2.1 * small, `200 quotations: ${small} words; 400: ${large} words`);
  const doc = fast(article(3));
  assert.equal(doc.quotes.length, 3);
  assert.equal(doc.quotes[2].speaker.mentions.length, 4, 'every mention of Kirby, from the cluster');
});
