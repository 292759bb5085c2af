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
/// How far after a quotation its cue may come, in units (`"Q," X, the Republican attorney
/// general of Oklahoma, one of the states suing the EPA, said` runs long).
const MAX_AFTER: usize = 30;
/// The longest appositive or relative clause between a speaker and the cue, in units
/// (`X, who runs Clinton's get-out-the-vote effort for military families, said`).
const MAX_APPOSITIVE: usize = 30;
/// How far before a quotation its cue may come, in units.
const MAX_BEFORE: usize = 60;

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
    /// What a relative `who` stands for: the phrase before its comma (`Beck, who said`).
    pub antecedent: Option<Span>,
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
        // `Said Ellis: "Q"`: an inverted attribution opens its sentence with the verb.
        if word.starts_with(char::is_uppercase) {
            return self.sentence_start(i) == i
                && self.is_capitalised(i + 1)
                && is_cue(&word.to_lowercase());
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
        let Some(span) = self.span(i) else {
            return Span::default();
        };
        if self.is_according(i) {
            let end = self.span(i + 1).map_or(span.end, |next| next.end);
            return Span::new(span.start, end);
        }
        let mut first = i;
        while first > lo && self.is_word(first - 1) && is_auxiliary(self.word(first - 1)) {
            first -= 1;
        }
        let start = self.span(first).map_or(span.start, |first| first.start);
        Span::new(start, span.end)
    }

    fn phrase(&self, first: usize, end: usize, kind: PhraseKind) -> Option<Phrase> {
        let start = self.span(first)?.start;
        let last = self.span(end.checked_sub(1)?)?.end;
        Some(Phrase {
            span: Span::new(start, last),
            kind,
            first,
            end,
            antecedent: None,
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
            Class::CloseParen => self.phrase_before_bracket(i, lo),
            Class::Comma => {
                // `X, a spokesman for Y, one of Z, said`: back over the chunks between commas
                // while they read as appositives, then the head phrase before them.
                let mut comma = i - 1;
                let mut appositive = false;
                loop {
                    let mut j = comma;
                    while j > lo && i - j <= MAX_APPOSITIVE {
                        match self.class(j - 1) {
                            Class::Comma => break,
                            Class::Word
                            | Class::OpenParen
                            | Class::CloseParen
                            | Class::Apostrophe
                            | Class::Stop => {}
                            Class::Punct if self.word(j - 1) != ";" => {}
                            _ => break,
                        }
                        j -= 1;
                    }
                    let after_comma = j > lo && self.class(j - 1) == Class::Comma;
                    if appositive && !(after_comma && self.looks_appositive(j, comma)) {
                        // `j..comma` is the head chunk.
                        return self.phrase_before_punct(comma, j);
                    }
                    if !self.looks_appositive(j, comma) || !after_comma {
                        // `A top strategist, John Weaver, tells`: the chunk is the name itself.
                        return self.phrase_before_punct(comma, j);
                    }
                    appositive = true;
                    comma = j - 1;
                }
            }
            _ => None,
        }
    }

    /// The phrase that ends right before unit `end`, skipping a bracket (`X (R-Fla.)`).
    fn phrase_before_punct(&self, end: usize, lo: usize) -> Option<Phrase> {
        match self.class(end.checked_sub(1)?) {
            Class::CloseParen => self.phrase_before_bracket(end, lo),
            _ => self.phrase_ending_at(end, lo),
        }
    }

    /// `Rep. John Mica (R-Fla.)`: the phrase before the bracket that ends at `end - 1`.
    fn phrase_before_bracket(&self, end: usize, lo: usize) -> Option<Phrase> {
        let mut j = end - 1;
        while j > lo && end - j <= MAX_PHRASE {
            j -= 1;
            if self.class(j) == Class::OpenParen {
                return self.phrase_ending_at(j, lo);
            }
        }
        None
    }

    /// Whether units `first..end` read as an appositive or a relative clause: `a spokesman
    /// for Y`, `who runs X`, `R-Ky.`, `45`, `(D-Wis.)`.
    fn looks_appositive(&self, first: usize, end: usize) -> bool {
        if first >= end {
            return false;
        }
        let word = self.word(first);
        // `Twitter's director of political advertising`: a common noun after a possessive.
        let possessive = self.class(first + 1) == Class::Apostrophe
            || word.ends_with("'s")
            || word.ends_with("’s");
        self.class(first) == Class::OpenParen
            || possessive
            || is_determiner(word)
            || word.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
            || (end - first <= 4 && word.len() <= 2 && self.is_capitalised(first))
            || matches!(word, "who" | "whose" | "R" | "D" | "I")
            || is_party_and_state(word)
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
                let antecedent = self.phrase_before_punct(head - 1, lo)?;
                return self
                    .phrase(head, end, PhraseKind::Pronoun(p))
                    .map(|who| Phrase {
                        antecedent: Some(antecedent.span),
                        ..who
                    });
            }
            return self.phrase(head, end, PhraseKind::Pronoun(p));
        }
        // `Multiple reports have claimed`: a cue that is also a noun heads a phrase after a
        // modifier.
        let noun_head = is_noun_like_cue(word) && head > lo && self.is_word(head - 1);
        if is_function_word(word)
            || (is_cue(word) && !noun_head)
            || is_calendar_word(word)
            || is_determiner(word)
        {
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
                    // `Mr. Morgan of the Sierra Club`: a name runs on over `of the`.
                    if k > lo + 1 && self.word(k - 1) == "of" && self.is_capitalised(k - 2) {
                        first = k - 2;
                        continue;
                    }
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

    /// Whether unit `i` reads as a verb in the past tense: a cue, or a lowercase word in `-ed`
    /// (`laughed`, `beamed`).
    fn is_past_verb(&self, i: usize) -> bool {
        let word = self.word(i);
        self.is_word(i)
            && word.starts_with(char::is_lowercase)
            && (word.ends_with("ed") || is_cue(word))
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
        } else if self.word(i).ends_with("ing") {
            // `Trump attacked Clinton, saying "Q"`: a participle's speaker is the subject of
            // its clause; `footage of Clinton asking "Q"`: the name right before it.
            match self.phrase_before(i, lo) {
                Some(p) if self.class(i - 1) == Class::Word && p.kind == PhraseKind::Name => p,
                _ => self.clause_subject(lo, i)?,
            }
        } else {
            match self.phrase_before(i, lo) {
                // `who` with no antecedent before a comma is another attribution's content.
                Some(p)
                    if p.kind == PhraseKind::Pronoun(Pronoun::Other)
                        && matches!(self.word(p.first), "who" | "Who")
                        && p.antecedent.is_none() =>
                {
                    return None
                }
                // `late-night tweets`, `the reports`: a cue that is also a noun needs a named
                // or pronoun subject.
                Some(p) if p.kind == PhraseKind::Nominal && is_noun_like_cue(self.word(i)) => {
                    return None
                }
                Some(p) => p,
                // `"Q," said X`: the cue comes first, right after the quotation.
                None if i == lo => self.phrase_after(i + 1, hi)?,
                // `I laughed and said, "Q"`: the second of two verbs shares the subject of
                // the first.
                None if i >= lo + 2 && self.word(i - 1) == "and" && self.is_past_verb(i - 2) => {
                    self.phrase_before(i - 2, lo)?
                }
                None => return None,
            }
        };
        Some(Attribution {
            cue: Some(self.cue_span(i, speaker.end.min(i))),
            cue_unit: Some(i),
            speaker,
        })
    }

    /// The subject of the clause from `lo` to `end`: the phrase that opens it, after an
    /// introductory phrase (`During a speech on Monday, Trump ...`).
    fn clause_subject(&self, lo: usize, end: usize) -> Option<Phrase> {
        let mut first = lo;
        if is_function_word(self.word(first)) || is_calendar_word(self.word(first)) {
            first = (first..end.min(first + MAX_APPOSITIVE))
                .find(|&k| self.class(k) == Class::Comma)?
                + 1;
        }
        // `It attacked Trump, saying`: `it` stands for an organisation; `who`, `you` and a
        // dummy `it is` do not open a speaker's clause.
        self.phrase_after(first, end).filter(|p| match p.kind {
            PhraseKind::Pronoun(Pronoun::Other) => false,
            PhraseKind::Pronoun(Pronoun::Neuter) => !is_auxiliary(self.word(p.end)),
            _ => true,
        })
    }

    /// The attribution of the quotation at unit `q`, from a cue in its own sentence.
    pub fn attribute_quote(&self, q: usize) -> Option<Attribution> {
        let start = self.sentence_start(q);
        let end = self.sentence_end(q);
        let after = self
            .attribution_after(q, end)
            .filter(|_| self.leads_attribution(q));
        let before = self.attribution_before(q, start);
        // `"Q," X said`: a quotation that opens its sentence takes the attribution after it;
        // one inside a clause (`X agreed that it was "Q," while Y said`) the cue before it.
        let content = self.word(q);
        let mut chars = content.chars();
        chars.next();
        let inner = chars.as_str();
        if self.is_embedded(q, inner) {
            before.or(after).or_else(|| self.attribution_final(q, end))
        } else {
            // `"Q" to drive up the price, she said.`: a quotation that opens a clause the
            // attribution closes.
            after.or(before).or_else(|| self.attribution_final(q, end))
        }
    }

    /// `A cashier who "steals $20s" is held accountable, Warren said.`: the attribution that
    /// closes the sentence of a quotation embedded in its clause.
    fn attribution_final(&self, q: usize, end: usize) -> Option<Attribution> {
        const MAX_TAIL: usize = 8;
        // Only the sentence's last few units are looked at: linear at any sentence length.
        let tail = end.saturating_sub(2 * MAX_TAIL).max(q + 1);
        let last = (tail..end).rev().find(|&k| self.class(k) == Class::Comma);
        let closing = last.and_then(|last| {
            let cue = (last + 1..end.min(last + 1 + MAX_TAIL)).find(|&k| self.is_cue_at(k))?;
            let rest_is_adjunct =
                (cue + 1..end).all(|k| matches!(self.class(k), Class::Word | Class::Stop));
            if !rest_is_adjunct {
                return None;
            }
            self.speaker_of_cue(cue, last + 1, end)
        });
        closing.or_else(|| self.attribution_between_commas(q, end))
    }

    /// `"Q" to drive up the price, she said, adding ...`: an attribution set off by commas
    /// after a quotation's clause, within [`MAX_AFTER`] units of it, its speaker a name or a
    /// pronoun right after the first comma.
    fn attribution_between_commas(&self, q: usize, end: usize) -> Option<Attribution> {
        const MAX_TAIL: usize = 8;
        let limit = end.min(q + 1 + MAX_AFTER);
        let comma = (q + 1..limit).find(|&k| self.class(k) == Class::Comma)?;
        let cue = (comma + 1..limit.min(comma + 1 + MAX_TAIL)).find(|&k| self.is_cue_at(k))?;
        let closed = cue + 1 >= end || matches!(self.class(cue + 1), Class::Comma | Class::Stop);
        if !closed {
            return None;
        }
        self.speaker_of_cue(cue, comma + 1, end)
            .filter(|a| a.speaker.first == comma + 1 && a.speaker.kind != PhraseKind::Nominal)
    }

    /// Whether the quotation at unit `q` is followed by its attribution: the quotation ends
    /// in `,`, `?`, `!` or `—` (inside or outside the marks).
    fn leads_attribution(&self, q: usize) -> bool {
        let inner = self.word(q);
        // `'Oh, yes,' "`: inner marks and spaces come off too.
        let inner = inner.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '”' | '“' | '\'' | '’' | '»' | '«' | '›' | '‹')
        });
        inner.ends_with([',', '?', '!', '—', '-'])
            || matches!(self.class(q + 1), Class::Comma)
            || matches!(self.word(q + 1), "—" | "--" | "-" | "–")
    }

    /// `"Q," X said` / `"Q," said X` / `"Q," according to X`: the first cue after `q`, whose
    /// speaker starts the attribution (not `"Q," and Y responded`).
    fn attribution_after(&self, q: usize, end: usize) -> Option<Attribution> {
        let mut lo = q + 1;
        while lo < end && matches!(self.class(lo), Class::Comma | Class::Punct) {
            lo += 1;
        }
        let mut k = lo;
        while k < end && k - lo < MAX_AFTER {
            match self.class(k) {
                // Stops inside the sentence belong to abbreviations (`Mr. Obama said`).
                Class::Quote | Class::Colon => return None,
                Class::Word if self.is_cue_at(k) => {
                    let found = self.speaker_of_cue(k, lo, end);
                    // `X, one of the states suing Y, said`: a cue that is also a noun and has
                    // no speaker is a noun here; the verb comes later.
                    if found.is_none() && is_noun_like_cue(self.word(k)) {
                        k += 1;
                        continue;
                    }
                    return found.filter(|a| {
                        (lo..a.speaker.first.min(k)).all(|u| !is_conjunction(self.word(u)))
                    });
                }
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
        let mut nearest: Option<Attribution> = None;
        // Bounded, so that a sentence of a million quotations stays linear.
        while k > start && q - k < MAX_BEFORE {
            k -= 1;
            if !self.is_cue_at(k) {
                continue;
            }
            // `According to X, "Q"` / `Said X: "Q"`: the speaker follows the cue.
            let inverted = self.word(k).starts_with(char::is_uppercase);
            let hi = if self.is_according(k) || inverted {
                q
            } else {
                k
            };
            let Some(found) = self.speaker_of_cue(k, start, hi.max(k + 1)) else {
                continue;
            };
            match nearest {
                None if !matches!(found.speaker.kind, PhraseKind::Pronoun(_)) => {
                    return Some(found)
                }
                None => nearest = Some(found),
                // `Clinton says she hopes ... "Q"`: the named speaker of the outer cue.
                Some(_) if found.speaker.kind == PhraseKind::Name => return Some(found),
                Some(_) => {}
            }
        }
        nearest
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
        let subject = self.clause_subject(start, q)?;
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

/// A party and state abbreviation as one token (`R-Ky`, `D-Calif`), as wire copy writes it after
/// a lawmaker's name.
fn is_party_and_state(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('R' | 'D' | 'I'))
        && chars.next() == Some('-')
        && chars.next().is_some_and(char::is_uppercase)
}

/// Conjunctions that start a new clause after a quotation (`"Q," and Y responded`).
fn is_conjunction(word: &str) -> bool {
    const CONJUNCTIONS: [&str; 16] = [
        "and", "but", "or", "while", "as", "when", "because", "although", "though", "if", "so",
        "yet", "after", "before", "since", "until",
    ];
    CONJUNCTIONS.contains(&word)
}

/// Cues that are also plural nouns (`his tweets`, `media reports`, `her remarks`).
fn is_noun_like_cue(word: &str) -> bool {
    const NOUNS: [&str; 35] = [
        "tweets", "reports", "claims", "remarks", "notes", "calls", "comments", "posts", "states",
        "quotes", "answers", "replies", "fears", "hopes", "doubts", "demands", "warns", "charges",
        "points", "tweet", "report", "claim", "remark", "note", "comment", "answer", "reply",
        "fear", "hope", "doubt", "demand", "charge", "point", "state", "estimate",
    ];
    NOUNS.contains(&word)
}

/// Day, month and time words: `on Monday Trump said`, `said Friday night` never make them
/// part of (or the whole of) a speaker.
fn is_calendar_word(word: &str) -> bool {
    const CALENDAR: [&str; 28] = [
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
        "morning",
        "afternoon",
        "evening",
        "night",
        "today",
        "tonight",
        "yesterday",
        "week",
        "month",
        "year",
    ];
    CALENDAR.iter().any(|w| w.eq_ignore_ascii_case(word))
}
