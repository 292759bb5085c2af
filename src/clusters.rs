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
use std::sync::LazyLock;

/// Country names that name the same country, one country a line, tab-separated.
const COUNTRY_ALIASES: &str = include_str!("../data/gazetteer/country-aliases.txt");

/// Normalised country name -> country number.
static COUNTRIES: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (country, line) in COUNTRY_ALIASES.lines().enumerate() {
        for name in line.split('\t') {
            map.entry(normalize(name)).or_insert(country);
        }
    }
    map
});

/// Words left out of acronyms ("Federal Bureau of Investigation" -> FBI).
const ACRONYM_SKIPS: &[&str] = &["of", "the", "and", "for", "on", "in", "de", "&", "to"];

/// A mention's name reduced for comparison: lowercase, periods dropped, spaces single, a
/// leading "the" and a trailing possessive removed ("The U.S.'s" -> "us").
fn normalize(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    if let Some(last) = words.last_mut() {
        *last = last
            .strip_suffix("'s")
            .or_else(|| last.strip_suffix("’s"))
            .unwrap_or(last);
    }
    words
        .iter()
        .filter(|w| !w.is_empty() && *w != &"'s")
        .map(|w| w.replace('.', ""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The initials of a name of two or more capitalised words ("Federal Bureau of
/// Investigation" -> "fbi"), lowercase; `None` for shorter names.
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !ACRONYM_SKIPS.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.len() < 2 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    Some(
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// Whether a mention is an acronym: one word of capitals (periods allowed), 2 to 6 letters.
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// How full a mention is, for choosing the canonical name: words, then characters; an
/// acronym counts as less full than any spelled-out name.
fn fullness(name: &str) -> (bool, usize, usize) {
    (
        !is_acronym(name),
        name.split_whitespace().count(),
        name.chars().count(),
    )
}

/// What a cluster can be found by.
#[derive(Hash, PartialEq, Eq)]
enum ClusterKey {
    /// The normalised name of a mention.
    Name(Label, String),
    /// A word of a person's name (surnames and given names alike), normalised.
    PersonWord(String),
    /// A country, by number in the alias list.
    Country(usize),
    /// The initials of a mention's name.
    Initials(Label, String),
}

/// Groups the name entities of `text` into clusters. Returns the clusters and, for every
/// entity, the index of its cluster (`None` for dates and numbers).
pub fn cluster_entities(text: &str, entities: &[Entity]) -> (Vec<Cluster>, Vec<Option<usize>>) {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut assignment: Vec<Option<usize>> = Vec::with_capacity(entities.len());
    let mut keys: HashMap<ClusterKey, usize> = HashMap::new();
    for (i, entity) in entities.iter().enumerate() {
        if !entity.label.is_name() {
            assignment.push(None);
            continue;
        }
        let name = entity.span.text(text).trim();
        let normal = normalize(name);
        let label = entity.label;
        let country = (label == Label::Loc)
            .then(|| COUNTRIES.get(&normal).copied())
            .flatten();
        let person_words: Vec<String> = if label == Label::Person {
            normal.split(' ').map(str::to_string).collect()
        } else {
            Vec::new()
        };
        let found = keys
            .get(&ClusterKey::Name(label, normal.clone()))
            .or_else(|| country.and_then(|c| keys.get(&ClusterKey::Country(c))))
            .copied()
            .or_else(|| {
                // "Daesh" right after "Islamic State (": an alias in parentheses.
                parenthesised_after(text, entities, i)
                    .and_then(|previous| assignment.get(previous).copied().flatten())
                    .filter(|&c| clusters.get(c).is_some_and(|c| c.label == label))
            })
            .or_else(|| {
                is_acronym(name)
                    .then(|| keys.get(&ClusterKey::Initials(label, normal.clone())))
                    .flatten()
                    .copied()
            })
            .or_else(|| {
                // "European Union" after "EU": the full name of an acronym seen before.
                initials(name)
                    .and_then(|i| keys.get(&ClusterKey::Name(label, i)))
                    .copied()
                    .filter(|&c| clusters.get(c).is_some_and(|c| is_acronym(&c.name)))
            })
            .or_else(|| person_cluster(&person_words, &keys, &clusters));
        let index = match found {
            Some(index) => index,
            None => {
                clusters.push(Cluster {
                    name: name.to_string(),
                    label,
                    mentions: Vec::new(),
                });
                clusters.len() - 1
            }
        };
        let Some(cluster) = clusters.get_mut(index) else {
            assignment.push(None);
            continue;
        };
        cluster.mentions.push(entity.span);
        if fullness(name) > fullness(&cluster.name) {
            cluster.name = name.to_string();
        }
        keys.entry(ClusterKey::Name(label, normal)).or_insert(index);
        if let Some(country) = country {
            keys.entry(ClusterKey::Country(country)).or_insert(index);
        }
        if let Some(initials) = initials(name) {
            keys.entry(ClusterKey::Initials(label, initials))
                .or_insert(index);
        }
        for word in person_words {
            // The latest person with this word wins: "Kirby" names the Kirby just mentioned.
            keys.insert(ClusterKey::PersonWord(word), index);
        }
        assignment.push(Some(index));
    }
    (clusters, assignment)
}

/// The person cluster a person mention belongs to: the one named by its last word, when
/// either every word of the mention belongs to that cluster ("Kirby", "John Kirby" after
/// "John F. Kirby") or the mention holds every word of the cluster's name ("Zalmay
/// Khalilzad" after "Khalilzad"). Initials are not required to match.
fn person_cluster(
    words: &[String],
    keys: &HashMap<ClusterKey, usize>,
    clusters: &[Cluster],
) -> Option<usize> {
    let significant: Vec<&String> = words.iter().filter(|w| w.chars().count() > 1).collect();
    let last = significant.last()?;
    let candidate = *keys.get(&ClusterKey::PersonWord((*last).clone()))?;
    let cluster = clusters
        .get(candidate)
        .filter(|c| c.label == Label::Person)?;
    let part_of_cluster = significant
        .iter()
        .all(|w| keys.get(&ClusterKey::PersonWord((*w).clone())) == Some(&candidate));
    let cluster_name = normalize(&cluster.name);
    let holds_cluster = cluster_name
        .split(' ')
        .filter(|w| w.chars().count() > 1)
        .all(|w| words.iter().any(|m| m == w));
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
