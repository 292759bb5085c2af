// Assembles the benchmark corpus: real news text of at least 1 MB, one document per article.
//
// Sources, in order (all from ../shared/data, never copied into the repository):
//   1. PolNeAR dev articles (polnear/dev/text/*.txt);
//   2. GUM news and interview documents, rebuilt from the `# text =` lines of
//      gum/dep/GUM_{news,interview}_*.conllu the way ../shared/eval/score_tokens.py does
//      (sentences of one `# newpar` paragraph joined by a space, paragraphs by a line break);
//   3. PolNeAR train articles in file-name order, only as many as it takes to reach the
//      minimum size (1 and 2 hold about 0.6 MB).
// Without ../shared the project's own texts are used (tests/golden/*.txt and bench/fallback.txt),
// repeated up to the minimum size, and the manifest says so.
//
// Usage: node bench/corpus.mjs [OUT_DIR] [SHARED_DIR]
// Writes OUT_DIR/docs.json ([{source, text}]) and OUT_DIR/manifest.json, prints a summary line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'bench/corpus'));
const shared = path.resolve(process.argv[3] ?? path.join(root, '../shared'));
const MIN_BYTES = 1_000_000;

const bytesOf = (docs) => docs.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
const listTxt = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

/** One GUM document's raw text from its CoNLL-U `# newpar` and `# text =` lines. */
function gumText(conllu) {
  const paragraphs = [];
  let current = null;
  for (const line of conllu.split('\n')) {
    // `# newpar_block = ...` is GUM's layout metadata, not a paragraph start.
    if (line.startsWith('# newpar') && !line.startsWith('# newpar_')) {
      current = [];
      paragraphs.push(current);
    } else if (line.startsWith('# text = ')) {
      if (current === null) {
        current = [];
        paragraphs.push(current);
      }
      current.push(line.slice('# text = '.length));
    }
  }
  return paragraphs.map((sentences) => sentences.join(' ')).join('\n');
}

function fromShared() {
  const polnear = path.join(shared, 'data/polnear');
  const gumDep = path.join(shared, 'data/gum/dep');
  if (!fs.existsSync(path.join(polnear, 'dev/text')) || !fs.existsSync(gumDep)) return null;
  const docs = [];
  const counts = { 'PolNeAR dev': 0, 'GUM news+interview': 0, 'PolNeAR train (top-up)': 0 };
  for (const file of listTxt(path.join(polnear, 'dev/text'))) {
    docs.push({ source: `polnear/dev/text/${file}`, text: fs.readFileSync(path.join(polnear, 'dev/text', file), 'utf8') });
    counts['PolNeAR dev']++;
  }
  const gumFiles = fs.readdirSync(gumDep).filter((f) => /^GUM_(news|interview)_.*\.conllu$/.test(f)).sort();
  for (const file of gumFiles) {
    docs.push({ source: `gum/dep/${file}`, text: gumText(fs.readFileSync(path.join(gumDep, file), 'utf8')) });
    counts['GUM news+interview']++;
  }
  const trainDir = path.join(polnear, 'train/text');
  if (fs.existsSync(trainDir)) {
    for (const file of listTxt(trainDir)) {
      if (bytesOf(docs) >= MIN_BYTES) break;
      docs.push({ source: `polnear/train/text/${file}`, text: fs.readFileSync(path.join(trainDir, file), 'utf8') });
      counts['PolNeAR train (top-up)']++;
    }
  }
  const origin = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${k}: ${n} docs`).join(', ');
  return { docs, origin: `../shared/data (${origin})`, fallback: false };
}

function fromProject() {
  const own = [];
  const golden = path.join(root, 'tests/golden');
  if (fs.existsSync(golden)) {
    for (const file of listTxt(golden)) own.push({ source: `tests/golden/${file}`, text: fs.readFileSync(path.join(golden, file), 'utf8') });
  }
  own.push({ source: 'bench/fallback.txt', text: fs.readFileSync(path.join(root, 'bench/fallback.txt'), 'utf8') });
  const docs = [];
  // The project's texts are small: repeat them, as whole documents, up to the minimum size.
  for (let round = 0; bytesOf(docs) < MIN_BYTES; round++) {
    for (const doc of own) docs.push({ source: `${doc.source}#${round}`, text: doc.text });
  }
  return { docs, origin: `FALLBACK: ${shared} is absent; the project's own texts (${own.length} files) repeated`, fallback: true };
}

const corpus = fromShared() ?? fromProject();
const bytes = bytesOf(corpus.docs);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'docs.json'), JSON.stringify(corpus.docs));
const manifest = { origin: corpus.origin, fallback: corpus.fallback, documents: corpus.docs.length, bytes, chars: corpus.docs.reduce((s, d) => s + d.text.length, 0) };
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
if (corpus.fallback) console.log(`bench: NOTE ${corpus.origin}`);
console.log(`bench: corpus ${(bytes / 1e6).toFixed(2)} MB, ${corpus.docs.length} documents, from ${corpus.origin}`);
