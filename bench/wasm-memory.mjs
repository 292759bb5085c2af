// WebAssembly memory of the engine on one input, in a fresh node process: the memory after
// annotating one sentence (module, model, tables) and after then annotating FILE the way the
// page does (`annotate_packed`). WebAssembly memory only grows, so the second is the peak.
//
// Usage: node bench/wasm-memory.mjs FILE  -> {"base_bytes": ..., "peak_bytes": ...}
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const glue = await import(path.join(root, 'www/pkg/newsmark.js'));
const { ENGINE_WASM } = await import(path.join(root, 'www/engine-build.js'));
const wasm = glue.initSync({ module: fs.readFileSync(path.join(root, 'www/pkg', ENGINE_WASM)) });
glue.annotate_packed('Pentagon Press Secretary John F. Kirby said on Monday that the U.S. would help.');
const base = wasm.memory.buffer.byteLength;
glue.annotate_packed(fs.readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify({ base_bytes: base, peak_bytes: wasm.memory.buffer.byteLength }));
