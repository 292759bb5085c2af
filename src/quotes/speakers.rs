//! From a speaker phrase to a [`Speaker`]: the phrase linked to its entity cluster, and a
//! pronoun resolved to the nearest compatible person named before it.

use super::attribution::{Phrase, PhraseKind};
use super::cues::{gender_of_name_word, Pronoun};
use crate::document::{Cluster, Entity, Label, Speaker};
use crate::span::Span;

/// How many earlier candidates a pronoun looks back over.
const MAX_LOOKBACK: usize = 40;

/// Someone a pronoun may stand for: a person entity, or a named speaker found by attribution.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    span: Span,
    cluster: Option<usize>,
    gender: Option<Pronoun>,
    person: bool,
    plural: bool,
}

/// Links speaker phrases to clusters and resolves pronouns, for one document.
pub struct Resolver<'a> {
    text: &'a str,
    entities: &'a [Entity],
    clusters: &'a [Cluster],
    /// Candidates in text order.
    candidates: Vec<Candidate>,
    /// Gender of each cluster, from titles and first names of its mentions.
    cluster_gender: Vec<Option<Pronoun>>,
}

impl<'a> Resolver<'a> {
    /// Prepares the candidates: person, organisation and group entities, plus the named and
    /// nominal `speakers` attribution found.
    pub fn new(
        text: &'a str,
        entities: &'a [Entity],
        clusters: &'a [Cluster],
        speakers: &[Phrase],
    ) -> Resolver<'a> {
        // Only people have a gender: other clusters' mentions are not read.
        let cluster_gender = clusters
            .iter()
            .map(|c| {
                (c.label == Label::Person)
                    .then(|| c.mentions.iter().find_map(|m| gender_near(text, *m)))
                    .flatten()
            })
            .collect();
        let mut candidates: Vec<Candidate> = entities
            .iter()
            .filter(|e| matches!(e.label, Label::Person | Label::Org | Label::Norp))
            .map(|e| Candidate {
                span: e.span,
                cluster: e.cluster,
                gender: None,
                person: e.label == Label::Person,
                plural: e.label != Label::Person,
            })
            .collect();
        for phrase in speakers {
            let plural = phrase.kind == PhraseKind::Nominal && is_plural(phrase.span.text(text));
            if phrase.kind == PhraseKind::Name || plural {
                let cluster = entity_in(entities, phrase.span).and_then(|e| e.cluster);
                candidates.push(Candidate {
                    span: phrase.span,
                    cluster,
                    gender: gender_near(text, phrase.span),
                    person: !plural,
                    plural,
                });
            }
        }
        candidates.sort_by_key(|c| c.span.start);
        let mut resolver = Resolver {
            text,
            entities,
            clusters,
            candidates,
            cluster_gender,
        };
        for i in 0..resolver.candidates.len() {
            let c = resolver.candidates[i];
            if c.gender.is_none() {
                resolver.candidates[i].gender = c
                    .cluster
                    .and_then(|k| resolver.cluster_gender.get(k).copied().flatten());
            }
        }
        resolver
    }

    /// The speaker that `phrase` names.
    pub fn speaker(&self, phrase: &Phrase) -> Speaker {
        let span = phrase.span;
        let own = || Speaker {
            span,
            text: span.text(self.text).to_string(),
            entity: None,
            own_mentions: vec![span],
        };
        let antecedent = match (phrase.kind, phrase.antecedent) {
            // `Beck, who said`: the relative pronoun's own antecedent.
            (_, Some(before)) => Some(Candidate {
                span: before,
                cluster: entity_in(self.entities, before).and_then(|e| e.cluster),
                gender: None,
                person: true,
                plural: false,
            }),
            (PhraseKind::Pronoun(p), None) => self.antecedent(span.start, p),
            _ => None,
        };
        let cluster = match phrase.kind {
            PhraseKind::Pronoun(_) => antecedent.and_then(|c| c.cluster),
            _ => entity_in(self.entities, span).and_then(|e| e.cluster),
        };
        if let Some((index, cluster)) = cluster.and_then(|k| Some((k, self.clusters.get(k)?))) {
            return Speaker {
                span,
                text: cluster.name.clone(),
                entity: Some(index),
                own_mentions: vec![span],
            };
        }
        match antecedent {
            Some(c) => Speaker {
                span,
                text: c.span.text(self.text).to_string(),
                entity: None,
                own_mentions: vec![c.span, span],
            },
            None => own(),
        }
    }

    /// The nearest candidate before `at` that a pronoun of kind `pronoun` can stand for.
    fn antecedent(&self, at: usize, pronoun: Pronoun) -> Option<Candidate> {
        let before = self.candidates.partition_point(|c| c.span.end <= at);
        self.candidates[..before]
            .iter()
            .rev()
            .take(MAX_LOOKBACK)
            .find(|c| match pronoun {
                Pronoun::Male | Pronoun::Female => {
                    c.person && c.gender.is_none_or(|g| g == pronoun)
                }
                Pronoun::Plural => c.plural,
                // `the council said it ...`: `it` speaks for an organisation.
                Pronoun::Neuter => !c.person,
                Pronoun::Other => false,
            })
            .copied()
    }
}

/// The last name entity inside or overlapping `span` (the head of `Pentagon Press Secretary
/// John F. Kirby` is the person, not the organisation).
fn entity_in(entities: &[Entity], span: Span) -> Option<&Entity> {
    let from = entities.partition_point(|e| e.span.end <= span.start);
    entities[from..]
        .iter()
        .take_while(|e| e.span.start < span.end)
        .filter(|e| e.label.is_name() && e.span.overlaps(span))
        .max_by_key(|e| (e.label == Label::Person, e.span.start))
}

/// The gender given by the title before a name or a word of it (`Mrs. Clinton`, `Donald`).
fn gender_near(text: &str, span: Span) -> Option<Pronoun> {
    gender_of_name_word(super::word_before(text, span.start)).or_else(|| {
        span.text(text)
            .split_whitespace()
            .find_map(gender_of_name_word)
    })
}

/// Whether a common noun phrase is plural (`officials`, `multiple reports`).
fn is_plural(phrase: &str) -> bool {
    let head = phrase.rsplit(char::is_whitespace).next().unwrap_or("");
    head.ends_with('s') && !head.ends_with("ss")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_and_gender() {
        const PLURAL: &[(&str, bool)] = &[
            ("officials", true),
            ("multiple reports", true),
            ("the press", false),
            ("the spokesman", false),
        ];
        for (phrase, expected) in PLURAL {
            assert_eq!(is_plural(phrase), *expected, "{phrase}");
        }
        let text = "Mrs. Lin and Donald Hale";
        assert_eq!(gender_near(text, Span::new(5, 8)), Some(Pronoun::Female));
        assert_eq!(gender_near(text, Span::new(13, 24)), Some(Pronoun::Male));
    }
}
