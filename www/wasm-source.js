// Where the engine comes from in the source tree: the wasm-bindgen output in ./pkg, run in
// ./worker.js. scripts/build-dist.mjs replaces this module in the single-file builds.

import { ENGINE_WASM } from './engine-build.js';

let compiling = null;

async function compileEngine() {
  const response = await fetch(new URL(`./pkg/${ENGINE_WASM}`, import.meta.url));
  if (!response.ok) throw new Error(`pkg/${ENGINE_WASM}: HTTP ${response.status}`);
  // Streaming compilation needs the application/wasm type; other servers get the slower path.
  const module = await (response.headers.get('Content-Type') === 'application/wasm'
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer()));
  performance.mark('newsmark-wasm-compiled'); // for bench/browser.mjs's waterfall
  return module;
}

/** The engine's WebAssembly module, downloaded and compiled once (again after a failure). */
export function compileEngineModule() {
  compiling ??= compileEngine().catch((error) => {
    compiling = null;
    throw error;
  });
  return compiling;
}

/**
 * Loads a fresh engine, `{annotatePacked, loadModel, version}` (see engine.js), over `module` (compiled
 * here when not given). wasm-bindgen's glue holds one instance per module, so every attempt
 * after the first imports its own copy of the glue (a distinct URL is a distinct module) and
 * never reuses an instance that failed.
 */
export async function loadEngine(attempt, module) {
  const compiled = module ?? compileEngineModule(); // compiles while the glue loads
  const glue = await import(attempt === 0 ? './pkg/newsmark.js' : `./pkg/newsmark.js?attempt=${attempt}`);
  await glue.default({ module_or_path: await compiled });
  return { annotatePacked: glue.annotate_packed, loadModel: glue.load_model, version: glue.version };
}

/** Starts the engine's worker. */
export function createEngineWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'newsmark' });
}
