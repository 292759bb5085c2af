// <newsmark-annotator>: the paste-and-view annotator as a custom element. Everything lives in
// its shadow root, so host styles do not reach in and its styles do not leak out.
//
//   <newsmark-annotator types="PERSON ORG LOC" layers="entities quotes sentences">
//     Optional initial article text.
//   </newsmark-annotator>
//
// Attributes: `types` (entity labels shown; default all), `layers` (entities, quotes,
// paragraphs, sentences, tokens; default entities quotes paragraphs), `max-bytes` (default
// 5,000,000). Property `text` reads and sets the article; `document` is the latest Document.
// Fires `newsmark:annotated` (detail: the Document) after every annotation.

import { ALL_LABELS, ALL_LAYERS, DEFAULT_LAYERS, ENTITY_TYPES } from './labels.js';
import { adoptMarkStyles } from './mark-styles.js';
import { countByLabel, describeElement, renderDocumentInSlices } from './render.js';
import { sharedEngine } from './shared-engine.js';

const WIDGET_CSS = `
:host { display: block; font-family: system-ui, sans-serif; color: var(--newsmark-ink, CanvasText); line-height: 1.5; }
:host([hidden]) { display: none; }
.frame { display: grid; gap: 0.5rem; }
label.input { font-weight: 600; font-size: 0.9rem; }
textarea {
  width: 100%; box-sizing: border-box; min-height: 6rem; resize: vertical; padding: 0.5rem;
  font: 0.9rem/1.4 ui-monospace, monospace; color: inherit;
  background: var(--newsmark-surface, Canvas); border: 1px solid var(--newsmark-line, #c8c5bd); border-radius: 0.4rem;
}
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 0.8rem; font-size: 0.85rem; margin: 0; padding: 0; border: 0; }
.legend label { display: inline-flex; gap: 0.3rem; align-items: center; cursor: pointer; }
.legend .count { opacity: 0.7; font-variant-numeric: tabular-nums; }
.nm-view {
  padding: 0.75rem 1rem; min-height: 4rem; border: 1px solid var(--newsmark-line, #c8c5bd); border-radius: 0.4rem;
  background: var(--newsmark-surface, Canvas); font: var(--newsmark-font, 1rem/1.85 Georgia, serif); overflow-wrap: anywhere;
}
.status { font-size: 0.8rem; opacity: 0.75; margin: 0; min-height: 1.2em; }
.status[data-error] { opacity: 1; color: var(--newsmark-error, #b3261e); }
:focus-visible { outline: 3px solid var(--newsmark-focus, #0072B2); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

let widgetSheet = null;

function parseList(value, allowed, fallback) {
  if (value === null) return fallback;
  return value.split(/[\s,]+/).map((item) => item.trim()).filter((item) => allowed.includes(item));
}

// A worker has no HTMLElement: the bundle also runs as the engine's worker, where only the
// engine half of it is used.
const ElementBase = globalThis.HTMLElement ?? class {};

/** The `<newsmark-annotator>` custom element. */
export class NewsmarkAnnotator extends ElementBase {
  static observedAttributes = ['types', 'layers'];

  #root;
  #parts = {};
  #doc = null;
  #timer = 0;
  #ticket = 0;
  #hidden = new Set();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    widgetSheet ??= new CSSStyleSheet();
    if (widgetSheet.cssRules.length === 0) widgetSheet.replaceSync(WIDGET_CSS);
    adoptMarkStyles(this.#root);
    this.#root.adoptedStyleSheets = [...this.#root.adoptedStyleSheets, widgetSheet];
    const make = (tag, props = {}) => Object.assign(document.createElement(tag), props);
    const frame = make('div', { className: 'frame' });
    const label = make('label', { className: 'input', htmlFor: 'text', textContent: 'Article text' });
    const textarea = make('textarea', { id: 'text', spellcheck: false, placeholder: 'Paste a news article here.' });
    const legend = make('fieldset', { className: 'legend' });
    legend.append(make('legend', { className: 'visually-hidden', textContent: 'Show entity types' }));
    const status = make('p', { className: 'status' });
    status.setAttribute('role', 'status');
    const view = make('div', { className: 'nm-view' });
    view.setAttribute('role', 'article');
    view.setAttribute('aria-label', 'Annotated article');
    frame.append(label, textarea, legend, status, view);
    this.#root.append(frame);
    this.#parts = { textarea, legend, status, view };
    textarea.addEventListener('input', () => this.#schedule(180));
    view.addEventListener('mouseover', (event) => this.#describe(event.target));
    view.addEventListener('focusin', (event) => this.#describe(event.target));
    view.addEventListener('click', (event) => this.#highlight(event.target));
    view.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.#highlight(event.target);
      }
    });
  }

  connectedCallback() {
    if (!this.#parts.textarea.value && this.textContent.trim()) this.#parts.textarea.value = this.textContent.trim();
    this.#buildLegend();
    this.#schedule(0);
  }

  attributeChangedCallback() {
    if (!this.isConnected) return;
    this.#buildLegend();
    if (this.#doc) this.#render(this.#doc);
  }

  /** The article text. */
  get text() {
    return this.#parts.textarea.value;
  }

  set text(value) {
    this.#parts.textarea.value = String(value);
    this.#schedule(0);
  }

  /** The latest Document, or null before the first annotation. */
  get document() {
    return this.#doc;
  }

  #types() {
    return parseList(this.getAttribute('types'), ALL_LABELS, ALL_LABELS);
  }

  #layers() {
    return parseList(this.getAttribute('layers'), ALL_LAYERS, DEFAULT_LAYERS);
  }

  #buildLegend() {
    const { legend } = this.#parts;
    legend.replaceChildren(legend.firstChild);
    legend.hidden = !this.#layers().includes('entities');
    for (const type of ENTITY_TYPES.filter((t) => this.#types().includes(t.label))) {
      const label = document.createElement('label');
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', checked: !this.#hidden.has(type.label) });
      box.addEventListener('change', () => {
        if (box.checked) this.#hidden.delete(type.label);
        else this.#hidden.add(type.label);
        this.#parts.view.dataset.nmHide = [...this.#hidden].join(' ');
      });
      const chip = Object.assign(document.createElement('mark'), { className: 'nm-entity', textContent: type.name });
      chip.dataset.label = type.label;
      const count = Object.assign(document.createElement('span'), { className: 'count', textContent: '0' });
      count.dataset.count = type.label;
      label.append(box, chip, count);
      legend.append(label);
    }
  }

  #schedule(delay) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#annotate(), delay);
  }

  async #annotate() {
    const text = this.text;
    const limit = Number(this.getAttribute('max-bytes')) || 5_000_000;
    if (text.length * 3 > limit && new TextEncoder().encode(text).length > limit) {
      this.#status(`The text is larger than ${limit.toLocaleString('en')} bytes; annotate it in parts.`, true);
      return;
    }
    const ticket = ++this.#ticket;
    try {
      const { document: doc } = await sharedEngine().annotate(text);
      if (ticket !== this.#ticket) return;
      await this.#render(doc);
      this.#status(`${doc.entities.length} entities, ${doc.quotes.length} quotations.`, false);
      this.dispatchEvent(new CustomEvent('newsmark:annotated', { detail: doc, bubbles: true, composed: true }));
    } catch (error) {
      this.#status(`newsmark hit an internal error and will retry on the next edit: ${error.message}`, true);
    }
  }

  async #render(doc) {
    const ticket = this.#ticket;
    const view = await renderDocumentInSlices(doc, { layers: this.#layers(), types: this.#types() }, () => ticket !== this.#ticket);
    if (view === null) return;
    this.#doc = doc;
    this.#parts.view.dataset.nmShow = this.#layers().join(' ');
    this.#parts.view.replaceChildren(view);
    for (const mark of this.#parts.view.querySelectorAll('mark.nm-entity, mark.nm-quote')) mark.tabIndex = 0;
    const counts = countByLabel(doc);
    for (const count of this.#parts.legend.querySelectorAll('[data-count]')) count.textContent = String(counts.get(count.dataset.count) ?? 0);
  }

  #status(message, isError) {
    this.#parts.status.textContent = message;
    this.#parts.status.toggleAttribute('data-error', isError);
  }

  #describe(target) {
    const mark = target instanceof Element ? target.closest('mark.nm-entity, mark.nm-quote') : null;
    if (mark && this.#doc && !mark.title) mark.title = describeElement(this.#doc, mark, this.#parts.view).join('\n');
  }

  #highlight(target) {
    const mark = target instanceof Element ? target.closest('mark.nm-entity') : null;
    for (const node of this.#parts.view.querySelectorAll('.nm-active')) node.classList.remove('nm-active');
    if (!mark) return;
    const selector = mark.dataset.cluster !== undefined ? `mark.nm-entity[data-cluster="${mark.dataset.cluster}"]` : `mark.nm-entity[data-index="${mark.dataset.index}"]`;
    for (const node of this.#parts.view.querySelectorAll(selector)) node.classList.add('nm-active');
  }
}

/** Defines `<newsmark-annotator>` once (no-op where custom elements do not exist). */
export function defineNewsmarkAnnotator(name = 'newsmark-annotator') {
  if (globalThis.customElements && !customElements.get(name)) customElements.define(name, NewsmarkAnnotator);
}
