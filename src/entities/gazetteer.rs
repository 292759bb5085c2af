//! Gazetteers: lists of countries, nationalities, cities, US states, first names and
//! religious or political groups, matched against capitalised token sequences.
//!
//! The lists in `data/gazetteer/` are derived from openly licensed sources by
//! `scripts/derive-gazetteers.py` (see NOTICE), except `norp-groups.txt`,
//! `organisations.txt` and `country-short-forms.txt`, written for newsmark.
//!
//! The engine embeds the lists as a ready-made hash table, `data/gazetteer.bin` (built from
//! them by `newsmark tables`; a test checks that it matches them), so that loading costs no
//! parsing: a [`FrozenTable`] from phrase key to the bit set of the lists holding the phrase.

use super::features::{flag, lowercase_hash, mix, TokenView};
use super::frozen_table::{encode_table, key_of, FrozenTable};
use std::borrow::Cow;
use std::collections::HashMap;

/// One name list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// Country names and their common short forms ("United States", "US").
    Countries = 0,
    /// Nationalities ("Pakistani", "Afghans").
    Demonyms = 1,
    /// Cities of 15,000 people or more.
    Cities = 2,
    /// US states.
    UsStates = 3,
    /// English first names.
    FirstNames = 4,
    /// Religious and political groups ("Muslims", "Republicans").
    Groups = 5,
    /// Organisations in the news that a name tagger trained on 1996 news may not know as
    /// such ("Taliban", "Hezbollah").
    Organisations = 6,
}

/// The lists and their text, in [`List`] order: the source of `data/gazetteer.bin`.
pub const LISTS: [(List, &str); 8] = [
    (
        List::Countries,
        include_str!("../../data/gazetteer/countries.txt"),
    ),
    // Short forms of country names used in headlines ("Pak"), written for newsmark.
    (
        List::Countries,
        include_str!("../../data/gazetteer/country-short-forms.txt"),
    ),
    (
        List::Demonyms,
        include_str!("../../data/gazetteer/demonyms.txt"),
    ),
    (
        List::Cities,
        include_str!("../../data/gazetteer/cities.txt"),
    ),
    (
        List::UsStates,
        include_str!("../../data/gazetteer/us-states.txt"),
    ),
    (
        List::FirstNames,
        include_str!("../../data/gazetteer/first-names.txt"),
    ),
    (
        List::Groups,
        include_str!("../../data/gazetteer/norp-groups.txt"),
    ),
    (
        List::Organisations,
        include_str!("../../data/gazetteer/organisations.txt"),
    ),
];

/// Longest phrase matched, in tokens.
const MAX_PHRASE: usize = 5;

/// Seed of phrase hashes.
const PHRASE_SEED: u64 = 0x6a09_e667_f3bc_c908;

/// The first bytes of a gazetteer table file.
const MAGIC: &[u8; 8] = b"NMGAZ\x01\0\0";

/// The table built from [`LISTS`] by [`encode_lists`].
const SHIPPED_TABLE: &[u8] = include_bytes!("../../data/gazetteer.bin");

/// The gazetteers, as a table from phrase key (of the lowercase tokens) to the lists holding
/// the phrase.
#[derive(Default)]
pub struct Gazetteer {
    phrases: FrozenTable,
}

impl Gazetteer {
    /// The gazetteer of the lists shipped in `data/gazetteer/`.
    pub fn shipped() -> Gazetteer {
        // The embedded table is checked by a test; an unreadable one matches nothing rather
        // than failing every annotation.
        Gazetteer::parse(Cow::Borrowed(SHIPPED_TABLE)).unwrap_or_default()
    }

    /// A gazetteer of the given lists, one name a line (tokens separated by spaces).
    pub fn from_lists(lists: &[(List, &str)]) -> Gazetteer {
        Gazetteer::parse(Cow::Owned(encode_lists(lists))).unwrap_or_default()
    }

    /// Reads a table written by [`encode_lists`].
    fn parse(bytes: Cow<'static, [u8]>) -> Option<Gazetteer> {
        let body = match bytes {
            Cow::Borrowed(bytes) => Cow::Borrowed(bytes.strip_prefix(MAGIC.as_slice())?),
            Cow::Owned(bytes) => Cow::Owned(bytes.strip_prefix(MAGIC.as_slice())?.to_vec()),
        };
        let (phrases, rest) = FrozenTable::parse(body, 1).ok()?;
        rest.is_empty().then_some(Gazetteer { phrases })
    }

    /// The lists holding the phrase of hash `hash`, as a bit set.
    fn lists_of_hash(&self, hash: u64) -> u8 {
        self.phrases
            .get(key_of(hash))
            .and_then(|value| value.first())
            .copied()
            .unwrap_or(0)
    }

    /// The lists that hold the phrase made of `tokens`, as a bit set (bit = [`List`] value).
    pub fn lists_of(&self, tokens: &[&str]) -> u8 {
        self.lists_of_hash(phrase_hash(tokens.iter().map(|t| lowercase_hash(t))))
    }

    /// Whether the phrase made of `tokens` is in `list`.
    pub fn contains(&self, list: List, tokens: &[&str]) -> bool {
        self.lists_of(tokens) & (1 << list as u8) != 0
    }

    /// Sets each view's gazetteer bits: for every list holding a phrase of the sentence that
    /// starts and ends with a capitalised token, bit `list * 4 + position` on each of its
    /// tokens (position 0 B, 1 I, 2 L, 3 U). Inner tokens may be lowercase ("Isle of Man").
    pub fn mark_matches(&self, views: &mut [TokenView]) {
        for start in 0..views.len() {
            if views[start].flags & flag::INITIAL_CAP == 0 {
                continue;
            }
            let mut hash = PHRASE_SEED;
            for end in start + 1..=(start + MAX_PHRASE).min(views.len()) {
                hash = mix(hash, views[end - 1].lower);
                if views[end - 1].flags & flag::INITIAL_CAP == 0 {
                    continue;
                }
                let lists = self.lists_of_hash(hash);
                if lists == 0 {
                    continue;
                }
                for list in 0..8u32 {
                    if lists & (1 << list) == 0 {
                        continue;
                    }
                    for (i, view) in views.iter_mut().enumerate().take(end).skip(start) {
                        let position = if end - start == 1 {
                            3
                        } else if i == start {
                            0
                        } else if i + 1 == end {
                            2
                        } else {
                            1
                        };
                        view.gazetteer |= 1 << (list * 4 + position);
                    }
                }
            }
        }
    }
}

/// Writes the gazetteer table of `lists` (one name a line, tokens separated by spaces; names
/// of more than [`MAX_PHRASE`] tokens are left out): `data/gazetteer.bin` for [`LISTS`].
pub fn encode_lists(lists: &[(List, &str)]) -> Vec<u8> {
    let mut phrases: HashMap<u32, u8> = HashMap::new();
    for &(list, text) in lists {
        for line in text.lines() {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            if tokens.is_empty() || tokens.len() > MAX_PHRASE {
                continue;
            }
            let hash = phrase_hash(tokens.iter().map(|t| lowercase_hash(t)));
            *phrases.entry(key_of(hash)).or_insert(0) |= 1 << list as u8;
        }
    }
    let mut entries: Vec<(u32, Vec<u8>)> = phrases
        .into_iter()
        .map(|(key, lists)| (key, vec![lists]))
        .collect();
    entries.sort_unstable();
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&encode_table(&entries, 1));
    out
}

/// The hash of a phrase from its tokens' lowercase hashes.
fn phrase_hash(tokens: impl Iterator<Item = u64>) -> u64 {
    tokens.fold(PHRASE_SEED, mix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lists_hold_expected_names() {
        let gazetteer = Gazetteer::shipped();
        // (phrase, list, expected)
        const CASES: &[(&[&str], List, bool)] = &[
            (&["Afghanistan"], List::Countries, true),
            (&["United", "States"], List::Countries, true),
            (&["US"], List::Countries, true),
            (&["Pakistani"], List::Demonyms, true),
            (&["Afghan"], List::Demonyms, true),
            (&["Islamabad"], List::Cities, true),
            (&["Doha"], List::Cities, true),
            (&["Zalmay"], List::FirstNames, false),
            (&["John"], List::FirstNames, true),
            (&["Muslims"], List::Groups, true),
            (&["safe"], List::Cities, false),
            (&["Taliban"], List::Organisations, true),
            (&["Pak"], List::Countries, true),
        ];
        for &(phrase, list, expected) in CASES {
            assert_eq!(gazetteer.contains(list, phrase), expected, "{phrase:?}");
        }
    }

    #[test]
    fn the_shipped_table_is_built_from_the_lists() {
        assert!(
            encode_lists(&LISTS) == SHIPPED_TABLE,
            "data/gazetteer.bin is stale: run `cargo run --release -- tables`"
        );
        assert!(Gazetteer::shipped().phrases.len() > 30_000);
    }

    #[test]
    fn matches_mark_positions() {
        let gazetteer = Gazetteer::from_lists(&[(List::Countries, "United States\nIsle of Man\n")]);
        let words = ["the", "United", "States", "and", "Isle", "of", "Man"];
        let mut views: Vec<TokenView> = words
            .iter()
            .map(|w| TokenView {
                lower: lowercase_hash(w),
                flags: if w.starts_with(char::is_uppercase) {
                    flag::INITIAL_CAP
                } else {
                    0
                },
                ..TokenView::default()
            })
            .collect();
        gazetteer.mark_matches(&mut views);
        let bits: Vec<u32> = views.iter().map(|v| v.gazetteer).collect();
        assert_eq!(bits, [0, 1, 4, 0, 1, 2, 4]);
    }
}
