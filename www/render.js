// Spans -> DOM. A newsmark Document holds several layers of spans over one text (paragraphs,
// sentences, quotations, speakers and cues, entities, tokens); the view nests them into one
// tree of elements, outer layers outside, splitting a span into fragments where it crosses the
// boundary of an outer one. Every piece of the article's text goes into the DOM through text
// nodes (never through HTML strings), so nothing in the text can become markup.

import { ALL_LABELS, entityType, QUOTE_KINDS } from './labels.js';

// Nesting order, outermost first. A quotation usually runs across sentences and is split at
// their ends; an entity sits inside a quotation, a token inside an entity.
const RANK = { paragraph: 0, sentence: 1, quote: 2, speaker: 3, cue: 3, entity: 4, token: 5 };

/** Token kinds that count as words when counting the words of a quotation. */
const WORD_KINDS = new Set(['word', 'number']);

/**
 * Checks that `doc` has the shape of a newsmark Document with offsets inside its text, and
 * throws an Error saying what is wrong otherwise. Used on Documents read from files.
 */
export function checkDocument(doc) {
  if (typeof doc !== 'object' || doc === null || typeof doc.text !== 'string') {
    throw new Error('not a newsmark Document: it needs a "text" string');
  }
  const length = doc.text.length;
  const checkSpan = (span, where) => {
    const ok =
      span && Number.isInteger(span.start) && Number.isInteger(span.end) &&
      span.start >= 0 && span.start <= span.end && span.end <= length;
    if (!ok) throw new Error(`${where} is not a span inside the text (0..${length}): ${JSON.stringify(span)}`);
  };
  for (const field of ['tokens', 'sentences', 'paragraphs', 'entities', 'clusters', 'quotes']) {
    if (!Array.isArray(doc[field] ?? [])) throw new Error(`"${field}" must be a list`);
  }
  for (const field of ['tokens', 'sentences', 'paragraphs', 'entities']) {
    (doc[field] ?? []).forEach((span, i) => checkSpan(span, `${field}[${i}]`));
  }
  (doc.clusters ?? []).forEach((cluster, i) =>
    (cluster.mentions ?? []).forEach((span, j) => checkSpan(span, `clusters[${i}].mentions[${j}]`)));
  (doc.quotes ?? []).forEach((quote, i) => {
    checkSpan(quote, `quotes[${i}]`);
    (quote.content ?? []).forEach((span, j) => checkSpan(span, `quotes[${i}].content[${j}]`));
    if (quote.cue) checkSpan(quote.cue, `quotes[${i}].cue`);
    if (quote.speaker) checkSpan(quote.speaker, `quotes[${i}].speaker`);
  });
  return doc;
}

/**
 * The spans a view draws, as records `{layer, rank, start, end, index}` sorted by start, outer
 * layers first. Paragraphs are always drawn (they are the view's blocks); `options.layers` (a
 * Set) picks the other layers; `options.types` (a Set) picks entity labels. Empty spans are
 * dropped: they have nothing to mark.
 */
function collectSpans(doc, options) {
  const { layers, types } = options;
  const spans = [];
  // `index` stays the record's place in its Document list, so the view can find it again.
  const add = (layer, list, spanOf = (item) => item) =>
    (list ?? []).forEach((item, index) => {
      const span = spanOf(item);
      if (span && span.end > span.start) spans.push({ layer, rank: RANK[layer], start: span.start, end: span.end, index });
    });
  add('paragraph', doc.paragraphs);
  if (layers.has('sentences')) add('sentence', doc.sentences);
  if (layers.has('tokens')) add('token', doc.tokens);
  if (layers.has('entities')) add('entity', doc.entities, (entity) => (types.has(entity.label) ? entity : null));
  if (layers.has('quotes')) {
    add('quote', doc.quotes);
    add('cue', doc.quotes, (quote) => quote.cue);
    add('speaker', doc.quotes, (quote) => quote.speaker);
  }
  spans.sort((a, b) => a.start - b.start || a.rank - b.rank || b.end - a.end || a.index - b.index);
  return spans;
}

/** Order of spans open at one point: outer layers first, then the longer span. */
function nestingOrder(a, b) {
  return a.rank - b.rank || a.start - b.start || b.end - a.end || a.index - b.index;
}

/** Creates the element that draws one span. */
function createSpanElement(doc, span) {
  let element;
  switch (span.layer) {
    case 'paragraph':
      element = document.createElement('p');
      element.className = 'nm-paragraph';
      break;
    case 'sentence':
      element = document.createElement('span');
      element.className = 'nm-sentence';
      if (span.index % 2 === 1) element.dataset.alt = '';
      break;
    case 'token':
      element = document.createElement('span');
      element.className = 'nm-token';
      element.dataset.kind = String(doc.tokens[span.index].kind);
      break;
    case 'entity': {
      const entity = doc.entities[span.index];
      element = document.createElement('mark');
      element.className = 'nm-entity';
      element.dataset.label = String(entity.label);
      if (Number.isInteger(entity.cluster)) element.dataset.cluster = String(entity.cluster);
      element.tabIndex = -1;
      break;
    }
    case 'quote': {
      const quote = doc.quotes[span.index];
      element = document.createElement('mark');
      element.className = 'nm-quote';
      element.dataset.kind = String(quote.kind);
      if (quote.speaker) element.dataset.speaker = String(quote.speaker.text);
      element.tabIndex = -1;
      break;
    }
    case 'cue':
    case 'speaker':
      element = document.createElement('mark');
      element.className = `nm-${span.layer}`;
      element.dataset.quote = String(span.index);
      break;
    default:
      throw new Error(`unknown layer ${span.layer}`);
  }
  element.dataset.index = String(span.index);
  return element;
}

/**
 * Builds the view of `doc` into `container`, yielding now and then so that a caller can spread
 * the work of a long article over several frames. Text outside every paragraph is only the
 * whitespace between paragraphs, which the paragraph blocks replace.
 */
function* buildView(doc, options, container) {
  const text = doc.text;
  const spans = collectSpans(doc, options);
  const points = new Set([0, text.length]);
  for (const span of spans) {
    points.add(span.start);
    points.add(span.end);
  }
  const cuts = [...points].sort((a, b) => a - b);
  const stack = []; // [{span, element}] currently open, outermost first
  let active = [];
  let next = 0; // the first span of `spans` not yet opened
  for (let c = 0; c + 1 < cuts.length; c += 1) {
    const from = cuts[c];
    const to = cuts[c + 1];
    active = active.filter((span) => span.end > from);
    while (next < spans.length && spans[next].start <= from) {
      if (spans[next].end > from) active.push(spans[next]);
      next += 1;
    }
    active.sort(nestingOrder);
    let keep = 0;
    while (keep < stack.length && keep < active.length && stack[keep].span === active[keep]) keep += 1;
    while (stack.length > keep) {
      const closed = stack.pop();
      // A span cut here by an outer boundary goes on in a later fragment; only its last
      // fragment carries the label.
      if (closed.span.end > from) closed.element.dataset.more = '';
    }
    for (let i = keep; i < active.length; i += 1) {
      const element = createSpanElement(doc, active[i]);
      (stack.length ? stack[stack.length - 1].element : container).append(element);
      stack.push({ span: active[i], element });
    }
    const piece = text.slice(from, to);
    if (stack.length) {
      stack[stack.length - 1].element.append(document.createTextNode(piece));
    } else if (piece.trim() !== '') {
      container.append(document.createTextNode(piece));
    }
    if ((c & 1023) === 1023) yield;
  }
}

/** The options of a view, with every layer but tokens and every label unless given. */
function viewOptions(options) {
  return {
    layers: new Set(options?.layers ?? ['entities', 'quotes', 'paragraphs', 'sentences']),
    types: new Set(options?.types ?? ALL_LABELS),
  };
}

/** Renders `doc` into a new element at once and returns it. */
function renderDocument(doc, options) {
  const container = document.createElement('div');
  for (const _ of buildView(doc, viewOptions(options), container));
  return container;
}

/**
 * Renders `doc` into a new DocumentFragment, giving the main thread back every `sliceMs`
 * milliseconds, and resolves with it; resolves with null when `isCancelled()` turns true first.
 */
export async function renderDocumentInSlices(doc, options, isCancelled, sliceMs = 12) {
  const container = document.createDocumentFragment();
  const steps = buildView(doc, viewOptions(options), container);
  let sliceStart = performance.now();
  for (const _ of steps) {
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (isCancelled()) return null;
      sliceStart = performance.now();
    }
  }
  return container;
}

/** The text of a span of `doc`. */
export function spanText(doc, span) {
  return doc.text.slice(span.start, span.end);
}

/** The number of word and number tokens inside `spans` (a sorted list of spans). */
function countWords(doc, spans) {
  const tokens = doc.tokens ?? [];
  let words = 0;
  for (const span of spans) {
    // Binary search for the first token ending after the span starts.
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid].end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i].start < span.end; i += 1) {
      if (WORD_KINDS.has(tokens[i].kind) && tokens[i].start >= span.start) words += 1;
    }
  }
  return words;
}

/** The number of entity mentions per label, as a Map. */
export function countByLabel(doc) {
  const counts = new Map();
  for (const entity of doc.entities ?? []) counts.set(entity.label, (counts.get(entity.label) ?? 0) + 1);
  return counts;
}

/**
 * Entities grouped for the side panel: one item per cluster (or per distinct text when an
 * entity has no cluster), grouped by label in display order, each group sorted by mentions.
 * Returns [{label, items: [{name, count, cluster, first}]}] with `first` an entity index.
 */
export function entityGroups(doc, labels) {
  const items = new Map();
  (doc.entities ?? []).forEach((entity, index) => {
    const clustered = Number.isInteger(entity.cluster) && doc.clusters?.[entity.cluster];
    const key = clustered ? `c${entity.cluster}` : `t${entity.label}\u0000${spanText(doc, entity).toLowerCase()}`;
    let item = items.get(key);
    if (!item) {
      item = {
        label: entity.label,
        name: clustered ? String(doc.clusters[entity.cluster].name) : spanText(doc, entity),
        count: 0,
        cluster: clustered ? entity.cluster : null,
        first: index,
      };
      items.set(key, item);
    }
    item.count += 1;
  });
  return labels
    .map((label) => ({
      label,
      items: [...items.values()]
        .filter((item) => item.label === label)
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    }))
    .filter((group) => group.items.length > 0);
}

/** The quoted text of a quotation: its content parts (or its span) joined by an ellipsis. */
function quoteText(doc, quote) {
  const parts = quote.content?.length ? quote.content : [quote];
  return parts.map((span) => spanText(doc, span)).join(' … ');
}

/**
 * Who is quoted: quotations (all kinds but quoted terms) grouped by speaker, the speaker with
 * the most words quoted first. Returns [{speaker, words, quotes: [{index, kind, text, words}]}];
 * quotations without a speaker are grouped under `speaker: null`, listed last.
 */
export function quotedSpeakers(doc) {
  const groups = new Map();
  (doc.quotes ?? []).forEach((quote, index) => {
    if (quote.kind === 'term') return;
    const speaker = quote.speaker;
    const key = !speaker ? '' : Number.isInteger(speaker.entity) ? `e${speaker.entity}` : `t${String(speaker.text).toLowerCase()}`;
    let group = groups.get(key);
    if (!group) {
      group = { speaker: speaker ? String(speaker.text) : null, words: 0, quotes: [] };
      groups.set(key, group);
    }
    const words = countWords(doc, quote.content?.length ? quote.content : [quote]);
    group.words += words;
    group.quotes.push({ index, kind: quote.kind, text: quoteText(doc, quote), words });
  });
  return [...groups.values()].sort(
    (a, b) => (a.speaker === null) - (b.speaker === null) || b.words - a.words || String(a.speaker).localeCompare(String(b.speaker)),
  );
}

// Cells starting with these characters run as formulas in spreadsheets; OWASP's CSV-injection
// advice is to prefix them with an apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value) {
  let cell = String(value ?? '');
  if (FORMULA_START.test(cell)) cell = `'${cell}`;
  // RFC 4180: quote every cell, double the quotation marks inside.
  return `"${cell.replaceAll('"', '""')}"`;
}

/** The quotations of `doc` as CSV (RFC 4180): speaker, quotation, kind, cue. */
export function quotesCsv(doc) {
  const rows = [['speaker', 'quotation', 'kind', 'cue']];
  for (const quote of doc.quotes ?? []) {
    rows.push([quote.speaker?.text ?? '', quoteText(doc, quote), quote.kind, quote.cue ? spanText(doc, quote.cue) : '']);
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The lines that describe one span of `doc`: an entity, a quotation or a token. */
export function describeSpan(doc, layer, index) {
  const lines = [];
  if (layer === 'entity') {
    const entity = doc.entities[index];
    lines.push(`${entityType(entity.label).name} (${entity.label}): ${spanText(doc, entity)}`);
    const cluster = Number.isInteger(entity.cluster) ? doc.clusters?.[entity.cluster] : null;
    if (cluster) {
      const mentions = cluster.mentions?.length ?? 0;
      lines.push(`Cluster: ${cluster.name}, ${mentions} mention${mentions === 1 ? '' : 's'}`);
    }
  } else if (layer === 'quote') {
    const quote = doc.quotes[index];
    lines.push(QUOTE_KINDS[quote.kind] ?? String(quote.kind));
    lines.push(`Speaker: ${quote.speaker ? quote.speaker.text : 'not found'}`);
    if (quote.cue) lines.push(`Cue: ${spanText(doc, quote.cue)}`);
  } else if (layer === 'token') {
    lines.push(`Token (${doc.tokens[index].kind}): ${spanText(doc, doc.tokens[index])}`);
  }
  return lines;
}

/**
 * The lines a tooltip shows for an element of a rendered view: the entity, then the quotation
 * around it (walking up to `root`); a token only when nothing else is there.
 */
export function describeElement(doc, element, root) {
  const lines = [];
  for (let node = element; node && node !== root; node = node.parentElement) {
    const index = Number(node.dataset?.index);
    if (node.classList.contains('nm-entity')) lines.push(...describeSpan(doc, 'entity', index));
    else if (node.classList.contains('nm-quote')) lines.push(...describeSpan(doc, 'quote', index));
    else if (node.classList.contains('nm-token') && lines.length === 0) lines.push(...describeSpan(doc, 'token', index));
  }
  return lines;
}

/**
 * The annotated article as a standalone HTML string for pasting elsewhere: paragraphs, entity
 * marks (`<mark data-label="PERSON" title="...">`) and quotations (`<span data-quote="direct"
 * title="...">`), no classes, no style attributes (a page under a strict CSP refuses them) and
 * no scripts. The text reaches the string through the DOM serializer, which escapes it.
 */
export function annotatedHtml(doc, options) {
  const view = renderDocument(doc, { layers: ['entities', 'quotes', 'paragraphs'], types: options.types });
  const article = document.createElement('article');
  const copy = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.append(document.createTextNode(node.data));
        continue;
      }
      let element;
      if (node.classList.contains('nm-paragraph')) {
        element = document.createElement('p');
      } else if (node.classList.contains('nm-entity')) {
        element = document.createElement('mark');
        element.dataset.label = node.dataset.label;
        element.title = describeSpan(doc, 'entity', Number(node.dataset.index)).join('; ');
      } else if (node.classList.contains('nm-quote')) {
        element = document.createElement('span');
        element.dataset.quote = node.dataset.kind;
        element.title = describeSpan(doc, 'quote', Number(node.dataset.index)).join('; ');
      } else {
        copy(node, to); // sentences, cues, speakers: their text only
        continue;
      }
      to.append(element);
      copy(node, element);
    }
  };
  copy(view, article);
  return article.outerHTML;
}
