// The engine's Web Worker: annotates texts off the page's main thread.
import { serveEngine } from './engine.js';
import { loadEngine } from './wasm-source.js';

serveEngine(self, loadEngine);
