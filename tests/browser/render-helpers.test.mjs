// The page's pure helpers (www/render.js) under node: CSV export, the side panel's groups, the
// words-quoted count and the Document check. No browser needed: they touch no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, entityGroups, quotedSpeakers, quotesCsv } from '../../www/render.js';

const span = (text, part, from = 0) => {
  const start = text.indexOf(part, from);
  assert.ok(start >= 0, `${part} in ${text}`);
  return { start, end: start + part.length };
};

/** A Document over `text` with word tokens for every run of letters or digits. */
function documentOf(text, { entities = [], clusters = [], quotes = [] } = {}) {
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)].map((m) => ({
    start: m.index, end: m.index + m[0].length, kind: /[\p{L}\p{N}]/u.test(m[0]) ? 'word' : 'punct',
  }));
  return { text, tokens, sentences: [], paragraphs: [], entities, clusters, quotes };
}

const CSV_CASES = [
  // [name, quotation text, speaker, expected row]
  ['plain', 'We will win.', 'Ana', '"Ana","We will win.","direct","said"'],
  ['quotation marks doubled (RFC 4180)', 'He said "no" twice', 'Ana', '"Ana","He said ""no"" twice","direct","said"'],
  ['a formula is defused (OWASP CSV injection)', '=HYPERLINK("http://x")', 'Ana', '"Ana","\'=HYPERLINK(""http://x"")","direct","said"'],
  ['a leading minus too', '-1 is not a cell formula here', '@Ana', '"\'@Ana","\'-1 is not a cell formula here","direct","said"'],
  ['a line break stays inside the quoted cell', 'one\ntwo', 'Ana', '"Ana","one\ntwo","direct","said"'],
];

for (const [name, quoted, speaker, row] of CSV_CASES) {
  test(`quotes CSV: ${name}`, () => {
    const text = `${speaker} said: ${quoted}`;
    const content = span(text, quoted);
    const doc = documentOf(text, {
      quotes: [{ ...content, kind: 'direct', content: [content], cue: span(text, 'said'), speaker: { ...span(text, speaker), text: speaker, entity: null, mentions: [] } }],
    });
    assert.equal(quotesCsv(doc), `"speaker","quotation","kind","cue"\r\n${row}\r\n`);
  });
}

test('side panel: entities grouped by type in display order, most mentions first', () => {
  const text = 'Okoro met Eriksen. Okoro left Kelby. Grace Okoro smiled in Kelby on Monday.';
  const entities = [
    { ...span(text, 'Okoro'), label: 'PERSON', cluster: 0 },
    { ...span(text, 'Eriksen'), label: 'PERSON', cluster: null },
    { ...span(text, 'Okoro', 10), label: 'PERSON', cluster: 0 },
    { ...span(text, 'Kelby'), label: 'LOC', cluster: null },
    { ...span(text, 'Grace Okoro'), label: 'PERSON', cluster: 0 },
    { ...span(text, 'Kelby', 40), label: 'LOC', cluster: null },
    { ...span(text, 'Monday'), label: 'DATE', cluster: null },
  ];
  const clusters = [{ name: 'Grace Okoro', label: 'PERSON', mentions: [] }];
  const groups = entityGroups(documentOf(text, { entities, clusters }), ['PERSON', 'ORG', 'LOC', 'DATE']);
  assert.deepEqual(groups.map((g) => [g.label, g.items.map((i) => [i.name, i.count])]), [
    ['PERSON', [['Grace Okoro', 3], ['Eriksen', 1]]],
    ['LOC', [['Kelby', 2]]],
    ['DATE', [['Monday', 1]]],
  ]);
});

test('who is quoted: by speaker, most words first, quoted terms left out, unattributed last', () => {
  const text = 'Ana said "one two three". Bo said "four". "Five six" was heard. A so-called "term".';
  const quote = (part, kind, speaker) => {
    const s = span(text, part);
    return { ...s, kind, content: [{ start: s.start + 1, end: s.end - 1 }], cue: null, speaker };
  };
  const who = (name) => ({ ...span(text, name), text: name, entity: null, mentions: [] });
  const doc = documentOf(text, {
    quotes: [quote('"one two three"', 'direct', who('Ana')), quote('"four"', 'direct', who('Bo')), quote('"Five six"', 'direct', null), quote('"term"', 'term', null)],
  });
  assert.deepEqual(quotedSpeakers(doc).map((g) => [g.speaker, g.words, g.quotes.map((q) => q.text)]), [
    ['Ana', 3, ['one two three']],
    ['Bo', 1, ['four']],
    [null, 2, ['Five six']],
  ]);
});

const BAD_DOCUMENTS = [
  ['not an object', 'text', /needs a "text" string/],
  ['a span past the end', { text: 'abc', tokens: [{ start: 0, end: 4, kind: 'word' }] }, /tokens\[0\] is not a span inside the text/],
  ['a reversed span', { text: 'abc', entities: [{ start: 2, end: 1, label: 'PERSON' }] }, /entities\[0\]/],
  ['a list that is not a list', { text: 'abc', quotes: {} }, /"quotes" must be a list/],
  ['a speaker outside the text', { text: 'abc', quotes: [{ start: 0, end: 1, content: [], speaker: { start: 5, end: 6 } }] }, /quotes\[0\].speaker/],
];

for (const [name, value, message] of BAD_DOCUMENTS) {
  test(`checkDocument refuses ${name}`, () => assert.throws(() => checkDocument(value), message));
}

test('checkDocument accepts a Document with UTF-16 offsets over an emoji', () => {
  const doc = documentOf('I 😀 you');
  doc.tokens = [{ start: 0, end: 1, kind: 'word' }, { start: 2, end: 4, kind: 'emoji' }, { start: 5, end: 8, kind: 'word' }];
  assert.equal(checkDocument(doc), doc);
});
