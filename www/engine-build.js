// Which build of the engine's WebAssembly this runtime runs: the one compiled with 128-bit SIMD
// where WebAssembly SIMD is supported (current browsers and node; Safari from 16.4), the
// baseline build elsewhere. Both come from the same source under the same glue and give the
// same results (make wasm builds both).

/** A module whose one function uses i8x16.popcnt, among the last SIMD instructions standardised. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** The file name of the engine's WebAssembly for this runtime (in www/pkg and dist/streaming). */
export const ENGINE_WASM = WebAssembly.validate(SIMD_PROBE) ? 'newsmark_simd_bg.wasm' : 'newsmark_bg.wasm';
