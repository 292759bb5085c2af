//! The name model: quantised feature weights in one hash table, and the greedy left-to-right
//! decoder shared by tagging and training.
//!
//! # File format (`data/ner-model.bin`, little-endian)
//! ```text
//! magic     8 bytes  "NMNER\x02\0\0"
//! tags      u32      number of tags (17)
//! features  u32      number of features
//! scale     f32      weight = stored value / scale
//! rows      u32      number of distinct weight rows
//! table              a frozen table (see frozen_table.rs) from feature key (the high 32 bits
//!                    of the feature hash) to a u32 row number
//! then per row:      tags x i16, the weights
//! ```
//! The file is the table as searched, so loading it is a copy and a check, not a decode (the
//! page waits for it). Features share rows (a few thousand distinct rows serve tens of
//! thousands of features), which keeps the file small.

use super::features::{
    document_features, mix, neighbour, neighbour_features, sentence_views, text_features,
    transition_features, window_features, word_features, DocumentCase, DocumentContext,
    HashedKeyMap, Resources, TagHistory, TokenView, TRANSITION_FEATURES,
};
use super::frozen_table::{encode_table, key_of, FrozenTable};
use super::tags::{Tag, NUM_TAGS};
use std::borrow::Cow;
use std::collections::HashMap;

/// The first bytes of a model file.
const MAGIC: &[u8; 8] = b"NMNER\x02\0\0";

/// Bytes of one weight row.
const ROW_BYTES: usize = 2 * NUM_TAGS;

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

/// The table key of a feature hash: its high 32 bits, never
/// [`EMPTY`](super::frozen_table::EMPTY).
pub fn table_key(feature: u64) -> u32 {
    key_of(feature)
}

/// A model that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad name model: {}", self.0)
    }
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

/// The trained weights: a hash table from key to weight row (read in place from the model
/// file), behind a Bloom filter of its keys. Most features of a text are not in the model
/// (rare words and word pairs); the filter, small enough to stay in cache, turns most of them
/// away without touching the table. Tagging speed is bound by these memory reads.
#[derive(Default)]
pub struct Model {
    /// Key to row number.
    table: FrozenTable,
    /// The weight rows, [`ROW_BYTES`] each (stored weight = real weight * scale; the scale
    /// does not change which tag scores best, so tagging ignores it).
    rows: Cow<'static, [u8]>,
    /// The Bloom filter of the keys: no false negatives, so it never hides a feature.
    bloom: Vec<u64>,
    /// The scale of the stored weights.
    scale: f32,
}

impl Model {
    /// Reads a model file.
    pub fn parse(bytes: &[u8]) -> Result<Model, ModelError> {
        Model::parse_cow(Cow::Owned(bytes.to_vec()))
    }

    /// Reads a model file embedded in the program, in place.
    pub fn parse_static(bytes: &'static [u8]) -> Result<Model, ModelError> {
        Model::parse_cow(Cow::Borrowed(bytes))
    }

    fn parse_cow(bytes: Cow<'static, [u8]>) -> Result<Model, ModelError> {
        let header = bytes
            .get(..24)
            .ok_or_else(|| ModelError("truncated".into()))?;
        if header.get(..8) != Some(MAGIC.as_slice()) {
            return Err(ModelError("not a newsmark name model (version 2)".into()));
        }
        let field = |i: usize| {
            let b = &header[8 + 4 * i..12 + 4 * i];
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        };
        let (tags, count, scale, rows) = (
            field(0) as usize,
            field(1) as usize,
            f32::from_bits(field(2)),
            field(3) as usize,
        );
        if tags != NUM_TAGS {
            return Err(ModelError(format!("{tags} tags, expected {NUM_TAGS}")));
        }
        if !(scale.is_finite() && scale > 0.0) {
            return Err(ModelError(format!("bad scale {scale}")));
        }
        let body = match bytes {
            Cow::Borrowed(bytes) => Cow::Borrowed(bytes.get(24..).unwrap_or_default()),
            Cow::Owned(mut bytes) => {
                bytes.drain(..24);
                Cow::Owned(bytes)
            }
        };
        let (table, rows_bytes) =
            FrozenTable::parse(body, 4).map_err(|error| ModelError(error.0))?;
        if Some(rows_bytes.len()) != rows.checked_mul(ROW_BYTES) {
            return Err(ModelError(format!(
                "{rows} rows in {} bytes",
                rows_bytes.len()
            )));
        }
        if table.len() != count {
            return Err(ModelError(format!(
                "{} features, header says {count}",
                table.len()
            )));
        }
        // One pass over the keys: the filter, and a check that every row number is in range.
        let mut bloom = vec![0u64; 1 << BLOOM_WORDS_LOG2];
        for (slot, key) in table.keys() {
            let row = table
                .value_at(slot)
                .map_or(u32::MAX, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            if row as usize >= rows {
                return Err(ModelError(format!("row {row} of {rows}")));
            }
            let (word, bits) = bloom_position(key);
            if let Some(filter) = bloom.get_mut(word) {
                *filter |= bits;
            }
        }
        Ok(Model {
            table,
            rows: rows_bytes,
            bloom,
            scale,
        })
    }

    /// The weights of `key`, if the model has them.
    fn row(&self, key: u32) -> Option<&[u8]> {
        let row = self.table.get(key)?;
        let row = u32::from_le_bytes([row[0], row[1], row[2], row[3]]) as usize;
        self.rows
            .get(row.checked_mul(ROW_BYTES)?..)?
            .get(..ROW_BYTES)
    }

    /// Every feature with its weights, sorted by key: what [`encode_model`] wrote.
    pub fn features(&self) -> Vec<(u32, [i16; NUM_TAGS])> {
        let mut features: Vec<(u32, [i16; NUM_TAGS])> = self
            .table
            .keys()
            .map(|(_, key)| {
                let mut weights = [0i16; NUM_TAGS];
                if let Some(row) = self.row(key) {
                    for (weight, bytes) in weights.iter_mut().zip(row.chunks_exact(2)) {
                        *weight = i16::from_le_bytes([bytes[0], bytes[1]]);
                    }
                }
                (key, weights)
            })
            .collect();
        features.sort_unstable_by_key(|&(key, _)| key);
        features
    }

    /// The scale of the stored weights: weight = stored value / scale.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Number of features in the model.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the model has no features (it then tags nothing).
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
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
        if let Some(row) = self.row(key) {
            for (score, weight) in scores.iter_mut().zip(row.chunks_exact(2)) {
                *score += f32::from(i16::from_le_bytes([weight[0], weight[1]]));
            }
        }
    }

    /// The weights are `i16`, and a position has at most a few hundred features, so every
    /// partial sum is a whole number below 2^24: exact in `f32`.
    fn exact_sums(&self) -> bool {
        true
    }
}

/// Writes a model file from `(key, weights)` pairs (sorted by key, keys unique, never
/// [`EMPTY`](super::frozen_table::EMPTY)). Rows are numbered in order of first use by the sorted keys.
pub fn encode_model(features: &[(u32, [i16; NUM_TAGS])], scale: f32) -> Vec<u8> {
    let mut row_numbers: HashMap<[i16; NUM_TAGS], u32> = HashMap::new();
    let mut rows: Vec<[i16; NUM_TAGS]> = Vec::new();
    let entries: Vec<(u32, Vec<u8>)> = features
        .iter()
        .map(|(key, weights)| {
            let row = *row_numbers.entry(*weights).or_insert_with(|| {
                rows.push(*weights);
                rows.len() as u32 - 1
            });
            (*key, row.to_le_bytes().to_vec())
        })
        .collect();
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
    out.extend_from_slice(&(features.len() as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_bits().to_le_bytes());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    out.extend_from_slice(&encode_table(&entries, 4));
    for row in &rows {
        for weight in row {
            out.extend_from_slice(&weight.to_le_bytes());
        }
    }
    out
}

/// How many previous tags Viterbi extends at each position: the best ones only (a beam),
/// since the features that depend on the previous tag cost one table lookup each per
/// previous tag. With the best few the search loses almost nothing (measured on CoNLL dev).
const BEAM: usize = 8;

/// The score a previous tag needs to be among the `beam` best of `scores` (1 to
/// [`NUM_TAGS`]): the `beam`-th best score, or minus infinity when there are fewer.
fn beam_cutoff(scores: &[f32], beam: usize) -> f32 {
    let beam = beam.clamp(1, NUM_TAGS);
    let mut sorted = [f32::NEG_INFINITY; NUM_TAGS];
    let Some(sorted) = sorted.get_mut(..scores.len()) else {
        return f32::NEG_INFINITY;
    };
    sorted.copy_from_slice(scores);
    if sorted.len() < beam {
        return f32::NEG_INFINITY;
    }
    // Best first; a partial sort, as only the `beam`-th place matters.
    let (_, &mut cutoff, _) = sorted.select_nth_unstable_by(beam - 1, |a, b| b.total_cmp(a));
    cutoff
}

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

/// Summed weights of groups of features that depend only on a word (with its flags and
/// gazetteer matches) and the scorer, for a frozen scorer of exact sums: the text features
/// of the word itself ([`word_features`]) by word, those of an adjacent neighbour
/// ([`neighbour_features`]) by offset and neighbour, and the transition features of the
/// previous tag alone and with the shape by shape and previous tag (the third transition
/// feature, with the word, is looked up every time). Valid for one scorer only.
#[derive(Default)]
pub struct ScoreCache {
    word_scores: HashedKeyMap<u64, [f32; NUM_TAGS]>,
    neighbour_scores: HashedKeyMap<u64, [f32; NUM_TAGS]>,
    transition_scores: HashedKeyMap<u64, [Option<[f32; NUM_TAGS]>; NUM_TAGS]>,
}

impl ScoreCache {
    /// Empties the cache if it holds more than `limit` words or neighbours, to bound its
    /// memory when it serves many documents.
    pub fn trim(&mut self, limit: usize) {
        if self.word_scores.len() + self.neighbour_scores.len() > limit {
            *self = ScoreCache::default();
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
    /// Previous tags extended at each position.
    beam: usize,
    /// Whether the scorer's weights stay fixed, so that scores may be cached.
    frozen: bool,
    /// With a frozen scorer: the first pass's text-feature scores of every token.
    text_scores: Vec<[f32; NUM_TAGS]>,
    /// With a frozen scorer: the first pass's views of every token, reused by the second.
    document_views: Vec<TokenView>,
    /// With a frozen scorer of exact sums: summed weights, kept for the document or given
    /// by the caller for many documents ([`DocumentDecoder::use_cache`]).
    cache: ScoreCache,
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
            beam: BEAM,
            frozen: false,
            text_scores: Vec::new(),
            document_views: Vec::new(),
            cache: ScoreCache::default(),
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
    pub fn use_cache(&mut self, cache: ScoreCache) {
        self.cache = cache;
    }

    /// The summed weights cached so far, for the next document tagged with the same scorer.
    pub fn take_cache(&mut self) -> ScoreCache {
        std::mem::take(&mut self.cache)
    }

    /// Sets how many previous tags Viterbi extends at each position ([`NUM_TAGS`]: an
    /// exact search).
    pub fn set_beam(&mut self, beam: usize) {
        self.beam = beam;
    }

    /// Ends the first pass: the tags given so far become the document context of the
    /// second, which tags the sentences again from the start.
    pub fn start_second_pass(&mut self) {
        let history = std::mem::take(&mut self.history);
        let tags = std::mem::take(&mut self.tags_so_far);
        self.first_pass = Some((history, tags));
    }

    /// Tags the next sentence of the document: the best BILOU sequence by the Viterbi
    /// algorithm over first-order transitions, given the tags of earlier sentences.
    /// `tags` receives one tag per token. Call [`DocumentDecoder::commit`] afterwards with
    /// the tags to remember (the ones found, or in training possibly others).
    pub fn tag_sentence<S: Scorer>(&mut self, scorer: &S, tokens: &[&str], tags: &mut Vec<Tag>) {
        tags.clear();
        let sentence_start = self.tags_so_far.len();
        let stored = sentence_start..sentence_start + tokens.len();
        if self.first_pass.is_some() && stored.end <= self.document_views.len() {
            self.views.clear();
            self.views
                .extend_from_slice(self.document_views.get(stored).unwrap_or_default());
        } else {
            sentence_views(tokens, &self.case, self.resources, &mut self.views);
            if self.frozen && self.first_pass.is_none() {
                self.document_views.extend_from_slice(&self.views);
            }
        }
        self.features.clear();
        self.starts.clear();
        let n = self.views.len();
        let exact = self.frozen && scorer.exact_sums();
        // Scores of each tag at each position from the features that ignore the previous tag.
        let mut local: Vec<[f32; NUM_TAGS]> = Vec::with_capacity(n);
        for i in 0..n {
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
            local.push(scores);
        }
        self.starts.push(self.features.len());
        // Viterbi: best[i][t] is the best score of a sequence ending in tag t at position
        // i; back[i][t] the previous tag on that sequence. Ill-formed BILOU sequences are
        // excluded (Tag::may_follow), and the last tag must close its entity.
        let mut best: Vec<[f32; NUM_TAGS]> = Vec::with_capacity(n);
        let mut back: Vec<[u8; NUM_TAGS]> = Vec::with_capacity(n);
        for (i, local_scores) in local.iter().enumerate() {
            let mut row = [f32::NEG_INFINITY; NUM_TAGS];
            let mut from = [0u8; NUM_TAGS];
            let previous_tags: &[f32] = match i.checked_sub(1).and_then(|p| best.get(p)) {
                Some(previous) => previous,
                None => &[0.0],
            };
            let cutoff = beam_cutoff(previous_tags, self.beam);
            // With exact sums, the transition weights of this shape after each previous tag
            // come from a per-document cache.
            let mut shape_transitions = match (exact, self.views.get(i)) {
                (true, Some(view)) => Some(
                    self.cache
                        .transition_scores
                        .entry(view.shape)
                        .or_insert([None; NUM_TAGS]),
                ),
                _ => None,
            };
            for (p, &previous_score) in previous_tags.iter().enumerate() {
                if previous_score == f32::NEG_INFINITY || previous_score < cutoff {
                    continue;
                }
                let Some(previous) = Tag::from_index(p) else {
                    continue;
                };
                let mut scores = *local_scores;
                let [tag_feature, shape_feature, word_feature] =
                    transition_features(&self.views, i, previous);
                match shape_transitions.as_mut().and_then(|rows| rows.get_mut(p)) {
                    Some(row) => {
                        let row = row.get_or_insert_with(|| {
                            sum_weights(scorer, &[tag_feature, shape_feature])
                        });
                        add_row(&mut scores, row);
                    }
                    None => {
                        scorer.add_weights(tag_feature, &mut scores);
                        scorer.add_weights(shape_feature, &mut scores);
                    }
                }
                scorer.add_weights(word_feature, &mut scores);
                for (t, &score) in scores.iter().enumerate() {
                    let Some(tag) = Tag::from_index(t) else {
                        continue;
                    };
                    if !tag.may_follow(previous) || (i + 1 == n && !tag.may_end()) {
                        continue;
                    }
                    let total = previous_score + score;
                    if total > row[t] {
                        row[t] = total;
                        from[t] = p as u8;
                    }
                }
            }
            best.push(row);
            back.push(from);
        }
        let Some(last) = best.last() else { return };
        let mut tag = (0..NUM_TAGS)
            .max_by(|&a, &b| last[a].total_cmp(&last[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        tags.resize(n, Tag::OUTSIDE);
        for i in (0..n).rev() {
            tags[i] = Tag::from_index(tag).unwrap_or(Tag::OUTSIDE);
            tag = usize::from(back[i][tag]);
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
    fn beam_cutoffs_keep_the_best_scores() {
        // (scores, cutoff)
        let cases: &[(&[f32], f32)] = &[
            (&[0.0], f32::NEG_INFINITY),
            (&[5.0, 1.0, 3.0, 2.0, 4.0], 2.0),
            (&[1.0, 1.0, 1.0, 1.0, 1.0], 1.0),
            (&[f32::NEG_INFINITY, 2.0, 7.0, -1.0, 0.5, 3.0], 0.5),
        ];
        for &(scores, cutoff) in cases {
            assert_eq!(beam_cutoff(scores, 4), cutoff, "{scores:?}");
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
        decoder.set_beam(NUM_TAGS);
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
    fn the_shipped_model_is_what_encode_model_writes() {
        // `newsmark train` writes its features with `encode_model`: the committed file must be
        // exactly that, bit for bit, for training to reproduce it.
        let shipped = include_bytes!("../../data/ner-model.bin");
        let model = Model::parse_static(shipped).unwrap();
        assert!(model.len() > 10_000);
        assert!(encode_model(&model.features(), model.scale()) == shipped);
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
