#!/usr/bin/env node
// Builds dist/ from www/ and the wasm-bindgen output in www/pkg (run `make wasm` first):
//   dist/newsmark.js            one ES module: widget + engine, the WebAssembly inside as base64
//   dist/streaming/newsmark.js  the same with the separate .wasm files (streaming compile of the
//                               SIMD build, or of the baseline where SIMD is missing)
//   dist/newsmark.html          the annotator page as one file that works from file://
//   dist/newsmark.d.ts, dist/package.json, dist/README.md   the npm package layout
//
// The bundler is deliberately small: www/ modules use only single-statement named imports of
// relative files (`import { a, b as c } from './x.js';`) and `export` on declarations, which
// this script rewrites into one scope per module. Anything else stops the build with a message.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const DIST = join(ROOT, 'dist');
const PLATFORM = './wasm-source.js'; // replaced by a generated module in every bundle
// The page's early worker (www/boot.js): none in a bundle, where the platform module says
// whether and how a worker starts.
const BOOT = './boot.js';
const NO_BOOT_WORKER = 'export function takeBootWorker() {\n  return null;\n}\n';

const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*'([^']+)';[ \t]*$/gm;
const EXPORT_DECLARATION = /^export\s+(?:async\s+)?(function\*?|class|const|let)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\};[ \t]*$/gm;

function fail(message) {
  throw new Error(`build-dist: ${message}`);
}

/** Parses `a, b as c` into [['a', 'a'], ['b', 'c']] (exported name, local name). */
function parseNames(list) {
  return list.split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const [name, local = name] = item.split(/\s+as\s+/);
    return [name.trim(), local.trim()];
  });
}

/** One module as a scope: `const <id> = (() => { ...; return {exports}; })();`. */
function wrapModule(id, source, file, moduleIds) {
  const imports = [];
  let code = source.replace(IMPORT, (_, names, from) => {
    const dep = moduleIds.get(from) ?? fail(`${file}: unknown import ${from}`);
    imports.push(`const { ${parseNames(names).map(([name, local]) => (name === local ? name : `${name}: ${local}`)).join(', ')} } = ${dep};`);
    return '';
  });
  if (/^\s*import[\s{*(]/m.test(code) || /\bimport\s*\(/.test(code)) fail(`${file}: an import this bundler cannot rewrite`);
  const exported = [];
  code = code.replace(EXPORT_DECLARATION, (match, kind, name) => {
    exported.push([name, name]);
    return match.replace(/^export\s+/, '');
  });
  code = code.replace(EXPORT_LIST, (_, names) => {
    exported.push(...parseNames(names).map(([local, name]) => [name, local]));
    return '';
  });
  if (/^export\s/m.test(code)) fail(`${file}: an export this bundler cannot rewrite`);
  const returned = exported.map(([name, local]) => (name === local ? name : `${name}: ${local}`)).join(', ');
  return `// ---- ${file}\nconst ${id} = (() => {\n${imports.join('\n')}\n${code.trim()}\nreturn { ${returned} };\n})();\n`;
}

/** Every module `entry` reaches, dependencies first. */
async function moduleOrder(entry, sources) {
  const order = [];
  const seen = new Set();
  const visit = async (file, trail) => {
    if (seen.has(file)) return;
    if (trail.includes(file)) fail(`import cycle: ${[...trail, file].join(' -> ')}`);
    const source = sources.get(file) ?? (await readFile(join(WWW, file), 'utf8'));
    sources.set(file, source);
    for (const match of source.matchAll(IMPORT)) await visit(match[2], [...trail, file]);
    seen.add(file);
    order.push(file);
  };
  await visit(entry, []);
  return order;
}

/** Bundles `entry` (a www/ file) with `platform` standing in for wasm-source.js. */
async function bundle(entry, platform, exportEntry) {
  const sources = new Map([[PLATFORM, platform], [BOOT, NO_BOOT_WORKER]]);
  const order = await moduleOrder(`./${entry}`, sources);
  const ids = new Map(order.map((file) => [file, `__newsmark_${file.replace(/^\.\//, '').replace(/\W/g, '_')}`]));
  const parts = order.map((file) => wrapModule(ids.get(file), sources.get(file), file, ids));
  const entryId = ids.get(`./${entry}`);
  if (exportEntry) {
    const names = [...sources.get(`./${entry}`).matchAll(EXPORT_LIST)].flatMap((m) => parseNames(m[1]).map(([, name]) => name));
    const declared = [...sources.get(`./${entry}`).matchAll(EXPORT_DECLARATION)].map((m) => m[2]);
    parts.push(`export const { ${[...declared, ...names].join(', ')} } = ${entryId};\n`);
  }
  return parts.join('\n');
}

/** wasm-bindgen's glue as a factory: every call makes a fresh glue with its own instance. */
function glueFactory(glue) {
  if (/^import\s/m.test(glue)) fail('the wasm-bindgen glue imports other files; bundle them first');
  const names = [...glue.matchAll(/^export function ([\w$]+)/gm)].map((m) => m[1]);
  let code = glue.replace(/^export function /gm, 'function ');
  const tail = /^export \{ initSync, __wbg_init as default \};\s*$/m;
  if (!tail.test(code)) fail('unexpected end of the wasm-bindgen glue (wasm-bindgen version changed?)');
  code = code.replace(tail, '');
  if (/^export\s/m.test(code)) fail('the wasm-bindgen glue has exports this build does not know');
  return `function createGlue() {\n${code.trim()}\nreturn { init: __wbg_init, initSync, ${names.join(', ')} };\n}\n`;
}

/** The module that stands in for wasm-source.js: where the engine's WebAssembly comes from. */
function platformModule({ glue, wasmSource, worker }) {
  return `// Generated by scripts/build-dist.mjs: the engine's glue and WebAssembly for this bundle.
import { serveEngine } from './engine.js';

${glueFactory(glue)}
${wasmSource}
let compiling = null;

/** The engine's WebAssembly module, compiled once (again after a failure). */
export function compileEngineModule() {
  compiling ??= compileEngine().catch((error) => {
    compiling = null;
    throw error;
  });
  return compiling;
}

/** Loads a fresh engine: a new glue and instance over \`module\` (compiled here when not given). */
export async function loadEngine(attempt, module) {
  const glue = createGlue();
  await glue.init({ module_or_path: await (module ?? compileEngineModule()) });
  return { annotatePacked: glue.annotate_packed, loadModel: glue.load_model, version: glue.version };
}

/** Starts the engine's worker: this very file, which serves the engine when run as a worker. */
export function createEngineWorker() {
  ${worker ? "return new Worker(import.meta.url, { type: 'module', name: 'newsmark' });" : 'return null; // an inline module has no URL a worker could load'}
}

if (typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope) serveEngine(globalThis, loadEngine);
`;
}

// The single-file bundles embed the baseline build, which runs everywhere: embedding the SIMD
// build as well would double their size.
const EMBEDDED_WASM = (base64) => `const WASM_BASE64 = '${base64}';

// Compiled asynchronously: Chrome refuses synchronous compiles of modules over 8 MB on the
// main thread, and the asynchronous path never blocks it.
function compileEngine() {
  const binary = atob(WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return WebAssembly.compile(bytes);
}
`;

const STREAMED_WASM = `import { ENGINE_WASM } from './engine-build.js';

async function compileEngine() {
  const response = await fetch(new URL(\`./\${ENGINE_WASM}\`, import.meta.url));
  if (!response.ok) throw new Error(\`\${ENGINE_WASM}: HTTP \${response.status}\`);
  if (response.headers.get('Content-Type') === 'application/wasm') return WebAssembly.compileStreaming(response);
  return WebAssembly.compile(await response.arrayBuffer());
}
`;

function sha256(text) {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** The page as one HTML file: CSS and the bundled module inline, a hash-based CSP. */
async function singleFilePage(pageBundle) {
  let html = await readFile(join(WWW, 'index.html'), 'utf8');
  const css = await readFile(join(WWW, 'style.css'), 'utf8');
  const favicon = await readFile(join(WWW, 'favicon.svg'), 'utf8');
  // Inside an inline <script>, "</script" would end the element early.
  const script = pageBundle.replaceAll('</script', '<\\/script');
  const replace = (pattern, replacement) => {
    if (!pattern.test(html)) fail(`index.html no longer matches ${pattern}`);
    html = html.replace(pattern, () => replacement);
  };
  // The inline script and style are allowed by hash; nothing may be fetched from anywhere.
  const csp = `default-src 'none'; script-src ${sha256(script)} 'wasm-unsafe-eval'; style-src ${sha256(css)}; img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'`;
  replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  replace(/<link rel="icon" href="favicon.svg" type="image\/svg\+xml">/, `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(favicon.trim())}" type="image/svg+xml">`);
  // The bundle holds every module (boot.js too) and embeds the WebAssembly: nothing to
  // preload, nothing to start early.
  replace(/\s*<!-- The engine first:[^]*?-->\s*<script type="module" async src="boot.js"><\/script>/, '');
  replace(/\s*<link rel="(?:modulepreload|preload)" href="[^"]+"[^>]*>/g, '');
  replace(/<link rel="stylesheet" href="style.css">/, `<style>${css}</style>`);
  replace(/<script type="module" src="main.js"><\/script>/, `<script type="module">${script}</script>`);
  return html;
}

async function main() {
  const glue = await readFile(join(WWW, 'pkg', 'newsmark.js'), 'utf8').catch(() => fail('www/pkg/newsmark.js is missing: run `make wasm` first'));
  const wasm = await readFile(join(WWW, 'pkg', 'newsmark_bg.wasm'));
  const base64 = wasm.toString('base64');
  const version = (await readFile(join(ROOT, 'Cargo.toml'), 'utf8')).match(/^version = "([^"]+)"/m)?.[1] ?? fail('no version in Cargo.toml');

  await rm(DIST, { recursive: true, force: true });
  await mkdir(join(DIST, 'streaming'), { recursive: true });

  const embedded = platformModule({ glue, wasmSource: EMBEDDED_WASM(base64), worker: true });
  const streamed = platformModule({ glue, wasmSource: STREAMED_WASM, worker: true });
  const inline = platformModule({ glue, wasmSource: EMBEDDED_WASM(base64), worker: false });
  const banner = `// newsmark ${version}: news annotation in the browser. Generated by scripts/build-dist.mjs from www/.\n`;

  await writeFile(join(DIST, 'newsmark.js'), banner + (await bundle('widget.js', embedded, true)));
  await writeFile(join(DIST, 'streaming', 'newsmark.js'), banner + (await bundle('widget.js', streamed, true)));
  for (const file of ['newsmark_bg.wasm', 'newsmark_simd_bg.wasm']) await copyFile(join(WWW, 'pkg', file), join(DIST, 'streaming', file));
  await writeFile(join(DIST, 'newsmark.html'), await singleFilePage(await bundle('main.js', inline, false)));
  await copyFile(join(WWW, 'newsmark.d.ts'), join(DIST, 'newsmark.d.ts'));
  await writeFile(join(DIST, 'package.json'), `${JSON.stringify({
    name: 'newsmark',
    version,
    description: 'News annotation in the browser: entities and quotations with their speakers, in Rust compiled to WebAssembly.',
    license: 'MIT',
    type: 'module',
    main: './newsmark.js',
    types: './newsmark.d.ts',
    exports: {
      '.': { types: './newsmark.d.ts', default: './newsmark.js' },
      './streaming': { types: './newsmark.d.ts', default: './streaming/newsmark.js' },
      './newsmark_bg.wasm': './streaming/newsmark_bg.wasm',
      './newsmark_simd_bg.wasm': './streaming/newsmark_simd_bg.wasm',
      './newsmark.html': './newsmark.html',
      './package.json': './package.json',
    },
    files: ['newsmark.js', 'newsmark.d.ts', 'newsmark.html', 'streaming/', 'README.md'],
    sideEffects: ['./newsmark.js', './streaming/newsmark.js'],
  }, null, 2)}\n`);
  await writeFile(join(DIST, 'README.md'), `# newsmark ${version}

News annotation in the browser, with no server: \`import { annotate, annotateElement } from 'newsmark'\`.

- \`newsmark.js\`: one ES module with the WebAssembly inside (for sites that can serve only JavaScript).
- \`streaming/newsmark.js\` + \`streaming/newsmark_simd_bg.wasm\` (or \`newsmark_bg.wasm\` where WebAssembly SIMD is missing): the same, compiling the .wasm while it downloads. Serve both files.
- \`newsmark.html\`: the annotator page in one file; open it from disk.

Importing the module defines \`<newsmark-annotator>\`. It runs under
\`Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'\`.
See newsmark.d.ts for the API and the Document type.
`);
  const sizes = await Promise.all(['newsmark.js', 'streaming/newsmark.js', 'streaming/newsmark_bg.wasm', 'streaming/newsmark_simd_bg.wasm', 'newsmark.html'].map(async (file) => `${file} ${(await readFile(join(DIST, file))).length.toLocaleString('en')} bytes`));
  console.log(`build-dist: wrote dist/ (${sizes.join(', ')})`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
