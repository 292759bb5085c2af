// Times one annotator in this node process (one process per tool, so that load time and peak
// memory are the tool's own) and prints one JSON object on stdout.
//
// Usage: node bench/tool.mjs newsmark|compromise|wink [DOCS_JSON]
//
// Measures, in order: load (import, model and module set-up), the first call on a short text
// (model ready: newsmark parses its tables on first use), a warm-up (the annotate calls on
// the first quarter of the documents), then timed passes over every document; peak memory is
// the process's maximum resident set (process.resourceUsage().maxRSS).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tool = process.argv[2];
const docsPath = process.argv[3] ?? path.join(root, 'bench/corpus/docs.json');
const docs = JSON.parse(fs.readFileSync(docsPath, 'utf8')).map((d) => d.text);
const SHORT = 'Pentagon Press Secretary John F. Kirby said on Monday that the U.S. would help.';
// At least 3 and at most 7 timed passes, no new pass once 20 s have been spent (compromise
// needs tens of seconds a pass). BENCH_PASSES=N fixes the count (quick runs while developing).
const fixed = Number(process.env.BENCH_PASSES) || 0;
const MIN_PASSES = fixed || 3;
const MAX_PASSES = fixed || 7;
const BUDGET_MS = 20_000;

/** Each loader returns { annotate(text) -> result, count(result) -> {tokens, entities, quotes} }. */
const loaders = {
  async newsmark() {
    const glue = await import(path.join(root, 'www/pkg/newsmark.js'));
    // The page's own path from text to Document: the engine's packed result, turned into the
    // Document's objects by www/engine.js (what the worker's page and the widget get).
    const { documentFromPacked } = await import(path.join(root, 'www/engine.js'));
    // The build the page runs here: the SIMD one where WebAssembly SIMD is supported.
    const { ENGINE_WASM } = await import(path.join(root, 'www/engine-build.js'));
    const bytes = fs.readFileSync(path.join(root, 'www/pkg', ENGINE_WASM));
    const wasm = glue.initSync({ module: bytes });
    return {
      version: glue.version(),
      annotate: (text) => documentFromPacked(text, glue.annotate_packed(text)),
      count: (doc) => ({ tokens: doc.tokens.length, entities: doc.entities.length, quotes: doc.quotes.length }),
      wasmMemory: () => wasm.memory.buffer.byteLength,
    };
  },
  async compromise() {
    // The package's own entry point (src/three.js, what `import nlp from 'compromise'` loads);
    // the bundle size counts its published single-file build of the same code.
    const nlp = (await import('compromise')).default;
    return {
      version: nlp.version,
      annotate(text) {
        const doc = nlp(text);
        return {
          terms: doc,
          people: doc.people().out('array'),
          places: doc.places().out('array'),
          organizations: doc.organizations().out('array'),
          quotations: doc.quotations().out('array'),
        };
      },
      count: (r) => ({
        tokens: r.terms.terms().length,
        entities: r.people.length + r.places.length + r.organizations.length,
        quotes: r.quotations.length,
      }),
    };
  },
  async wink() {
    const winkNLP = require('wink-nlp');
    const model = require('wink-eng-lite-web-model');
    // Sentence boundaries and the entity pass only: the least work wink-nlp can do for what
    // newsmark delivers, so its fastest configuration is the one compared.
    const nlp = winkNLP(model, ['sbd', 'ner']);
    return {
      version: require('wink-nlp/package.json').version,
      annotate(text) {
        const doc = nlp.readDoc(text);
        return { doc, entities: doc.entities().out(nlp.its.detail) };
      },
      count: (r) => ({ tokens: r.doc.tokens().length(), entities: r.entities.length, quotes: 0 }),
    };
  },
};

if (!loaders[tool]) {
  console.error(`bench: unknown tool ${tool}; use newsmark, compromise or wink`);
  process.exit(2);
}
const rssBefore = process.memoryUsage().rss;
let t = performance.now();
const engine = await loaders[tool]();
const loadMs = performance.now() - t;
t = performance.now();
engine.annotate(SHORT);
const firstCallMs = performance.now() - t;

// Warm-up: the first quarter of the documents, so that the JIT has seen every code path.
t = performance.now();
for (const text of docs.slice(0, Math.ceil(docs.length / 4))) engine.annotate(text);
const warmupMs = performance.now() - t;

// Timed passes over every document; only the annotate calls are timed. The first pass also
// counts each tool's own tokens, entities and quotations, outside the timed calls.
const counts = { tokens: 0, entities: 0, quotes: 0 };
const passes = [];
// The same calls' CPU time (user + system, every thread of the process: V8's garbage collector
// included), which a shared machine distorts less than wall time.
const cpuPasses = [];
const started = performance.now();
while (passes.length < MIN_PASSES || (passes.length < MAX_PASSES && performance.now() - started < BUDGET_MS)) {
  let spent = 0;
  let cpuSpent = 0;
  for (const text of docs) {
    const cpuBefore = process.cpuUsage();
    t = performance.now();
    const result = engine.annotate(text);
    spent += performance.now() - t;
    const cpu = process.cpuUsage(cpuBefore);
    cpuSpent += (cpu.user + cpu.system) / 1000;
    if (passes.length === 0) {
      const c = engine.count(result);
      counts.tokens += c.tokens;
      counts.entities += c.entities;
      counts.quotes += c.quotes;
    }
  }
  cpuPasses.push(cpuSpent);
  passes.push(spent);
}
const sorted = [...passes].sort((a, b) => a - b);
const result = {
  tool,
  version: engine.version,
  node: process.version,
  documents: docs.length,
  bytes: docs.reduce((s, d) => s + Buffer.byteLength(d), 0),
  load_ms: loadMs,
  first_call_ms: firstCallMs,
  warmup_ms: warmupMs,
  passes_ms: passes,
  median_ms: sorted[Math.floor(sorted.length / 2)],
  min_ms: sorted[0],
  max_ms: sorted[sorted.length - 1],
  cpu_passes_ms: cpuPasses,
  cpu_median_ms: [...cpuPasses].sort((a, b) => a - b)[Math.floor(cpuPasses.length / 2)],
  own_counts: counts,
  rss_before_load_mb: rssBefore / 1e6,
  peak_rss_mb: (process.resourceUsage().maxRSS * 1024) / 1e6,
  wasm_memory_mb: engine.wasmMemory ? engine.wasmMemory() / 1e6 : null,
};
console.log(JSON.stringify(result));
