// newsmark for other sites: the `<newsmark-annotator>` element and in-place annotation of an
// existing article. scripts/build-dist.mjs bundles this module (with the WebAssembly) into
// dist/newsmark.js. Importing it defines the element; it sets no global variables.

import { annotateElement, clearAnnotations } from './annotate-element.js';
import { NewsmarkAnnotator, defineNewsmarkAnnotator } from './newsmark-element.js';
import { sharedEngine } from './shared-engine.js';

defineNewsmarkAnnotator();

/** Annotates `text` with the shared engine and resolves with its Document (UTF-16 offsets). */
export async function annotate(text) {
  const { document } = await sharedEngine().annotate(text);
  return document;
}

export { annotateElement, clearAnnotations, NewsmarkAnnotator, defineNewsmarkAnnotator };
