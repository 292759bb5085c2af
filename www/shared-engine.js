// The one engine the widget's functions share within a page, created on first use.
import { EngineClient } from './engine.js';
import { compileEngineModule, createEngineWorker, loadEngine } from './wasm-source.js';

let engine = null;

/** The page's shared engine (one worker for every widget and annotated element). */
export function sharedEngine() {
  engine ??= new EngineClient({ createWorker: createEngineWorker, load: loadEngine, compileModule: compileEngineModule });
  return engine;
}
