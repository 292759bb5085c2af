// The page's engine, started as soon as this module runs. index.html loads it as an async
// module script ahead of the page's own modules: it needs only engine.js and wasm-source.js,
// does not wait for the style sheet or the rest of the page, and so the worker starts up and
// the WebAssembly compiles while the page is still loading.
import { EngineClient } from './engine.js';
import { compileEngineModule, createEngineWorker, loadEngine } from './wasm-source.js';

/** The page's engine (main.js annotates with it). */
export const engine = new EngineClient({ createWorker: createEngineWorker, load: loadEngine, compileModule: compileEngineModule });

/**
 * The engine's first start: resolves with `{version, ms}` once it is ready, rejects with an
 * EngineError if it could not start (main.js reports that; the next annotation starts a fresh one).
 */
export const engineStarting = engine.start();
// Handled by main.js, which may run after a failure: not an unhandled rejection meanwhile.
engineStarting.catch(() => {});
