// The engine's Web Worker: annotates texts off the page's main thread.
import { serveEngine } from './engine.js';
import { loadEngine } from './wasm-source.js';
// The engine's JavaScript glue, imported here so that it is fetched together with the two
// modules above rather than after them (loadEngine's import then finds it loaded; a worker
// makes one attempt, after a failure the page starts a fresh worker). Like a missing
// engine.js, a glue that cannot be loaded stops the worker from starting, and the page then
// runs the engine itself (engine.js, EngineClient).
import './pkg/newsmark.js';

serveEngine(self, loadEngine);
