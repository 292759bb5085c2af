//! Gazetteers: lists of countries, nationalities, cities, US states, first names and
//! religious or political groups, matched against capitalised token sequences.
//!
//! The lists in `data/gazetteer/` are derived from openly licensed sources by
//! `scripts/derive-gazetteers.py` (see NOTICE), except `norp-groups.txt`,
//! `organisations.txt` and `country-short-forms.txt`, written for newsmark.

use super::features::{flag, lowercase_hash, mix, HashedKeyMap, TokenView};

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

/// The lists and their text, in [`List`] order.
const LISTS: [(List, &str); 8] = [
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

/// The gazetteers, as a set of phrase hashes (lowercase tokens) with the lists holding them.
pub struct Gazetteer {
    phrases: HashedKeyMap<u64, u8>,
}

impl Gazetteer {
    /// The gazetteer of the lists shipped in `data/gazetteer/`.
    pub fn shipped() -> Gazetteer {
        Gazetteer::from_lists(&LISTS)
    }

    /// A gazetteer of the given lists, one name a line (tokens separated by spaces).
    pub fn from_lists(lists: &[(List, &str)]) -> Gazetteer {
        let mut phrases: HashedKeyMap<u64, u8> = HashedKeyMap::default();
        for &(list, text) in lists {
            for line in text.lines() {
                let tokens: Vec<&str> = line.split_whitespace().collect();
                if tokens.is_empty() || tokens.len() > MAX_PHRASE {
                    continue;
                }
                let hash = phrase_hash(tokens.iter().map(|t| lowercase_hash(t)));
                *phrases.entry(hash).or_insert(0) |= 1 << list as u8;
            }
        }
        Gazetteer { phrases }
    }

    /// The lists that hold the phrase made of `tokens`, as a bit set (bit = [`List`] value).
    pub fn lists_of(&self, tokens: &[&str]) -> u8 {
        let hash = phrase_hash(tokens.iter().map(|t| lowercase_hash(t)));
        self.phrases.get(&hash).copied().unwrap_or(0)
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
                let Some(&lists) = self.phrases.get(&hash) else {
                    continue;
                };
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
