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

// Token kinds in a fixed order, to send tokens across as one transferable Int32Array: a long
// article has hundreds of thousands of them, and structured-cloning as many small objects
// would block the page's main thread for longer than a frame when it receives them.
const TOKEN_KINDS = ['word', 'number', 'quote', 'punct', 'symbol', 'url', 'email', 'handle', 'hashtag', 'emoji', 'other'];

/** Tokens as [start, end, kind index] triples, or null if a kind is not in TOKEN_KINDS. */
function packTokens(tokens) {
  const packed = new Int32Array(tokens.length * 3);
  for (let i = 0; i < tokens.length; i += 1) {
    const kind = TOKEN_KINDS.indexOf(tokens[i].kind);
    if (kind < 0) return null;
    packed[3 * i] = tokens[i].start;
    packed[3 * i + 1] = tokens[i].end;
    packed[3 * i + 2] = kind;
  }
  return packed;
}

function unpackTokens(packed) {
  const tokens = new Array(packed.length / 3);
  for (let i = 0; i < tokens.length; i += 1) {
    tokens[i] = { start: packed[3 * i], end: packed[3 * i + 1], kind: TOKEN_KINDS[packed[3 * i + 2]] };
  }
  return tokens;
}

function isPlainSpan(span) {
  return Number.isInteger(span?.start) && Number.isInteger(span?.end) && Object.keys(span).length === 2;
}

// Every quotation's speaker lists all the mentions of its speaker, so a long article quoting
// one person often holds quotations x mentions spans: hundreds of thousands of small objects
// that would take seconds to copy across. They cross packed in one Int32Array (start, end
// pairs; `counts[i]` pairs for quotation i, -1 when not packed) and are rebuilt on first read.
function packSpeakerMentions(document) {
  const quotes = document.quotes ?? [];
  const counts = new Int32Array(quotes.length).fill(-1);
  let total = 0;
  quotes.forEach((quote, i) => {
    const mentions = quote.speaker?.mentions;
    if (Array.isArray(mentions) && mentions.every(isPlainSpan)) {
      counts[i] = mentions.length;
      total += mentions.length;
    }
  });
  const spans = new Int32Array(total * 2);
  let at = 0;
  quotes.forEach((quote, i) => {
    if (counts[i] < 0) return;
    for (const mention of quote.speaker.mentions) {
      spans[at++] = mention.start;
      spans[at++] = mention.end;
    }
    quote.speaker.mentions = [];
  });
  return { counts, spans };
}

function unpackSpeakerMentions(document, { counts, spans }) {
  let at = 0;
  document.quotes.forEach((quote, i) => {
    if (counts[i] < 0) return;
    const packed = spans.subarray(at, at + 2 * counts[i]);
    at += 2 * counts[i];
    let mentions = null;
    // Built when first read (the page itself never reads them; an export does).
    Object.defineProperty(quote.speaker, 'mentions', {
      enumerable: true,
      configurable: true,
      get() {
        mentions ??= Array.from({ length: packed.length / 2 }, (_, k) => ({ start: packed[2 * k], end: packed[2 * k + 1] }));
        return mentions;
      },
      set(value) {
        mentions = value;
      },
    });
  });
}

// The engine parses its embedded model on first use; doing that before saying "ready" makes
// ready mean ready, and keeps the reader's first edit as quick as the next ones.
function warmUp(engine) {
  engine.annotate('');
  return engine;
}

/**
 * Serves the engine inside a worker: on the page's `{type: 'start', module}` message,
 * `load(0, module)` resolves with `{annotate, version}`; requests
 * `{id, text}` are answered with `{id, document, tokens, speakers, ms}` (the Document's tokens
 * and speakers' mentions packed into typed arrays, see packTokens and packSpeakerMentions) or
 * `{id, error, fatal}`.
 */
export function serveEngine(scope, load) {
  const started = performance.now();
  let begin;
  // The page says when to start, handing over the module it compiled meanwhile (if any).
  const ready = new Promise((resolve) => {
    begin = resolve;
  }).then((module) => load(0, module)).then(warmUp);
  ready.then(
    (engine) => scope.postMessage({ type: 'ready', version: engine.version(), ms: performance.now() - started }),
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
      const document = engine.annotate(String(text));
      const ms = performance.now() - start;
      const speakers = packSpeakerMentions(document);
      const transfer = [speakers.counts.buffer, speakers.spans.buffer];
      const tokens = packTokens(document.tokens);
      if (tokens !== null) {
        document.tokens = []; // keeps the field's place in the Document; refilled on arrival
        transfer.push(tokens.buffer);
      }
      scope.postMessage({ id, document, tokens, speakers, ms }, transfer);
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
      if (message.tokens) message.document.tokens = unpackTokens(message.tokens);
      if (message.speakers) unpackSpeakerMentions(message.document, message.speakers);
      request.resolve({ document: message.document, ms: message.ms });
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
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, text });
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
  const ready = loading.then(warmUp).then(
    (loaded) => {
      engine = loaded;
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
        return { document: engine.annotate(String(text)), ms: performance.now() - start };
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
 * (or null, or throws, when workers are not available); `load(attempt)` loads a fresh engine
 * in the page, for when there is no worker; `compileModule()` (optional) compiles the
 * WebAssembly in the page, to hand to the worker.
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
