//! Word classes: clusters of words that occur in similar contexts, induced from unlabeled
//! news text (see `newsmark classes`). They let the tagger
//! generalise from names it saw in training to names it did not ("Khalilzad" shares a class
//! with other surnames).
//!
//! `data/word-classes.txt` holds one word a line: the word, then its class at each level
//! from coarse to fine, then its frequency band (log2 of its count), tab-separated.

use super::features::{form_hash, mix, title_case_hash};
use super::frozen_table::{encode_table, key_of, FrozenTable};
use std::borrow::Cow;
use std::collections::HashMap;

/// Number of values a word has: the class levels and the frequency band.
pub const CLASS_LEVELS: usize = 4;

/// The shipped word classes: the source of `data/word-classes.bin`.
pub const SHIPPED_TEXT: &str = include_str!("../../data/word-classes.txt");

/// The first bytes of a word-class table file.
const MAGIC: &[u8; 8] = b"NMCLS\x01\0\0";

/// The table built from [`SHIPPED_TEXT`] by [`encode_classes`] (`newsmark tables`; a test
/// checks that it matches): embedded ready-made, so that loading costs no parsing.
const SHIPPED_TABLE: &[u8] = include_bytes!("../../data/word-classes.bin");

/// Word classes by form key: a [`FrozenTable`] of `CLASS_LEVELS` little-endian `u16`s.
#[derive(Default)]
pub struct WordClasses {
    by_form: FrozenTable,
}

impl WordClasses {
    /// The shipped word classes.
    pub fn shipped() -> WordClasses {
        // The embedded table is checked by a test; an unreadable one knows no word rather
        // than failing every annotation.
        WordClasses::from_table(Cow::Borrowed(SHIPPED_TABLE)).unwrap_or_default()
    }

    /// Reads word classes from their text form; malformed lines are skipped.
    pub fn parse(text: &str) -> WordClasses {
        WordClasses::from_table(Cow::Owned(encode_classes(text))).unwrap_or_default()
    }

    /// Reads a table written by [`encode_classes`].
    fn from_table(bytes: Cow<'static, [u8]>) -> Option<WordClasses> {
        let body = match bytes {
            Cow::Borrowed(bytes) => Cow::Borrowed(bytes.strip_prefix(MAGIC.as_slice())?),
            Cow::Owned(bytes) => Cow::Owned(bytes.strip_prefix(MAGIC.as_slice())?.to_vec()),
        };
        let (by_form, rest) = FrozenTable::parse(body, 2 * CLASS_LEVELS).ok()?;
        rest.is_empty().then_some(WordClasses { by_form })
    }

    /// The class values of the word of form hash `hash`, if known.
    fn values(&self, hash: u64) -> Option<&[u8]> {
        self.by_form.get(key_of(hash))
    }

    /// The class features of a token: for each level, a hash of the level and the class
    /// (0 when the word is unknown). A word not found as written is looked up in title case
    /// (headlines in capitals), then in lowercase (sentence-initial capitals).
    pub fn classes_of(&self, token: &str, form: u64, lower: u64) -> [u64; CLASS_LEVELS] {
        let found = self
            .values(form)
            .or_else(|| self.values(title_case_hash(token)))
            .or_else(|| self.values(lower));
        let mut out = [0u64; CLASS_LEVELS];
        if let Some(values) = found {
            for (level, (slot, value)) in out.iter_mut().zip(values.chunks_exact(2)).enumerate() {
                let value = u16::from_le_bytes([value[0], value[1]]);
                *slot = mix(level as u64 + 1, u64::from(value) + 1);
            }
        }
        out
    }
}

/// Writes the word-class table of `text` (one word a line: the word, then [`CLASS_LEVELS`]
/// numbers, tab-separated; malformed lines are skipped, and of two lines with one form key the
/// later wins): `data/word-classes.bin` for [`SHIPPED_TEXT`].
pub fn encode_classes(text: &str) -> Vec<u8> {
    let mut by_form: HashMap<u32, [u16; CLASS_LEVELS]> = HashMap::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let Some(word) = fields.next() else { continue };
        let mut values = [0u16; CLASS_LEVELS];
        let mut complete = true;
        for value in values.iter_mut() {
            match fields.next().and_then(|f| f.parse::<u16>().ok()) {
                Some(v) => *value = v,
                None => complete = false,
            }
        }
        if complete && !word.is_empty() {
            by_form.insert(key_of(form_hash(word)), values);
        }
    }
    let mut entries: Vec<(u32, Vec<u8>)> = by_form
        .into_iter()
        .map(|(key, values)| (key, values.iter().flat_map(|v| v.to_le_bytes()).collect()))
        .collect();
    entries.sort_unstable();
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&encode_table(&entries, 2 * CLASS_LEVELS));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::lowercase_hash;

    #[test]
    fn the_shipped_table_is_built_from_the_text() {
        assert!(
            encode_classes(SHIPPED_TEXT) == SHIPPED_TABLE,
            "data/word-classes.bin is stale: run `cargo run --release -- tables`"
        );
        assert!(WordClasses::shipped().by_form.len() > 20_000);
    }

    #[test]
    fn lookup_falls_back_to_title_case_and_lowercase() {
        let classes = WordClasses::parse("Brussels\t1\t2\t3\t9\nthe\t4\t5\t6\t15\nbad line\n");
        // (token, known)
        const CASES: &[(&str, bool)] = &[
            ("Brussels", true),
            ("BRUSSELS", true),
            ("The", true),
            ("Kirby", false),
            ("bad line", false),
        ];
        for &(token, known) in CASES {
            let found = classes.classes_of(token, form_hash(token), lowercase_hash(token));
            assert_eq!(found[0] != 0, known, "{token}");
        }
    }
}
