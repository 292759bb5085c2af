//! Clusters: mentions of one entity in a document grouped under a canonical name.
//!
//! Mentions are read in text order; each joins the first cluster it matches, by these rules:
//! - the same name, ignoring case, periods, a leading "the" and a possessive "'s";
//! - a person named by part of a fuller name seen before ("Kirby" after "John F. Kirby"),
//!   or the fuller name after the part;
//! - another name of the same country ("US", "U.S.", "United States", "USA");
//! - an acronym of a name seen before ("FBI" after "Federal Bureau of Investigation") or
//!   the other way round ("European Union" after "EU"), or a name put in parentheses right
//!   after another ("Islamic State (ISIS)").
//!
//! Only mentions of the same label join (the entity stage already gives a bare surname the
//! label of the full name). The canonical name is the fullest mention: most words, then
//! most characters, acronyms last.

use crate::document::{Cluster, Entity, Label};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Country names that name the same country, one country a line, tab-separated.
const COUNTRY_ALIASES: &str = include_str!("../data/gazetteer/country-aliases.txt");

/// Normalised country name -> country number.
static COUNTRIES: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    let (mut scratch, mut normal) = (String::new(), String::new());
    for (country, line) in COUNTRY_ALIASES.lines().enumerate() {
        for name in line.split('\t') {
            normalize(name, &mut scratch, &mut normal);
            map.entry(normal.clone()).or_insert(country);
        }
    }
    map
});

/// Words left out of acronyms ("Federal Bureau of Investigation" -> FBI).
const ACRONYM_SKIPS: &[&str] = &["of", "the", "and", "for", "on", "in", "de", "&", "to"];

/// Writes into `out` a mention's name reduced for comparison: lowercase, periods dropped,
/// spaces single, a leading "the" and a trailing possessive removed ("The U.S.'s" -> "us").
/// `scratch` holds the lowercase name; both buffers are reused from mention to mention.
fn normalize(name: &str, scratch: &mut String, out: &mut String) {
    out.clear();
    if name.is_ascii() {
        normalize_ascii(name.as_bytes(), out);
        return;
    }
    // Full Unicode lowercasing (a final sigma depends on its neighbours).
    scratch.clear();
    scratch.push_str(&name.to_lowercase());
    let mut words = scratch.split_whitespace().peekable();
    let mut first = true;
    let mut kept = 0;
    while let Some(word) = words.next() {
        let is_last = words.peek().is_none();
        // A leading "the" goes, unless it is the whole name.
        if first && !is_last && word == "the" {
            first = false;
            continue;
        }
        first = false;
        let word = if is_last {
            word.strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word)
        } else {
            word
        };
        if word.is_empty() || word == "'s" {
            continue;
        }
        // Words are joined by one space, even a word of periods only, which leaves nothing.
        if kept > 0 {
            out.push(' ');
        }
        kept += 1;
        if word.contains('.') {
            out.extend(word.split('.'));
        } else {
            out.push_str(word);
        }
    }
}

/// [`normalize`] for an ASCII name, in one pass over its bytes: the same rules, with ASCII
/// whitespace (what `char::is_whitespace` accepts below 128: space, tab to carriage return).
fn normalize_ascii(name: &[u8], out: &mut String) {
    let mut words = name
        .split(|b| matches!(b, b' ' | b'\t'..=b'\r'))
        .filter(|word| !word.is_empty())
        .peekable();
    let mut first = true;
    let mut kept = 0;
    while let Some(word) = words.next() {
        let is_last = words.peek().is_none();
        if first && !is_last && word.eq_ignore_ascii_case(b"the") {
            first = false;
            continue;
        }
        first = false;
        let word = match word
            .len()
            .checked_sub(2)
            .and_then(|at| word.split_at_checked(at))
        {
            Some((stem, possessive)) if is_last && possessive.eq_ignore_ascii_case(b"'s") => stem,
            _ => word,
        };
        if word.is_empty() || word.eq_ignore_ascii_case(b"'s") {
            continue;
        }
        if kept > 0 {
            out.push(' ');
        }
        kept += 1;
        out.extend(
            word.iter()
                .filter(|&&b| b != b'.')
                .map(|&b| char::from(b.to_ascii_lowercase())),
        );
    }
}

/// Writes into `out` the initials of a name of two or more capitalised words ("Federal
/// Bureau of Investigation" -> "fbi"), lowercase; returns false for other names.
fn initials(name: &str, out: &mut String) -> bool {
    out.clear();
    let mut count = 0;
    for word in name.split_whitespace() {
        // Equal to a skip word once lowercased: no non-ASCII letter lowercases into one
        // (the Kelvin sign becomes `k`, in none of them), so an ASCII comparison is the same.
        if word.len() <= 3
            && ACRONYM_SKIPS
                .iter()
                .any(|skip| word.eq_ignore_ascii_case(skip))
        {
            continue;
        }
        match word.chars().next() {
            Some(first) if first.is_uppercase() => out.extend(first.to_lowercase()),
            _ => return false,
        }
        count += 1;
    }
    count >= 2
}

/// Whether a mention is an acronym: one word of capitals (periods allowed), 2 to 6 letters.
fn is_acronym(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars().filter(|c| *c != '.') {
        letters += 1;
        if letters > 6 || !c.is_uppercase() {
            return false;
        }
    }
    letters >= 2
}

/// How full a mention is, for choosing the canonical name: words, then characters; an
/// acronym counts as less full than any spelled-out name.
type Fullness = (bool, usize, usize);

fn fullness(name: &str, acronym: bool) -> Fullness {
    (
        !acronym,
        name.split_whitespace().count(),
        name.chars().count(),
    )
}

/// What clusters can be found by. The maps are keyed by text, so that a mention is looked up
/// by borrowing a buffer, without building an owned key.
struct Index {
    /// A label, a tab and the normalised name of a mention ("ORG\tfbi").
    names: HashMap<String, usize>,
    /// A label, a tab and the initials of a mention's name.
    initials: HashMap<String, usize>,
    /// A word of a person's name (surnames and given names alike), normalised.
    person_words: HashMap<String, usize>,
    /// A country, by number in the alias list.
    countries: HashMap<usize, usize>,
}

/// `label` and `text` joined into `key`, as the keys of [`Index::names`] and
/// [`Index::initials`] are (no label holds a tab, so the two parts are never confused).
fn labelled<'k>(key: &'k mut String, label: Label, text: &str) -> &'k str {
    key.clear();
    key.push_str(label.as_str());
    key.push('\t');
    key.push_str(text);
    key
}

/// Lets `key` find `cluster` in `map`, unless it already finds one.
fn insert_first(map: &mut HashMap<String, usize>, key: &str, cluster: usize) {
    if !map.contains_key(key) {
        map.insert(key.to_string(), cluster);
    }
}

/// Groups the name entities of `text` into clusters. Returns the clusters and, for every
/// entity, the index of its cluster (`None` for dates and numbers).
pub fn cluster_entities(text: &str, entities: &[Entity]) -> (Vec<Cluster>, Vec<Option<usize>>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    // For every cluster, where its canonical name, normalised, is in `canonical_names`, and
    // how full that name is.
    let mut canonical: Vec<(Range<usize>, Fullness)> = Vec::new();
    let mut canonical_names = String::new();
    let mut assignment: Vec<Option<usize>> = Vec::with_capacity(entities.len());
    // Sized once for every mention, so that the maps never grow.
    let mentions = entities.iter().filter(|e| e.label.is_name()).count();
    let mut index = Index {
        names: HashMap::with_capacity(mentions),
        initials: HashMap::with_capacity(mentions),
        person_words: HashMap::with_capacity(mentions),
        countries: HashMap::new(),
    };
    // Buffers reused from mention to mention.
    let (mut scratch, mut normal, mut initials_of_name, mut key) =
        (String::new(), String::new(), String::new(), String::new());
    for (i, entity) in entities.iter().enumerate() {
        if !entity.label.is_name() {
            assignment.push(None);
            continue;
        }
        let name = entity.span.text(text).trim();
        normalize(name, &mut scratch, &mut normal);
        let label = entity.label;
        let acronym = is_acronym(name);
        let country = (label == Label::Loc)
            .then(|| COUNTRIES.get(normal.as_str()).copied())
            .flatten();
        let has_initials = initials(name, &mut initials_of_name);
        let found_by_name = index.names.get(labelled(&mut key, label, &normal)).copied();
        let found = found_by_name
            .or_else(|| country.and_then(|c| index.countries.get(&c).copied()))
            .or_else(|| {
                // "Daesh" right after "Islamic State (": an alias in parentheses.
                parenthesised_after(text, entities, i)
                    .and_then(|previous| assignment.get(previous).copied().flatten())
                    .filter(|&c| clusters.get(c).is_some_and(|c| c.label == label))
            })
            .or_else(|| {
                acronym
                    .then(|| index.initials.get(labelled(&mut key, label, &normal)))
                    .flatten()
                    .copied()
            })
            .or_else(|| {
                // "European Union" after "EU": the full name of an acronym seen before.
                has_initials
                    .then(|| {
                        index
                            .names
                            .get(labelled(&mut key, label, &initials_of_name))
                    })
                    .flatten()
                    .copied()
                    .filter(|&c| canonical.get(c).is_some_and(|(_, full)| !full.0))
            })
            .or_else(|| {
                let canonical_name = |c: usize| {
                    canonical
                        .get(c)
                        .and_then(|(range, _)| canonical_names.get(range.clone()))
                };
                (label == Label::Person)
                    .then(|| person_cluster(&normal, &index, &clusters, canonical_name))
                    .flatten()
            });
        let name_fullness = fullness(name, acronym);
        let cluster_index = match found {
            Some(found) => found,
            None => {
                clusters.push(Cluster {
                    name: name.to_string(),
                    label,
                    mentions: Vec::new(),
                });
                canonical.push((0..0, (false, 0, 0)));
                clusters.len() - 1
            }
        };
        let (Some(cluster), Some(cluster_canonical)) = (
            clusters.get_mut(cluster_index),
            canonical.get_mut(cluster_index),
        ) else {
            assignment.push(None);
            continue;
        };
        cluster.mentions.push(entity.span);
        // A new cluster takes its first mention's name; a fuller mention's name replaces it.
        let is_new = cluster.mentions.len() == 1;
        if is_new || name_fullness > cluster_canonical.1 {
            if !is_new {
                cluster.name = name.to_string();
            }
            let start = canonical_names.len();
            canonical_names.push_str(&normal);
            *cluster_canonical = (start..canonical_names.len(), name_fullness);
        }
        if found_by_name.is_none() {
            insert_first(
                &mut index.names,
                labelled(&mut key, label, &normal),
                cluster_index,
            );
        }
        if let Some(country) = country {
            index.countries.entry(country).or_insert(cluster_index);
        }
        if has_initials {
            insert_first(
                &mut index.initials,
                labelled(&mut key, label, &initials_of_name),
                cluster_index,
            );
        }
        if label == Label::Person {
            for word in normal.split(' ') {
                // The latest person with this word wins: "Kirby" names the Kirby just
                // mentioned.
                match index.person_words.get_mut(word) {
                    Some(latest) => *latest = cluster_index,
                    None => {
                        index.person_words.insert(word.to_string(), cluster_index);
                    }
                }
            }
        }
        assignment.push(Some(cluster_index));
    }
    (clusters, assignment)
}

/// The person cluster a person mention (its normalised name) belongs to: the one named by
/// its last word, when either every word of the mention belongs to that cluster ("Kirby",
/// "John Kirby" after "John F. Kirby") or the mention holds every word of the cluster's name
/// ("Zalmay Khalilzad" after "Khalilzad"). Initials are not required to match.
/// `canonical_name` gives a cluster's canonical name, normalised.
fn person_cluster<'a>(
    normal: &str,
    index: &Index,
    clusters: &[Cluster],
    canonical_name: impl Fn(usize) -> Option<&'a str>,
) -> Option<usize> {
    // A word of more than one character.
    let significant = |word: &&str| word.chars().nth(1).is_some();
    let last = normal.split(' ').rfind(significant)?;
    let candidate = *index.person_words.get(last)?;
    clusters
        .get(candidate)
        .filter(|c| c.label == Label::Person)?;
    let part_of_cluster = normal
        .split(' ')
        .filter(significant)
        .all(|w| index.person_words.get(w) == Some(&candidate));
    let holds_cluster = canonical_name(candidate).is_some_and(|cluster_name| {
        cluster_name
            .split(' ')
            .filter(significant)
            .all(|w| normal.split(' ').any(|m| m == w))
    });
    (part_of_cluster || holds_cluster).then_some(candidate)
}

/// If entity `i` stands alone in parentheses right after another entity ("Federal Bureau
/// of Investigation (FBI)"), the index of that entity.
fn parenthesised_after(text: &str, entities: &[Entity], i: usize) -> Option<usize> {
    let previous_index = i.checked_sub(1)?;
    let previous = entities.get(previous_index)?;
    let this = entities.get(i)?;
    let between = text.get(previous.span.end..this.span.start)?;
    let after = text.get(this.span.end..)?;
    (between.trim() == "(" && after.trim_start().starts_with(')')).then_some(previous_index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    /// Entities from `(mention, label)` pairs found in `text` in order.
    fn entities_of(text: &str, mentions: &[(&str, Label)]) -> Vec<Entity> {
        let mut from = 0;
        mentions
            .iter()
            .map(|&(mention, label)| {
                let start = from + text[from..].find(mention).unwrap();
                from = start + mention.len();
                Entity {
                    span: Span::new(start, from),
                    label,
                    cluster: None,
                }
            })
            .collect()
    }

    /// (name, text, mentions with labels, expected clusters as (canonical name, mention count))
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a [(&'a str, Label)],
        &'a [(&'a str, usize)],
    );

    const CASES: &[Case] = &[
        (
            "surname and title after the full name",
            "Press Secretary John F. Kirby said. Kirby added. Mr. Kirby left.",
            &[
                ("John F. Kirby", Label::Person),
                ("Kirby", Label::Person),
                ("Kirby", Label::Person),
            ],
            &[("John F. Kirby", 3)],
        ),
        (
            "full name after the surname",
            "Khalilzad will go. Zalmay Khalilzad said.",
            &[
                ("Khalilzad", Label::Person),
                ("Zalmay Khalilzad", Label::Person),
            ],
            &[("Zalmay Khalilzad", 2)],
        ),
        (
            "country aliases",
            "The US said. The United States and the U.S. agreed with USA.",
            &[
                ("US", Label::Loc),
                ("United States", Label::Loc),
                ("U.S.", Label::Loc),
                ("USA", Label::Loc),
            ],
            &[("United States", 4)],
        ),
        (
            "acronym introduced in parentheses",
            "the Federal Bureau of Investigation (FBI) said the FBI would.",
            &[
                ("Federal Bureau of Investigation", Label::Org),
                ("FBI", Label::Org),
                ("FBI", Label::Org),
            ],
            &[("Federal Bureau of Investigation", 3)],
        ),
        (
            "full name after its acronym",
            "EU ministers met. The European Union said the EU would.",
            &[
                ("EU", Label::Org),
                ("European Union", Label::Org),
                ("EU", Label::Org),
            ],
            &[("European Union", 3)],
        ),
        (
            "alias in parentheses that is no acronym",
            "Islamic State (Daesh) fighters; Daesh said.",
            &[
                ("Islamic State", Label::Org),
                ("Daesh", Label::Org),
                ("Daesh", Label::Org),
            ],
            &[("Islamic State", 3)],
        ),
        (
            "different people sharing a first name stay apart",
            "John Smith met John Brown. Smith left.",
            &[
                ("John Smith", Label::Person),
                ("John Brown", Label::Person),
                ("Smith", Label::Person),
            ],
            &[("John Smith", 2), ("John Brown", 1)],
        ),
        (
            "same name, different labels stay apart",
            "Washington said Washington would.",
            &[("Washington", Label::Loc), ("Washington", Label::Person)],
            &[("Washington", 1), ("Washington", 1)],
        ),
        (
            "the and possessive",
            "The Taliban's offensive; the Taliban said.",
            &[("Taliban's", Label::Org), ("Taliban", Label::Org)],
            &[("Taliban's", 2)],
        ),
    ];

    #[test]
    fn mentions_cluster() {
        for &(name, text, mentions, expected) in CASES {
            let entities = entities_of(text, mentions);
            let (clusters, assignment) = cluster_entities(text, &entities);
            let found: Vec<(&str, usize)> = clusters
                .iter()
                .map(|c| (c.name.as_str(), c.mentions.len()))
                .collect();
            assert_eq!(found, expected, "{name}");
            assert!(assignment.iter().all(Option::is_some), "{name}");
        }
    }

    #[test]
    fn numbers_are_not_clustered() {
        let text = "5 km";
        let entities = [Entity {
            span: Span::new(0, 4),
            label: Label::Quantity,
            cluster: None,
        }];
        let (clusters, assignment) = cluster_entities(text, &entities);
        assert!(clusters.is_empty());
        assert_eq!(assignment, [None]);
    }

    /// `(name, normalised)`: the ASCII path and the Unicode path follow the same rules.
    const NORMALIZED: &[(&str, &str)] = &[
        ("The U.S.'s", "us"),
        ("THE U.S.'S", "us"),
        ("the", "the"),
        ("The The", "the"),
        ("Taliban’s", "taliban"),
        ("John  F.\tKirby", "john f kirby"),
        ("A . B", "a  b"),
        ("'s Gravenhage", "gravenhage"),
        ("Kirby 's", "kirby"),
        ("Zürich's", "zürich"),
        ("ΟΔΥΣΣΕΑΣ", "οδυσσεας"),
        ("The\u{0B}Hague", "hague"),
        ("The\u{A0}Hague", "hague"),
    ];

    #[test]
    fn names_normalize() {
        let (mut scratch, mut out) = (String::new(), String::new());
        for (name, expected) in NORMALIZED {
            normalize(name, &mut scratch, &mut out);
            assert_eq!(out, *expected, "{name:?}");
        }
    }

    /// Where each case came from.
    const REGRESSION: &[(&str, &str)] = &[
        (
            "surname and title after the full name",
            "../shared/samples/pentagon-safe-havens.txt (John F. Kirby)",
        ),
        ("country aliases", "issue 3: United States / U.S. / US"),
        ("acronym introduced in parentheses", "issue 3"),
        (
            "full name after its acronym",
            "tests/golden/trade-talks.txt (EU)",
        ),
    ];

    #[test]
    fn regression_cases_exist() {
        for (name, _) in REGRESSION {
            assert!(CASES.iter().any(|c| c.0 == *name), "{name}");
        }
    }
}
