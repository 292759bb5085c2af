// TypeScript types for the newsmark package (dist/newsmark.js and dist/streaming/newsmark.js).
// Offsets are UTF-16 code units, so `document.text.slice(start, end)` is exact.

/** A half-open range of the text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** What a token is, by its characters. */
export type TokenKind =
  | 'word' | 'number' | 'quote' | 'punct' | 'symbol' | 'url' | 'email' | 'handle' | 'hashtag' | 'emoji' | 'other';

/** Entity types (OntoNotes-style, with LOC for places and MISC for other names). */
export type Label =
  | 'PERSON' | 'NORP' | 'ORG' | 'LOC' | 'MISC' | 'DATE' | 'TIME' | 'MONEY' | 'PERCENT' | 'QUANTITY' | 'CARDINAL';

/** What a quotation is. */
export type QuoteKind = 'direct' | 'partial' | 'term' | 'indirect';

export interface Token extends Span {
  kind: TokenKind;
}

export type Sentence = Span;
export type Paragraph = Span;

/** One entity mention. */
export interface Entity extends Span {
  label: Label;
  /** Index into `Document.clusters`, or null when the mention is not clustered. */
  cluster: number | null;
}

/** Every mention of one entity. */
export interface Cluster {
  /** The canonical name: the fullest proper mention. */
  name: string;
  label: Label;
  mentions: Span[];
}

/** Who said a quotation. */
export interface Speaker extends Span {
  /** The speaker as the reader knows them: the cluster's name, or the mention's text. */
  text: string;
  /** Index into `Document.clusters`, or null. */
  entity: number | null;
  mentions: Span[];
}

/** One quotation or reported statement (its span runs from the opening to the closing mark). */
export interface Quote extends Span {
  kind: QuoteKind;
  /** The quoted words without marks, one part per paragraph. */
  content: Span[];
  /** The speech verb or phrase ("said", "according to"), if any. */
  cue: Span | null;
  speaker: Speaker | null;
}

/** Everything newsmark found in one text. */
export interface Document {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  paragraphs: Paragraph[];
  entities: Entity[];
  clusters: Cluster[];
  quotes: Quote[];
}

/** The layers a view can show. */
export type Layer = 'entities' | 'quotes' | 'paragraphs' | 'sentences' | 'tokens';

/** Anything with the engine's `annotate` method (for tests, or a custom engine). */
export interface Engine {
  annotate(text: string): Promise<{ document: Document; ms: number }>;
}

export interface AnnotateElementOptions {
  /** Entity labels to mark (default: all). */
  types?: Label[];
  /** 'entities' and/or 'quotes' (default: both). */
  layers?: Array<'entities' | 'quotes'>;
  /** The engine to use (default: the page's shared one, in a Web Worker). */
  engine?: Engine;
}

/** Annotates `text`; resolves with its Document. */
export function annotate(text: string): Promise<Document>;

/**
 * Wraps the entity and quotation ranges of `element`'s text in <mark> elements, in place,
 * without changing its textContent; running it again replaces the earlier marks. Fires
 * `newsmark:annotated` on the element with the Document as `detail`. The Document's text is
 * the element's text with a line break between block elements.
 */
export function annotateElement(element: Element, options?: AnnotateElementOptions): Promise<Document>;

/** Removes the marks and restores the element's original DOM exactly; false if there were none. */
export function clearAnnotations(element: Element): boolean;

/** `<newsmark-annotator types="PERSON ORG" layers="entities quotes">`. */
export class NewsmarkAnnotator extends HTMLElement {
  /** The article text. */
  text: string;
  /** The latest Document, or null before the first annotation. */
  readonly document: Document | null;
}

/** Defines the custom element (done on import; call again with another name if needed). */
export function defineNewsmarkAnnotator(name?: string): void;

declare global {
  interface HTMLElementTagNameMap {
    'newsmark-annotator': NewsmarkAnnotator;
  }
  interface HTMLElementEventMap {
    'newsmark:annotated': CustomEvent<Document>;
  }
}
