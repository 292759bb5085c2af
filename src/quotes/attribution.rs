//! Speakers and cues: who the text says said a quotation, found by the news conventions of
//! attribution around a speech verb, and the noun phrase of the speaker.
//!
//! Conventions implemented (Q a quotation, X a speaker, in one sentence):
//! `"Q," X said.` / `"Q," said X.` / `X said: "Q"` / `X said "Q"` / `"Q," X told Y.` /
//! `According to X, "Q"` / `"Q," X, a spokesman for Y, said.` / `X said the plan was "Q"` /
//! `X will "Q"` (a quoted predicate) / `X, in a statement: "Q"`.

use super::cues::{
    is_auxiliary, is_cue, is_determiner, is_function_word, is_title_abbreviation, is_verb_filler,
    pronoun, Pronoun,
};
use super::stream::{Class, Stream};
use crate::span::Span;

/// The longest speaker noun phrase, in units: longer stretches are clauses, not speakers.
const MAX_PHRASE: usize = 8;
/// How far after a quotation its attribution may start, in units (`"Q," X, a spokesman for
/// the Y in Z, said` runs long).
const MAX_AFTER: usize = 16;

/// What kind of noun phrase names a speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseKind {
    /// `he`, `she`, `they`...
    Pronoun(Pronoun),
    /// Capitalised words: `Pentagon Press Secretary John F. Kirby`, `the Pentagon`.
    Name,
    /// A common noun phrase: `the spokesman`, `officials`, `multiple reports`.
    Nominal,
}

/// A speaker's noun phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// Where it is.
    pub span: Span,
    /// What kind it is.
    pub kind: PhraseKind,
    /// Its first unit.
    pub first: usize,
    /// One past its last unit.
    pub end: usize,
}

/// A cue and the speaker it introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The speech verb (with its auxiliaries) or `according to`; `None` for a quoted
    /// predicate (`X will "Q"`) or a quotation continuing an earlier speaker.
    pub cue: Option<Span>,
    /// The unit of the cue's verb, when there is a cue.
    pub cue_unit: Option<usize>,
    /// Who.
    pub speaker: Phrase,
}

impl Stream<'_> {
    /// Whether unit `i` is a cue word (lowercase, in the lexicon; `according` only before `to`).
    pub fn is_cue_at(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let word = self.word(i);
        if word == "according" || word == "According" {
            return self.word(i + 1) == "to";
        }
        is_cue(word)
    }

    /// Whether the cue at `i` is `according to`, whose speaker follows it.
    pub fn is_according(&self, i: usize) -> bool {
        matches!(self.word(i), "according" | "According") && self.word(i + 1) == "to"
    }

    /// The span of the cue at `i`: the verb with the auxiliaries right before it
    /// (`has said`, `have claimed`), or `according to`.
    pub fn cue_span(&self, i: usize, lo: usize) -> Span {
        let Some(unit) = self.units.get(i) else {
            return Span::default();
        };
        if self.is_according(i) {
            let end = self.units.get(i + 1).map_or(unit.span.end, |u| u.span.end);
            return Span::new(unit.span.start, end);
        }
        let mut first = i;
        while first > lo && self.is_word(first - 1) && is_auxiliary(self.word(first - 1)) {
            first -= 1;
        }
        let start = self
            .units
            .get(first)
            .map_or(unit.span.start, |u| u.span.start);
        Span::new(start, unit.span.end)
    }

    fn phrase(&self, first: usize, end: usize, kind: PhraseKind) -> Option<Phrase> {
        let start = self.units.get(first)?.span.start;
        let last = self.units.get(end.checked_sub(1)?)?.span.end;
        Some(Phrase {
            span: Span::new(start, last),
            kind,
            first,
            end,
        })
    }

    /// The speaker phrase that ends right before unit `end` (the subject of a verb at `end`),
    /// not reaching before unit `lo`. Skips auxiliaries and adverbs (`X has also said`), an
    /// appositive (`X, a spokesman for Y, said`) and a bracket (`X (R-Fla.) said`).
    pub fn phrase_before(&self, end: usize, lo: usize) -> Option<Phrase> {
        let mut i = end;
        while i > lo && self.is_word(i - 1) && is_verb_filler(self.word(i - 1)) {
            i -= 1;
        }
        if i <= lo {
            return None;
        }
        match self.class(i - 1) {
            Class::Word => self.phrase_ending_at(i, lo),
            Class::Comma => {
                // The appositive's opening comma, then the phrase before it.
                let mut j = i - 1;
                while j > lo && i - j <= MAX_AFTER {
                    j -= 1;
                    match self.class(j) {
                        Class::Comma => return self.phrase_ending_at(j, lo),
                        Class::Word | Class::OpenParen | Class::CloseParen | Class::Apostrophe => {}
                        Class::Punct if self.word(j) != ";" => {}
                        _ => return None,
                    }
                }
                None
            }
            Class::CloseParen => {
                let mut j = i - 1;
                while j > lo && i - j <= MAX_PHRASE {
                    j -= 1;
                    if self.class(j) == Class::OpenParen {
                        return self.phrase_ending_at(j, lo);
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// The noun phrase whose last word is unit `end - 1`.
    fn phrase_ending_at(&self, end: usize, lo: usize) -> Option<Phrase> {
        let head = end.checked_sub(1)?;
        if head < lo || !self.is_word(head) {
            return None;
        }
        let word = self.word(head);
        // `He's said`, `they'd told`: the contraction's pronoun is the subject.
        if matches!(
            word,
            "s" | "'s" | "’s" | "ve" | "'ve" | "’ve" | "d" | "'d" | "’d"
        ) {
            let stem = if self.class(head.checked_sub(1)?) == Class::Apostrophe {
                head - 1
            } else {
                head
            };
            return self
                .phrase_ending_at(stem, lo)
                .filter(|p| matches!(p.kind, PhraseKind::Pronoun(_)));
        }
        // `He's said` as one token: the pronoun with its contraction.
        let bare = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        if let Some(p) = pronoun(bare) {
            // `Trump, who said`: the relative pronoun stands for the phrase before its comma.
            if matches!(word, "who" | "Who") && head > lo && self.class(head - 1) == Class::Comma {
                if let Some(antecedent) = self.phrase_ending_at(head - 1, lo) {
                    return Some(antecedent);
                }
            }
            return self.phrase(head, end, PhraseKind::Pronoun(p));
        }
        if is_function_word(word) || is_cue(word) || is_calendar_word(word) {
            return None;
        }
        let mut first = head;
        if self.is_capitalised(head) || word.starts_with(|c: char| c.is_ascii_digit()) {
            if !self.is_capitalised(head) {
                return None;
            }
            // A name: capitalised words, initials (`John F. Kirby`), titles (`Sen.`).
            while first > lo && head - first < MAX_PHRASE {
                let k = first - 1;
                if self.is_capitalised(k) {
                    let w = self.word(k);
                    if w == "The" {
                        first = k;
                        break;
                    }
                    if is_function_word(w) || is_calendar_word(w) || is_determiner(w) {
                        break;
                    }
                    first = k;
                } else if self.word(k) == "." && k > lo && self.is_initial_or_title(k - 1) {
                    first = k - 1;
                } else if self.word(k) == "the" {
                    // `the Pentagon`: the article belongs to the name.
                    first = k;
                    break;
                } else if self.word(k) == "of" && k > lo && self.is_capitalised(k - 1) {
                    // `Secretary of State John Kerry`
                    first = k - 1;
                } else {
                    break;
                }
            }
            return self.phrase(first, end, PhraseKind::Name);
        }
        // A common noun phrase, back to its determiner: `a campaign spokesman`, `officials`,
        // `Trump's campaign manager`.
        while first > lo && head - first < MAX_PHRASE {
            let k = first - 1;
            match self.class(k) {
                Class::Word => {
                    let w = self.word(k);
                    if is_determiner(w) {
                        first = k;
                        break;
                    }
                    if is_function_word(w) || is_cue(w) || is_verb_filler(w) {
                        break;
                    }
                    first = k;
                }
                // `Trump ' s campaign`: a possessive split by the tokenizer.
                Class::Apostrophe if k > lo && self.is_word(k - 1) => first = k - 1,
                _ => break,
            }
        }
        self.phrase(first, end, PhraseKind::Nominal)
    }

    /// Whether unit `i` is an initial (`F`) or a title abbreviation (`Sen`).
    fn is_initial_or_title(&self, i: usize) -> bool {
        let w = self.word(i);
        self.is_capitalised(i) && (w.chars().count() == 1 || is_title_abbreviation(w))
    }

    /// The speaker phrase that starts at unit `first` (`said X`, `according to X`), ending
    /// before unit `hi`.
    pub fn phrase_after(&self, first: usize, hi: usize) -> Option<Phrase> {
        if first >= hi || !self.is_word(first) {
            return None;
        }
        let word = self.word(first);
        if let Some(p) = pronoun(word) {
            return self.phrase(first, first + 1, PhraseKind::Pronoun(p));
        }
        let name = self.is_capitalised(first) && !is_determiner(word);
        if !name && is_function_word(word) {
            return None;
        }
        let mut end = first + 1;
        while end < hi && end - first < MAX_PHRASE {
            let w = self.word(end);
            let ok = match self.class(end) {
                Class::Word if name => {
                    self.is_capitalised(end)
                        || (w == "of" && self.is_capitalised(end + 1))
                        || (w == "of" && self.word(end + 1) == "the")
                        || (w == "the" && self.word(end.saturating_sub(1)) == "of")
                }
                Class::Word => !is_function_word(w) && !is_cue(w),
                Class::Stop => {
                    w == "." && self.is_initial_or_title(end - 1) && self.is_capitalised(end + 1)
                }
                Class::Apostrophe => !name && self.is_word(end + 1),
                _ => false,
            };
            if !ok {
                break;
            }
            end += 1;
        }
        if is_calendar_word(self.word(end - 1)) {
            return None;
        }
        let kind = if name || (1..end - first).any(|k| self.is_capitalised(first + k)) {
            PhraseKind::Name
        } else {
            PhraseKind::Nominal
        };
        self.phrase(first, end, kind)
    }

    /// The speaker of the cue at unit `i`: its subject before it, or (`said X`,
    /// `according to X`) the phrase after it. `lo..hi` bounds the search.
    pub fn speaker_of_cue(&self, i: usize, lo: usize, hi: usize) -> Option<Attribution> {
        let speaker = if self.is_according(i) {
            self.phrase_after(i + 2, hi)?
        } else {
            match self.phrase_before(i, lo) {
                Some(p) => p,
                // `"Q," said X`: the cue comes first, right after the quotation.
                None if i == lo => self.phrase_after(i + 1, hi)?,
                None => return None,
            }
        };
        Some(Attribution {
            cue: Some(self.cue_span(i, speaker.end.min(i))),
            cue_unit: Some(i),
            speaker,
        })
    }

    /// The attribution of the quotation at unit `q`, from a cue in its own sentence.
    pub fn attribute_quote(&self, q: usize) -> Option<Attribution> {
        let start = self.sentence_start(q);
        let end = self.sentence_end(q);
        let after = self.attribution_after(q, end);
        // `"Q," X said`: a quotation that leads its sentence takes the attribution after it.
        if after.is_some() && self.leads_attribution(q) {
            return after;
        }
        self.attribution_before(q, start).or(after)
    }

    /// Whether the quotation at unit `q` is followed by its attribution: the quotation ends
    /// in `,`, `?`, `!` or `—` (inside or outside the marks).
    fn leads_attribution(&self, q: usize) -> bool {
        let inner = self.units.get(q).map_or("", |u| u.span.text(self.text));
        let inner = inner.trim_end_matches(['"', '”', '“', '\'', '’', '»', '«', '›', '‹']);
        inner.ends_with([',', '?', '!', '—', '-'])
            || matches!(self.class(q + 1), Class::Comma)
            || matches!(self.word(q + 1), "—" | "--" | "-" | "–")
    }

    /// `"Q," X said` / `"Q," said X` / `"Q," according to X`: the first cue after `q`.
    fn attribution_after(&self, q: usize, end: usize) -> Option<Attribution> {
        let mut lo = q + 1;
        while lo < end && matches!(self.class(lo), Class::Comma | Class::Punct) {
            lo += 1;
        }
        let mut k = lo;
        while k < end && k - lo < MAX_AFTER {
            match self.class(k) {
                // Stops inside the sentence belong to abbreviations (`Mr. Obama said`).
                Class::Quote(_) | Class::Colon => return None,
                Class::Word if self.is_cue_at(k) => return self.speaker_of_cue(k, lo, end),
                _ => {}
            }
            k += 1;
        }
        None
    }

    /// `X said: "Q"` / `X said the plan was "Q"` / `According to X, "Q"`: the nearest cue
    /// before `q` in its sentence that has a speaker.
    fn attribution_before(&self, q: usize, start: usize) -> Option<Attribution> {
        let mut k = q;
        while k > start {
            k -= 1;
            if self.is_cue_at(k) {
                let hi = if self.is_according(k) { q } else { k };
                if let Some(a) = self.speaker_of_cue(k, start, hi.max(k + 1)) {
                    return Some(a);
                }
            }
        }
        None
    }

    /// `"Q" — X`: a name after a dash that follows the quotation (captions, vox pops).
    pub fn attribute_by_dash(&self, q: usize) -> Option<Attribution> {
        if !matches!(self.word(q + 1), "—" | "―" | "–" | "-" | "--") {
            return None;
        }
        // A quotation ending in a full stop ends its sentence: the dash starts the next.
        let end = self.sentence_end(q + 1);
        let speaker = self.phrase_after(q + 2, end)?;
        (speaker.kind == PhraseKind::Name).then_some(Attribution {
            cue: None,
            cue_unit: None,
            speaker,
        })
    }

    /// A quotation without a cue in its sentence: `X, in a statement: "Q"` (the subject of a
    /// sentence that introduces a quotation with a colon) or `X will "Q"` (a quoted predicate
    /// right after its subject and auxiliaries).
    pub fn attribute_by_subject(&self, q: usize) -> Option<Attribution> {
        let start = self.sentence_start(q);
        if start >= q {
            return None;
        }
        let subject = self.phrase_after(start, q)?;
        if matches!(subject.kind, PhraseKind::Pronoun(Pronoun::Neuter)) {
            return None;
        }
        let colon = self.class(q - 1) == Class::Colon;
        let predicate = (subject.end..q)
            .all(|k| self.is_word(k) && (is_verb_filler(self.word(k)) || self.word(k) == "to"));
        (colon || predicate).then_some(Attribution {
            cue: None,
            cue_unit: None,
            speaker: subject,
        })
    }

    /// Whether the quotation at `q` sits inside a sentence rather than opening it or
    /// following its cue: the mark of a partial quotation.
    pub fn is_embedded(&self, q: usize, content: &str) -> bool {
        if content.starts_with(|c: char| c.is_lowercase()) {
            return true;
        }
        let start = self.sentence_start(q);
        q > start
            && self.is_word(q - 1)
            && !self.is_cue_at(q - 1)
            && !matches!(self.word(q - 1), "that" | "saying" | "adding")
    }
}

/// Day and month names: `on Monday Trump said` does not make `Monday` part of the speaker.
fn is_calendar_word(word: &str) -> bool {
    const CALENDAR: [&str; 18] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    CALENDAR.iter().any(|w| w.eq_ignore_ascii_case(word))
}
