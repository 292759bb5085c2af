//! Names: PERSON, NORP, ORG, LOC and MISC from the trained tagger.
//!
//! The model learns the four CoNLL-2003 types; NORP (nationalities, religious and political
//! groups) is split out of MISC afterwards with the demonym and group gazetteers, as OntoNotes
//! separates them.

use super::decoder::{DocumentDecoder, WordCache};
use super::features::Resources;
use super::gazetteer::{Gazetteer, List};
use super::model::{Model, ModelError, Scorer};
use super::tags::{entity_runs, Tag};
use super::word_classes::WordClasses;
use crate::document::{Entity, Label, Sentence, Token};
use crate::span::Span;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The committed model, trained by `newsmark train` on CoNLL-2003 train.
const MODEL_BYTES: &[u8] = include_bytes!("../../data/ner-model.bin");

/// The shipped tagger, built on first use.
static SHIPPED: LazyLock<Tagger> = LazyLock::new(|| {
    // The embedded model is checked by a test; an unreadable one tags no names rather than
    // failing every annotation.
    Tagger::new(Model::parse_static(MODEL_BYTES).unwrap_or_default())
});

/// Most words of a document are common words met in earlier documents: the shipped model's
/// word entries are kept across documents (per thread), up to about this many words (about
/// 220 bytes each, bounded with the words of one part of [`PART_TOKENS`] tokens added).
const SHIPPED_CACHE_LIMIT: usize = 1 << 13;

thread_local! {
    /// The shipped model's [`WordCache`], shared by the documents tagged on this thread.
    static SHIPPED_WORDS: RefCell<WordCache> = RefCell::default();
}

/// Forgets the words this thread has cached across documents (their views and weight sums),
/// giving their memory back; later documents rebuild what they need. The benchmark calls it
/// to time every input from the same cold start.
pub fn forget_cached_words() {
    SHIPPED_WORDS.with(|cache| cache.take());
}

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
    tag_document_cached(scorer, tagger, sentences, &mut WordCache::default())
}

/// Like [`tag_document_with`], with summed weights cached by earlier documents tagged with
/// the same `scorer` (and cached into `cache` for later ones).
fn tag_document_cached<'t, S: Scorer, T: AsRef<[&'t str]>>(
    scorer: &S,
    tagger: &Tagger,
    sentences: &[T],
    cache: &mut WordCache,
) -> Vec<Vec<Tag>> {
    let resources = Resources {
        gazetteer: &tagger.gazetteer,
        classes: &tagger.classes,
    };
    let mut decoder = DocumentDecoder::new(&resources, sentences);
    decoder.freeze(scorer);
    decoder.use_cache(std::mem::take(cache));
    let mut tags = Vec::new();
    for sentence in sentences {
        decoder.tag_sentence(scorer, sentence.as_ref(), &mut tags);
        decoder.commit(&tags);
    }
    decoder.start_second_pass();
    let tags = sentences
        .iter()
        .map(|sentence| {
            let mut tags = Vec::new();
            decoder.tag_sentence(scorer, sentence.as_ref(), &mut tags);
            decoder.commit(&tags);
            tags
        })
        .collect();
    *cache = decoder.take_cache();
    tags
}

/// The entities of a tagged document, per sentence, as `(model type, first token, end
/// token)`, with two document-level rules applied: a bare surname after a person's full
/// name is that person ("Kirby" after "John F. Kirby"), whatever the model made of it; and a
/// capitalised country name the model left untagged is a place ("Pak" in a headline). With
/// [`Conventions::Reader`], a leading "The" is dropped from names.
pub fn document_entities<'t, T: AsRef<[&'t str]>>(
    sentences: &[T],
    tags: &[Vec<Tag>],
    gazetteer: &Gazetteer,
    conventions: Conventions,
) -> Vec<Vec<(usize, usize, usize)>> {
    const PERSON: usize = 0;
    const LOCATION: usize = 1;
    let mut surnames: HashSet<&str> = HashSet::new();
    let mut document = Vec::with_capacity(tags.len());
    for (sentence, tags) in sentences.iter().zip(tags) {
        let words = sentence.as_ref();
        let mut runs = entity_runs(tags);
        if conventions == Conventions::Reader {
            for run in &mut runs {
                // Names do not start with an article: "The US" is the US.
                let article = words.get(run.1).is_some_and(|w| *w == "The" || *w == "THE");
                if run.2 > run.1 + 1 && article {
                    run.1 += 1;
                }
                // Titles are not part of a person's name: "Mayor Ana Whitcombe" is Ana
                // Whitcombe, "Prime Minister Jacinda Ardern" is Jacinda Ardern.
                while run.0 == PERSON
                    && run.2 > run.1 + 1
                    && words.get(run.1).is_some_and(|w| is_person_title(w))
                {
                    run.1 += 1;
                }
            }
        }
        for run in &mut runs {
            let (kind, start, end) = *run;
            if end == start + 1
                && kind != PERSON
                && words.get(start).is_some_and(|w| surnames.contains(w))
            {
                run.0 = PERSON;
            }
        }
        for (i, word) in words.iter().enumerate() {
            let untagged = tags.get(i) == Some(&Tag::OUTSIDE);
            if untagged
                && word.starts_with(char::is_uppercase)
                && gazetteer.contains(List::Countries, &[word])
            {
                runs.push((LOCATION, i, i + 1));
            }
        }
        runs.sort_by_key(|&(_, start, _)| start);
        for &(kind, start, end) in &runs {
            if kind == PERSON && end > start + 1 {
                if let Some(last) = words.get(end - 1).filter(|w| is_name_word(w)) {
                    surnames.insert(last);
                }
            }
        }
        document.push(runs);
    }
    document
}

/// Titles and honorifics that may stand before a person's name, lowercase, without a period,
/// sorted (a test checks the order).
const PERSON_TITLES: &[&str] = &[
    "ambassador",
    "archbishop",
    "bishop",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "councillor",
    "councilman",
    "councilwoman",
    "dame",
    "deputy",
    "dr",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "justice",
    "king",
    "lady",
    "lord",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "sheikh",
    "sir",
    "speaker",
];

/// Whether `word` is a title that precedes a person's name (`Mayor`, `Sen.`, `Dr`).
fn is_person_title(word: &str) -> bool {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    PERSON_TITLES.binary_search(&word.as_str()).is_ok()
}

/// Whether a word can be a surname: capitalised, then lowercase letters ("Kirby", not
/// "F." or "US").
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() > 1
        && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'')
}

/// The most tokens tagged as one document, about: a longer input (a book, many articles
/// pasted at once) is tagged in parts of about this many tokens, cut between sentences. The
/// document context (how the same word was tagged elsewhere) then reaches across a part,
/// far beyond a news article, and the tagger's memory stays bounded whatever the input.
const PART_TOKENS: usize = 1 << 13;

/// Finds the names of `text`, in text order, never overlapping.
pub fn find_names(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
    let mut entities = Vec::new();
    // The part's words only: their spans are found again from them ([`span_in`]), which
    // halves the part's memory.
    let mut part: Vec<Vec<&str>> = Vec::new();
    let mut part_tokens = 0;
    for group in group_tokens(tokens, sentences) {
        let group_words: Vec<&str> = model_tokens(text, group)
            .iter()
            .map(|span| span.text(text))
            .collect();
        part_tokens += group_words.len();
        // A name never ends a sentence at a middle initial ("John F. | Kirby"): rejoin a
        // sentence that ends in one with the next, whatever the sentence splitter did.
        match part.last_mut() {
            Some(previous) if previous.last().is_some_and(|word| is_initial(word)) => {
                previous.extend(group_words);
            }
            _ => {
                if part_tokens > PART_TOKENS {
                    tag_part(text, &part, &mut entities);
                    part.clear();
                    part_tokens = group_words.len();
                }
                part.push(group_words);
            }
        }
    }
    tag_part(text, &part, &mut entities);
    entities
}

/// The span of `word` in `text`, if `word` is a slice of `text` (as `str::substr_range`
/// finds it, not yet stable).
fn span_in(text: &str, word: &str) -> Option<Span> {
    let start = (word.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start.checked_add(word.len())?;
    text.get(start..end)
        .filter(|found| std::ptr::eq(*found, word))
        .map(|_| Span::new(start, end))
}

/// Tags one part of a text, given as groups of model tokens (sentences) sliced from `text`,
/// as one document, and appends its names to `entities`.
fn tag_part(text: &str, words: &[Vec<&str>], entities: &mut Vec<Entity>) {
    let tagger = Tagger::shipped();
    // The cache holds only the shipped model's sums: `SHIPPED_WORDS` serves no other.
    let tags = SHIPPED_WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let tags = tag_document_cached(&tagger.model, tagger, words, &mut cache);
        cache.trim(SHIPPED_CACHE_LIMIT);
        tags
    });
    let runs = document_entities(words, &tags, &tagger.gazetteer, Conventions::Reader);
    for (words, runs) in words.iter().zip(runs) {
        for (kind, start, end) in runs {
            let first = words.get(start).and_then(|word| span_in(text, word));
            let last = words
                .get(end.wrapping_sub(1))
                .and_then(|word| span_in(text, word));
            let (Some(first), Some(last)) = (first, last) else {
                continue;
            };
            let label = label_of(
                kind,
                words.get(start..end).unwrap_or(&[]),
                &tagger.gazetteer,
                Conventions::Reader,
            );
            entities.push(Entity {
                span: Span::new(first.start, last.end),
                label,
                cluster: None,
            });
        }
    }
}

/// Whether a token is an initial: one uppercase letter and a period ("F.").
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(letter), Some('.'), None) if letter.is_uppercase()
    )
}

/// Abbreviations written with a period that CoNLL-2003 keeps in one token ("Mr.", "Corp.").
const ABBREVIATIONS: &[&str] = &[
    "Bros", "Capt", "Co", "Col", "Corp", "Dr", "Gen", "Gov", "Inc", "Jr", "Lt", "Ltd", "Mr", "Mrs",
    "Ms", "Prof", "Rep", "Sen", "Sgt", "Sr", "St", "Vs",
];

/// The tokens the model reads: the stage's tokens, except that a single letter or a known
/// abbreviation and the period right after it form one token, and so do runs of them
/// ("F." in "John F. Kirby", "U.S."), as in the CoNLL-2003 data the model learned from.
fn model_tokens(text: &str, group: &[Token]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::with_capacity(group.len());
    let mut i = 0;
    while let Some(first) = group.get(i) {
        // `last` is the index of the last token merged into this one.
        let mut last = i;
        let mut j = i;
        while let (Some(word), Some(period)) = (group.get(j), group.get(j + 1)) {
            let word_text = word.span.text(text);
            let is_letter =
                word_text.chars().count() == 1 && word_text.chars().all(char::is_alphabetic);
            let is_abbreviation = j == i && ABBREVIATIONS.contains(&word_text);
            let touching = (j == i
                || group
                    .get(j - 1)
                    .is_some_and(|t| t.span.end == word.span.start))
                && word.span.end == period.span.start;
            if !(touching && (is_letter || is_abbreviation) && period.span.text(text) == ".") {
                break;
            }
            last = j + 1;
            j += 2;
        }
        let end = group.get(last).map_or(first.span.end, |t| t.span.end);
        spans.push(Span::new(first.span.start, end));
        i = last + 1;
    }
    spans
}

/// Whose conventions names follow where they differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conventions {
    /// CoNLL-2003's, to be scored against its data: some names include "The" ("The Hague"),
    /// and the model's type stands.
    Conll,
    /// A news reader's (and OntoNotes'): no leading "The" ("The US" is "US"), and a
    /// country's name alone is a place whatever the model thought.
    Reader,
}

/// The label of an entity of model type `kind` (PER, LOC, ORG, MISC) made of `words`: MISC
/// names of nationalities and groups, and ORG names of groups ("Republicans"), are NORP;
/// names in the organisation list are ORG and country names LOC whatever the model thought,
/// unless a person.
pub fn label_of(
    kind: usize,
    words: &[&str],
    gazetteer: &Gazetteer,
    conventions: Conventions,
) -> Label {
    match kind {
        0 => Label::Person,
        _ if gazetteer.contains(List::Organisations, words) => Label::Org,
        _ if conventions == Conventions::Reader && gazetteer.contains(List::Countries, words) => {
            Label::Loc
        }
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
    fn initials_and_abbreviations_join_their_period() {
        // (text, model tokens)
        const CASES: &[(&str, &[&str])] = &[
            ("John F. Kirby said", &["John", "F.", "Kirby", "said"]),
            ("the U.S. troops", &["the", "U.S.", "troops"]),
            ("Mr. Kirby", &["Mr.", "Kirby"]),
            ("in the U.S.", &["in", "the", "U.S."]),
            ("Plan B. Then", &["Plan", "B.", "Then"]),
            ("F . Kirby", &["F", ".", "Kirby"]),
            ("end.", &["end", "."]),
        ];
        for &(text, expected) in CASES {
            let tokens = crate::tokenize::tokenize(text);
            let found: Vec<&str> = model_tokens(text, &tokens)
                .iter()
                .map(|s| s.text(text))
                .collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn cached_scores_tag_like_fresh_ones() {
        let tagger = Tagger::shipped();
        let resources = Resources {
            gazetteer: &tagger.gazetteer,
            classes: &tagger.classes,
        };
        let sentences: [&[&str]; 3] = [
            &["SOCCER", "-", "KIRBY", "SCORES", "FOR", "LEEDS"],
            &[
                "John", "Kirby", "scored", "twice", "for", "Leeds", "United", "in", "London", ".",
            ],
            &["Kirby", "said", "Leeds", "would", "win", "."],
        ];
        /// The model's weights, without the claim of exact sums (as the perceptron's, when
        /// training scores its averaged weights): frozen, its second pass lists every
        /// token's features again.
        struct Listed<'a>(&'a Model);
        impl Scorer for Listed<'_> {
            fn add_weights(
                &self,
                feature: u64,
                scores: &mut [f32; crate::entities::tags::NUM_TAGS],
            ) {
                self.0.add_weights(feature, scores);
            }
        }
        /// Both passes' tags of `sentences` by `scorer`, frozen or not, and the features the
        /// decoder listed for each token.
        fn tag_twice<S: Scorer>(
            scorer: &S,
            frozen: bool,
            resources: &Resources,
            sentences: &[&[&str]],
        ) -> (Vec<Vec<Tag>>, Vec<Vec<u64>>) {
            let mut decoder = DocumentDecoder::new(resources, sentences);
            if frozen {
                decoder.freeze(scorer);
            }
            let (mut all, mut features) = (Vec::new(), Vec::new());
            for pass in 0..2 {
                if pass == 1 {
                    decoder.start_second_pass();
                }
                for sentence in sentences {
                    let mut tags = Vec::new();
                    decoder.tag_sentence(scorer, sentence, &mut tags);
                    features.extend((0..tags.len()).map(|i| decoder.token_features(i).to_vec()));
                    decoder.commit(&tags);
                    all.push(tags);
                }
            }
            (all, features)
        }
        let fresh = tag_twice(&tagger.model, false, &resources, &sentences);
        let cached = tag_twice(&tagger.model, true, &resources, &sentences);
        let listed = tag_twice(&Listed(&tagger.model), true, &resources, &sentences);
        assert_eq!(cached.0, fresh.0);
        assert!(listed.1 == fresh.1, "the features listed differ");
        assert_eq!(listed.0, fresh.0);
    }

    #[test]
    fn scores_cached_by_earlier_documents_tag_like_fresh_ones() {
        let tagger = Tagger::shipped();
        let documents: [&[&[&str]]; 3] = [
            &[
                &["KIRBY", "SCORES", "FOR", "LEEDS"],
                &["Kirby", "said", "."],
            ],
            &[
                &[
                    "John", "Kirby", "met", "Leeds", "United", "in", "London", ".",
                ],
                &["Leeds", "won", "."],
            ],
            &[&["Kirby", "Leeds", "London", "said", "the", "US", "."]],
        ];
        // Trimmed to a few words after each document: the words kept must serve as well.
        let mut cache = WordCache::default();
        for document in documents.iter().chain(&documents) {
            let shared = tag_document_cached(&tagger.model, tagger, document, &mut cache);
            let fresh = tag_document_with(&tagger.model, tagger, document);
            assert_eq!(shared, fresh, "{document:?}");
            cache.trim(3);
        }
    }

    #[test]
    fn long_texts_are_tagged_in_parts_without_losing_names() {
        // Well over two parts of PART_TOKENS tokens: every copy of the sentence gets the
        // names of the sentence alone, in the last part as in the first.
        let sentence = "Prime Minister Sheikh Hasina met John Kirby in Dhaka on Monday.\n";
        let copies = 2 * PART_TOKENS / crate::tokenize::tokenize(sentence).len() + 10;
        let text = sentence.repeat(copies);
        let alone: Vec<(usize, usize, Label)> = crate::annotate(sentence)
            .entities
            .iter()
            .map(|e| (e.span.start, e.span.end, e.label))
            .collect();
        assert!(alone.len() >= 3, "{alone:?}");
        let entities = crate::annotate(&text).entities;
        assert_eq!(entities.len(), alone.len() * copies);
        for (k, copy) in entities.chunks(alone.len()).enumerate() {
            let offset = k * sentence.len();
            let shifted: Vec<(usize, usize, Label)> = copy
                .iter()
                .map(|e| (e.span.start - offset, e.span.end - offset, e.label))
                .collect();
            assert_eq!(shifted, alone, "copy {k}");
        }
    }

    #[test]
    fn odd_inputs_give_sorted_spans_on_char_boundaries() {
        let long_word = "A".repeat(10_000);
        let inputs = [
            "",
            "...",
            "ÉMILE ZOLA À PARIS 🇫🇷 — “Привет” 北京",
            "no capitals at all here in washington or paris",
            "ALL CAPS HEADLINE ABOUT KIRBY IN PAKISTAN",
            "1 2 3 4 | 5 6 | 7 8",
            long_word.as_str(),
            "F. F. F. U.S. U.S.A. Mr. . . Inc.",
        ];
        for text in inputs {
            let document = crate::annotate(text);
            let names = &document.entities;
            for pair in names.windows(2) {
                assert!(pair[0].span.end <= pair[1].span.start, "{text}");
            }
            for entity in names {
                assert!(text.is_char_boundary(entity.span.start), "{text}");
                assert!(text.is_char_boundary(entity.span.end), "{text}");
                assert!(entity.span.start < entity.span.end, "{text}");
            }
        }
    }

    #[test]
    fn words_sliced_from_a_text_give_their_span() {
        let text = "Kirby met Kirby";
        // The same letters elsewhere are not a slice of the text.
        let copy = text.to_string();
        // (word, its span in `text` if it is a slice of it)
        let cases: [(&str, Option<(usize, usize)>); 5] = [
            (&text[..5], Some((0, 5))),
            (&text[10..], Some((10, 15))),
            (&text[15..], Some((15, 15))),
            (&copy[..5], None),
            (&copy[10..], None),
        ];
        for (word, expected) in cases {
            let found = span_in(text, word).map(|span| (span.start, span.end));
            assert_eq!(found, expected, "{word}");
        }
    }

    #[test]
    fn person_titles_are_sorted_and_recognised() {
        assert!(PERSON_TITLES.windows(2).all(|w| w[0] < w[1]));
        for title in ["Mayor", "Sen.", "Dr", "PRESIDENT", "Prime"] {
            assert!(is_person_title(title), "{title}");
        }
        for word in ["Whitcombe", "Kirby", "The"] {
            assert!(!is_person_title(word), "{word}");
        }
    }

    #[test]
    fn titles_are_not_part_of_a_person_name() {
        let text = "Mayor Ana Whitcombe spoke. Sen. Jeff Sessions left.";
        let names: Vec<&str> = crate::annotate(text)
            .entities
            .iter()
            .filter(|e| e.label == crate::Label::Person)
            .map(|e| e.span.text(text))
            .collect();
        assert_eq!(names, ["Ana Whitcombe", "Jeff Sessions"]);
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
            (3, &["US"], Label::Misc),
        ];
        for &(kind, words, label) in CASES {
            assert_eq!(
                label_of(kind, words, &gazetteer, Conventions::Conll),
                label,
                "{words:?}"
            );
        }
        // A reader's conventions: a country's name is a place.
        let reader = label_of(3, &["US"], &gazetteer, Conventions::Reader);
        assert_eq!(reader, Label::Loc);
    }
}
