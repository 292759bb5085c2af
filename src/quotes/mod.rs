//! Quotations and reported speech, with their speakers: the last stage of the pipeline.
//!
//! 1. [`marks`] pairs the quotation marks into quotations.
//! 2. [`stream`] collapses each quotation into one unit among the words and numbers its own
//!    sentences.
//! 3. [`attribution`] finds each quotation's cue and speaker phrase in its sentence; a
//!    quotation without one continues the last speaker (news convention).
//! 4. [`indirect`] finds reported speech (`X said that ...`).
//! 5. [`speakers`] links speakers to entity clusters and resolves pronouns.

pub mod attribution;
pub mod cues;
pub mod indirect;
pub mod marks;
pub mod speakers;
pub mod stream;

use crate::document::{Cluster, Entity, Paragraph, Quote, QuoteKind, Sentence, Token};
use attribution::{Attribution, Phrase};
use cues::is_term_marker;
use stream::{Class, Stream};

/// The most words a quotation without any speaker may have and still be a scare quote or a
/// title (kind `term`) rather than speech.
const MAX_TERM_WORDS: usize = 3;
/// How many paragraphs back a quotation that opens its paragraph looks for the speaker it
/// continues.
const MAX_PARAGRAPHS_BACK: u32 = 2;

/// Finds the quotations and reported statements of `text` and who said them, in text order.
/// Uses the tokens, paragraphs, entities and clusters of the earlier stages; sentences are
/// re-split here, because a quotation's attribution may follow a full stop inside its marks.
pub fn find_quotes(
    text: &str,
    tokens: &[Token],
    _sentences: &[Sentence],
    paragraphs: &[Paragraph],
    entities: &[Entity],
    clusters: &[Cluster],
) -> Vec<Quote> {
    let marked = marks::pair_marks(text, paragraphs);
    let stream = Stream::new(text, tokens, paragraphs, &marked);

    // Each quotation's own attribution, from a cue in its sentence or its subject.
    let mut kinds = Vec::with_capacity(marked.len());
    let mut own: Vec<Option<Attribution>> = Vec::with_capacity(marked.len());
    let mut used = vec![false; stream.units.len()];
    for (index, quote) in marked.iter().enumerate() {
        let q = stream.quote_unit.get(index).copied().unwrap_or(0);
        let content = quote.content.first().map_or("", |c| c.text(text));
        let found = stream
            .attribute_quote(q)
            .or_else(|| stream.attribute_by_dash(q))
            .or_else(|| stream.attribute_by_subject(q))
            .or_else(|| transcript_speaker(text, q, quote));
        let kind = if is_term(&stream, q, quote, found.is_some()) {
            QuoteKind::Term
        } else if stream.is_embedded(q, content) {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        };
        if let Some(unit) = found.and_then(|a| a.cue_unit) {
            if let Some(flag) = used.get_mut(unit) {
                *flag = true;
            }
        }
        kinds.push(kind);
        own.push(found.filter(|_| kind != QuoteKind::Term));
    }
    let reported = indirect::find_reported(&stream, &used);

    // Every attribution by position, for quotations that continue an earlier speaker. An
    // introducing cue (`He said:` at a paragraph's end) passes its cue on; others do not.
    let mut events: Vec<Event> = own
        .iter()
        .zip(&stream.quote_unit)
        .filter_map(|(a, &q)| a.map(|a| (q, without_cue(a))))
        .chain(reported.iter().map(|r| {
            let unit = r
                .attribution
                .cue_unit
                .unwrap_or(r.attribution.speaker.first);
            (unit, without_cue(r.attribution))
        }))
        .chain(introductions(&stream, &used))
        .collect();
    events.sort_by_key(|(unit, _)| *unit);

    let speakers: Vec<Phrase> = events.iter().map(|(_, a)| a.speaker).collect();
    let resolver = speakers::Resolver::new(text, entities, clusters, &speakers);

    let mut quotes: Vec<Quote> = Vec::with_capacity(marked.len() + reported.len());
    // The latest attribution before the current quotation, continued ones included, so that
    // a run of uncued quotation paragraphs stays with its speaker.
    let mut last: Option<Event> = None;
    let mut next_event = 0;
    for (index, quote) in marked.into_iter().enumerate() {
        let kind = kinds[index];
        let q = stream.quote_unit.get(index).copied().unwrap_or(0);
        while let Some(&event) = events.get(next_event).filter(|(unit, _)| *unit < q) {
            last = Some(event);
            next_event += 1;
        }
        let attribution = match own[index] {
            Some(a) => Some(a),
            None if kind == QuoteKind::Term => None,
            None => continued_speaker(&stream, last, events.get(next_event).copied(), q),
        };
        if let Some(a) = attribution.filter(|_| kind != QuoteKind::Term) {
            last = Some((q, without_cue(a)));
        }
        quotes.push(Quote {
            span: quote.span,
            kind,
            content: quote.content,
            cue: attribution.and_then(|a| a.cue),
            speaker: attribution.map(|a| resolver.speaker(&a.speaker)),
        });
    }
    for r in &reported {
        quotes.push(Quote {
            span: r.content,
            kind: QuoteKind::Indirect,
            content: vec![r.content],
            cue: r.attribution.cue,
            speaker: Some(resolver.speaker(&r.attribution.speaker)),
        });
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes
}

/// An attribution at a unit of the stream.
type Event = (usize, Attribution);

/// The attribution as a later quotation continues it: same speaker, no cue of its own.
fn without_cue(attribution: Attribution) -> Attribution {
    Attribution {
        cue: None,
        cue_unit: None,
        ..attribution
    }
}

/// Cues that introduce quotations to come: `He said:` / `The New York Times reports:` with
/// nothing quoted in their own sentence. Their speaker and cue carry over to the quotation
/// that follows.
fn introductions(stream: &Stream, used: &[bool]) -> Vec<Event> {
    (0..stream.units.len())
        .filter(|&k| !used.get(k).copied().unwrap_or(true))
        .filter(|&k| stream.class(k + 1) == Class::Colon && stream.is_cue_at(k))
        .filter_map(|k| {
            let start = stream.sentence_start(k);
            stream.speaker_of_cue(k, start, k + 1).map(|a| (k, a))
        })
        .collect()
}

/// The speaker named by a transcript label at the start of a quotation (`"PENCE: Well, ...`).
fn transcript_speaker(text: &str, q: usize, quote: &marks::MarkedQuote) -> Option<Attribution> {
    let content = quote.content.first()?;
    let colon = marks::transcript_label(content.text(text))?;
    Some(Attribution {
        cue: None,
        cue_unit: None,
        speaker: Phrase {
            span: crate::span::Span::new(content.start, content.start + colon),
            kind: attribution::PhraseKind::Name,
            first: q,
            end: q + 1,
            antecedent: None,
        },
    })
}

/// Whether the quotation at unit `q` is a scare quote or a title: it follows a word such as
/// `so-called` or `titled`, or it is a few words that nobody in its sentence is said to say.
fn is_term(stream: &Stream, q: usize, quote: &marks::MarkedQuote, attributed: bool) -> bool {
    let start = stream.sentence_start(q);
    // The word before the opening mark, read from the text so that `so-called` is one word
    // whatever the tokenizer makes of it.
    let before = stream.text.get(..quote.span.start).unwrap_or("");
    // Only a word right before the mark counts: `its headline: "Q"` introduces speech.
    let previous_word = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    if is_term_marker(previous_word) {
        return true;
    }
    let words: usize = quote
        .content
        .iter()
        .map(|c| c.text(stream.text).split_whitespace().count())
        .sum();
    // A short quotation inside a sentence; one standing as its own sentence (`"Neither do
    // I."`) is speech continuing the last speaker.
    !attributed && words <= MAX_TERM_WORDS && q > start
}

/// The speaker a quotation without a cue continues (news convention): the last speaker
/// earlier in its paragraph; else, for a quotation that opens its paragraph, the next
/// attributed quotation's speaker in the paragraph or the last speaker of the paragraph before.
fn continued_speaker(
    stream: &Stream,
    last: Option<Event>,
    next: Option<Event>,
    q: usize,
) -> Option<Attribution> {
    let paragraph = stream.units.get(q)?.paragraph;
    let paragraph_of = |unit: usize| stream.units.get(unit).map(|u| u.paragraph);
    if let Some((unit, attribution)) = last {
        if paragraph_of(unit) == Some(paragraph) {
            return Some(attribution);
        }
    }
    let opens_paragraph = q == 0 || paragraph_of(q - 1) != Some(paragraph);
    if !opens_paragraph {
        return None;
    }
    if let Some((unit, attribution)) = next {
        if paragraph_of(unit) == Some(paragraph) {
            return Some(attribution);
        }
    }
    let (unit, attribution) = last?;
    (paragraph_of(unit)? + MAX_PARAGRAPHS_BACK >= paragraph).then_some(attribution)
}
