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

use super::frozen_table::{encode_table, key_of, FrozenTable};
use super::tags::NUM_TAGS;
use std::borrow::Cow;
use std::collections::HashMap;

/// The first bytes of a model file.
const MAGIC: &[u8; 8] = b"NMNER\x02\0\0";

/// Bytes of one weight row.
const ROW_BYTES: usize = 2 * NUM_TAGS;

/// The weights stored in `bytes` (weight rows: little-endian `i16`s).
fn weights_in(bytes: &[u8]) -> impl Iterator<Item = i16> + '_ {
    bytes
        .chunks_exact(2)
        .map(|weight| i16::from_le_bytes([weight[0], weight[1]]))
}

/// The largest weight, in magnitude, of a scorer with exact sums ([`Scorer::exact_sums`]);
/// the shipped model's weights are quantised to this range.
pub const MAX_WEIGHT: i16 = 127;

/// Something that gives each tag a weight for a feature: the trained model, or the
/// perceptron while it learns.
pub trait Scorer {
    /// Adds the weights of `feature` to `scores`.
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]);

    /// Whether every weight is a whole number within [`MAX_WEIGHT`] of zero, so that sums of
    /// a position's weights are exact in `f32` in any order (far below 2^24) and partial
    /// sums fit an `i16`: the decoder may then cache partial sums compactly and still get
    /// the same scores. False unless the scorer says so.
    fn exact_sums(&self) -> bool {
        false
    }

    /// Adds the weights of `feature` to `scores` as whole numbers: only for a scorer with
    /// exact sums, whose weights are whole numbers.
    fn add_whole_weights(&self, feature: u64, scores: &mut [i16; NUM_TAGS]) {
        let mut weights = [0.0; NUM_TAGS];
        self.add_weights(feature, &mut weights);
        for (score, weight) in scores.iter_mut().zip(weights) {
            *score = score.wrapping_add(weight as i16);
        }
    }
}

impl<T: Scorer> Scorer for &T {
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
        (**self).add_weights(feature, scores);
    }

    fn add_whole_weights(&self, feature: u64, scores: &mut [i16; NUM_TAGS]) {
        (**self).add_whole_weights(feature, scores);
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
    /// The largest stored weight in magnitude.
    largest_weight: u16,
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
        let largest_weight = weights_in(&rows_bytes)
            .map(i16::unsigned_abs)
            .max()
            .unwrap_or(0);
        Ok(Model {
            table,
            rows: rows_bytes,
            bloom,
            largest_weight,
            scale,
        })
    }

    /// The weight row of `feature` (little-endian `i16`s), if the model has one: the Bloom
    /// filter first, then the table.
    fn weights_of(&self, feature: u64) -> Option<&[u8]> {
        let key = table_key(feature);
        let (word, bits) = bloom_position(key);
        let filter = self.bloom.get(word)?;
        if filter & bits != bits {
            return None;
        }
        self.row(key)
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
                    for (weight, stored) in weights.iter_mut().zip(weights_in(row)) {
                        *weight = stored;
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
        if let Some(row) = self.weights_of(feature) {
            for (score, weight) in scores.iter_mut().zip(weights_in(row)) {
                *score += f32::from(weight);
            }
        }
    }

    fn add_whole_weights(&self, feature: u64, scores: &mut [i16; NUM_TAGS]) {
        if let Some(row) = self.weights_of(feature) {
            for (score, weight) in scores.iter_mut().zip(weights_in(row)) {
                *score = score.wrapping_add(weight);
            }
        }
    }

    /// The weights are `i16`, quantised to within [`MAX_WEIGHT`] by `newsmark train`'s
    /// default; a model trained with more levels is scored without cached partial sums.
    fn exact_sums(&self) -> bool {
        self.largest_weight <= MAX_WEIGHT.unsigned_abs()
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

#[cfg(test)]
mod tests {
    use super::*;
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
    fn only_weights_within_max_weight_are_summed_as_whole_numbers() {
        let within = encode_model(
            &[(7, [MAX_WEIGHT; NUM_TAGS]), (9, [-MAX_WEIGHT; NUM_TAGS])],
            1.0,
        );
        let model = Model::parse(&within).unwrap();
        assert!(model.exact_sums());
        let mut whole = [1i16; NUM_TAGS];
        model.add_whole_weights(7u64 << 32, &mut whole);
        assert_eq!(whole, [MAX_WEIGHT + 1; NUM_TAGS]);
        // More levels than the decoder's cached `i16` sums allow: scored without them.
        let beyond = encode_model(&[(7, [MAX_WEIGHT + 1; NUM_TAGS])], 1.0);
        assert!(!Model::parse(&beyond).unwrap().exact_sums());
        let shipped = Model::parse_static(include_bytes!("../../data/ner-model.bin")).unwrap();
        assert!(shipped.exact_sums());
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
