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

use super::tags::NUM_TAGS;

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
