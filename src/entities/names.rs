//! Names: PERSON, NORP, ORG, LOC and MISC from the trained tagger.
//!
//! The model learns the four CoNLL-2003 types; NORP (nationalities, religious and political
//! groups) is split out of MISC afterwards with the demonym and group gazetteers, as OntoNotes
//! separates them.

use super::features::Resources;
use super::gazetteer::{Gazetteer, List};
use super::model::{DocumentDecoder, Model, ModelError, Scorer};
use super::tags::{entity_runs, Tag};
use super::word_classes::WordClasses;
use crate::document::{Entity, Label, Sentence, Token};
use crate::span::Span;
use std::sync::LazyLock;

/// The committed model, trained by `newsmark train` on CoNLL-2003 train.
const MODEL_BYTES: &[u8] = include_bytes!("../../data/ner-model.bin");

/// The shipped tagger, built on first use.
static SHIPPED: LazyLock<Tagger> = LazyLock::new(|| {
    // The embedded model is checked by a test; an unreadable one tags no names rather than
    // failing every annotation.
    Tagger::new(Model::parse(MODEL_BYTES).unwrap_or_default())
});

/// A model with the gazetteers and word classes its features need.
pub struct Tagger {
    model: Model,
    gazetteer: Gazetteer,
    classes: WordClasses,
}

impl Tagger {
    /// The tagger of the committed model.
    pub fn shipped() -> &'static Tagger {
        &SHIPPED
    }

    /// A tagger of `model`, with the shipped gazetteers and word classes.
    pub fn new(model: Model) -> Tagger {
        Tagger {
            model,
            gazetteer: Gazetteer::shipped(),
            classes: WordClasses::shipped(),
        }
    }

    /// A tagger of the model file `bytes`.
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Model::parse(bytes).map(Tagger::new)
    }

    /// The gazetteers.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The word classes.
    pub fn classes(&self) -> &WordClasses {
        &self.classes
    }

    /// Tags a document given as sentences of tokens, with this tagger's model.
    pub fn tag_document<'t, T: AsRef<[&'t str]>>(&self, sentences: &[T]) -> Vec<Vec<Tag>> {
        tag_document_with(&self.model, self, sentences)
    }
}

/// Tags a document given as sentences of tokens with `scorer` (the shipped model, or a
/// perceptron in training) and the tagger's resources.
pub fn tag_document_with<'t, S: Scorer, T: AsRef<[&'t str]>>(
    scorer: &S,
    tagger: &Tagger,
    sentences: &[T],
) -> Vec<Vec<Tag>> {
    let resources = Resources {
        gazetteer: &tagger.gazetteer,
        classes: &tagger.classes,
    };
    let mut decoder = DocumentDecoder::new(&resources, sentences);
    let mut scorer = scorer;
    sentences
        .iter()
        .map(|sentence| {
            let mut tags = Vec::new();
            decoder.tag_sentence(&mut scorer, sentence.as_ref(), &mut tags, |_, _, _, t| t);
            tags
        })
        .collect()
}

/// Finds the names of `text`, in text order, never overlapping.
pub fn find_names(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
    let groups = group_tokens(tokens, sentences);
    let words: Vec<Vec<&str>> = groups
        .iter()
        .map(|group| group.iter().map(|t| t.span.text(text)).collect())
        .collect();
    let tagger = Tagger::shipped();
    let tags = tag_document_with(&tagger.model, tagger, &words);
    let mut entities = Vec::new();
    for ((group, words), tags) in groups.iter().zip(&words).zip(&tags) {
        for (kind, start, end) in entity_runs(tags) {
            let (Some(first), Some(last)) = (group.get(start), group.get(end.wrapping_sub(1)))
            else {
                continue;
            };
            let label = label_of(
                kind,
                words.get(start..end).unwrap_or(&[]),
                &tagger.gazetteer,
            );
            entities.push(Entity {
                span: Span::new(first.span.start, last.span.end),
                label,
                cluster: None,
            });
        }
    }
    entities
}

/// The label of an entity of model type `kind` (PER, LOC, ORG, MISC) made of `words`: MISC
/// names of nationalities and groups, and ORG names of groups ("Republicans"), are NORP.
pub fn label_of(kind: usize, words: &[&str], gazetteer: &Gazetteer) -> Label {
    match kind {
        0 => Label::Person,
        1 => Label::Loc,
        2 if gazetteer.contains(List::Groups, words) => Label::Norp,
        2 => Label::Org,
        _ if gazetteer.contains(List::Demonyms, words)
            || gazetteer.contains(List::Groups, words) =>
        {
            Label::Norp
        }
        _ => Label::Misc,
    }
}

/// Splits the tokens into the sentences that hold them; a run of tokens outside every
/// sentence forms a group of its own.
fn group_tokens<'a>(tokens: &'a [Token], sentences: &[Sentence]) -> Vec<&'a [Token]> {
    let mut groups = Vec::new();
    let mut sentence = 0;
    let mut group_start = 0;
    let mut group_key: Option<Option<usize>> = None;
    for (i, token) in tokens.iter().enumerate() {
        while sentences
            .get(sentence)
            .is_some_and(|s| s.span.end <= token.span.start)
        {
            sentence += 1;
        }
        let key = sentences
            .get(sentence)
            .filter(|s| s.span.contains(token.span))
            .map(|_| sentence);
        if group_key.is_some_and(|k| k != key) {
            groups.push(&tokens[group_start..i]);
            group_start = i;
        }
        group_key = Some(key);
    }
    if group_start < tokens.len() {
        groups.push(&tokens[group_start..]);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::TokenKind;

    fn token(start: usize, end: usize) -> Token {
        Token {
            span: Span::new(start, end),
            kind: TokenKind::Word,
        }
    }

    #[test]
    fn the_shipped_model_loads() {
        assert!(Model::parse(MODEL_BYTES).is_ok());
        assert!(!Tagger::shipped().model.is_empty());
    }

    #[test]
    fn tokens_group_by_sentence() {
        let tokens = [token(0, 1), token(2, 3), token(5, 6), token(8, 9)];
        let sentences = [Sentence {
            span: Span::new(0, 3),
        }];
        let groups: Vec<usize> = group_tokens(&tokens, &sentences)
            .iter()
            .map(|g| g.len())
            .collect();
        assert_eq!(groups, [2, 2]);
        assert_eq!(group_tokens(&[], &sentences).len(), 0);
    }

    #[test]
    fn nationalities_and_groups_are_norp() {
        let gazetteer = Gazetteer::shipped();
        // (model type, words, label)
        const CASES: &[(usize, &[&str], Label)] = &[
            (3, &["Pakistani"], Label::Norp),
            (3, &["Afghan"], Label::Norp),
            (3, &["Muslims"], Label::Norp),
            (2, &["Republicans"], Label::Norp),
            (2, &["Taliban"], Label::Org),
            (3, &["World", "Cup"], Label::Misc),
            (0, &["Kirby"], Label::Person),
            (1, &["Doha"], Label::Loc),
        ];
        for &(kind, words, label) in CASES {
            assert_eq!(label_of(kind, words, &gazetteer), label, "{words:?}");
        }
    }
}
