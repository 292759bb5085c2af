// Where the engine comes from in the source tree: the wasm-bindgen output in ./pkg, run in
// ./worker.js. scripts/build-dist.mjs replaces this module in the single-file builds.

let compiling = null;

async function compileEngine() {
  const response = await fetch(new URL('./pkg/newsmark_bg.wasm', import.meta.url));
  if (!response.ok) throw new Error(`pkg/newsmark_bg.wasm: HTTP ${response.status}`);
  // Streaming compilation needs the application/wasm type; other servers get the slower path.
  if (response.headers.get('Content-Type') === 'application/wasm') return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Loads a fresh engine: `{annotate, version}`. wasm-bindgen's glue holds one instance per
 * module, so every attempt after the first imports its own copy of the glue (a distinct URL is
 * a distinct module) and never reuses an instance that failed.
 */
export async function loadEngine(attempt) {
  compiling ??= compileEngine(); // download and compile while the glue loads
  const glue = await import(attempt === 0 ? './pkg/newsmark.js' : `./pkg/newsmark.js?attempt=${attempt}`);
  let module;
  try {
    module = await compiling;
  } catch (error) {
    compiling = null; // fetch and compile again next time
    throw error;
  }
  await glue.default({ module_or_path: module });
  return { annotate: glue.annotate, version: glue.version };
}

/** Starts the engine's worker. */
export function createEngineWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'newsmark' });
}
