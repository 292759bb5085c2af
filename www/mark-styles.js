// The styles of everything newsmark draws: entity marks, quotations, token and sentence views.
// One constructed stylesheet, adopted by the page, the widget's shadow root or the host document.
// Constructed stylesheets are CSSOM, so they work under a CSP without 'unsafe-inline'. Every
// selector names a newsmark class, so nothing leaks into a host page; hosts theme the marks
// through the --newsmark-* custom properties.

import { ALL_LABELS } from './labels.js';

// Okabe–Ito colours (colour-blind safe). Numbers and dates share hues with a dashed underline
// and names use a solid one; the text label on every mark tells the types apart.
const TYPE_COLOURS = {
  PERSON: ['--newsmark-person', '#E69F00', '#000'],
  NORP: ['--newsmark-norp', '#CC79A7', '#000'],
  ORG: ['--newsmark-org', '#0072B2', '#fff'],
  LOC: ['--newsmark-loc', '#009E73', '#000'],
  MISC: ['--newsmark-misc', '#F0E442', '#000'],
  DATE: ['--newsmark-date', '#56B4E9', '#000'],
  TIME: ['--newsmark-time', '#56B4E9', '#000'],
  MONEY: ['--newsmark-money', '#D55E00', '#000'],
  PERCENT: ['--newsmark-percent', '#D55E00', '#000'],
  QUANTITY: ['--newsmark-quantity', '#999999', '#000'],
  CARDINAL: ['--newsmark-cardinal', '#999999', '#000'],
};

const NUMERIC = ['DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'CARDINAL'];

function typeRules() {
  return ALL_LABELS.map((label) => {
    const [property, colour, ink] = TYPE_COLOURS[label];
    return `mark.nm-entity[data-label="${label}"] { --nm-c: var(${property}, ${colour}); --nm-ink: ${ink}; }`;
  }).join('\n');
}

function hideRules() {
  const hidden = ALL_LABELS.map(
    (label) => `[data-nm-hide~="${label}"] mark.nm-entity[data-label="${label}"]`,
  );
  return `${hidden.join(',\n')} { background: none; border-bottom-color: transparent; padding: 0; cursor: auto; }
${hidden.map((selector) => `${selector}::after`).join(',\n')} { content: none; }`;
}

/** The CSS text of the shared stylesheet. */
const MARK_CSS = `
mark.nm-entity {
  --nm-c: #999999; --nm-ink: #000;
  background: color-mix(in srgb, var(--nm-c) var(--newsmark-tint, 26%), transparent);
  color: inherit;
  border-radius: 0.25em;
  border-bottom: 2px solid var(--nm-c);
  padding: 0 0.12em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
  cursor: pointer;
}
${NUMERIC.map((label) => `mark.nm-entity[data-label="${label}"]`).join(', ')} { border-bottom-style: dashed; }
${typeRules()}
mark.nm-entity:not([data-more])::after {
  content: attr(data-label);
  display: inline-block;
  margin-left: 0.3em;
  padding: 0.12em 0.3em;
  border-radius: 0.25em;
  background: var(--nm-c);
  color: var(--nm-ink);
  font: 700 0.6em/1 system-ui, sans-serif;
  letter-spacing: 0.04em;
  vertical-align: 0.2em;
  text-decoration: none;
}
mark.nm-entity.nm-active {
  background: color-mix(in srgb, var(--nm-c) 65%, transparent);
  outline: 2px solid var(--newsmark-active, currentColor);
  outline-offset: 1px;
}
mark.nm-entity:focus-visible, mark.nm-quote:focus-visible { outline: 3px solid var(--newsmark-focus, #0072B2); outline-offset: 2px; }
mark.nm-quote {
  --nm-q: var(--newsmark-quote, #6a4c9c);
  color: inherit;
  background: color-mix(in srgb, var(--nm-q) var(--newsmark-quote-tint, 9%), transparent);
  text-decoration: underline 2px var(--nm-q);
  text-underline-offset: 0.32em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone;
}
mark.nm-quote[data-kind="partial"] { text-decoration-style: dashed; }
mark.nm-quote[data-kind="term"] { text-decoration-style: dotted; }
mark.nm-quote[data-kind="indirect"] { text-decoration-style: wavy; text-decoration-thickness: 1px; }
mark.nm-quote[data-speaker]:not([data-more])::after {
  content: "\\2014\\00a0" attr(data-speaker);
  display: inline-block;
  margin-left: 0.3em;
  color: var(--nm-q);
  font: italic 600 0.78em/1 system-ui, sans-serif;
  text-decoration: none;
}
mark.nm-quote.nm-active { background: color-mix(in srgb, var(--nm-q) 22%, transparent); }
mark.nm-cue { background: none; color: inherit; font-style: italic; text-decoration: underline dotted 1px; }
mark.nm-speaker { background: none; color: inherit; font-weight: 650; }
[data-nm-hide~="quotes"] mark.nm-quote { background: none; text-decoration: none; }
[data-nm-hide~="quotes"] mark.nm-quote::after { content: none; }
[data-nm-hide~="quotes"] mark.nm-cue, [data-nm-hide~="quotes"] mark.nm-speaker { font: inherit; text-decoration: none; }
${hideRules()}
/* Paragraphs off screen skip layout and paint, so a 100,000-word article lays out quickly. */
.nm-view .nm-paragraph { margin: 0 0 0.9em; white-space: pre-wrap; content-visibility: auto; contain-intrinsic-size: auto 4em; }
.nm-view[data-nm-show~="paragraphs"] .nm-paragraph {
  border-left: 3px solid color-mix(in srgb, currentColor 18%, transparent);
  padding-left: 0.6em;
}
.nm-view[data-nm-show~="sentences"] .nm-sentence[data-alt] { background: color-mix(in srgb, currentColor 7%, transparent); }
.nm-view[data-nm-show~="sentences"] .nm-sentence { border-right: 2px solid color-mix(in srgb, currentColor 35%, transparent); }
.nm-view[data-nm-show~="tokens"] .nm-token {
  outline: 1px solid color-mix(in srgb, currentColor 32%, transparent);
  outline-offset: -1px;
  border-radius: 2px;
}
@media (prefers-color-scheme: dark) {
  mark.nm-entity { background: color-mix(in srgb, var(--nm-c) var(--newsmark-tint-dark, 34%), transparent); }
  mark.nm-quote { --nm-q: var(--newsmark-quote-dark, #c8b2ff); }
}
@media (forced-colors: active) {
  mark.nm-entity { border: 1px solid CanvasText; }
  mark.nm-quote { text-decoration-color: CanvasText; }
}
`;

let sharedSheet = null;

/** Adds the newsmark stylesheet to `root` (a Document or a ShadowRoot) once. */
export function adoptMarkStyles(root) {
  if (!root || !('adoptedStyleSheets' in root)) return;
  if (sharedSheet === null) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(MARK_CSS);
  }
  if (!root.adoptedStyleSheets.includes(sharedSheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sharedSheet];
  }
}
