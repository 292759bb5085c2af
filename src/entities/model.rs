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
    flag, tag_features, text_features, DocumentCase, Resources, TagHistory, TokenView,
};
use super::tags::{Tag, NUM_TAGS};

/// The first bytes of a model file.
const MAGIC: &[u8; 8] = b"NMNER\x01\0\0";

/// Something that gives each tag a weight for a feature: the trained model, or the
/// perceptron while it learns.
pub trait Scorer {
    /// Adds the weights of `feature` to `scores`.
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]);
}

impl<T: Scorer> Scorer for &T {
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
        (**self).add_weights(feature, scores);
    }
}

/// The table key of a feature hash.
pub fn table_key(feature: u64) -> u32 {
    (feature >> 32) as u32
}

/// A model that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad name model: {}", self.0)
    }
}

/// An empty slot of the table.
const EMPTY: u32 = u32::MAX;

/// The trained weights: an open-addressing table (linear probing) from key to weight row.
#[derive(Default)]
pub struct Model {
    /// `(key, row)` per slot; `row == EMPTY` marks a free slot. Its length is a power of two.
    slots: Vec<(u32, u32)>,
    /// One weight per tag, per feature.
    rows: Vec<[i16; NUM_TAGS]>,
    /// Stored weight = real weight * scale.
    scale: f32,
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
        let capacity = (count * 2).next_power_of_two().max(16);
        let mut model = Model {
            slots: vec![(0, EMPTY); capacity],
            rows: Vec::with_capacity(count),
            scale,
        };
        let mut key: u64 = 0;
        for _ in 0..count {
            key += reader.varint()?;
            let key = u32::try_from(key).map_err(|_| ModelError("key out of range".into()))?;
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
        let mask = self.slots.len() - 1;
        let mut slot = key as usize & mask;
        loop {
            match self.slots.get_mut(slot) {
                Some(entry) if entry.1 == EMPTY => {
                    *entry = (key, self.rows.len() as u32);
                    self.rows.push(row);
                    return;
                }
                // A repeated key keeps its first row (keys are unique in a well-formed file).
                Some(entry) if entry.0 == key => return,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Number of features in the model.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the model has no features (it then tags nothing).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl Scorer for Model {
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
        if self.slots.is_empty() {
            return;
        }
        let key = table_key(feature);
        let mask = self.slots.len() - 1;
        let mut slot = key as usize & mask;
        // The table is at most half full, so probing ends at a free slot.
        while let Some(&(slot_key, row)) = self.slots.get(slot) {
            if row == EMPTY {
                return;
            }
            if slot_key == key {
                if let Some(weights) = self.rows.get(row as usize) {
                    let inverse = 1.0 / self.scale;
                    for (score, &weight) in scores.iter_mut().zip(weights) {
                        *score += f32::from(weight) * inverse;
                    }
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
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

/// The best tag allowed after `previous` (and, at the end of a sentence, one that closes
/// every entity), by score; ties go to the lower tag index.
pub fn best_tag(scores: &[f32; NUM_TAGS], previous: Tag, last_in_sentence: bool) -> Tag {
    let mut best = Tag::OUTSIDE;
    let mut best_score = f32::NEG_INFINITY;
    for (index, &score) in scores.iter().enumerate() {
        let Some(tag) = Tag::from_index(index) else {
            continue;
        };
        if !tag.may_follow(previous) || (last_in_sentence && !tag.may_end()) {
            continue;
        }
        if score > best_score {
            best = tag;
            best_score = score;
        }
    }
    best
}

/// Decoding state carried across a document's sentences.
pub struct DocumentDecoder<'r> {
    resources: &'r Resources<'r>,
    case: DocumentCase,
    history: TagHistory,
    views: Vec<TokenView>,
    features: Vec<u64>,
}

impl<'r> DocumentDecoder<'r> {
    /// A decoder for the document made of `sentences` (token strings).
    pub fn new<'t, T: AsRef<[&'t str]>>(
        resources: &'r Resources<'r>,
        sentences: &[T],
    ) -> DocumentDecoder<'r> {
        DocumentDecoder {
            resources,
            case: DocumentCase::of_document(sentences.iter().map(|s| s.as_ref())),
            history: TagHistory::default(),
            views: Vec::new(),
            features: Vec::with_capacity(96),
        }
    }

    /// Tags the next sentence of the document, greedily from left to right: each token gets
    /// the best tag allowed after the previous one, given the tags already chosen.
    /// `choose(scorer, token index, features, best tag)` returns the tag to keep (training
    /// uses it to learn from the gold tag); `tags` receives one tag per token.
    pub fn tag_sentence<S: Scorer>(
        &mut self,
        scorer: &mut S,
        tokens: &[&str],
        tags: &mut Vec<Tag>,
        mut choose: impl FnMut(&mut S, usize, &[u64], Tag) -> Tag,
    ) {
        tags.clear();
        super::features::sentence_views(tokens, &self.case, self.resources, &mut self.views);
        let mut previous = (Tag::OUTSIDE, Tag::OUTSIDE);
        for i in 0..self.views.len() {
            self.features.clear();
            text_features(&self.views, i, &mut self.features);
            tag_features(&self.views, i, previous, &self.history, &mut self.features);
            let mut scores = [0f32; NUM_TAGS];
            for &feature in &self.features {
                scorer.add_weights(feature, &mut scores);
            }
            let last = i + 1 == self.views.len();
            let best = best_tag(&scores, previous.1, last);
            let tag = choose(scorer, i, &self.features, best);
            let view = &self.views[i];
            let capitalised_inside = view.flags & flag::INITIAL_CAP != 0
                && view.flags & (flag::SENTENCE_START | flag::CAPS_SENTENCE) == 0;
            self.history.record(view.lower, tag, capitalised_inside);
            previous = (previous.1, tag);
            tags.push(tag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tags::Position;

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
        assert_eq!((scores[0], scores[5], scores[16]), (-1.5, 150.0, -16384.0));
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

    #[test]
    fn best_tags_respect_bilou() {
        let mut scores = [0f32; NUM_TAGS];
        let inside_per = Tag::new(0, Position::Inside);
        scores[inside_per.index() as usize] = 5.0;
        // I-PER cannot start an entity, nor end a sentence.
        assert_eq!(best_tag(&scores, Tag::OUTSIDE, false), Tag::OUTSIDE);
        let begin = Tag::new(0, Position::Begin);
        assert_eq!(best_tag(&scores, begin, false), inside_per);
        assert_ne!(best_tag(&scores, begin, true), inside_per);
    }
}
