// Starts the page's engine as the page begins to load. index.html lists this module and the
// three it needs before the page's other files (a browser opens only six connections to a
// server at once), and runs it as soon as they arrive: the worker starts and the WebAssembly
// compiles while the rest of the page is still on its way. main.js takes the engine from here.

import { EngineClient } from './engine.js';
import { compileEngineModule, createEngineWorker, loadEngine } from './wasm-source.js';

/** The page's engine. */
export const engine = new EngineClient({ createWorker: createEngineWorker, load: loadEngine, compileModule: compileEngineModule });

/** Resolves with `{version, ms}` once the engine is ready (see EngineClient.start). */
export const engineStarting = engine.start();
// main.js reports a failure; until it has loaded, the rejection is not an unhandled one.
engineStarting.catch(() => {});
