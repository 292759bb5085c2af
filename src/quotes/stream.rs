//! The text as attribution sees it: a stream of units (words, punctuation, and each quotation
//! collapsed into one unit), with sentence and paragraph numbers of its own. Attribution does
//! its own sentence split because a quotation may hold several sentences (`"A. B," X said`)
//! and the attribution after it belongs to the same sentence as its last part.

use super::cues::{is_cue, is_title_abbreviation};
use super::marks::MarkedQuote;
use crate::document::{Paragraph, Token, TokenKind};
use crate::span::Span;

/// What a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A word or a number.
    Word,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `.`, `!`, `?`, `…`: ends a sentence unless an abbreviation or initial.
    Stop,
    /// `(`
    OpenParen,
    /// `)`
    CloseParen,
    /// An apostrophe outside any quotation (`Trump's` split by the tokenizer).
    Apostrophe,
    /// Any other punctuation or symbol (`;`, `—`, `$`).
    Punct,
    /// A whole quotation.
    Quote,
}

/// One unit of the stream: 16 bytes, a third of a token's output, since there is one per
/// token of the text (its span is found from its source by [`Stream::span`]).
#[derive(Clone, Copy, Debug)]
pub struct Unit {
    /// The token it is, or for a `Quote` the quotation's number.
    source: u32,
    /// What it is.
    pub class: Class,
    /// Its sentence number (attribution's own split).
    pub sentence: u32,
    /// Its paragraph number.
    pub paragraph: u32,
}

/// The units of a text, with the text they point into.
pub struct Stream<'a> {
    /// The input.
    pub text: &'a str,
    /// The tokens of the text, which the units other than quotations are.
    tokens: &'a [Token],
    /// Where each quotation is.
    quote_spans: Vec<Span>,
    /// Units in text order.
    pub units: Vec<Unit>,
    /// For each quotation, the index of its unit.
    pub quote_unit: Vec<usize>,
    /// For each sentence number, its first unit and one past its last.
    sentences: Vec<(usize, usize)>,
}

impl<'a> Stream<'a> {
    /// Builds the stream: tokens inside a quotation become one `Quote` unit, the others keep
    /// their class; then sentences are numbered.
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        paragraphs: &[Paragraph],
        quotes: &[MarkedQuote],
    ) -> Stream<'a> {
        let mut units = Vec::with_capacity(tokens.len() + quotes.len());
        let mut quote_unit = vec![0; quotes.len()];
        let mut next_quote = 0;
        let mut paragraph = 0usize;
        // The end of the quotation the last unit is, while it is one.
        let mut quote_end = None;
        for (index, token) in tokens.iter().enumerate() {
            // A quotation starts at or before this token: emit it once, skip its tokens.
            while next_quote < quotes.len() && quotes[next_quote].span.start < token.span.end {
                let q = &quotes[next_quote];
                // A multi-paragraph quotation sits in its last paragraph, beside the
                // attribution that closes it (`..., he said.`).
                let last_byte = q.span.end.saturating_sub(1);
                while paragraph + 1 < paragraphs.len()
                    && paragraphs[paragraph].span.end <= last_byte
                {
                    paragraph += 1;
                }
                quote_unit[next_quote] = units.len();
                units.push(Unit {
                    source: source_number(next_quote),
                    class: Class::Quote,
                    sentence: 0,
                    paragraph: paragraph as u32,
                });
                quote_end = Some(q.span.end);
                next_quote += 1;
            }
            if quote_end.is_some_and(|end| end > token.span.start) {
                continue;
            }
            while paragraph + 1 < paragraphs.len()
                && paragraphs[paragraph].span.end <= token.span.start
            {
                paragraph += 1;
            }
            units.push(Unit {
                source: source_number(index),
                class: classify(token, text),
                sentence: 0,
                paragraph: paragraph as u32,
            });
            quote_end = None;
        }
        // Quotations after the last token (a text of marks only).
        while next_quote < quotes.len() {
            quote_unit[next_quote] = units.len();
            units.push(Unit {
                source: source_number(next_quote),
                class: Class::Quote,
                sentence: 0,
                paragraph: paragraph as u32,
            });
            next_quote += 1;
        }
        let mut stream = Stream {
            text,
            tokens,
            quote_spans: quotes.iter().map(|q| q.span).collect(),
            units,
            quote_unit,
            sentences: Vec::new(),
        };
        stream.number_sentences(quotes);
        stream
    }

    /// Where unit `i` is (`None` past the end).
    pub fn span(&self, i: usize) -> Option<Span> {
        let unit = self.units.get(i)?;
        let source = unit.source as usize;
        match unit.class {
            Class::Quote => self.quote_spans.get(source).copied(),
            _ => self.tokens.get(source).map(|token| token.span),
        }
    }

    /// The text of unit `i` (`""` past the end).
    pub fn word(&self, i: usize) -> &'a str {
        self.span(i).map_or("", |span| span.text(self.text))
    }

    /// The class of unit `i` (`Punct` past the end).
    pub fn class(&self, i: usize) -> Class {
        self.units.get(i).map_or(Class::Punct, |u| u.class)
    }

    /// Whether unit `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.class(i) == Class::Word
    }

    /// Whether unit `i` is a word that starts with a capital letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).starts_with(char::is_uppercase)
    }

    /// Whether units `i` and `j` are in the same sentence.
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        match (self.units.get(i), self.units.get(j)) {
            (Some(a), Some(b)) => a.sentence == b.sentence,
            _ => false,
        }
    }

    /// The first unit of the sentence holding unit `i`.
    pub fn sentence_start(&self, i: usize) -> usize {
        self.bounds(i).0
    }

    /// One past the last unit of the sentence holding unit `i`.
    pub fn sentence_end(&self, i: usize) -> usize {
        self.bounds(i).1
    }

    fn bounds(&self, i: usize) -> (usize, usize) {
        self.units
            .get(i)
            .and_then(|u| self.sentences.get(u.sentence as usize))
            .copied()
            .unwrap_or((i, i))
    }

    /// Numbers the sentences: a paragraph break, or a stop that is not an abbreviation's
    /// period, or a quotation ending in `.`/`!`/`?` followed by a new sentence, ends one.
    fn number_sentences(&mut self, quotes: &[MarkedQuote]) {
        let mut sentence = 0u32;
        let mut ends_here = false;
        for i in 0..self.units.len() {
            if i > 0 && (ends_here || self.units[i].paragraph != self.units[i - 1].paragraph) {
                sentence += 1;
            }
            self.units[i].sentence = sentence;
            if sentence as usize == self.sentences.len() {
                self.sentences.push((i, i + 1));
            } else if let Some(bounds) = self.sentences.last_mut() {
                bounds.1 = i + 1;
            }
            ends_here = match self.units[i].class {
                Class::Stop => self.stop_ends_sentence(i),
                Class::Quote => {
                    let content = quotes
                        .get(self.units[i].source as usize)
                        .and_then(|q| q.content.last())
                        .map_or("", |c| c.text(self.text));
                    let ends_in_stop = content.ends_with(['.', '!', '?', '…']);
                    // `"Is it?" he asked.` / `"We need it NOW!" Trump said.`: a lowercase word,
                    // a comma or an attribution goes on the sentence. After a full stop a
                    // capitalised attribution starts a new sentence (`"Q." He said that ...`).
                    let exclaims = content.ends_with(['!', '?']);
                    ends_in_stop
                        && !self.continues_sentence(i + 1)
                        && !(exclaims && self.starts_attribution(i + 1))
                }
                _ => false,
            };
        }
    }

    /// Whether an attribution starts at unit `i`: a few words (a name, a title, a pronoun)
    /// and then a speech verb, with nothing that ends a sentence between.
    fn starts_attribution(&self, i: usize) -> bool {
        const MAX_WORDS: usize = 8;
        for k in i..(i + MAX_WORDS).min(self.units.len()) {
            let word = self.word(k);
            match self.units[k].class {
                Class::Word if word.starts_with(char::is_lowercase) && is_cue(word) => return true,
                Class::Word | Class::Apostrophe | Class::OpenParen | Class::CloseParen => {}
                Class::Stop if word == "." => {}
                _ => return false,
            }
        }
        false
    }

    /// Whether unit `i` continues a sentence: a lowercase word, a comma, or nothing.
    fn continues_sentence(&self, i: usize) -> bool {
        match self.units.get(i) {
            None => false,
            Some(u) => match u.class {
                Class::Word => self.word(i).starts_with(|c: char| c.is_lowercase()),
                Class::Comma | Class::CloseParen => true,
                _ => false,
            },
        }
    }

    /// Whether the stop at unit `i` ends its sentence: not after an initial (`John F.`) or a
    /// title (`Sen.`), not before a lowercase word or a number (`p.m. on`).
    fn stop_ends_sentence(&self, i: usize) -> bool {
        if self.word(i) != "." {
            return !self.continues_sentence(i + 1);
        }
        let adjacent = match (i.checked_sub(1).and_then(|h| self.span(h)), self.span(i)) {
            (Some(before), Some(this)) => before.end == this.start,
            _ => false,
        };
        if adjacent {
            let before = self.word(i - 1);
            let initial = before.chars().count() == 1 && before.starts_with(char::is_uppercase);
            if initial || is_title_abbreviation(before) {
                return false;
            }
        }
        match self.units.get(i + 1) {
            None => true,
            Some(u) => match u.class {
                Class::Word => !self
                    .word(i + 1)
                    .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()),
                // `(D-Wis.) said`, `R-Ky., said`: an abbreviation inside brackets or a list.
                Class::Comma | Class::CloseParen => false,
                _ => true,
            },
        }
    }
}

/// A unit's source number: a token's or a quotation's index (`u32::MAX`, a source that
/// does not exist, for an index past 4 billion, which no text of under 4 GB has).
fn source_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// The class of a token outside quotations.
fn classify(token: &Token, text: &str) -> Class {
    let word = token.span.text(text);
    match token.kind {
        TokenKind::Word | TokenKind::Number => Class::Word,
        TokenKind::Quote => Class::Apostrophe,
        _ => match word {
            "," => Class::Comma,
            ":" => Class::Colon,
            "." | "!" | "?" | "…" | "..." | "?!" | "!?" => Class::Stop,
            "(" | "[" => Class::OpenParen,
            ")" | "]" => Class::CloseParen,
            _ => Class::Punct,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::marks::pair_marks;
    use crate::sentences::split_paragraphs;
    use crate::tokenize::tokenize;

    /// The sentences of `text` as attribution splits them.
    fn sentences(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let paragraphs = split_paragraphs(text);
        let quotes = pair_marks(text, &paragraphs);
        let stream = Stream::new(text, &tokens, &paragraphs, &quotes);
        let mut out: Vec<String> = Vec::new();
        let mut k = 0;
        while k < stream.units.len() {
            let end = stream.sentence_end(k);
            let (Some(first), Some(last)) = (stream.span(k), stream.span(end - 1)) else {
                break;
            };
            out.push(text[first.start..last.end].to_string());
            k = end;
        }
        out
    }

    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "two sentences",
            "He left. She stayed.",
            &["He left.", "She stayed."],
        ),
        (
            "initial",
            "John F. Kirby said so.",
            &["John F. Kirby said so."],
        ),
        ("title", "Sen. Reed said so.", &["Sen. Reed said so."]),
        (
            "quotation holding two sentences",
            "\"A. B,\" Lee said. Then he left.",
            &["\"A. B,\" Lee said.", "Then he left."],
        ),
        (
            "question then attribution",
            "\"Why?\" Lee asked. It rained.",
            &["\"Why?\" Lee asked.", "It rained."],
        ),
        ("paragraphs", "One\nTwo", &["One", "Two"]),
    ];

    const REGRESSION: &[(&str, &str, &[&str])] = &[(
        // PolNeAR dev: an abbreviation's period inside a bracket.
        "bracketed abbreviation",
        "Rep. Gwen Moore (D-Wis.) said it.",
        &["Rep. Gwen Moore (D-Wis.) said it."],
    )];

    #[test]
    fn splits_sentences_for_attribution() {
        for (name, text, expected) in CASES.iter().chain(REGRESSION) {
            assert_eq!(sentences(text), *expected, "case {name}");
        }
    }
}
