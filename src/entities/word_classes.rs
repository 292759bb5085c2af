//! Word classes: clusters of words that occur in similar contexts, induced from unlabeled
//! news text (see `newsmark classes`). They let the tagger
//! generalise from names it saw in training to names it did not ("Khalilzad" shares a class
//! with other surnames).
//!
//! `data/word-classes.txt` holds one word a line: the word, then its class at each level
//! from coarse to fine, then its frequency band (log2 of its count), tab-separated.

use super::features::{form_hash, mix, title_case_hash, HashedKeyMap};

/// Number of values a word has: the class levels and the frequency band.
pub const CLASS_LEVELS: usize = 4;

/// The shipped word classes.
const SHIPPED: &str = include_str!("../../data/word-classes.txt");

/// Word classes by form hash.
pub struct WordClasses {
    by_form: HashedKeyMap<u64, [u16; CLASS_LEVELS]>,
}

impl WordClasses {
    /// The shipped word classes.
    pub fn shipped() -> WordClasses {
        WordClasses::parse(SHIPPED)
    }

    /// Reads word classes from their text form; malformed lines are skipped.
    pub fn parse(text: &str) -> WordClasses {
        let mut by_form = HashedKeyMap::default();
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
                by_form.insert(form_hash(word), values);
            }
        }
        WordClasses { by_form }
    }

    /// The class features of a token: for each level, a hash of the level and the class
    /// (0 when the word is unknown). A word not found as written is looked up in title case
    /// (headlines in capitals), then in lowercase (sentence-initial capitals).
    pub fn classes_of(&self, token: &str, form: u64, lower: u64) -> [u64; CLASS_LEVELS] {
        let found = self
            .by_form
            .get(&form)
            .or_else(|| self.by_form.get(&title_case_hash(token)))
            .or_else(|| self.by_form.get(&lower));
        let mut out = [0u64; CLASS_LEVELS];
        if let Some(values) = found {
            for (level, (slot, &value)) in out.iter_mut().zip(values).enumerate() {
                *slot = mix(level as u64 + 1, u64::from(value) + 1);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::features::lowercase_hash;

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
