// Annotates an article that is already on a page, in place: entity and quotation ranges are
// wrapped in <mark> elements inside the existing markup (links, em, strong, spans stay as they
// are), so the element's textContent never changes. Only text nodes are replaced, each by its
// pieces; clearAnnotations puts the original text nodes back, which restores the element's DOM
// (and innerHTML) exactly, with the host's own elements and listeners untouched.

import { ALL_LABELS } from './labels.js';
import { adoptMarkStyles } from './mark-styles.js';
import { describeSpan } from './render.js';
import { sharedEngine } from './shared-engine.js';

// Elements whose text stands apart from the text around it: a line break goes between them, so
// the engine sees one paragraph per block rather than one run-on line.
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'td', 'th', 'tr', 'ul',
]);

// Elements whose text is not article prose, or where a <mark> must not go.
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'select', 'option', 'svg', 'math', 'iframe', 'object', 'canvas', 'video', 'audio']);

// Nesting order inside one text node: a quotation outside the entities it contains.
const RANK = { quote: 0, entity: 1 };

/** Per annotated element: the text nodes replaced and the pieces that replaced them. */
const annotated = new WeakMap();
/** Per element: the latest annotateElement call, so that an older one never applies late. */
const latestCall = new WeakMap();

/**
 * The text the engine reads for `element`, with the text node behind every part of it: the
 * text nodes' data in document order, with a line break added between block elements.
 */
function readText(element) {
  const pieces = [];
  let text = '';
  const lineBreak = () => {
    if (text !== '' && !text.endsWith('\n')) text += '\n';
  };
  const walk = (parent) => {
    for (const node of parent.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.data !== '') {
          pieces.push({ node, start: text.length, end: text.length + node.data.length });
          text += node.data;
        }
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const name = node.localName;
        if (SKIPPED.has(name)) continue;
        const block = BLOCKS.has(name);
        if (block) lineBreak();
        walk(node);
        if (block) lineBreak();
      }
    }
  };
  walk(element);
  return { text, pieces };
}

/** The spans to mark: quotations and entities of the chosen types, sorted by start. */
function spansToMark(doc, types, layers) {
  const spans = [];
  if (layers.has('quotes')) {
    (doc.quotes ?? []).forEach((quote, index) => spans.push({ layer: 'quote', start: quote.start, end: quote.end, index }));
  }
  if (layers.has('entities')) {
    (doc.entities ?? []).forEach((entity, index) => {
      if (types.has(entity.label)) spans.push({ layer: 'entity', start: entity.start, end: entity.end, index });
    });
  }
  return spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start || RANK[a.layer] - RANK[b.layer] || b.end - a.end);
}

function createMark(doc, span) {
  const mark = document.createElement('mark');
  mark.dataset.index = String(span.index);
  if (span.layer === 'entity') {
    const entity = doc.entities[span.index];
    mark.className = 'nm-entity';
    mark.dataset.label = String(entity.label);
    if (Number.isInteger(entity.cluster)) mark.dataset.cluster = String(entity.cluster);
  } else {
    const quote = doc.quotes[span.index];
    mark.className = 'nm-quote';
    mark.dataset.kind = String(quote.kind);
    if (quote.speaker) mark.dataset.speaker = String(quote.speaker.text);
  }
  mark.title = describeSpan(doc, span.layer, span.index).join('\n');
  return mark;
}

/** The nodes that replace one text node: its text cut at span edges, marks nested by rank. */
function markPiece(doc, piece, spans) {
  const data = piece.node.data;
  const cuts = new Set([piece.start, piece.end]);
  for (const span of spans) {
    cuts.add(Math.max(span.start, piece.start));
    cuts.add(Math.min(span.end, piece.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  const stack = [];
  for (let c = 0; c + 1 < points.length; c += 1) {
    const from = points[c];
    const to = points[c + 1];
    const active = spans
      .filter((span) => span.start <= from && span.end > from)
      .sort((a, b) => RANK[a.layer] - RANK[b.layer] || a.start - b.start || b.end - a.end);
    let keep = 0;
    while (keep < stack.length && keep < active.length && stack[keep].span === active[keep]) keep += 1;
    stack.length = keep;
    for (let i = keep; i < active.length; i += 1) {
      const mark = createMark(doc, active[i]);
      // Only the fragment where a span ends carries its label.
      if (active[i].end > piece.end) mark.dataset.more = '';
      (stack.length ? stack[stack.length - 1].mark : fragment).append(mark);
      stack.push({ span: active[i], mark });
    }
    const textNode = document.createTextNode(data.slice(from - piece.start, to - piece.start));
    (stack.length ? stack[stack.length - 1].mark : fragment).append(textNode);
  }
  return fragment;
}

/** Wraps the spans of `doc` into the text nodes of `pieces` (both in text order). */
function applyMarks(doc, pieces, spans) {
  const replaced = [];
  let next = 0;
  let active = [];
  for (const piece of pieces) {
    active = active.filter((span) => span.end > piece.start);
    while (next < spans.length && spans[next].start < piece.end) {
      if (spans[next].end > piece.start) active.push(spans[next]);
      next += 1;
    }
    const here = active.filter((span) => span.start < piece.end);
    if (here.length === 0) continue;
    const fragment = markPiece(doc, piece, here);
    const nodes = [...fragment.childNodes];
    piece.node.replaceWith(fragment);
    replaced.push({ original: piece.node, nodes });
  }
  return replaced;
}

/**
 * Removes the marks annotateElement added to `element` and puts its original text nodes back;
 * the element's DOM is then exactly what it was. Returns false when there was nothing to clear.
 */
export function clearAnnotations(element) {
  latestCall.delete(element);
  const replaced = annotated.get(element);
  if (!replaced) return false;
  annotated.delete(element);
  for (const { original, nodes } of replaced) {
    const anchor = nodes.find((node) => node.parentNode);
    if (!anchor) continue; // the host page removed this part meanwhile
    anchor.before(original);
    for (const node of nodes) node.remove();
  }
  return true;
}

/**
 * Annotates `element` in place and resolves with the newsmark Document of its text (with a
 * line break between block elements, so `document.text` may differ from textContent there).
 * Options: `types` (entity labels to mark, default all), `layers` ('entities', 'quotes'; default
 * both), `engine` (an EngineClient; default the page's shared one). Running it again replaces
 * the earlier marks rather than nesting new ones. Fires `newsmark:annotated` on the element
 * with the Document as `detail`.
 */
export async function annotateElement(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('annotateElement needs an element');
  const call = {};
  latestCall.set(element, call);
  const types = new Set(options.types ?? ALL_LABELS);
  const layers = new Set(options.layers ?? ['entities', 'quotes']);
  const engine = options.engine ?? sharedEngine();
  clearAnnotations(element);
  latestCall.set(element, call);
  const { text } = readText(element);
  const { document: doc } = await engine.annotate(text);
  if (latestCall.get(element) !== call) return doc; // a later call (or a clear) took over
  clearAnnotations(element);
  // Read again: the host may have changed the element while the engine worked.
  const now = readText(element);
  if (now.text !== doc.text) throw new Error('the element changed while it was being annotated; run annotateElement again');
  adoptMarkStyles(element.getRootNode());
  annotated.set(element, applyMarks(doc, now.pieces, spansToMark(doc, types, layers)));
  element.dispatchEvent(new CustomEvent('newsmark:annotated', { detail: doc, bubbles: true, composed: true }));
  return doc;
}
