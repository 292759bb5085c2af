// Runs the newsmark WebAssembly engine for a page: in a Web Worker when one can be started (so
// a long article never blocks the main thread), in the page itself otherwise. After a failure
// (the module did not load, or a trap inside the WebAssembly) the engine is thrown away and a
// fresh one is created on the next request, so the page keeps working.

/** An engine failure; `fatal` says the engine instance was discarded. */
export class EngineError extends Error {
  constructor(message, fatal) {
    super(message);
    this.name = 'EngineError';
    this.fatal = fatal;
  }
}

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

// A RuntimeError is a trap inside the WebAssembly (a Rust panic aborts): the instance's memory
// may be inconsistent afterwards, so it must not be used again.
function isTrap(error) {
  return typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
}

// The names of the engine's enums, in their declaration order in src/document.rs (TokenKind,
// Label, QuoteKind): the packed Document holds their indices (see src/wasm.rs).
const TOKEN_KINDS = ['word', 'number', 'quote', 'punct', 'symbol', 'url', 'email', 'handle', 'hashtag', 'emoji', 'other'];
const LABELS = ['PERSON', 'NORP', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'CARDINAL'];
const QUOTE_KINDS = ['direct', 'partial', 'term', 'indirect'];
const NONE = 0xffffffff; // an absent index or cue in the packed form

/** A packed Document's reader: `words` is its Uint32Array, `at` the next word. */
class PackedReader {
  constructor(words) {
    this.words = words;
    this.at = 0;
  }

  next() {
    return this.words[this.at++];
  }

  index() {
    const value = this.words[this.at++];
    return value === NONE ? null : value;
  }

  /** A list of `{start, end}`, led by its length. */
  spans() {
    const { words } = this;
    const spans = new Array(words[this.at++]);
    for (let i = 0; i < spans.length; i += 1, this.at += 2) spans[i] = { start: words[this.at], end: words[this.at + 1] };
    return spans;
  }

  /** A list of spans led by its length, skipped; returns its words, to read later. */
  skipSpans() {
    const count = this.words[this.at++];
    const slice = this.words.subarray(this.at, this.at + 2 * count);
    this.at += 2 * count;
    return slice;
  }

  /** A string: its length in UTF-16 code units, then the code units. */
  string() {
    const length = this.words[this.at++];
    let text = '';
    // In chunks: passing a very long array as arguments would overflow the call stack.
    for (let from = this.at; from < this.at + length; from += 4096) {
      text += String.fromCharCode.apply(null, this.words.subarray(from, Math.min(from + 4096, this.at + length)));
    }
    this.at += length;
    return text;
  }
}

// A speaker's mentions: every mention of its cluster (when it is a clustered entity) and its
// own (packed with it), without a span that overlaps one already listed, in text order: what
// Document::speaker_mentions gives the JSON form (src/document.rs). An article quoting one
// person throughout holds quotations x mentions of them, so each list is built on first read
// (the page never reads them; an export does).
function lazyMentions(speaker, ownWords, cluster) {
  let mentions = null;
  const build = () => {
    const list = cluster ? cluster.mentions.map(({ start, end }) => ({ start, end })) : [];
    for (let k = 0; k < ownWords.length; k += 2) {
      const own = { start: ownWords[k], end: ownWords[k + 1] };
      if (!list.some((m) => m.start < own.end && own.start < m.end)) list.push(own);
    }
    return list.sort((a, b) => a.start - b.start || a.end - b.end);
  };
  Object.defineProperty(speaker, 'mentions', {
    enumerable: true,
    configurable: true,
    get() {
      mentions ??= build();
      return mentions;
    },
    set(value) {
      mentions = value;
    },
  });
  return speaker;
}

/**
 * The Document for `text` from the engine's `annotate_packed(text)` words (layout in
 * src/wasm.rs): the same objects, fields and order as the engine's `annotate(text)` returns.
 */
export function documentFromPacked(text, words) {
  // The engine got the text with each lone surrogate replaced by U+FFFD (the WebAssembly
  // boundary's UTF-8 encoding does that), and its Document holds that text.
  const documentText = (typeof text.isWellFormed === 'function' ? text.isWellFormed() : !/\p{Cs}/u.test(text)) ? text : text.replace(/\p{Cs}/gu, '\uFFFD');
  const read = new PackedReader(words);
  const tokens = new Array(read.next());
  for (let i = 0, at = read.at; i < tokens.length; i += 1, at += 3) {
    tokens[i] = { start: words[at], end: words[at + 1], kind: TOKEN_KINDS[words[at + 2]] };
  }
  read.at += 3 * tokens.length;
  const sentences = read.spans();
  const paragraphs = read.spans();
  const entities = new Array(read.next());
  for (let i = 0; i < entities.length; i += 1) {
    entities[i] = { start: read.next(), end: read.next(), label: LABELS[read.next()], cluster: read.index() };
  }
  const clusters = new Array(read.next());
  for (let i = 0; i < clusters.length; i += 1) {
    const label = LABELS[read.next()];
    const name = read.string();
    clusters[i] = { name, label, mentions: read.spans() };
  }
  const quotes = new Array(read.next());
  for (let i = 0; i < quotes.length; i += 1) {
    const start = read.next();
    const end = read.next();
    const kind = QUOTE_KINDS[read.next()];
    const content = read.spans();
    const cueStart = read.next();
    const cueEnd = read.next();
    const cue = cueStart === NONE ? null : { start: cueStart, end: cueEnd };
    let speaker = null;
    if (read.next() === 1) {
      speaker = { start: read.next(), end: read.next(), text: read.string(), entity: read.index() };
      lazyMentions(speaker, read.skipSpans(), speaker.entity === null ? null : clusters[speaker.entity]);
    }
    quotes[i] = { start, end, kind, content, cue, speaker };
  }
  if (read.at !== words.length) throw new Error(`the engine's packed result has ${words.length - read.at} words left over (engine and engine.js out of step?)`);
  return { text: documentText, tokens, sentences, paragraphs, entities, clusters, quotes };
}

/**
 * A short text that takes the common paths of every stage: names with a title, an acronym,
 * a date, money, a percentage, a year, a quotation with its cue and speaker, a place
 * (bench/browser.mjs warms its floor pages with it too).
 */
export const WARM_UP_TEXT = 'Pentagon Press Secretary John F. Kirby said on Monday that the U.S. would send $1.2 billion, 45% more than in 2021.\n"We will help," Kirby told reporters in Kabul.';

/** Loads the engine's name model: then the engine is ready. */
function loadModel(engine) {
  performance.mark('newsmark-engine-loaded');
  engine.loadModel();
  performance.mark('newsmark-engine-model');
  return engine;
}

// V8 compiles each WebAssembly function the first time it runs (lazy compilation), and the
// engine builds its smaller tables on first use: annotating a short text right after saying
// "ready" does both, so that the reader's first edit is as quick as the next ones. It runs
// after "ready" because a first edit made meanwhile waits for it anyway (it costs no more
// than that edit's own first run would).
function warmUp(engine) {
  try {
    engine.annotatePacked(WARM_UP_TEXT);
    performance.mark('newsmark-engine-warm');
  } catch {
    // A broken engine says so when it is asked for an annotation, which is what the page hears.
  }
}

/**
 * Serves the engine inside a worker: on the page's `{type: 'start', module}` message,
 * `load(0, module)` resolves with `{annotatePacked, loadModel, version}` (the engine's
 * `annotate_packed`, `load_model` and `version`); once the model is loaded the worker says
 * `{type: 'ready'}`; requests `{id, text}` are answered with `{id, packed, ms}` (the Document packed in
 * one transferred Uint32Array, see documentFromPacked: one buffer crosses to the page at once,
 * where structured-cloning a long article's hundreds of thousands of small objects would block
 * the page's main thread for longer than a frame) or `{id, error, fatal}`.
 */
export function serveEngine(scope, load) {
  const started = performance.now();
  // User Timing marks here and in warmUp: the steps of the engine's start, which
  // bench/browser.mjs reads for its waterfall.
  performance.mark('newsmark-worker-running');
  let begin;
  // The page says when to start, handing over the module it compiled meanwhile (if any).
  const ready = new Promise((resolve) => {
    begin = resolve;
  }).then((module) => {
    performance.mark('newsmark-engine-start');
    return load(0, module);
  }).then(loadModel);
  ready.then(
    (engine) => {
      scope.postMessage({ type: 'ready', version: engine.version(), ms: performance.now() - started });
      warmUp(engine); // requests wait for it: a worker runs one task at a time
    },
    (error) => scope.postMessage({ type: 'failed', message: describe(error) }),
  );
  scope.addEventListener('message', async (event) => {
    if (event.data?.type === 'start') {
      begin(event.data.module);
      return;
    }
    const { id, text } = event.data;
    let engine;
    try {
      engine = await ready;
    } catch (error) {
      scope.postMessage({ id, error: describe(error), fatal: true });
      return;
    }
    try {
      const start = performance.now();
      const packed = engine.annotatePacked(String(text));
      const ms = performance.now() - start;
      scope.postMessage({ id, packed, ms }, [packed.buffer]);
    } catch (error) {
      scope.postMessage({ id, error: describe(error), fatal: isTrap(error) });
    }
  });
}

function workerBackend(worker, compileModule) {
  const pending = new Map();
  let nextId = 1;
  let dead = false;
  let settle;
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  ready.catch(() => {});
  const fail = (message) => {
    if (dead) return;
    dead = true;
    worker.terminate();
    settle.reject(new EngineError(message, true));
    for (const request of pending.values()) request.reject(new EngineError(message, true));
    pending.clear();
  };
  let started = false;
  worker.addEventListener('message', (event) => {
    started = true;
    const message = event.data;
    if (message.type === 'ready') {
      settle.resolve({ version: message.version, ms: message.ms });
    } else if (message.type === 'failed') {
      fail(`the engine did not start: ${message.message}`);
    } else {
      const request = pending.get(message.id);
      pending.delete(message.id);
      if (!request) return;
      if (message.error !== undefined) {
        request.reject(new EngineError(message.error, message.fatal));
        return;
      }
      try {
        request.resolve({ document: documentFromPacked(request.text, message.packed), ms: message.ms });
      } catch (error) {
        request.reject(new EngineError(describe(error), false));
      }
    }
  });
  let unloadable = false;
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    // An error before any message: the worker's script did not load (a policy, another origin).
    unloadable = !started;
    fail(`the engine's worker failed: ${event.message || 'it could not be loaded'}`);
  });
  worker.addEventListener('messageerror', () => fail('the engine sent a message that could not be read'));
  // The page compiles the WebAssembly while the worker starts up, then hands the module over;
  // if the page cannot compile it, the worker tries on its own.
  Promise.resolve()
    .then(() => (compileModule ? compileModule() : undefined))
    .then(
      (module) => worker.postMessage({ type: 'start', module }),
      () => worker.postMessage({ type: 'start' }),
    );
  return {
    ready,
    get dead() {
      return dead;
    },
    /** Whether the worker never ran: then the page runs the engine itself. */
    get unloadable() {
      return unloadable;
    },
    annotate(text) {
      if (dead) return Promise.reject(new EngineError('the engine stopped', true));
      const id = nextId++;
      const request = String(text);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, text: request }); // the reply holds no text: this is it
        worker.postMessage({ id, text: request });
      });
    },
    dispose() {
      fail('the engine was replaced');
    },
  };
}

function inPageBackend(loading) {
  const started = performance.now();
  let engine = null;
  let dead = false;
  const ready = loading.then(loadModel).then(
    (loaded) => {
      engine = loaded;
      setTimeout(() => warmUp(loaded)); // after the page has heard it is ready
      return { version: loaded.version(), ms: performance.now() - started };
    },
    (error) => {
      dead = true;
      throw new EngineError(`the engine did not start: ${describe(error)}`, true);
    },
  );
  ready.catch(() => {});
  return {
    ready,
    get dead() {
      return dead;
    },
    async annotate(text) {
      await ready;
      const start = performance.now();
      try {
        const request = String(text);
        return { document: documentFromPacked(request, engine.annotatePacked(request)), ms: performance.now() - start };
      } catch (error) {
        throw new EngineError(describe(error), isTrap(error));
      }
    },
    dispose() {
      dead = true;
    },
  };
}

/**
 * The engine as a page sees it. `createWorker()` returns a Worker running {@link serveEngine}
 * (or null, or throws, when workers are not available); `load(attempt)` loads a fresh engine,
 * `{annotatePacked, loadModel, version}`, in the page, for when there is no worker;
 * `compileModule()` (optional) compiles the WebAssembly in the page, to hand to the worker.
 */
export class EngineClient {
  #createWorker;
  #load;
  #compileModule;
  #backend = null;
  #attempt = 0;
  #workersWork = true;

  constructor({ createWorker, load, compileModule }) {
    this.#createWorker = createWorker;
    this.#load = load;
    this.#compileModule = compileModule;
  }

  #current() {
    if (this.#backend === null || this.#backend.dead) {
      const attempt = this.#attempt++;
      let worker = null;
      try {
        worker = this.#createWorker && this.#workersWork ? this.#createWorker() : null;
      } catch {
        worker = null; // no module workers here (a page from file://, a script from another origin)
      }
      this.#backend = worker ? workerBackend(worker, this.#compileModule) : inPageBackend(this.#load(attempt));
    }
    return this.#backend;
  }

  /** Starts the engine if needed; resolves with `{version, ms}` once it is ready. */
  start() {
    const backend = this.#current();
    return backend.ready.catch((error) => {
      this.#discard(backend);
      throw error;
    });
  }

  /** Annotates `text`; resolves with `{document, ms}`, rejects with an {@link EngineError}. */
  async annotate(text) {
    const backend = this.#current();
    try {
      await backend.ready;
      return await backend.annotate(text);
    } catch (error) {
      if (!(error instanceof EngineError)) throw new EngineError(describe(error), false);
      if (error.fatal) this.#discard(backend);
      throw error;
    }
  }

  #discard(backend) {
    if (backend.unloadable) this.#workersWork = false;
    backend.dispose();
    if (this.#backend === backend) this.#backend = null;
  }
}
