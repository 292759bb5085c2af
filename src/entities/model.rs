//! The name model: quantised feature weights in one hash table, and the greedy left-to-right
//! decoder shared by tagging and training.
//!
//! # File format (`data/ner-model.bin`, little-endian)
//! ```text
//! magic     8 bytes  "NMNER\x01\0\0"
//! tags      u32      number of tags (17)
//! features  u32      number of features
//! scale     f32      weight = stored value / scale
//! then per feature, in increasing key order:
//!   varint  key minus the previous key (the key is the high 32 bits of the feature hash)
//!   varint  bit set of the tags with a nonzero weight
//!   zigzag varint per set bit: the weight, an i16
//! ```
//! Sorted keys and small varints make the file compress well; loading it is one linear pass.

use super::features::{
    document_features, mix, neighbour, neighbour_features, sentence_views, text_features,
    transition_features, window_features, word_features, DocumentCase, DocumentContext, WordViews,
    HashedKeyMap, Resources, TagHistory, TokenView, TRANSITION_FEATURES,
};
use super::tags::{tag_index, Position, Tag, CLOSED_TAGS, NUM_TAGS, NUM_TYPES};

/// The first bytes of a model file.
const MAGIC: &[u8; 8] = b"NMNER\x01\0\0";

/// Something that gives each tag a weight for a feature: the trained model, or the
/// perceptron while it learns.
pub trait Scorer {
    /// Adds the weights of `feature` to `scores`.
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]);

    /// Whether sums of a position's weights are exact in `f32` in any order (whole numbers
    /// far below 2^24), so that the decoder may add cached partial sums and still get the
    /// same scores. False unless the scorer says so.
    fn exact_sums(&self) -> bool {
        false
    }
}

impl<T: Scorer> Scorer for &T {
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
        (**self).add_weights(feature, scores);
    }

    fn exact_sums(&self) -> bool {
        (**self).exact_sums()
    }
}

/// The table key of a feature hash: its high 32 bits, never [`EMPTY`].
pub fn table_key(feature: u64) -> u32 {
    ((feature >> 32) as u32).min(EMPTY - 1)
}

/// A model that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad name model: {}", self.0)
    }
}

/// The key of an empty slot of the table.
const EMPTY: u32 = u32::MAX;

/// One slot of the table: a key and its weights side by side, so that a hit costs one
/// memory read (40 bytes) rather than one in a key array and another in a row array.
#[derive(Clone, Copy)]
struct Entry {
    /// The feature's key, or [`EMPTY`].
    key: u32,
    /// The weights of the feature, one per tag (stored weight = real weight * scale; the
    /// scale does not change which tag scores best, so tagging ignores it).
    weights: [i16; NUM_TAGS],
}

impl Entry {
    const EMPTY: Entry = Entry {
        key: EMPTY,
        weights: [0; NUM_TAGS],
    };
}

/// Log2 of the number of 64-bit words of the [`Model`]'s Bloom filter: 64 KiB, small
/// enough to stay in cache, for about 4.6 keys a word with the shipped model (under 1%
/// false positives with [`BLOOM_BITS`] bits a key).
const BLOOM_WORDS_LOG2: u32 = 13;
/// Bits set per key in its filter word.
const BLOOM_BITS: u32 = 3;

/// The filter word of `key` and the bits it sets there (a blocked Bloom filter: all of a
/// key's bits in one word, so a test reads one word).
fn bloom_position(key: u32) -> (usize, u64) {
    let hash = u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let word = (hash >> (64 - BLOOM_WORDS_LOG2)) as usize;
    let bits = (0..BLOOM_BITS).fold(0u64, |bits, k| bits | 1 << ((hash >> (32 + 6 * k)) & 63));
    (word, bits)
}

/// The trained weights: an open-addressing table (linear probing) from key to weight row,
/// behind a Bloom filter of its keys. Most features of a text are not in the model (rare
/// words and word pairs); the filter, small enough to stay in cache, turns most of them
/// away without touching the table. Tagging speed is bound by these memory reads.
#[derive(Default)]
pub struct Model {
    /// The slots; the length is a power of two, at most two thirds full.
    entries: Vec<Entry>,
    /// The Bloom filter of the keys: no false negatives, so it never hides a feature.
    bloom: Vec<u64>,
    /// Number of features.
    len: usize,
}

impl Model {
    /// Reads a model file.
    pub fn parse(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(8)? != MAGIC {
            return Err(ModelError("not a newsmark name model".into()));
        }
        let tags = reader.u32()? as usize;
        if tags != NUM_TAGS {
            return Err(ModelError(format!("{tags} tags, expected {NUM_TAGS}")));
        }
        let count = reader.u32()? as usize;
        let scale = f32::from_bits(reader.u32()?);
        // Each feature takes at least 2 bytes: a count beyond that is a corrupt header.
        if count > bytes.len() / 2 {
            return Err(ModelError(format!(
                "{count} features in {} bytes",
                bytes.len()
            )));
        }
        if !(scale.is_finite() && scale > 0.0) {
            return Err(ModelError(format!("bad scale {scale}")));
        }
        // At most two thirds full: short probe runs, which stay within a cache line or two.
        let capacity = (count + count / 2 + 1).next_power_of_two().max(16);
        let mut model = Model {
            entries: vec![Entry::EMPTY; capacity],
            bloom: vec![0; 1 << BLOOM_WORDS_LOG2],
            len: 0,
        };
        let mut key: u64 = 0;
        for _ in 0..count {
            key += reader.varint()?;
            let key = u32::try_from(key)
                .ok()
                .filter(|&k| k != EMPTY)
                .ok_or_else(|| ModelError("key out of range".into()))?;
            let mask = reader.varint()?;
            let mut row = [0i16; NUM_TAGS];
            for (tag, weight) in row.iter_mut().enumerate() {
                if mask & (1 << tag) != 0 {
                    let raw = reader.varint()?;
                    // Zigzag: 0, -1, 1, -2 ... stored as 0, 1, 2, 3 ...
                    let value = (raw >> 1) as i64 ^ -((raw & 1) as i64);
                    *weight = i16::try_from(value)
                        .map_err(|_| ModelError("weight out of range".into()))?;
                }
            }
            model.insert(key, row);
        }
        if reader.at != bytes.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        Ok(model)
    }

    fn insert(&mut self, key: u32, row: [i16; NUM_TAGS]) {
        let mask = self.entries.len() - 1;
        let mut slot = key as usize & mask;
        // The table is at most two thirds full, so probing ends at a free slot.
        loop {
            match self.entries.get(slot).map(|entry| entry.key) {
                Some(EMPTY) => {
                    self.entries[slot] = Entry { key, weights: row };
                    let (word, bits) = bloom_position(key);
                    self.bloom[word] |= bits;
                    self.len += 1;
                    return;
                }
                // A repeated key keeps its first row (keys are unique in a well-formed file).
                Some(k) if k == key => return,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Number of features in the model.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the model has no features (it then tags nothing).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Scorer for Model {
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
        let key = table_key(feature);
        let (word, bits) = bloom_position(key);
        if self
            .bloom
            .get(word)
            .is_none_or(|&filter| filter & bits != bits)
        {
            return;
        }
        let mask = self.entries.len().wrapping_sub(1);
        let mut slot = key as usize & mask;
        while let Some(entry) = self.entries.get(slot) {
            if entry.key == key {
                for (score, &weight) in scores.iter_mut().zip(&entry.weights) {
                    *score += f32::from(weight);
                }
                return;
            }
            if entry.key == EMPTY {
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The weights are `i16`, and a position has at most a few hundred features, so every
    /// partial sum is a whole number below 2^24: exact in `f32`.
    fn exact_sums(&self) -> bool {
        true
    }
}

/// Writes a model file from `(key, weights)` pairs (sorted by key, keys unique).
pub fn encode_model(features: &[(u32, [i16; NUM_TAGS])], scale: f32) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
    out.extend_from_slice(&(features.len() as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_bits().to_le_bytes());
    let mut previous = 0u32;
    for (key, weights) in features {
        push_varint(&mut out, u64::from(key - previous));
        previous = *key;
        let mask = weights
            .iter()
            .enumerate()
            .filter(|(_, &w)| w != 0)
            .fold(0u64, |m, (tag, _)| m | 1 << tag);
        push_varint(&mut out, mask);
        for &weight in weights.iter().filter(|&&w| w != 0) {
            let weight = i64::from(weight);
            push_varint(&mut out, ((weight << 1) ^ (weight >> 63)) as u64);
        }
    }
    out
}

fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A cursor over model bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let slice = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| ModelError("truncated".into()))?;
        self.at += n;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ModelError("varint too long".into()))
    }
}

/// Scores of every tag after every previous tag at one position: `[previous][tag]`.
type TransitionMatrix = [[f32; NUM_TAGS]; NUM_TAGS];

/// The summed weights of `features`.
fn sum_weights<S: Scorer>(scorer: &S, features: &[u64]) -> [f32; NUM_TAGS] {
    let mut row = [0f32; NUM_TAGS];
    for &feature in features {
        scorer.add_weights(feature, &mut row);
    }
    row
}

/// Adds `row` to `scores`, tag by tag.
fn add_row(scores: &mut [f32; NUM_TAGS], row: &[f32; NUM_TAGS]) {
    for (score, weight) in scores.iter_mut().zip(row) {
        *score += weight;
    }
}

/// One step of the Viterbi search: the best score of a sequence ending in each tag at this
/// position, and the previous tag on it, from the best scores at the previous position.
/// Only well-formed BILOU transitions are extended: O, B and U after a closed tag
/// ([`CLOSED_TAGS`]), I and L after B or I of their type. At the last position only tags
/// that close their entity may stand. Ties go to the lowest previous tag.
fn viterbi_step(
    previous: &[f32; NUM_TAGS],
    transitions: &TransitionMatrix,
    local: &[f32; NUM_TAGS],
    last: bool,
) -> ([f32; NUM_TAGS], [u8; NUM_TAGS]) {
    let mut best = [f32::NEG_INFINITY; NUM_TAGS];
    let mut from = [0u8; NUM_TAGS];
    // Every tag after every closed tag, branch-free so that it vectorises; the I and L
    // entries are replaced below.
    for &p in &CLOSED_TAGS {
        let base = previous[p];
        for ((best, from), &weight) in best.iter_mut().zip(&mut from).zip(&transitions[p]) {
            let score = base + weight;
            let better = score > *best;
            *best = if better { score } else { *best };
            *from = if better { p as u8 } else { *from };
        }
    }
    for kind in 0..NUM_TYPES {
        let open = [
            tag_index(kind, Position::Begin),
            tag_index(kind, Position::Inside),
        ];
        for t in [
            tag_index(kind, Position::Inside),
            tag_index(kind, Position::Last),
        ] {
            let [b, i] = open.map(|p| previous[p] + transitions[p][t]);
            (best[t], from[t]) = if i > b {
                (i, open[1] as u8)
            } else {
                (b, open[0] as u8)
            };
        }
    }
    for (t, (best, &local)) in best.iter_mut().zip(local).enumerate() {
        let open_at_end = last && Tag::from_index(t).is_some_and(|tag| !tag.may_end());
        *best = if open_at_end {
            f32::NEG_INFINITY
        } else {
            *best + local
        };
    }
    (best, from)
}

/// What the decoder remembers about words, within a document or across the documents tagged
/// with one scorer and one set of resources: their views, and for a frozen scorer of exact
/// sums, summed weights of groups of features that depend only on a word (with its flags and
/// gazetteer matches): the text features of the word itself ([`word_features`]) by word,
/// those of an adjacent neighbour ([`neighbour_features`]) by offset and neighbour, the
/// transition features of the previous tag alone and with the shape as one matrix by shape,
/// and those of the previous tag with the word (few words have any) by word.
#[derive(Default)]
pub struct WordCache {
    views: WordViews,
    word_scores: HashedKeyMap<u64, [f32; NUM_TAGS]>,
    neighbour_scores: HashedKeyMap<u64, [f32; NUM_TAGS]>,
    shape_transitions: HashedKeyMap<u64, Box<TransitionMatrix>>,
    word_transitions: HashedKeyMap<u64, Box<[(u8, [f32; NUM_TAGS])]>>,
}

impl WordCache {
    /// The transition scores of the token of `view` from the caches: the matrix of its
    /// shape, and the rows of its word for the previous tags with which the word has
    /// transition weights (to add to the matrix). Only for scorers with exact sums, since the
    /// weights are added in another order than [`transition_features`] lists them.
    fn transitions<S: Scorer>(
        &mut self,
        scorer: &S,
        view: &TokenView,
    ) -> (&TransitionMatrix, &[(u8, [f32; NUM_TAGS])]) {
        let views = std::slice::from_ref(view);
        let matrix = self.shape_transitions.entry(view.shape).or_insert_with(|| {
            let mut matrix = Box::new([[0.0; NUM_TAGS]; NUM_TAGS]);
            for (p, row) in matrix.iter_mut().enumerate() {
                let Some(previous) = Tag::from_index(p) else {
                    continue;
                };
                let [tag_feature, shape_feature, _] = transition_features(views, 0, previous);
                *row = sum_weights(scorer, &[tag_feature, shape_feature]);
            }
            matrix
        });
        let word_rows = self.word_transitions.entry(view.lower).or_insert_with(|| {
            (0..NUM_TAGS)
                .filter_map(|p| {
                    let previous = Tag::from_index(p)?;
                    let [_, _, word_feature] = transition_features(views, 0, previous);
                    let row = sum_weights(scorer, &[word_feature]);
                    (row != [0.0; NUM_TAGS]).then_some((p as u8, row))
                })
                .collect()
        });
        (matrix, word_rows)
    }

    /// Empties the cache if it holds more than `limit` words or neighbours, to bound its
    /// memory when it serves many documents.
    pub fn trim(&mut self, limit: usize) {
        let words = self.word_scores.len() + self.neighbour_scores.len();
        if words + self.word_transitions.len() + self.views.len() > limit {
            *self = WordCache::default();
        }
    }
}

/// Decoding state carried across a document's sentences and its two passes.
pub struct DocumentDecoder<'r> {
    resources: &'r Resources<'r>,
    case: DocumentCase,
    history: TagHistory,
    /// After the first pass: its tags of the whole document, and of each token in order.
    first_pass: Option<(TagHistory, Vec<Tag>)>,
    /// This pass's tags so far, in document order.
    tags_so_far: Vec<Tag>,
    /// The current sentence's token views.
    views: Vec<TokenView>,
    /// The current sentence's features that do not depend on the previous tag, all tokens
    /// in a row; token `i`'s are `features[starts[i]..starts[i + 1]]`.
    features: Vec<u64>,
    starts: Vec<usize>,
    /// The current sentence's scores of each tag from the features that ignore the
    /// previous tag.
    local: Vec<[f32; NUM_TAGS]>,
    /// The Viterbi search's best scores and back pointers of the current sentence.
    best: Vec<[f32; NUM_TAGS]>,
    back: Vec<[u8; NUM_TAGS]>,
    /// The transition scores of the current position.
    transitions: Box<TransitionMatrix>,
    /// Whether the scorer's weights stay fixed, so that scores may be cached.
    frozen: bool,
    /// With a frozen scorer: the first pass's text-feature scores of every token.
    text_scores: Vec<[f32; NUM_TAGS]>,
    /// With a frozen scorer: the first pass's views of every token, reused by the second.
    document_views: Vec<TokenView>,
    /// With a frozen scorer of exact sums: summed weights, kept for the document or given
    /// by the caller for many documents ([`DocumentDecoder::use_cache`]).
    cache: WordCache,
    /// Features being summed into a cache entry.
    scratch: Vec<u64>,
}

impl<'r> DocumentDecoder<'r> {
    /// A decoder for the document made of `sentences` (token strings), ready for its first
    /// pass.
    pub fn new<'t, T: AsRef<[&'t str]>>(
        resources: &'r Resources<'r>,
        sentences: &[T],
    ) -> DocumentDecoder<'r> {
        DocumentDecoder {
            resources,
            case: DocumentCase::of_document(sentences.iter().map(|s| s.as_ref())),
            history: TagHistory::default(),
            first_pass: None,
            tags_so_far: Vec::new(),
            views: Vec::new(),
            features: Vec::new(),
            starts: Vec::new(),
            local: Vec::new(),
            best: Vec::new(),
            back: Vec::new(),
            transitions: Box::new([[0.0; NUM_TAGS]; NUM_TAGS]),
            frozen: false,
            text_scores: Vec::new(),
            document_views: Vec::new(),
            cache: WordCache::default(),
            scratch: Vec::new(),
        }
    }

    /// Declares that the scorer's weights will not change while this document is tagged (as
    /// when tagging, unlike training), and that the second pass tags the same sentences, so
    /// that views and scores may be cached and reused.
    pub fn freeze(&mut self) {
        self.frozen = true;
    }

    /// Gives the decoder summed weights cached while tagging earlier documents with the same
    /// frozen scorer (they depend on words and the scorer only); take them back with
    /// [`DocumentDecoder::take_cache`].
    pub fn use_cache(&mut self, cache: WordCache) {
        self.cache = cache;
    }

    /// The summed weights cached so far, for the next document tagged with the same scorer.
    pub fn take_cache(&mut self) -> WordCache {
        std::mem::take(&mut self.cache)
    }

    /// Ends the first pass: the tags given so far become the document context of the
    /// second, which tags the sentences again from the start.
    pub fn start_second_pass(&mut self) {
        let history = std::mem::take(&mut self.history);
        let tags = std::mem::take(&mut self.tags_so_far);
        self.first_pass = Some((history, tags));
    }

    /// Tags the next sentence of the document: the best BILOU sequence by the Viterbi
    /// algorithm over first-order transitions (an exact search), given the tags of earlier
    /// sentences. `tags` receives one tag per token. Call [`DocumentDecoder::commit`]
    /// afterwards with the tags to remember (the ones found, or in training possibly others).
    pub fn tag_sentence<S: Scorer>(&mut self, scorer: &S, tokens: &[&str], tags: &mut Vec<Tag>) {
        tags.clear();
        self.load_views(tokens);
        self.score_locally(scorer);
        let n = self.views.len();
        let exact = self.frozen && scorer.exact_sums();
        self.best.clear();
        self.back.clear();
        // Before the sentence: O, with nothing scored yet.
        let mut previous = [f32::NEG_INFINITY; NUM_TAGS];
        previous[usize::from(Tag::OUTSIDE.index())] = 0.0;
        for i in 0..n {
            let local = self.local.get(i).copied().unwrap_or_default();
            let last = i + 1 == n;
            let (row, from) = match (exact, self.views.get(i)) {
                (true, Some(view)) => {
                    let (matrix, word_rows) = self.cache.transitions(scorer, view);
                    if word_rows.is_empty() {
                        viterbi_step(&previous, matrix, &local, last)
                    } else {
                        *self.transitions = *matrix;
                        for (p, row) in word_rows.iter() {
                            if let Some(transitions) = self.transitions.get_mut(usize::from(*p)) {
                                add_row(transitions, row);
                            }
                        }
                        viterbi_step(&previous, &self.transitions, &local, last)
                    }
                }
                _ => {
                    self.load_transitions(scorer, i, &previous);
                    viterbi_step(&previous, &self.transitions, &local, last)
                }
            };
            previous = row;
            self.best.push(row);
            self.back.push(from);
        }
        if n == 0 {
            return;
        }
        let mut tag = (0..NUM_TAGS)
            .max_by(|&a, &b| previous[a].total_cmp(&previous[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        tags.resize(n, Tag::OUTSIDE);
        for i in (0..n).rev() {
            tags[i] = Tag::from_index(tag).unwrap_or(Tag::OUTSIDE);
            tag = self.back.get(i).map_or(0, |from| usize::from(from[tag]));
        }
    }

    /// Loads the views of the sentence `tokens`: computed in the first pass, reused from it
    /// in the second when frozen.
    fn load_views(&mut self, tokens: &[&str]) {
        let sentence_start = self.tags_so_far.len();
        let stored = sentence_start..sentence_start + tokens.len();
        if self.first_pass.is_some() && stored.end <= self.document_views.len() {
            self.views.clear();
            self.views
                .extend_from_slice(self.document_views.get(stored).unwrap_or_default());
        } else {
            sentence_views(
                tokens,
                &self.case,
                self.resources,
                &mut self.cache.views,
                &mut self.views,
            );
            if self.frozen && self.first_pass.is_none() {
                self.document_views.extend_from_slice(&self.views);
            }
        }
    }

    /// Scores each tag at each position of the current sentence from the features that
    /// ignore the previous tag (into `local`), listing those features unless the scores come
    /// from caches.
    fn score_locally<S: Scorer>(&mut self, scorer: &S) {
        self.features.clear();
        self.starts.clear();
        self.local.clear();
        let sentence_start = self.tags_so_far.len();
        let exact = self.frozen && scorer.exact_sums();
        for i in 0..self.views.len() {
            self.starts.push(self.features.len());
            let position = sentence_start + i;
            // With a frozen scorer the text features score the same in both passes: the
            // second pass reuses the first pass's sums (same order of additions, same result).
            let cached = if self.first_pass.is_some() {
                self.text_scores.get(position).copied()
            } else {
                None
            };
            let mut scores = match cached {
                Some(scores) => scores,
                None => {
                    let mut scores = [0f32; NUM_TAGS];
                    if exact {
                        self.add_text_scores_cached(scorer, i, &mut scores);
                    } else {
                        text_features(&self.views, i, &mut self.features);
                        for &feature in &self.features[self.starts[i]..] {
                            scorer.add_weights(feature, &mut scores);
                        }
                    }
                    if self.frozen && self.first_pass.is_none() {
                        self.text_scores.push(scores);
                    }
                    scores
                }
            };
            let first_pass = self.first_pass.as_ref().map(|(history, tags)| {
                (history, tags.get(position).copied().unwrap_or(Tag::OUTSIDE))
            });
            let context = DocumentContext {
                history: &self.history,
                first_pass,
            };
            let document_start = self.features.len();
            document_features(&self.views, i, &context, &mut self.features);
            for &feature in &self.features[document_start..] {
                scorer.add_weights(feature, &mut scores);
            }
            self.local.push(scores);
        }
        self.starts.push(self.features.len());
    }

    /// Loads the transition scores of position `i` by looking up its transition features
    /// after each previous tag that some sequence reaches (`previous` is finite).
    fn load_transitions<S: Scorer>(&mut self, scorer: &S, i: usize, previous: &[f32; NUM_TAGS]) {
        for (p, row) in self.transitions.iter_mut().enumerate() {
            *row = [0.0; NUM_TAGS];
            let Some(tag) = Tag::from_index(p).filter(|_| previous[p] > f32::NEG_INFINITY)
            else {
                continue;
            };
            for feature in transition_features(&self.views, i, tag) {
                scorer.add_weights(feature, row);
            }
        }
    }

    /// Adds the text-feature weights of token `i` to `scores` from the per-document caches:
    /// the token's own features by word, each adjacent neighbour's by neighbour, so that a
    /// repeated word costs a few cache reads rather than dozens of model reads. Only for
    /// scorers with exact sums, since the weights are added in another order.
    fn add_text_scores_cached<S: Scorer>(
        &mut self,
        scorer: &S,
        i: usize,
        scores: &mut [f32; NUM_TAGS],
    ) {
        let Some(this) = self.views.get(i) else {
            return;
        };
        let scratch = &mut self.scratch;
        // The form determines the lowercase form, shape, affixes, length and classes.
        let word_key = mix(
            mix(this.form, u64::from(this.flags)),
            u64::from(this.gazetteer),
        );
        let word = self.cache.word_scores.entry(word_key).or_insert_with(|| {
            scratch.clear();
            word_features(this, scratch);
            sum_weights(scorer, scratch)
        });
        add_row(scores, word);
        for offset in [-2isize, -1, 1, 2] {
            let view = neighbour(&self.views, i, offset);
            if offset.abs() == 2 {
                // One feature (the word): a cache would save nothing.
                scratch.clear();
                neighbour_features(view, offset, scratch);
                for &feature in scratch.iter() {
                    scorer.add_weights(feature, scores);
                }
                continue;
            }
            let neighbour_key = mix(
                offset as u64,
                view.map_or(0, |v| mix(mix(v.form, u64::from(v.gazetteer)), 1)),
            );
            let row = self
                .cache
                .neighbour_scores
                .entry(neighbour_key)
                .or_insert_with(|| {
                    scratch.clear();
                    neighbour_features(view, offset, scratch);
                    sum_weights(scorer, scratch)
                });
            add_row(scores, row);
        }
        scratch.clear();
        window_features(&self.views, i, scratch);
        for &feature in scratch.iter() {
            scorer.add_weights(feature, scores);
        }
    }

    /// The features of token `i` of the current sentence that ignore the previous tag (only
    /// the document features when the decoder sums text features through its caches, as when
    /// frozen with a scorer of exact sums).
    pub fn token_features(&self, i: usize) -> &[u64] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&start), Some(&end)) => self.features.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The features of token `i` of the current sentence that depend on the previous tag.
    pub fn transition_features(&self, i: usize, previous: Tag) -> [u64; TRANSITION_FEATURES] {
        transition_features(&self.views, i, previous)
    }

    /// Remembers the tags of the current sentence for the rest of the document.
    pub fn commit(&mut self, tags: &[Tag]) {
        for (view, &tag) in self.views.iter().zip(tags) {
            self.history.record(view, tag);
            self.tags_so_far.push(tag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::Gazetteer;
    use crate::entities::word_classes::WordClasses;

    /// Pseudo-random weights from the feature hash: a scorer with no structure to exploit.
    struct RandomScorer;

    fn random_weight(feature: u64, tag: usize) -> f32 {
        let h = crate::entities::features::mix(feature, tag as u64 + 1);
        (h >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    }

    impl Scorer for RandomScorer {
        fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
            for (tag, score) in scores.iter_mut().enumerate() {
                *score += random_weight(feature, tag);
            }
        }
    }

    #[test]
    fn viterbi_finds_the_best_well_formed_sequence() {
        let gazetteer = Gazetteer::from_lists(&[]);
        let classes = WordClasses::parse("");
        let resources = Resources {
            gazetteer: &gazetteer,
            classes: &classes,
        };
        let sentence = ["Kirby", "said", "Doha"];
        let mut decoder = DocumentDecoder::new(&resources, &[sentence]);
        let mut tags = Vec::new();
        decoder.tag_sentence(&RandomScorer, &sentence, &mut tags);
        // Brute force over every sequence of three tags.
        let score_of = |sequence: &[Tag]| -> Option<f32> {
            let mut total = 0.0;
            let mut previous = Tag::OUTSIDE;
            for (i, &tag) in sequence.iter().enumerate() {
                if !tag.may_follow(previous) {
                    return None;
                }
                let features = decoder.token_features(i).iter().copied();
                let transitions = decoder.transition_features(i, previous);
                for feature in features.chain(transitions) {
                    total += random_weight(feature, usize::from(tag.index()));
                }
                previous = tag;
            }
            previous.may_end().then_some(total)
        };
        let mut best = (f32::NEG_INFINITY, Vec::new());
        for code in 0..NUM_TAGS.pow(3) {
            let sequence: Vec<Tag> = (0..3)
                .filter_map(|k| Tag::from_index(code / NUM_TAGS.pow(k) % NUM_TAGS))
                .collect();
            if let Some(score) = score_of(&sequence) {
                if score > best.0 {
                    best = (score, sequence);
                }
            }
        }
        let found = score_of(&tags).expect("a well-formed sequence");
        assert!((found - best.0).abs() < 1e-3, "{tags:?} vs {:?}", best.1);
    }

    #[test]
    fn model_files_round_trip() {
        let mut row = [0i16; NUM_TAGS];
        row[0] = -3;
        row[5] = 300;
        row[16] = i16::MIN;
        let features = vec![(7u32, row), (9, [1; NUM_TAGS]), (u32::MAX - 1, row)];
        let bytes = encode_model(&features, 2.0);
        let model = Model::parse(&bytes).unwrap();
        assert_eq!(model.len(), 3);
        let mut scores = [0f32; NUM_TAGS];
        model.add_weights(7u64 << 32, &mut scores);
        assert_eq!((scores[0], scores[5], scores[16]), (-3.0, 300.0, -32768.0));
        let mut unseen = [0f32; NUM_TAGS];
        model.add_weights(8u64 << 32, &mut unseen);
        assert_eq!(unseen, [0.0; NUM_TAGS]);
    }

    #[test]
    fn bad_model_files_are_errors() {
        let good = encode_model(&[(1, [1; NUM_TAGS])], 1.0);
        // (bytes, why it is bad)
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (Vec::new(), "empty"),
            (b"NOTAMODEL".to_vec(), "wrong magic"),
            (good[..good.len() - 1].to_vec(), "truncated"),
            ([good.as_slice(), &[0]].concat(), "trailing byte"),
        ];
        for (bytes, why) in cases {
            assert!(Model::parse(&bytes).is_err(), "{why}");
        }
    }
}
