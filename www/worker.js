// The engine's Web Worker: annotates texts off the page's main thread.
import { serveEngine } from './engine.js';
import { loadEngine } from './wasm-source.js';
// wasm-source.js imports it too: named here, it is fetched with the modules above rather than
// after them.
import './engine-build.js';

serveEngine(self, loadEngine);
// Fetches the engine's JavaScript glue now, while the page compiles the WebAssembly: loadEngine
// then finds it loaded. A failure here is loadEngine's to report.
import('./pkg/newsmark.js').catch(() => {});
