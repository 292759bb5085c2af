// Starts the engine's worker as the page begins to load. index.html lists this module first,
// and it imports nothing, so it runs as soon as it arrives, before the page's first layout
// (tens of milliseconds of the main thread, which a worker's start waits for), while the rest
// of the page is still on its way. main.js takes the worker and hands it the WebAssembly it
// compiles.

let worker = null;
try {
  // The same worker as wasm-source.js's createEngineWorker; importing that would make this
  // module wait for two more files.
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'newsmark' });
  // A worker whose script failed to load says so once, maybe before main.js listens.
  worker.addEventListener('error', () => {
    worker = null;
  }, { once: true });
} catch {
  worker = null; // no module workers here
}

/**
 * The worker started here, once, if it has not failed; otherwise null (main.js then starts
 * one the usual way, whose failure it hears).
 */
export function takeBootWorker() {
  const taken = worker;
  worker = null;
  return taken;
}
