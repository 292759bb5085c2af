// The annotator page: text in, annotated article out, with a legend, a side panel, tooltips and
// exports. The engine runs in a worker (engine.js); the DOM is built from text nodes only.

import { takeBootWorker } from './boot.js';
import { EngineClient } from './engine.js';
import { ENTITY_TYPES, ALL_LABELS, QUOTE_KINDS, entityType } from './labels.js';
import { adoptMarkStyles } from './mark-styles.js';
import {
  annotatedHtml, checkDocument, countByLabel, describeElement, entityGroups, quotedSpeakers,
  quotesCsv, renderDocumentInSlices, spanText,
} from './render.js';
import { SAMPLE_ARTICLE } from './sample.js';
import { compileEngineModule, createEngineWorker, loadEngine } from './wasm-source.js';

const $ = (id) => document.getElementById(id);
const ui = {
  app: $('app'), text: $('text'), meta: $('input-meta'), view: $('view'), engine: $('engine-status'),
  error: $('error'), errorText: $('error-text'), tooltip: $('tooltip'), announce: $('announce'),
  types: $('legend-types'), layers: $('legend-layers'), entities: $('entity-list'), quotes: $('quote-list'),
  exportJson: $('export-json'), copyHtml: $('copy-html'), copyCsv: $('copy-csv'), file: $('json-file'),
};

/** Typing waits this long for a pause before the text is annotated. */
const DEBOUNCE_MS = 180;
const LAYER_NAMES = { quotes: 'Quotations', paragraphs: 'Paragraphs', sentences: 'Sentences', tokens: 'Tokens' };

const state = {
  doc: null, // the Document on show
  hidden: new Set(), // entity labels and 'quotes' switched off
  shown: new Set(['paragraphs']), // optional views switched on: paragraphs, sentences, tokens
  revision: 0, // increases with every rendered Document (tests wait on it)
  requested: null, // text waiting for the engine
  running: false,
  engineFailed: false, // the status line says so until an annotation works again
  timer: 0,
  renderTicket: 0,
};

/** The engine's worker: first the one boot.js started, then (after a failure) new ones. */
const engineWorker = () => takeBootWorker() ?? createEngineWorker();
const engine = new EngineClient({ createWorker: engineWorker, load: loadEngine, compileModule: compileEngineModule });

// ---- status and errors -------------------------------------------------------------------

function setState(name) {
  document.body.dataset.state = name;
}

function showError(message) {
  ui.errorText.textContent = message;
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  ui.errorText.textContent = '';
}

function maxBytes() {
  const fromUrl = Number(new URLSearchParams(location.search).get('max-bytes'));
  if (Number.isFinite(fromUrl) && fromUrl > 0) return fromUrl;
  return Number(ui.app.dataset.maxBytes) || 5_000_000;
}

function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

// ---- annotating ----------------------------------------------------------------------------

function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => request(ui.text.value), delay);
}

function request(text) {
  // UTF-8 bytes are at most three per UTF-16 unit: measure exactly only near the limit.
  const limit = maxBytes();
  if (text.length * 3 > limit) {
    const bytes = utf8Length(text);
    if (bytes > limit) {
      showError(`This text is ${(bytes / 1e6).toFixed(1)} MB; the page annotates at most ${(limit / 1e6).toFixed(1)} MB at a time. Annotate it in parts.`);
      return;
    }
  }
  state.requested = text;
  if (!state.running) drain();
}

/** Annotates the latest requested text, then any text requested meanwhile (never a backlog). */
async function drain() {
  state.running = true;
  while (state.requested !== null) {
    const text = state.requested;
    state.requested = null;
    const started = performance.now();
    setState('working');
    ui.view.setAttribute('aria-busy', 'true');
    try {
      const { document: doc } = await engine.annotate(text);
      const annotated = performance.now();
      if (state.requested !== null) continue; // stale: a newer text is waiting
      if (await show(doc)) {
        const rendered = performance.now();
        performance.measure('newsmark-annotate', { start: started, end: annotated });
        performance.measure('newsmark-render', { start: annotated, end: rendered });
        performance.measure('newsmark-annotate-render', { start: started, end: rendered });
        clearError();
        if (state.engineFailed) {
          state.engineFailed = false;
          ui.engine.textContent = 'The engine restarted and is ready.';
        }
      }
    } catch (error) {
      setState('error');
      state.engineFailed = true;
      showError(`newsmark hit an internal error and restarted its engine; your text is safe. (${error.message})`);
      ui.engine.textContent = 'The engine failed; it restarts with your next edit.';
    }
  }
  ui.view.setAttribute('aria-busy', 'false');
  state.running = false;
}

/** Shows `doc`; resolves false when a newer render overtook it. */
async function show(doc) {
  const ticket = ++state.renderTicket;
  const layers = ['entities', 'quotes', 'paragraphs', 'sentences'];
  if (state.shown.has('tokens')) layers.push('tokens');
  const view = await renderDocumentInSlices(doc, { layers, types: ALL_LABELS }, () => ticket !== state.renderTicket);
  if (view === null || ticket !== state.renderTicket) return false;
  state.doc = doc;
  hideTooltip();
  ui.view.replaceChildren();
  // One insertion: batches a frame apart cost more in total, as every batch lays out the
  // whole view again; paragraphs off screen skip layout (content-visibility in mark-styles.js).
  ui.view.append(view);
  setRovingStart();
  updateLegend();
  updatePanel();
  updateMeta();
  for (const button of [ui.exportJson, ui.copyHtml, ui.copyCsv]) button.disabled = false;
  state.revision += 1;
  document.body.dataset.revision = String(state.revision);
  setState('done');
  return true;
}

function updateMeta() {
  const doc = state.doc;
  const words = doc.tokens.filter((token) => token.kind === 'word' || token.kind === 'number').length;
  ui.meta.textContent = `${words.toLocaleString('en')} words, ${doc.sentences.length.toLocaleString('en')} sentences, ${doc.entities.length.toLocaleString('en')} entities, ${doc.quotes.length.toLocaleString('en')} quotations`;
}

// ---- legend --------------------------------------------------------------------------------

function checkbox(id, checked, onChange) {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.id = id;
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return input;
}

function buildLegend() {
  for (const type of ENTITY_TYPES) {
    const label = document.createElement('label');
    label.className = 'legend-item';
    label.dataset.type = type.label;
    const chip = document.createElement('mark');
    chip.className = 'nm-entity legend-chip';
    chip.dataset.label = type.label;
    chip.textContent = type.name;
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = '0';
    label.append(
      checkbox(`type-${type.label}`, true, (on) => toggleHidden(type.label, !on)),
      chip, count,
    );
    ui.types.append(label);
  }
  for (const [layer, name] of Object.entries(LAYER_NAMES)) {
    const label = document.createElement('label');
    label.className = 'legend-item';
    label.dataset.layer = layer;
    const text = document.createElement('span');
    text.textContent = name;
    const count = document.createElement('span');
    count.className = 'count';
    const on = layer === 'quotes' ? true : state.shown.has(layer);
    label.append(checkbox(`layer-${layer}`, on, (checked) => toggleLayer(layer, checked)), text, count);
    ui.layers.append(label);
  }
}

function toggleHidden(key, hidden) {
  if (hidden) state.hidden.add(key);
  else state.hidden.delete(key);
  ui.view.dataset.nmHide = [...state.hidden].join(' ');
  setRovingStart();
}

function toggleLayer(layer, on) {
  if (layer === 'quotes') {
    toggleHidden('quotes', !on);
    return;
  }
  if (on) state.shown.add(layer);
  else state.shown.delete(layer);
  ui.view.dataset.nmShow = [...state.shown].join(' ');
  // Tokens are drawn only while their view is on: a long article has many of them.
  if (layer === 'tokens' && state.doc) show(state.doc);
}

function updateLegend() {
  const counts = countByLabel(state.doc);
  for (const item of ui.types.children) {
    const count = counts.get(item.dataset.type) ?? 0;
    item.querySelector('.count').textContent = String(count);
    item.classList.toggle('none', count === 0);
  }
  const layerCounts = { quotes: state.doc.quotes.length, paragraphs: state.doc.paragraphs.length, sentences: state.doc.sentences.length, tokens: state.doc.tokens.length };
  for (const item of ui.layers.children) item.querySelector('.count').textContent = String(layerCounts[item.dataset.layer]);
}

// ---- side panel ----------------------------------------------------------------------------

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function updatePanel() {
  const doc = state.doc;
  const groups = entityGroups(doc, ALL_LABELS);
  if (groups.length === 0) {
    ui.entities.replaceChildren(element('p', 'empty', 'No entities found.'));
  } else {
    ui.entities.replaceChildren(...groups.map((group) => {
      const section = element('section', 'group');
      const type = entityType(group.label);
      const heading = element('h3', null, `${type.group} `);
      heading.append(element('span', 'count', `(${group.items.length})`));
      const list = element('ul');
      for (const item of group.items) {
        const button = element('button', 'item');
        button.type = 'button';
        button.dataset.entity = String(item.first);
        button.append(element('span', 'name', item.name), element('span', 'count', `${item.count}×`));
        button.setAttribute('aria-label', `${item.name}, ${type.name}, ${item.count} mention${item.count === 1 ? '' : 's'}`);
        const li = element('li');
        li.append(button);
        list.append(li);
      }
      section.append(heading, list);
      return section;
    }));
  }
  const speakers = quotedSpeakers(doc);
  if (speakers.length === 0) {
    ui.quotes.replaceChildren(element('p', 'empty', 'No quotations found.'));
  } else {
    ui.quotes.replaceChildren(...speakers.map((speaker) => {
      const section = element('section', 'group');
      const heading = element('h3', null, speaker.speaker ?? 'Speaker not found');
      heading.append(element('span', 'count', ` ${speaker.words} word${speaker.words === 1 ? '' : 's'} quoted`));
      const list = element('ol');
      for (const quote of speaker.quotes) {
        const button = element('button', 'item quote-item');
        button.type = 'button';
        button.dataset.quote = String(quote.index);
        button.append(element('span', 'quote-text', `“${quote.text}”`),
          element('span', 'count', `${QUOTE_KINDS[quote.kind] ?? quote.kind}, ${quote.words} words`));
        const li = element('li');
        li.append(button);
        list.append(li);
      }
      section.append(heading, list);
      return section;
    }));
  }
}

function onPanelClick(event) {
  const button = event.target.closest('button[data-entity], button[data-quote]');
  if (!button) return;
  const selector = button.dataset.entity !== undefined
    ? `mark.nm-entity[data-index="${Number(button.dataset.entity)}"]`
    : `mark.nm-quote[data-index="${Number(button.dataset.quote)}"]`;
  const target = ui.view.querySelector(selector);
  if (!target) return;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  activate(target);
  focusMark(target);
}

// ---- marks: highlighting, keyboard, tooltips ---------------------------------------------

function clearActive() {
  for (const node of ui.view.querySelectorAll('.nm-active')) node.classList.remove('nm-active');
}

/** Highlights every mention of the entity's cluster (or the quotation's fragments). */
function activate(mark) {
  const doc = state.doc;
  const wasActive = mark.classList.contains('nm-active');
  clearActive();
  if (wasActive) {
    ui.announce.textContent = 'Highlight cleared.';
    return;
  }
  const index = Number(mark.dataset.index);
  let marks;
  let message;
  if (mark.classList.contains('nm-entity')) {
    const entity = doc.entities[index];
    const cluster = Number.isInteger(entity.cluster) ? doc.clusters[entity.cluster] : null;
    marks = cluster
      ? ui.view.querySelectorAll(`mark.nm-entity[data-cluster="${entity.cluster}"]`)
      : ui.view.querySelectorAll(`mark.nm-entity[data-index="${index}"]`);
    const name = cluster ? cluster.name : spanText(doc, entity);
    const count = cluster ? marks.length : 1;
    message = `${name}: ${count} mention${count === 1 ? '' : 's'} highlighted.`;
  } else {
    marks = ui.view.querySelectorAll(`mark.nm-quote[data-index="${index}"]`);
    message = 'Quotation highlighted.';
  }
  for (const node of marks) node.classList.add('nm-active');
  ui.announce.textContent = message;
}

function visibleMarks() {
  return [...ui.view.querySelectorAll('mark.nm-entity, mark.nm-quote')].filter(
    (mark) => !(mark.classList.contains('nm-entity') ? state.hidden.has(mark.dataset.label) : state.hidden.has('quotes')),
  );
}

/** Roving tabindex: the article is one tab stop; arrow keys move between its marks. */
function setRovingStart() {
  const current = ui.view.querySelector('mark[tabindex="0"]');
  const marks = visibleMarks();
  if (current && marks.includes(current)) return;
  if (current) current.tabIndex = -1;
  if (marks.length) {
    marks[0].tabIndex = 0;
    ui.view.removeAttribute('tabindex');
  } else {
    ui.view.tabIndex = 0; // still reachable, so a reader can scroll it from the keyboard
  }
}

function focusMark(mark) {
  for (const node of ui.view.querySelectorAll('mark[tabindex="0"]')) node.tabIndex = -1;
  mark.tabIndex = 0;
  mark.focus({ preventScroll: false });
}

function onViewKey(event) {
  const mark = event.target.closest?.('mark.nm-entity, mark.nm-quote');
  if (event.key === 'Escape') {
    clearActive();
    hideTooltip();
    return;
  }
  if (!mark) return;
  const marks = visibleMarks();
  const at = marks.indexOf(mark);
  let next = null;
  if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = marks[at + 1];
  else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = marks[at - 1];
  else if (event.key === 'Home') next = marks[0];
  else if (event.key === 'End') next = marks[marks.length - 1];
  else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    activate(mark);
    return;
  } else return;
  event.preventDefault();
  if (next) focusMark(next);
}

function tooltipTarget(node) {
  const selector = state.shown.has('tokens') ? 'mark.nm-entity, mark.nm-quote, .nm-token' : 'mark.nm-entity, mark.nm-quote';
  return node instanceof Element ? node.closest(selector) : null;
}

function showTooltip(target) {
  if (!target || !state.doc || !ui.view.contains(target)) return;
  const lines = describeElement(state.doc, target, ui.view);
  if (lines.length === 0) return;
  ui.tooltip.replaceChildren(...lines.map((line) => element('div', null, line)));
  ui.tooltip.hidden = false;
  const box = target.getBoundingClientRect();
  const tip = ui.tooltip.getBoundingClientRect();
  const left = Math.max(4, Math.min(box.left, window.innerWidth - tip.width - 4));
  const below = box.bottom + 6 + tip.height < window.innerHeight;
  ui.tooltip.style.left = `${left + window.scrollX}px`;
  ui.tooltip.style.top = `${(below ? box.bottom + 6 : box.top - tip.height - 6) + window.scrollY}px`;
  target.setAttribute('aria-describedby', 'tooltip');
}

function hideTooltip() {
  ui.tooltip.hidden = true;
  for (const node of ui.view.querySelectorAll('[aria-describedby="tooltip"]')) node.removeAttribute('aria-describedby');
}

// ---- exports -------------------------------------------------------------------------------

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function copy(text, html) {
  try {
    if (html !== undefined && typeof ClipboardItem === 'function') {
      await navigator.clipboard.write([new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([text], { type: 'text/plain' }),
      })]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    ui.announce.textContent = 'Copied.';
  } catch (error) {
    showError(`Could not copy to the clipboard: ${error.message}`);
  }
}

function visibleTypes() {
  return ALL_LABELS.filter((label) => !state.hidden.has(label));
}

// ---- wiring --------------------------------------------------------------------------------

async function openJson(file) {
  try {
    const doc = checkDocument(JSON.parse(await file.text()));
    doc.tokens ??= []; doc.sentences ??= []; doc.paragraphs ??= []; doc.entities ??= []; doc.clusters ??= []; doc.quotes ??= [];
    clearTimeout(state.timer);
    ui.text.value = doc.text;
    await show(doc);
    clearError();
  } catch (error) {
    showError(`${file.name} is not a newsmark Document with UTF-16 offsets: ${error.message}`);
  }
}

function wire() {
  // Typing waits for a pause; a paste or a drop is a whole text at once, annotated right away.
  ui.text.addEventListener('input', (event) => schedule(/^insertFrom(Paste|Drop)/.test(event.inputType ?? '') ? 0 : DEBOUNCE_MS));
  $('sample').addEventListener('click', () => {
    ui.text.value = SAMPLE_ARTICLE;
    schedule(0);
  });
  $('clear').addEventListener('click', () => {
    ui.text.value = '';
    schedule(0);
    ui.text.focus();
  });
  $('open-json').addEventListener('click', () => ui.file.click());
  ui.file.addEventListener('change', () => {
    if (ui.file.files?.[0]) openJson(ui.file.files[0]);
    ui.file.value = '';
  });
  $('error-dismiss').addEventListener('click', clearError);
  ui.exportJson.addEventListener('click', () => download('newsmark-document.json', 'application/json', `${JSON.stringify(state.doc, null, 2)}\n`));
  ui.copyHtml.addEventListener('click', () => {
    const html = annotatedHtml(state.doc, { types: visibleTypes() });
    copy(html, html);
  });
  ui.copyCsv.addEventListener('click', () => copy(quotesCsv(state.doc)));
  ui.entities.addEventListener('click', onPanelClick);
  ui.quotes.addEventListener('click', onPanelClick);
  ui.view.addEventListener('click', (event) => {
    const mark = event.target.closest('mark.nm-entity, mark.nm-quote');
    if (!mark) return;
    if (mark.classList.contains('nm-entity') && state.hidden.has(mark.dataset.label)) return;
    activate(mark);
  });
  ui.view.addEventListener('keydown', onViewKey);
  ui.view.addEventListener('mouseover', (event) => showTooltip(tooltipTarget(event.target)));
  ui.view.addEventListener('mouseleave', hideTooltip);
  ui.view.addEventListener('focusin', (event) => showTooltip(tooltipTarget(event.target)));
  ui.view.addEventListener('focusout', hideTooltip);
}

async function start() {
  const starting = engine.start(); // first, so the worker loads while the page builds itself
  adoptMarkStyles(document);
  buildLegend();
  wire();
  try {
    const { version, ms } = await starting;
    performance.mark('newsmark-ready');
    ui.engine.textContent = `Engine ready in ${Math.round(ms)} ms.`;
    $('version').textContent = `Engine version ${version}.`;
    setState('ready');
  } catch (error) {
    setState('error');
    state.engineFailed = true;
    ui.engine.textContent = 'The engine failed to start; it retries with your next edit.';
    showError(`newsmark could not start its engine: ${error.message}`);
  }
  if (ui.text.value) schedule(0);
}

start();
