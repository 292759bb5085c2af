//! Dates, times, money, percentages, quantities and numbers, found by patterns over tokens.
//!
//! One left-to-right scan over the tokens: at each token the patterns are tried, the first that
//! matches consumes its tokens, and the scan continues after them, so the entities come out
//! sorted and never overlap. Every pattern looks ahead a bounded number of tokens and no
//! pattern crosses a sentence end, so the scan is linear in the number of tokens.
//!
//! Each token is classified once, up front: one hash lookup of its lower-cased form gives the
//! word lists it belongs to as a bitset ([`Classes`]), and a glance at its spelling adds what
//! lets a pattern start there (a leading digit, a currency symbol). The patterns then ask bits,
//! never compare strings against lists, and are tried only at tokens that can start one, so
//! an ordinary word costs one lookup.
//!
//! Conventions (after the OntoNotes 5 guidelines, which CoNLL-style news taggers follow):
//! - Modifiers are left out (`about $5`: MONEY `$5`), determiners of relative dates are kept
//!   (`the 1990s`, `the past two weeks`).
//! - Durations are DATE (`three years`, `a year ago`), spans under a day are TIME (`two hours`,
//!   `last night`).
//! - Ordinals (`first`, `3rd`) are not tagged: the label set has no ORDINAL and calling them
//!   CARDINAL would be wrong. A day or century written as an ordinal is part of its DATE
//!   (`Aug. 10th`, `the 21st century`).
//! - Ambiguous forms are read the way news most often means them: `5m` alone is CARDINAL
//!   (British "5m people"), after a currency it is millions; `pounds` is MONEY.
//!
//! The tokenizer splits like the Penn Treebank (`$1.2` is `$` `1.2`, `45%` is `45` `%`, `a.m.`
//! and `Aug.` are single tokens), but the patterns also accept the finer splits of a simpler
//! tokenizer (`10` `,` `000`; `Aug` `.`; `1.2` `bn`) by joining touching tokens.

use crate::document::{Entity, Label, Sentence, Token};
use crate::span::Span;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::LazyLock;

/// Finds DATE, TIME, MONEY, PERCENT, QUANTITY and CARDINAL entities, sorted, non-overlapping.
pub fn find_numeric_entities(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
    let limits = sentence_limits(tokens, sentences);
    let classes: Vec<Classes> = tokens
        .iter()
        .map(|t| classify(text, t.span.start, t.span.end))
        .collect();
    let mut entities = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !classes.get(i).is_some_and(|c| c.intersects(PATTERN_STARTS)) {
            i += 1;
            continue;
        }
        let limit = limits.get(i).copied().unwrap_or(i + 1);
        let scanner = Scanner {
            text,
            tokens: tokens.get(..limit).unwrap_or(tokens),
            classes: classes.get(..limit).unwrap_or(&classes),
        };
        match scanner.match_at(i) {
            Some(found) if found.end > i => {
                if let (Some(first), Some(last)) = (tokens.get(i), tokens.get(found.end - 1)) {
                    entities.push(Entity {
                        span: Span::new(first.span.start, last.span.end),
                        label: found.label,
                        cluster: None,
                    });
                }
                i = found.end;
            }
            _ => i += 1,
        }
    }
    entities
}

/// For every token, one past the index of the last token of its sentence (the token's own
/// index plus one when no sentence holds it), so that no pattern runs across a sentence end.
fn sentence_limits(tokens: &[Token], sentences: &[Sentence]) -> Vec<usize> {
    let mut limits = Vec::with_capacity(tokens.len());
    let mut sentence = 0;
    // The limit of the current sentence, computed once per sentence.
    let mut cached: Option<(usize, usize)> = None;
    for (i, token) in tokens.iter().enumerate() {
        while sentences
            .get(sentence)
            .is_some_and(|s| s.span.end <= token.span.start)
        {
            sentence += 1;
        }
        let limit = match sentences.get(sentence) {
            Some(s) if s.span.contains(token.span) => match cached {
                Some((index, limit)) if index == sentence => limit,
                _ => {
                    let limit = tokens.partition_point(|t| t.span.start < s.span.end);
                    cached = Some((sentence, limit));
                    limit
                }
            },
            _ => i + 1,
        };
        limits.push(limit.max(i + 1));
    }
    limits
}

/// A pattern's match: the tokens from where it started up to `end` (exclusive) are `label`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Found {
    end: usize,
    label: Label,
}

fn found(end: usize, label: Label) -> Option<Found> {
    Some(Found { end, label })
}

// ----- classifying words -----

/// A word list a word can be in, or a trait of a token's spelling that lets a pattern start
/// there: one bit of [`Classes`]. The lists are those below, of the same names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    // Lists looked up ignoring ASCII case.
    Months,
    MonthAbbreviations,
    /// A month abbreviation with its period written onto it (`Aug.`).
    DottedMonthAbbreviations,
    Weekdays,
    Periods,
    Seasons,
    PartsOfDay,
    TimeUnits,
    DatePrepositions,
    Determiners,
    PeriodModifiers,
    Meridiems,
    CurrencyWords,
    DollarQualifiers,
    DollarWords,
    Scales,
    PluralScales,
    ScaleAbbreviations,
    ScaleWordsSpaced,
    OrdinalSuffixes,
    UnitWords,
    AreaPrefixes,
    TemperatureScales,
    PronounOneBefore,
    PronounOneAfter,
    DateArticles,
    PastOrComing,
    RelativeDeterminers,
    NearDeterminers,
    CenturyWords,
    AmbiguousMonths,
    DaysFromToday,
    EarlierOrLater,
    AgoWords,
    AfterCountedPeriods,
    TimeWords,
    PercentWords,
    PointWords,
    AgeSuffixes,
    /// A number word; for a token, also two joined by a hyphen (`twenty-five`).
    NumberWord,
    // Lists looked up as written.
    TimeZones,
    /// A currency symbol, or a country's dollar (`US$`).
    CurrencyPrefixes,
    DollarCountries,
    CurrencyCodes,
    UnitSymbols,
    RupeeAbbreviations,
    // Traits of a token's spelling, found by `classify`.
    /// Starts with an ASCII digit.
    DigitLed,
    /// `mid-` and more (`mid-August`).
    MidPrefixed,
    /// A currency symbol written onto digits (`€5m`, `US$5`). Keep this class last.
    CurrencyLed,
}

// Every class is one bit of a `u64`.
const _: () = assert!((Class::CurrencyLed as u32) < u64::BITS);

impl Class {
    const fn bit(self) -> u64 {
        1 << self as u32
    }
}

/// The classes of a word, as a bitset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Classes(u64);

impl Classes {
    const NONE: Classes = Classes(0);

    fn has(self, class: Class) -> bool {
        self.0 & class.bit() != 0
    }

    fn intersects(self, other: Classes) -> bool {
        self.0 & other.0 != 0
    }

    fn with(self, class: Class) -> Classes {
        Classes(self.0 | class.bit())
    }
}

/// The classes of the tokens where some pattern of [`Scanner::match_at`] can start: every
/// other token is skipped without trying them (the tests check that none would match there).
const PATTERN_STARTS: Classes = Classes(
    // `money_with_prefix`
    Class::CurrencyPrefixes.bit()
        | Class::DollarCountries.bit()
        | Class::CurrencyCodes.bit()
        | Class::RupeeAbbreviations.bit()
        | Class::CurrencyLed.bit()
        // `determined_date` (`the`), `relative_date` (`a`)
        | Class::DateArticles.bit()
        // `modified_period`
        | Class::PeriodModifiers.bit()
        | Class::MidPrefixed.bit()
        // `month_date`
        | Class::Months.bit()
        | Class::MonthAbbreviations.bit()
        | Class::DottedMonthAbbreviations.bit()
        // `relative_date`
        | Class::DaysFromToday.bit()
        | Class::Weekdays.bit()
        | Class::EarlierOrLater.bit()
        | Class::RelativeDeterminers.bit()
        // `time_word`
        | Class::TimeWords.bit()
        // `number_led`
        | Class::DigitLed.bit()
        | Class::NumberWord.bit()
        | Class::PluralScales.bit(),
);

/// Classes of a token split off a number that can be its suffix (`bn`, `th`, `km`, `pm`).
const NUMBER_SUFFIXES: Classes = Classes(
    Class::ScaleAbbreviations.bit()
        | Class::OrdinalSuffixes.bit()
        | Class::UnitSymbols.bit()
        | Class::Meridiems.bit(),
);

/// The longest word in any of the lists below; a longer word is in none.
const MAX_KEY: usize = 16;

/// A word of at most [`MAX_KEY`] bytes packed into one integer, to be hashed and compared in
/// one step; the length tells `a` from `a` and a NUL.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    bytes: u128,
    len: usize,
}

impl Key {
    /// The keys of the `len` bytes at `start` in `text`, as written and with ASCII letters
    /// lower-cased; `None` when they are too long to be a word of the lists.
    fn pair(text: &[u8], start: usize, len: usize) -> Option<(Key, Key)> {
        if len > MAX_KEY {
            return None;
        }
        // Sixteen bytes read at once, those past the word masked off; near the end of the
        // text, the word's bytes one by one.
        let window = match text.get(start..start + MAX_KEY) {
            Some(window) => u128::from_le_bytes(window.try_into().ok()?),
            None => {
                let mut bytes = [0; MAX_KEY];
                for (slot, byte) in bytes.iter_mut().zip(text.get(start..start + len)?) {
                    *slot = *byte;
                }
                u128::from_le_bytes(bytes)
            }
        };
        let mask = u128::MAX
            .checked_shr(8 * (MAX_KEY - len) as u32)
            .unwrap_or(0);
        let bytes = window & mask;
        let as_written = Key { bytes, len };
        let folded = Key {
            bytes: bytes | ascii_upper_case(bytes) >> 2,
            len,
        };
        Some((as_written, folded))
    }
}

/// The byte `0x80` in every byte of `bytes` that is an ASCII upper-case letter, `0` in the
/// others (shifted right by two, it is the bit that lower-cases the letter). Byte-wise
/// arithmetic on the 7 low bits cannot carry into the next byte.
fn ascii_upper_case(bytes: u128) -> u128 {
    const EACH: u128 = u128::MAX / 0xff;
    let low = bytes & (EACH * 0x7f);
    let at_least_a = low + EACH * (0x80 - u128::from(b'A'));
    let past_z = low + EACH * (0x80 - u128::from(b'Z') - 1);
    at_least_a & !past_z & !bytes & (EACH * 0x80)
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let high = (self.bytes >> 64) as u64;
        state.write_u64(self.bytes as u64 ^ high.rotate_left(32) ^ self.len as u64);
    }
}

/// The hasher of the word table: a folded multiply, fast and well spread. Not keyed, which is
/// safe here because the table never changes after it is built: no input can make its
/// probe sequences longer.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        // The multiplier of FxHash; folding the 128-bit product mixes every input bit into
        // both halves (hashbrown reads the top bits and the bottom bits).
        let product = u128::from(self.0 ^ value) * 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = product as u64 ^ (product >> 64) as u64;
    }
}

/// The lists a word of the table is in: those it matches ignoring ASCII case (the word is
/// its lower-case form) and those it matches only as written; and, under a lower-case form,
/// whether some word of a case-sensitive list has upper-case letters and this form (`GMT`
/// under `gmt`), so that a word with capitals is looked up again as written only then.
#[derive(Clone, Copy, Default)]
struct Entry {
    folded: Classes,
    exact: Classes,
    cased: bool,
}

/// Every word of the lists below, with the lists it is in.
static WORDS: LazyLock<HashMap<Key, Entry, BuildHasherDefault<KeyHasher>>> = LazyLock::new(|| {
    let mut table: HashMap<Key, Entry, BuildHasherDefault<KeyHasher>> = HashMap::default();
    let mut add = |word: &str, class: Class, fold: bool| {
        let Some((as_written, folded)) = Key::pair(word.as_bytes(), 0, word.len()) else {
            return;
        };
        let entry = table.entry(as_written).or_default();
        if fold {
            entry.folded = entry.folded.with(class);
        } else {
            entry.exact = entry.exact.with(class);
            if folded != as_written {
                table.entry(folded).or_default().cased = true;
            }
        }
    };
    for (class, list) in FOLDED_LISTS {
        for word in *list {
            add(word, *class, true);
        }
    }
    for (class, list) in EXACT_LISTS {
        for word in *list {
            add(word, *class, false);
        }
    }
    for abbreviation in MONTH_ABBREVIATIONS {
        add(
            &format!("{abbreviation}."),
            Class::DottedMonthAbbreviations,
            true,
        );
    }
    for country in DOLLAR_COUNTRIES {
        add(&format!("{country}$"), Class::CurrencyPrefixes, false);
    }
    table
});

/// The lists `word` is in: those looked up ignoring ASCII case and those looked up as
/// written.
fn lookup(word: &str) -> Classes {
    lookup_at(word.as_bytes(), 0, word.len())
}

/// The lists the `len` bytes at `start` in `text` are in, as [`lookup`].
fn lookup_at(text: &[u8], start: usize, len: usize) -> Classes {
    let Some((as_written, folded)) = Key::pair(text, start, len) else {
        return Classes::NONE;
    };
    let Some(entry) = WORDS.get(&folded) else {
        return Classes::NONE;
    };
    let exact = if as_written == folded {
        entry.exact
    } else if entry.cased {
        WORDS.get(&as_written).map_or(Classes::NONE, |e| e.exact)
    } else {
        Classes::NONE
    };
    Classes(entry.folded.0 | exact.0)
}

/// The classes of the token at `start..end` in `text`: the lists it is in and the traits of
/// its spelling that let a pattern start at it.
fn classify(text: &str, start: usize, end: usize) -> Classes {
    let Some(word) = text.get(start..end) else {
        return Classes::NONE;
    };
    let mut classes = lookup_at(text.as_bytes(), start, word.len());
    let bytes = word.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    if first.is_ascii_digit() {
        classes = classes.with(Class::DigitLed);
    }
    if bytes.contains(&b'-') {
        // `twenty-five`: a tens word and a ones word.
        let hyphenated_number = word.split_once('-').is_some_and(|(tens, ones)| {
            lookup(tens).has(Class::NumberWord) && lookup(ones).has(Class::NumberWord)
        });
        if hyphenated_number {
            classes = classes.with(Class::NumberWord);
        }
        if split_mid_prefix(word).is_some() {
            classes = classes.with(Class::MidPrefixed);
        }
    }
    // A currency symbol starts with `$` or a non-ASCII character, or is a country's dollar.
    if (!first.is_ascii() || bytes.contains(&b'$')) && currency_prefix_len(word).is_some() {
        classes = classes.with(Class::CurrencyLed);
    }
    classes
}

/// The tokens of one sentence (and those before it), with their classes and the text they
/// point into. Indices past the sentence simply do not exist, which keeps every pattern
/// inside it.
struct Scanner<'a> {
    text: &'a str,
    tokens: &'a [Token],
    classes: &'a [Classes],
}

/// How a number is written.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    /// Digits, possibly grouped by thousands commas: `2021`, `10,000`.
    Integer {
        value: u64,
        digits: usize,
        grouped: bool,
    },
    /// A decimal fraction: `3.5`, `1,234.5`.
    Decimal,
    /// A clock time: `10:30`, `9:05:10`.
    Clock { hour: u64 },
    /// An ISO 8601 date: `2021-08-10`.
    IsoDate,
    /// A day, month and year with slashes: `10/08/2021`, `8/10/21`.
    SlashDate,
    /// Digits joined some other way: scores and ranges (`3-2`, `10-20`), `9/11`.
    Other,
    /// Number words: `three`, `twenty-five`, `two hundred and fifty`.
    Words { lone_one: bool },
}

/// A number found at some token: where it ends, how it is written, and the letters (or `%`)
/// written onto it (`bn` of `1.2bn`, `th` of `10th`, `s` of `1990s`; empty when none) with
/// the lists they are in.
#[derive(Clone, Copy, Debug)]
struct Numeral<'a> {
    end: usize,
    shape: Shape,
    suffix: &'a str,
    suffix_classes: Classes,
}

impl Numeral<'_> {
    fn has_suffix_in(&self, class: Class) -> bool {
        self.suffix_classes.has(class)
    }

    /// The value of a plain integer without suffix or separators, such as a day or a year.
    fn plain_integer(&self) -> Option<(u64, usize)> {
        match self.shape {
            Shape::Integer {
                value,
                digits,
                grouped: false,
            } if self.suffix.is_empty() => Some((value, digits)),
            _ => None,
        }
    }

    /// A four-digit year from 1000 to 2999 with nothing written onto it.
    fn is_year(&self) -> bool {
        self.plain_integer()
            .is_some_and(|(value, digits)| digits == 4 && (1000..=2999).contains(&value))
    }

    /// A day of the month, possibly written as an ordinal (`10`, `10th`).
    fn is_day(&self) -> bool {
        let ordinal = self.suffix.is_empty() || self.has_suffix_in(Class::OrdinalSuffixes);
        matches!(self.shape, Shape::Integer { value: 1..=31, digits: 1..=2, grouped: false } if ordinal)
    }
}

impl<'a> Scanner<'a> {
    /// The text of token `j`, if it is in the sentence.
    fn word(&self, j: usize) -> Option<&'a str> {
        let token = self.tokens.get(j)?;
        self.text.get(token.span.start..token.span.end)
    }

    /// Whether token `j` exists and has `class` (is in that list).
    fn is(&self, j: usize, class: Class) -> bool {
        self.classes.get(j).is_some_and(|c| c.has(class))
    }

    /// Whether token `j` exists and is exactly `word`, ignoring ASCII case.
    fn is_word(&self, j: usize, word: &str) -> bool {
        self.word(j).is_some_and(|w| w.eq_ignore_ascii_case(word))
    }

    /// Whether token `j` exists and touches the token before it (no space between).
    fn touches_previous(&self, j: usize) -> bool {
        match (
            j.checked_sub(1).and_then(|p| self.tokens.get(p)),
            self.tokens.get(j),
        ) {
            (Some(previous), Some(token)) => previous.span.end == token.span.start,
            _ => false,
        }
    }

    /// Whether token `j` starts with an upper-case letter (proper nouns: months, weekdays).
    fn is_capitalized(&self, j: usize) -> bool {
        self.word(j)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// Whether token `j` is a lower-case word (a common noun or verb, not a name).
    fn is_lowercase_word(&self, j: usize) -> bool {
        self.word(j)
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()) && !w.is_empty())
    }

    /// Tries every pattern at token `i`, most specific first.
    fn match_at(&self, i: usize) -> Option<Found> {
        self.money_with_prefix(i)
            .or_else(|| self.determined_date(i))
            .or_else(|| self.modified_period(i))
            .or_else(|| self.month_date(i))
            .or_else(|| self.relative_date(i))
            .or_else(|| self.time_word(i))
            .or_else(|| self.number_led(i))
    }

    // ----- reading numbers -----

    /// A number written in digits at token `j`, skipping its first `skip` bytes (a currency
    /// symbol written onto it). Joins the pieces of a number split at its separators.
    fn digits(&self, j: usize, skip: usize) -> Option<Numeral<'a>> {
        let first = self.tokens.get(j)?;
        let start = first.span.start + skip;
        if !self
            .text
            .get(start..)?
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        // `10` `,` `000` or `10` `:` `30` from a tokenizer that splits at separators: join
        // digit groups that touch (a bounded number, so the scan stays linear).
        let mut end = j + 1;
        for _ in 0..MAX_JOINED_GROUPS {
            let joins = self
                .word(end)
                .is_some_and(|w| matches!(w, "," | "-" | "." | "/" | ":"))
                && self.touches_previous(end)
                && self.touches_previous(end + 1)
                && self
                    .word(end + 1)
                    .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
            if !joins {
                break;
            }
            end += 2;
        }
        let last = self.tokens.get(end - 1)?;
        let written = self.text.get(start..last.span.end)?;
        let (shape, suffix) = parse_digits(written)?;
        let suffix_classes = if suffix.is_empty() {
            Classes::NONE
        } else {
            lookup(suffix)
        };
        let numeral = Numeral {
            end,
            shape,
            suffix,
            suffix_classes,
        };
        // `1.2` `bn`, `45` `%`, `10` `th`: a suffix split off by the tokenizer.
        if suffix.is_empty() && self.touches_previous(end) {
            if let (Some(next), Some(&classes)) = (self.word(end), self.classes.get(end)) {
                if next == "%"
                    || classes.intersects(NUMBER_SUFFIXES)
                    || next.eq_ignore_ascii_case("s")
                {
                    return Some(Numeral {
                        end: end + 1,
                        suffix: next,
                        suffix_classes: classes,
                        ..numeral
                    });
                }
            }
        }
        Some(numeral)
    }

    /// Number words at token `j`: `three`, `twenty-five`, `two hundred and fifty`, `dozen`
    /// (the article of `a dozen` is left out).
    fn number_words(&self, j: usize) -> Option<Numeral<'a>> {
        let mut end = j;
        while end < j + MAX_NUMBER_WORDS {
            let counted = end > j;
            // `and` only joins number words: `two hundred and fifty`.
            let continues = self.is(end, Class::NumberWord)
                || (counted && self.is(end, Class::Scales))
                || (counted && self.is_word(end, "and") && self.is(end + 1, Class::NumberWord));
            if !continues {
                break;
            }
            end += 1;
        }
        if end == j {
            // `thousands of people`: a plural scale alone is a count.
            if self.is(j, Class::PluralScales) {
                end = j + 1;
            } else {
                return None;
            }
        }
        let lone_one = end == j + 1 && self.is_word(j, "one");
        Some(Numeral {
            end,
            shape: Shape::Words { lone_one },
            suffix: "",
            suffix_classes: Classes::NONE,
        })
    }

    /// A number in digits or words at `j`, followed by its scale (`1.2 billion`, `1.2bn`,
    /// `5 million`). Returns the number and whether it has a scale.
    fn scaled_number(&self, j: usize, skip: usize) -> Option<(Numeral<'a>, bool)> {
        let numeral = match self.digits(j, skip) {
            Some(numeral) => numeral,
            None if skip == 0 => self.number_words(j)?,
            None => return None,
        };
        if numeral.has_suffix_in(Class::Scales) || numeral.has_suffix_in(Class::ScaleAbbreviations)
        {
            return Some((numeral, true));
        }
        let scale_follows = numeral.suffix.is_empty()
            && !matches!(numeral.shape, Shape::Words { .. })
            && (self.is(numeral.end, Class::Scales)
                || self.is(numeral.end, Class::ScaleWordsSpaced));
        if scale_follows {
            let end = numeral.end + 1;
            return Some((Numeral { end, ..numeral }, true));
        }
        Some((numeral, false))
    }

    // ----- patterns that start with a word or symbol -----

    /// `$1.2 billion`, `€5m`, `US$5`, `£300`, `USD 5`, `Rs 300`.
    fn money_with_prefix(&self, i: usize) -> Option<Found> {
        let word = self.word(i)?;
        let (number_at, skip) = if self.is(i, Class::CurrencyPrefixes) {
            (i + 1, 0)
        } else if self.is(i, Class::DollarCountries)
            && self.word(i + 1) == Some("$")
            && self.touches_previous(i + 1)
        {
            // `US` `$` `5`
            (i + 2, 0)
        } else if self.is(i, Class::CurrencyCodes) || self.is(i, Class::RupeeAbbreviations) {
            (i + 1, 0)
        } else if self.is(i, Class::CurrencyLed) {
            // `€5m` or `US$5` written as one token.
            (i, currency_prefix_len(word)?)
        } else {
            return None;
        };
        let (numeral, _) = self.scaled_number(number_at, skip)?;
        if matches!(numeral.shape, Shape::Words { .. }) {
            return None;
        }
        found(numeral.end, Label::Money)
    }

    /// Dates that start with `the`: `the 1990s`, `the early 1990s`, `the past two weeks`,
    /// `the 21st century`.
    fn determined_date(&self, i: usize) -> Option<Found> {
        if !self.is_word(i, "the") {
            return None;
        }
        if let Some(end) = self.decade(i + 1) {
            return found(end, Label::Date);
        }
        if self.is(i + 1, Class::PeriodModifiers) {
            if let Some(end) = self.decade(i + 2) {
                return found(end, Label::Date);
            }
        }
        if self.is(i + 1, Class::PastOrComing) {
            let period = self.counted_period(i + 2)?;
            return found(period, Label::Date);
        }
        let century = self.digits(i + 1, 0)?;
        let is_century = century.has_suffix_in(Class::OrdinalSuffixes)
            && self.is(century.end, Class::CenturyWords);
        is_century.then_some(Found {
            end: century.end + 1,
            label: Label::Date,
        })
    }

    /// `early 2021`, `late 1990s`, `mid-August`, `mid-2020`.
    fn modified_period(&self, i: usize) -> Option<Found> {
        let word = self.word(i)?;
        if let Some(rest) = split_mid_prefix(word) {
            let is_period =
                lookup(rest).has(Class::Months) || is_decade(rest) || is_year_text(rest);
            return is_period.then_some(Found {
                end: i + 1,
                label: Label::Date,
            });
        }
        if !self.is(i, Class::PeriodModifiers) {
            return None;
        }
        // `mid` `-` `2020` from a tokenizer that splits at hyphens.
        let next = if self.word(i + 1) == Some("-") && self.touches_previous(i + 1) {
            i + 2
        } else {
            i + 1
        };
        if let Some(end) = self.decade(next) {
            return found(end, Label::Date);
        }
        if self.digits(next, 0).is_some_and(|n| n.is_year()) {
            return found(next + 1, Label::Date);
        }
        if let Some(month) = self.month(next) {
            if month.full_name {
                return found(self.month_date_end(month), Label::Date);
            }
        }
        None
    }

    /// Dates that start with a month: `Aug. 10, 2021`, `August 10`, `August 2021`,
    /// `February last year`, `August` (a full name, alone).
    fn month_date(&self, i: usize) -> Option<Found> {
        let month = self.month(i)?;
        let end = self.month_date_end(month);
        if end > month.end {
            return found(end, Label::Date);
        }
        // A month alone: only a full name, and `May` and `March` (also a verb and a noun)
        // only after a word that introduces a date.
        let ambiguous = self.is(i, Class::AmbiguousMonths);
        let introduced = i.checked_sub(1).is_some_and(|p| {
            self.is(p, Class::DatePrepositions) || self.is(p, Class::PeriodModifiers)
        });
        (month.full_name && (!ambiguous || introduced)).then_some(Found {
            end,
            label: Label::Date,
        })
    }

    /// Where a date that starts with `month` ends: after its day and year, or after `last
    /// year`; `month.end` when nothing follows.
    fn month_date_end(&self, month: Month) -> usize {
        let after = month.end;
        if let Some(day) = self.digits(after, 0).filter(Numeral::is_day) {
            // `Aug. 10, 2021`, `Aug 10 2021`
            let year_at = if self.word(day.end) == Some(",") {
                day.end + 1
            } else {
                day.end
            };
            if self.digits(year_at, 0).is_some_and(|n| n.is_year()) {
                return year_at + 1;
            }
            return day.end;
        }
        if self.digits(after, 0).is_some_and(|n| n.is_year()) {
            return after + 1;
        }
        // `February last year`
        if self.is(after, Class::NearDeterminers) && self.is_word(after + 1, "year") {
            return after + 2;
        }
        after
    }

    /// A month name at `j`, capitalized: a full name or an abbreviation (with its period,
    /// written onto it or split off). An abbreviation only counts before a day or year.
    fn month(&self, j: usize) -> Option<Month> {
        if !self.is_capitalized(j) {
            return None;
        }
        if self.is(j, Class::Months) {
            return Some(Month {
                end: j + 1,
                full_name: true,
            });
        }
        let end = if self.is(j, Class::DottedMonthAbbreviations) {
            j + 1
        } else if !self.is(j, Class::MonthAbbreviations) {
            return None;
        } else if self.word(j + 1) == Some(".") && self.touches_previous(j + 1) {
            j + 2
        } else {
            j + 1
        };
        let dated = self
            .digits(end, 0)
            .is_some_and(|n| n.is_day() || n.is_year());
        dated.then_some(Month {
            end,
            full_name: false,
        })
    }

    /// Relative dates and times: `today`, `yesterday morning`, `Monday`, `last year`,
    /// `this week`, `next Monday`, `earlier this month`, `last night`, `a year ago`.
    fn relative_date(&self, i: usize) -> Option<Found> {
        if self.is(i, Class::DaysFromToday) {
            if self.is(i + 1, Class::PartsOfDay) {
                return found(i + 2, Label::Time);
            }
            return found(i + 1, Label::Date);
        }
        if self.is_capitalized(i) && self.is(i, Class::Weekdays) {
            return found(i + 1, Label::Date);
        }
        // `earlier this month`, `later this year`
        let determiner = if self.is(i, Class::EarlierOrLater) {
            if !self.is(i + 1, Class::NearDeterminers) {
                return None;
            }
            i + 1
        } else {
            i
        };
        if self.is(determiner, Class::RelativeDeterminers) {
            if self.is(determiner + 1, Class::PartsOfDay) {
                // `last night`, `this morning`
                return found(determiner + 2, Label::Time);
            }
            let named = self.is_capitalized(determiner + 1)
                && (self.is(determiner + 1, Class::Weekdays)
                    || self.is(determiner + 1, Class::Months));
            if named || self.is(determiner + 1, Class::Seasons) {
                return found(determiner + 2, Label::Date);
            }
            let end = self.counted_period(determiner + 1)?;
            return found(end, Label::Date);
        }
        // `a year ago`, `a week earlier`
        if self.is_word(i, "a") && self.is(i + 1, Class::Periods) && self.is(i + 2, Class::AgoWords)
        {
            return found(i + 3, Label::Date);
        }
        None
    }

    /// A period, optionally counted, at `j`: `year`, `two weeks`, `3 months`. Returns where
    /// it ends.
    fn counted_period(&self, j: usize) -> Option<usize> {
        if self.is(j, Class::Periods) {
            return Some(j + 1);
        }
        let count = self
            .digits(j, 0)
            .filter(|n| n.suffix.is_empty())
            .or_else(|| self.number_words(j))?;
        self.is(count.end, Class::Periods).then_some(count.end + 1)
    }

    /// `midnight`, `noon`, `midday`, `tonight`.
    fn time_word(&self, i: usize) -> Option<Found> {
        self.is(i, Class::TimeWords).then_some(Found {
            end: i + 1,
            label: Label::Time,
        })
    }

    /// A decade at `j`: `1990s`, `1990` `s`, `'90s`, `'` `90s`. Returns where it ends.
    fn decade(&self, j: usize) -> Option<usize> {
        let word = self.word(j)?;
        if is_decade(word) {
            return Some(j + 1);
        }
        if let Some(numeral) = self.digits(j, 0) {
            let is_decade = numeral.suffix.eq_ignore_ascii_case("s")
                && matches!(numeral.shape, Shape::Integer { value, digits: 4, grouped: false } if value % 10 == 0);
            return is_decade.then_some(numeral.end);
        }
        // `'` `90s`: the two touching tokens are one stretch of text, `'90s`.
        let apostrophe = matches!(word, "'" | "\u{2019}");
        let joined = match (self.tokens.get(j), self.tokens.get(j + 1)) {
            (Some(mark), Some(digits)) if self.touches_previous(j + 1) => {
                self.text.get(mark.span.start..digits.span.end)
            }
            _ => None,
        };
        (apostrophe && joined.is_some_and(is_decade)).then_some(j + 2)
    }

    // ----- patterns that start with a number -----

    /// A number and what it measures: percentages, money, quantities, times, dates; any other
    /// number is CARDINAL.
    fn number_led(&self, i: usize) -> Option<Found> {
        let (numeral, scaled) = self.scaled_number(i, 0)?;
        let after = numeral.end;
        // `45%`, `45 %`, `45 percent`, `45 per cent`, `0.5 percentage points`
        if numeral.suffix == "%" {
            return found(after, Label::Percent);
        }
        if self.word(after) == Some("%") || self.is(after, Class::PercentWords) {
            return found(after + 1, Label::Percent);
        }
        if (self.is_word(after, "per") && self.is_word(after + 1, "cent"))
            || (self.is_word(after, "percentage") && self.is(after + 1, Class::PointWords))
        {
            return found(after + 2, Label::Percent);
        }
        // `300 rupees`, `1.2bn dollars`, `5 USD`, `5 US dollars`
        if self.is(after, Class::CurrencyWords) || self.is(after, Class::CurrencyCodes) {
            return found(after + 1, Label::Money);
        }
        if self.is(after, Class::DollarQualifiers) && self.is(after + 1, Class::DollarWords) {
            return found(after + 2, Label::Money);
        }
        if let Some(end) = self.unit(&numeral, after) {
            return found(end, Label::Quantity);
        }
        if scaled {
            return found(after, Label::Cardinal);
        }
        if let Some(end) = self.time_of_day(&numeral, after) {
            return found(end, Label::Time);
        }
        if let Some(found) = self.numeric_date(i, &numeral, after) {
            return Some(found);
        }
        self.cardinal(i, &numeral)
    }

    /// Where a unit after a number ends: `5 km`, `20 tonnes`, `10kg`, `500 square
    /// kilometres`, `30 °C`, `a 10-mile walk`.
    fn unit(&self, numeral: &Numeral<'a>, after: usize) -> Option<usize> {
        if !numeral.suffix.is_empty() {
            let is_unit = numeral.has_suffix_in(Class::UnitSymbols)
                || numeral.has_suffix_in(Class::UnitWords);
            return is_unit.then_some(after);
        }
        let unit_at = if self.is(after, Class::AreaPrefixes) {
            after + 1
        } else {
            after
        };
        let word = self.word(unit_at)?;
        if self.is(unit_at, Class::UnitSymbols) || self.is(unit_at, Class::UnitWords) {
            return Some(unit_at + 1);
        }
        // `30 °C`, `30 ° C`
        if word == "°" {
            let scale_follows = self.touches_previous(unit_at + 1)
                && self.is(unit_at + 1, Class::TemperatureScales);
            return Some(if scale_follows {
                unit_at + 2
            } else {
                unit_at + 1
            });
        }
        None
    }

    /// Where a time of day that starts with a number ends: `10:30`, `10:30 a.m. GMT`, `3 pm`,
    /// `3pm`, `10 o'clock`.
    fn time_of_day(&self, numeral: &Numeral<'a>, after: usize) -> Option<usize> {
        let hour = match numeral.shape {
            Shape::Clock { hour } => hour,
            Shape::Integer {
                value,
                digits: 1..=2,
                grouped: false,
            } => value,
            _ => return None,
        };
        let is_clock = matches!(numeral.shape, Shape::Clock { .. });
        let has_meridiem_suffix = numeral.has_suffix_in(Class::Meridiems);
        if !numeral.suffix.is_empty() && !has_meridiem_suffix {
            return None;
        }
        let mut end = after;
        if !has_meridiem_suffix {
            if let Some(meridiem_end) = self.meridiem(after) {
                if !(1..=12).contains(&hour) {
                    return None;
                }
                end = meridiem_end;
            } else if self.is_word(after, "o'clock") && (1..=12).contains(&hour) {
                return Some(after + 1);
            } else if !is_clock {
                return None;
            }
        } else if !(1..=12).contains(&hour) {
            return None;
        }
        // `GMT`, `ET`, `local time`
        if self.is(end, Class::TimeZones) {
            end += 1;
        } else if self.is_word(end, "local") && self.is_word(end + 1, "time") {
            end += 2;
        }
        Some(end)
    }

    /// Where `a.m.`/`pm` at `j` ends, however it was split: `a.m.`, `am`, `a.m` `.`,
    /// `a` `.` `m` `.`.
    fn meridiem(&self, j: usize) -> Option<usize> {
        if self.is(j, Class::Meridiems) {
            let period_follows = self.word(j + 1) == Some(".") && self.touches_previous(j + 1);
            let dotted = self
                .word(j)
                .is_some_and(|w| w.contains('.') && !w.ends_with('.'));
            return Some(if dotted && period_follows {
                j + 2
            } else {
                j + 1
            });
        }
        // Up to four touching pieces spelling `a.m.` or `p.m.`: touching tokens are one
        // stretch of the text, so their joined text is a slice of it.
        let first = self.tokens.get(j)?;
        for end in j..j + 4 {
            if end > j && !self.touches_previous(end) {
                break;
            }
            let last = self.tokens.get(end)?;
            let spelled = self.text.get(first.span.start..last.span.end)?;
            if spelled.eq_ignore_ascii_case("a.m.") || spelled.eq_ignore_ascii_case("p.m.") {
                return Some(end + 1);
            }
        }
        None
    }

    /// Dates that start with a number: `2021-08-10`, `10/08/2021`, `10 August 2021`,
    /// `the 1990s` without `the`, `three years ago`, `a 20-year-old`, a year (`in 2019`).
    fn numeric_date(&self, i: usize, numeral: &Numeral<'a>, after: usize) -> Option<Found> {
        if matches!(numeral.shape, Shape::IsoDate | Shape::SlashDate) && numeral.suffix.is_empty() {
            return found(after, Label::Date);
        }
        if let Some(end) = self.decade(i) {
            return found(end, Label::Date);
        }
        // `10 August 2021`, `10th of August`
        if numeral.is_day() {
            let month_at = if self.is_word(after, "of") {
                after + 1
            } else {
                after
            };
            if let Some(month) = self.month(month_at) {
                let end = if self.digits(month.end, 0).is_some_and(|n| n.is_year()) {
                    month.end + 1
                } else {
                    month.end
                };
                return found(end, Label::Date);
            }
        }
        // `a 20-year-old`, `a 10-day trip`, `a 5-hour wait`
        if numeral.has_suffix_in(Class::Periods) || numeral.has_suffix_in(Class::AgeSuffixes) {
            return found(after, Label::Date);
        }
        if numeral.has_suffix_in(Class::TimeUnits) {
            return found(after, Label::Time);
        }
        if !numeral.suffix.is_empty() {
            return None;
        }
        // `three years`, `three years ago`, `42 years old`, `two hours`
        let relative_end = |end: usize| {
            if self.is(end, Class::AfterCountedPeriods) {
                end + 1
            } else {
                end
            }
        };
        if self.is(after, Class::Periods) {
            return found(relative_end(after + 1), Label::Date);
        }
        if self.is(after, Class::TimeUnits) {
            return found(relative_end(after + 1), Label::Time);
        }
        self.year(i, numeral)
    }

    /// A four-digit number read as a year: after a word that introduces a date (`in 2019`,
    /// `since 1990`); or from 1900 to 2099 when no lower-case word follows (`2000.`, `2021
    /// Taliban offensive`) or a determiner comes before (`the 2020 election`), since a count
    /// rarely has either (`2000 people`).
    fn year(&self, i: usize, numeral: &Numeral<'a>) -> Option<Found> {
        let (value, digits) = numeral.plain_integer()?;
        if digits != 4 {
            return None;
        }
        let previous = i.checked_sub(1);
        if previous.is_some_and(|p| self.is(p, Class::DatePrepositions)) && numeral.is_year() {
            return found(numeral.end, Label::Date);
        }
        let modifies_a_noun = previous
            .is_some_and(|p| self.is(p, Class::Determiners) || self.word(p) == Some("\u{2019}s"));
        let is_year = (1900..=2099).contains(&value)
            && (modifies_a_noun || !self.is_lowercase_word(numeral.end));
        is_year.then_some(Found {
            end: numeral.end,
            label: Label::Date,
        })
    }

    /// Any other number: CARDINAL, except ordinals (`3rd`), numbers with a letter suffix we do
    /// not know, and `one` used as a pronoun (`no one`, `the one who`).
    fn cardinal(&self, i: usize, numeral: &Numeral<'a>) -> Option<Found> {
        if !numeral.suffix.is_empty() && !numeral.has_suffix_in(Class::ScaleAbbreviations) {
            return None;
        }
        if let Shape::Words { lone_one: true } = numeral.shape {
            let pronoun = i
                .checked_sub(1)
                .is_some_and(|p| self.is(p, Class::PronounOneBefore))
                || self.is(numeral.end, Class::PronounOneAfter);
            if pronoun {
                return None;
            }
        }
        found(numeral.end, Label::Cardinal)
    }
}

/// A month name found at some token: where it ends and whether it was written in full.
#[derive(Clone, Copy, Debug)]
struct Month {
    end: usize,
    full_name: bool,
}

/// At most this many digit groups of a number split at its separators are joined back.
const MAX_JOINED_GROUPS: usize = 6;

/// At most this many number words make one number (`two hundred and fifty-five thousand`).
const MAX_NUMBER_WORDS: usize = 10;

/// Splits a number written in digits (`1,234.5bn`) into its shape and suffix. `None` when
/// something other than letters, `-` or `%` is written onto it.
fn parse_digits(written: &str) -> Option<(Shape, &str)> {
    let body_len = written
        .bytes()
        .take_while(|b| b.is_ascii_digit() || b",.:/-".contains(b))
        .count();
    // The number ends at its last digit: `10-year` is `10` and `-year`.
    let body_len = written
        .get(..body_len)?
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .len();
    let (body, rest) = written.split_at_checked(body_len)?;
    let suffix = match rest.strip_prefix('-') {
        Some(word) if word.starts_with(|c: char| c.is_ascii_alphabetic()) => word,
        _ => rest,
    };
    let is_suffix_text =
        suffix == "%" || suffix.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    if !is_suffix_text {
        return None;
    }
    Some((shape_of(body), suffix))
}

/// How the digits-and-separators `body` (starting and ending with a digit) is written.
fn shape_of(body: &str) -> Shape {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let value = |s: &str| {
        s.bytes().filter(u8::is_ascii_digit).fold(0u64, |v, b| {
            v.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        })
    };
    if all_digits(body) {
        return Shape::Integer {
            value: value(body),
            digits: body.len(),
            grouped: false,
        };
    }
    if body.contains(':') {
        // Hours, minutes and perhaps seconds: two or three fields.
        let mut fields = body.split(':');
        let clock = match (fields.next(), fields.next(), fields.next(), fields.next()) {
            (Some(hour), Some(minutes), seconds, None) => {
                let sixty = |f: &str| all_digits(f) && f.len() == 2 && value(f) < 60;
                all_digits(hour)
                    && hour.len() <= 2
                    && value(hour) <= 24
                    && sixty(minutes)
                    && seconds.is_none_or(sixty)
            }
            _ => false,
        };
        return match body.split(':').next() {
            Some(hour) if clock => Shape::Clock { hour: value(hour) },
            _ => Shape::Other,
        };
    }
    for (separator, date) in [('-', Shape::IsoDate), ('/', Shape::SlashDate)] {
        if !body.contains(separator) {
            continue;
        }
        // Exactly three fields of digits.
        let mut fields = body.split(separator);
        let plausible = match (fields.next(), fields.next(), fields.next(), fields.next()) {
            (Some(first), Some(second), Some(third), None)
                if all_digits(first) && all_digits(second) && all_digits(third) =>
            {
                let lengths = (first.len(), second.len(), third.len());
                match separator {
                    // ISO 8601: year, month 1-12, day 1-31.
                    '-' => {
                        lengths == (4, 2, 2)
                            && (1..=12).contains(&value(second))
                            && (1..=31).contains(&value(third))
                    }
                    _ => {
                        matches!(lengths, (1 | 2, 1 | 2, 2 | 4))
                            && value(first) >= 1
                            && value(second) >= 1
                    }
                }
            }
            _ => false,
        };
        return if plausible { date } else { Shape::Other };
    }
    // Thousands commas and one decimal point: `10,000`, `1,234.5`, `3.5`.
    let (whole, fraction) = match body.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let mut groups = whole.split(',');
    let grouped = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && all_digits(g))
        && groups.all(|g| g.len() == 3 && all_digits(g));
    let commas = whole.bytes().filter(|&b| b == b',').count();
    match fraction {
        _ if !grouped => Shape::Other,
        Some(fraction) if all_digits(fraction) => Shape::Decimal,
        Some(_) => Shape::Other,
        None => Shape::Integer {
            value: value(whole),
            digits: whole.len().saturating_sub(commas),
            grouped: commas > 0,
        },
    }
}

/// Whether `word` is written as a decade: `1990s`, `'90s`, `’90s`.
fn is_decade(word: &str) -> bool {
    let digits = match word.strip_prefix(['\'', '\u{2019}']) {
        Some(rest) => rest.strip_suffix('s').filter(|d| d.len() == 2),
        None => word.strip_suffix('s').filter(|d| d.len() == 4),
    };
    digits.is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()) && d.ends_with('0'))
}

/// Whether `word` is a four-digit year (`2020` of `mid-2020`).
fn is_year_text(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && (b'1'..=b'2').contains(&word.as_bytes().first().copied().unwrap_or(0))
}

/// What follows `mid-` in `mid-August` or `mid-2020`.
fn split_mid_prefix(word: &str) -> Option<&str> {
    let (prefix, rest) = word.split_once('-')?;
    (prefix.eq_ignore_ascii_case("mid") && !rest.is_empty()).then_some(rest)
}

/// The length of the currency symbol written at the start of `word` (`€5m`, `US$5`), when a
/// digit follows it.
fn currency_prefix_len(word: &str) -> Option<usize> {
    let symbol_end = word.find(|c: char| c.is_ascii_digit())?;
    let symbol = word.get(..symbol_end)?;
    (symbol_end > 0 && lookup(symbol).has(Class::CurrencyPrefixes)).then_some(symbol_end)
}

// ----- word lists: sorted and unique (the tests check it), lower case unless said otherwise -----

/// The lists looked up ignoring ASCII case, with their classes.
const FOLDED_LISTS: &[(Class, &[&str])] = &[
    (Class::Months, MONTHS),
    (Class::MonthAbbreviations, MONTH_ABBREVIATIONS),
    (Class::Weekdays, WEEKDAYS),
    (Class::Periods, PERIODS),
    (Class::Seasons, SEASONS),
    (Class::PartsOfDay, PARTS_OF_DAY),
    (Class::TimeUnits, TIME_UNITS),
    (Class::DatePrepositions, DATE_PREPOSITIONS),
    (Class::Determiners, DETERMINERS),
    (Class::PeriodModifiers, PERIOD_MODIFIERS),
    (Class::Meridiems, MERIDIEMS),
    (Class::CurrencyWords, CURRENCY_WORDS),
    (Class::DollarQualifiers, DOLLAR_QUALIFIERS),
    (Class::DollarWords, DOLLAR_WORDS),
    (Class::Scales, SCALES),
    (Class::PluralScales, PLURAL_SCALES),
    (Class::ScaleAbbreviations, SCALE_ABBREVIATIONS),
    (Class::ScaleWordsSpaced, SCALE_WORDS_SPACED),
    (Class::OrdinalSuffixes, ORDINAL_SUFFIXES),
    (Class::UnitWords, UNIT_WORDS),
    (Class::AreaPrefixes, AREA_PREFIXES),
    (Class::TemperatureScales, TEMPERATURE_SCALES),
    (Class::PronounOneBefore, PRONOUN_ONE_BEFORE),
    (Class::PronounOneAfter, PRONOUN_ONE_AFTER),
    (Class::DateArticles, DATE_ARTICLES),
    (Class::PastOrComing, PAST_OR_COMING),
    (Class::RelativeDeterminers, RELATIVE_DETERMINERS),
    (Class::NearDeterminers, NEAR_DETERMINERS),
    (Class::CenturyWords, CENTURY_WORDS),
    (Class::AmbiguousMonths, AMBIGUOUS_MONTHS),
    (Class::DaysFromToday, DAYS_FROM_TODAY),
    (Class::EarlierOrLater, EARLIER_OR_LATER),
    (Class::AgoWords, AGO_WORDS),
    (Class::AfterCountedPeriods, AFTER_COUNTED_PERIODS),
    (Class::TimeWords, TIME_WORDS),
    (Class::PercentWords, PERCENT_WORDS),
    (Class::PointWords, POINT_WORDS),
    (Class::AgeSuffixes, AGE_SUFFIXES),
    (Class::NumberWord, NUMBER_WORDS),
];

/// The lists looked up as written, with their classes.
const EXACT_LISTS: &[(Class, &[&str])] = &[
    (Class::TimeZones, TIME_ZONES),
    (Class::CurrencyPrefixes, CURRENCY_SYMBOLS),
    (Class::DollarCountries, DOLLAR_COUNTRIES),
    (Class::CurrencyCodes, CURRENCY_CODES),
    (Class::UnitSymbols, UNIT_SYMBOLS),
    (Class::RupeeAbbreviations, RUPEE_ABBREVIATIONS),
];
/// Months, in full.
const MONTHS: &[&str] = &[
    "april",
    "august",
    "december",
    "february",
    "january",
    "july",
    "june",
    "march",
    "may",
    "november",
    "october",
    "september",
];

/// Month abbreviations (without their period).
const MONTH_ABBREVIATIONS: &[&str] = &[
    "apr", "aug", "dec", "feb", "jan", "jul", "jun", "mar", "nov", "oct", "sep", "sept",
];

/// Days of the week.
const WEEKDAYS: &[&str] = &[
    "friday",
    "monday",
    "saturday",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

/// Periods of a day or longer, singular and plural.
const PERIODS: &[&str] = &[
    "centuries",
    "century",
    "day",
    "days",
    "decade",
    "decades",
    "fortnight",
    "month",
    "months",
    "quarter",
    "quarters",
    "week",
    "weekend",
    "weeks",
    "year",
    "years",
];

/// Seasons (`last summer`).
const SEASONS: &[&str] = &["autumn", "fall", "spring", "summer", "winter"];

/// Parts of a day (`last night`, `yesterday morning`: TIME).
const PARTS_OF_DAY: &[&str] = &["afternoon", "evening", "morning", "night"];

/// Periods under a day (`two hours`: TIME).
const TIME_UNITS: &[&str] = &["hour", "hours", "minute", "minutes", "second", "seconds"];

/// Words before a year or month that make it a date (`in 2019`, `since May`).
const DATE_PREPOSITIONS: &[&str] = &[
    "after",
    "before",
    "between",
    "by",
    "during",
    "from",
    "in",
    "of",
    "since",
    "through",
    "throughout",
    "till",
    "until",
];

/// Determiners before a year that modifies a noun (`the 2020 election`, `Biden's 2020
/// campaign`).
const DETERMINERS: &[&str] = &[
    "'s", "a", "an", "her", "his", "its", "our", "that", "the", "their", "this",
];

/// Words that place a date within a longer period (`early 2021`, `the late 1990s`).
const PERIOD_MODIFIERS: &[&str] = &["early", "late", "mid"];

/// `a.m.` and `p.m.` as they are written.
const MERIDIEMS: &[&str] = &["a.m", "a.m.", "am", "p.m", "p.m.", "pm"];

/// Time zones after a time (case-sensitive: `ET`, not `et`).
const TIME_ZONES: &[&str] = &[
    "AEST", "BST", "CDT", "CEST", "CET", "CST", "EDT", "EST", "ET", "GMT", "IST", "JST", "MSK",
    "PDT", "PST", "PT", "UTC",
];

/// Currency symbols before an amount (sorted by their UTF-8 bytes).
const CURRENCY_SYMBOLS: &[&str] = &["$", "£", "¥", "฿", "₦", "₩", "₪", "₫", "€", "₹", "₺", "₽"];

/// Countries whose dollar is written `US$`, `A$`, `HK$` (case-sensitive).
const DOLLAR_COUNTRIES: &[&str] = &["A", "AU", "C", "CA", "HK", "NT", "NZ", "R", "S", "US"];

/// ISO 4217 codes before or after an amount (case-sensitive).
const CURRENCY_CODES: &[&str] = &[
    "AUD", "CAD", "CHF", "CNY", "EUR", "GBP", "HKD", "INR", "JPY", "PKR", "RMB", "RUB", "USD",
];

/// Currency names after an amount.
const CURRENCY_WORDS: &[&str] = &[
    "afghanis", "baht", "cents", "dinars", "dirhams", "dollar", "dollars", "euro", "euros",
    "francs", "hryvnias", "krona", "kroner", "kronor", "lira", "naira", "pence", "pesos", "pound",
    "pounds", "rand", "reais", "renminbi", "riyals", "roubles", "rubles", "rupee", "rupees",
    "shekels", "yen", "yuan",
];

/// Words between an amount and `dollars` (`5 US dollars`).
const DOLLAR_QUALIFIERS: &[&str] = &["australian", "canadian", "hong", "singapore", "u.s.", "us"];

/// Number words (cardinals up to ninety, and `dozen`).
const NUMBER_WORDS: &[&str] = &[
    "dozen",
    "eight",
    "eighteen",
    "eighty",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "nine",
    "nineteen",
    "ninety",
    "one",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "ten",
    "thirteen",
    "thirty",
    "three",
    "twelve",
    "twenty",
    "two",
    "zero",
];

/// Scale words, after a number written either way (`two million`, `1.2 billion`), including
/// the Indian `lakh` and `crore`.
const SCALES: &[&str] = &[
    "billion", "crore", "hundred", "lakh", "million", "thousand", "trillion",
];

/// Plural scales, a count on their own (`thousands of people`).
const PLURAL_SCALES: &[&str] = &["billions", "dozens", "hundreds", "millions", "thousands"];

/// Scale abbreviations written onto a number (`1.2bn`, `€5m`, `$10k`).
const SCALE_ABBREVIATIONS: &[&str] = &["b", "bn", "k", "m", "mln", "mn", "tn", "trn"];

/// Scale abbreviations that may also stand apart from the number (`1.2 bn`); `m` and `k`
/// may not (`5 m` is more often metres).
const SCALE_WORDS_SPACED: &[&str] = &["bn", "mln", "mn", "tn", "trn"];

/// Ordinal suffixes (`1st`, `10th`).
const ORDINAL_SUFFIXES: &[&str] = &["nd", "rd", "st", "th"];

/// Units written as symbols, case-sensitive (sorted by bytes: upper case first).
const UNIT_SYMBOLS: &[&str] = &[
    "GB", "GW", "GWh", "MB", "MW", "MWh", "TB", "cm", "ft", "g", "kW", "kWh", "kg", "km", "kph",
    "lb", "lbs", "mg", "mi", "ml", "mm", "mph", "oz", "sq",
];

/// Units written as words, any case.
const UNIT_WORDS: &[&str] = &[
    "acre",
    "acres",
    "barrel",
    "barrels",
    "centimeters",
    "centimetres",
    "degree",
    "degrees",
    "feet",
    "foot",
    "gallon",
    "gallons",
    "gigawatts",
    "gram",
    "grams",
    "hectare",
    "hectares",
    "inch",
    "inches",
    "kilogram",
    "kilograms",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
    "kilos",
    "kilowatts",
    "knots",
    "liter",
    "liters",
    "litre",
    "litres",
    "megawatts",
    "meter",
    "meters",
    "metre",
    "metres",
    "mile",
    "miles",
    "millimeters",
    "millimetres",
    "ounce",
    "ounces",
    "ton",
    "tonne",
    "tonnes",
    "tons",
    "yard",
    "yards",
];

/// Words before a unit of area or volume (`500 square kilometres`).
const AREA_PREFIXES: &[&str] = &["cubic", "sq", "square"];

/// Words before `one` that make it a pronoun (`no one`, `the one who`).
const PRONOUN_ONE_BEFORE: &[&str] = &["any", "each", "every", "no", "that", "the", "this", "which"];

/// Currency names after `US` and the like (`5 US dollars`).
const DOLLAR_WORDS: &[&str] = &["dollar", "dollars"];

/// Temperature scales after a degree sign (`30 °C`).
const TEMPERATURE_SCALES: &[&str] = &["c", "f"];

/// Words after `one` that make it a pronoun (`one another`).
const PRONOUN_ONE_AFTER: &[&str] = &["another"];

/// Articles that open a date (`the 1990s`, `a year ago`).
const DATE_ARTICLES: &[&str] = &["a", "the"];

/// Words after `the` before a counted period (`the past two weeks`).
const PAST_OR_COMING: &[&str] = &["coming", "last", "next", "past"];

/// Words that open a relative date (`last year`, `this week`, `next Monday`).
const RELATIVE_DETERMINERS: &[&str] = &["coming", "last", "next", "past", "this"];

/// Determiners of a period next to the present (`February last year`, `earlier this month`).
const NEAR_DETERMINERS: &[&str] = &["last", "next", "this"];

/// Centuries, after an ordinal (`the 21st century`).
const CENTURY_WORDS: &[&str] = &["centuries", "century"];

/// Months that are also a verb or a noun: a date alone only after a word that introduces one.
const AMBIGUOUS_MONTHS: &[&str] = &["march", "may"];

/// Days named from today (`yesterday`).
const DAYS_FROM_TODAY: &[&str] = &["today", "tomorrow", "yesterday"];

/// Words before a near determiner (`earlier this month`).
const EARLIER_OR_LATER: &[&str] = &["earlier", "later"];

/// Words after a period that place it from now (`a year ago`, `a week earlier`).
const AGO_WORDS: &[&str] = &["ago", "earlier", "later"];

/// Words after a counted period that belong to its date (`three years ago`, `42 years old`).
const AFTER_COUNTED_PERIODS: &[&str] = &["ago", "earlier", "later", "old"];

/// Times of day named by one word.
const TIME_WORDS: &[&str] = &["midday", "midnight", "noon", "tonight"];

/// Words for per cent after a number (`45 percent`).
const PERCENT_WORDS: &[&str] = &["pct", "percent"];

/// Points, after `percentage` (`3.5 percentage points`).
const POINT_WORDS: &[&str] = &["point", "points"];

/// Ages written onto a number (`a 20-year-old`).
const AGE_SUFFIXES: &[&str] = &["year-old", "years-old"];

/// Rupees before an amount (case-sensitive: `Rs 300`).
const RUPEE_ABBREVIATIONS: &[&str] = &["Rs", "Rs."];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::TokenKind;

    /// Tokens as the Penn Treebank-style tokenizer gives them: `case` is the text with `|`
    /// marking a token boundary where there is no space (`$|1.2 billion`). Returns the text
    /// without the marks and its tokens.
    fn tokens_of(case: &str) -> (String, Vec<Token>) {
        let mut text = String::new();
        let mut tokens = Vec::new();
        let mut start: Option<usize> = None;
        let close = |start: &mut Option<usize>, end: usize, tokens: &mut Vec<Token>| {
            if let Some(s) = start.take() {
                tokens.push(Token {
                    span: Span::new(s, end),
                    kind: TokenKind::Word,
                });
            }
        };
        for ch in case.chars() {
            match ch {
                '|' => close(&mut start, text.len(), &mut tokens),
                c if c.is_whitespace() => {
                    close(&mut start, text.len(), &mut tokens);
                    text.push(c);
                }
                c => {
                    start.get_or_insert(text.len());
                    text.push(c);
                }
            }
        }
        close(&mut start, text.len(), &mut tokens);
        (text, tokens)
    }

    /// The entities found in `case` (one sentence), as `(text, label)`.
    fn entities_of(case: &str) -> Vec<(String, &'static str)> {
        let (text, tokens) = tokens_of(case);
        let sentence = Sentence {
            span: Span::new(0, text.len()),
        };
        find_numeric_entities(&text, &tokens, &[sentence])
            .iter()
            .map(|e| (e.span.text(&text).to_string(), e.label.as_str()))
            .collect()
    }

    /// `(case, expected entities)`; a case is a text with `|` between touching tokens, and
    /// each expectation is `text LABEL`.
    type Case = (&'static str, &'static [&'static str]);

    fn check(table: &str, cases: &[Case]) {
        for (case, expected) in cases {
            let got: Vec<String> = entities_of(case)
                .into_iter()
                .map(|(text, label)| format!("{text} {label}"))
                .collect();
            assert_eq!(got, *expected, "{table}: {case:?}");
        }
    }

    const DATES: &[Case] = &[
        ("Aug. 10|, 2021", &["Aug. 10, 2021 DATE"]),
        ("Aug 10|, 2021", &["Aug 10, 2021 DATE"]),
        ("on August 10 .", &["August 10 DATE"]),
        ("on Aug. 10th", &["Aug. 10th DATE"]),
        ("in August 2021", &["August 2021 DATE"]),
        ("in August", &["August DATE"]),
        ("10 August 2021", &["10 August 2021 DATE"]),
        ("the 10th of August", &["10th of August DATE"]),
        ("on Monday|.", &["Monday DATE"]),
        ("begin today in Qatar", &["today DATE"]),
        ("yesterday|,", &["yesterday DATE"]),
        ("last year", &["last year DATE"]),
        ("in February last year|.", &["February last year DATE"]),
        ("in the 1990s", &["the 1990s DATE"]),
        ("the early 1990s", &["the early 1990s DATE"]),
        ("in the '90s", &["the '90s DATE"]),
        ("on 2021-08-10", &["2021-08-10 DATE"]),
        ("on 10/08/2021", &["10/08/2021 DATE"]),
        ("in 2019", &["2019 DATE"]),
        ("the 2020 election", &["2020 DATE"]),
        ("Biden|'s 2020 campaign", &["2020 DATE"]),
        ("by 2030|.", &["2030 DATE"]),
        ("this week", &["this week DATE"]),
        ("earlier this month", &["earlier this month DATE"]),
        ("next Monday", &["next Monday DATE"]),
        ("last summer", &["last summer DATE"]),
        ("the past two weeks", &["the past two weeks DATE"]),
        ("the last 3 years", &["the last 3 years DATE"]),
        ("three years ago", &["three years ago DATE"]),
        ("a year ago", &["a year ago DATE"]),
        ("a 20-year-old man", &["20-year-old DATE"]),
        ("early 2021", &["early 2021 DATE"]),
        ("in mid-August", &["mid-August DATE"]),
        ("the 21st century", &["the 21st century DATE"]),
        ("AUG. 10|, 2021", &["AUG. 10, 2021 DATE"]),
    ];

    const TIMES: &[Case] = &[
        ("at 10:30 a.m.", &["10:30 a.m. TIME"]),
        ("at 10:30 a.m. GMT", &["10:30 a.m. GMT TIME"]),
        ("at 10:30", &["10:30 TIME"]),
        ("at midnight", &["midnight TIME"]),
        ("at noon", &["noon TIME"]),
        ("at 3 pm", &["3 pm TIME"]),
        ("at 3|pm", &["3pm TIME"]),
        ("at 10 o'clock", &["10 o'clock TIME"]),
        ("last night", &["last night TIME"]),
        ("yesterday morning", &["yesterday morning TIME"]),
        ("for two hours", &["two hours TIME"]),
        ("tonight", &["tonight TIME"]),
    ];

    const MONEY: &[Case] = &[
        ("$|1.2 billion", &["$1.2 billion MONEY"]),
        ("€|5m", &["€5m MONEY"]),
        ("€5m", &["€5m MONEY"]),
        ("£|300", &["£300 MONEY"]),
        ("300 rupees", &["300 rupees MONEY"]),
        ("US$|5", &["US$5 MONEY"]),
        ("US|$|5", &["US$5 MONEY"]),
        ("1.2bn dollars", &["1.2bn dollars MONEY"]),
        ("1.2|bn dollars", &["1.2bn dollars MONEY"]),
        ("two million dollars", &["two million dollars MONEY"]),
        ("50 cents", &["50 cents MONEY"]),
        ("5 US dollars", &["5 US dollars MONEY"]),
        ("USD 5 million", &["USD 5 million MONEY"]),
        ("Rs 300 crore", &["Rs 300 crore MONEY"]),
        ("about $|5|.", &["$5 MONEY"]),
    ];

    const PERCENTS: &[Case] = &[
        ("45|%", &["45% PERCENT"]),
        ("45%", &["45% PERCENT"]),
        ("45 per cent", &["45 per cent PERCENT"]),
        ("45 percent", &["45 percent PERCENT"]),
        ("3.5 percentage points", &["3.5 percentage points PERCENT"]),
        ("ten percent", &["ten percent PERCENT"]),
    ];

    const QUANTITIES: &[Case] = &[
        ("5 km", &["5 km QUANTITY"]),
        ("20 tonnes", &["20 tonnes QUANTITY"]),
        ("3.5 miles", &["3.5 miles QUANTITY"]),
        ("10 kg", &["10 kg QUANTITY"]),
        ("10kg", &["10kg QUANTITY"]),
        ("500 square kilometres", &["500 square kilometres QUANTITY"]),
        ("a 10-mile walk", &["10-mile QUANTITY"]),
        ("30 °|C", &["30 °C QUANTITY"]),
    ];

    const CARDINALS: &[Case] = &[
        ("10,000 people", &["10,000 CARDINAL"]),
        ("three people", &["three CARDINAL"]),
        ("two million people", &["two million CARDINAL"]),
        ("two hundred and fifty", &["two hundred and fifty CARDINAL"]),
        ("twenty-five", &["twenty-five CARDINAL"]),
        ("thousands of people", &["thousands CARDINAL"]),
        ("5m people", &["5m CARDINAL"]),
        ("2000 people", &["2000 CARDINAL"]),
        ("won 3-2", &["3-2 CARDINAL"]),
        ("one of them", &["one CARDINAL"]),
    ];

    /// Things that are not numeric entities.
    const NOTHING: &[Case] = &[
        ("the first time", &[]),
        ("the 3rd round", &[]),
        ("no one came", &[]),
        ("the one who", &[]),
        ("May I ask", &[]),
        ("they may come", &[]),
        ("Jan said", &[]),
        ("the 5G network", &[]),
        ("COVID-19", &[]),
        ("this is", &[]),
        ("March on", &[]),
    ];

    /// Cases from real text: where each came from.
    const REGRESSION: &[Case] = &[
        // ../shared/samples/pentagon-safe-havens.txt, the dateline: no comma before the year.
        ("Aug 10|, 2021", &["Aug 10, 2021 DATE"]),
        // The same sample: a dateline date followed by a spaced colon.
        (
            "Washington [|US|]|, August 10 : The US",
            &["August 10 DATE"],
        ),
        // The same sample: "in February last year." ends the article.
        (
            "signed between Washington and the Taliban in February last year|.",
            &["February last year DATE"],
        ),
        // The same sample: "on Tuesday to help".
        ("in Doha on Tuesday to help", &["Tuesday DATE"]),
        // A day and a year separated by a comma must not pull in a following number.
        ("Aug. 10|, 300 people", &["Aug. 10 DATE", "300 CARDINAL"]),
    ];

    #[test]
    fn dates() {
        check("DATES", DATES);
    }

    #[test]
    fn times() {
        check("TIMES", TIMES);
    }

    #[test]
    fn money() {
        check("MONEY", MONEY);
    }

    #[test]
    fn percents() {
        check("PERCENTS", PERCENTS);
    }

    #[test]
    fn quantities() {
        check("QUANTITIES", QUANTITIES);
    }

    #[test]
    fn cardinals() {
        check("CARDINALS", CARDINALS);
    }

    #[test]
    fn nothing() {
        check("NOTHING", NOTHING);
    }

    #[test]
    fn regression() {
        check("REGRESSION", REGRESSION);
    }

    /// A tokenizer that splits at every separator (`10` `,` `000`; `Aug` `.`; `a` `.` `m` `.`)
    /// gives the same entities.
    const FINE_SPLITS: &[Case] = &[
        ("10|,|000 people", &["10,000 CARDINAL"]),
        ("Aug|. 10|, 2021", &["Aug. 10, 2021 DATE"]),
        ("at 10|:|30 a|.|m|.", &["10:30 a.m. TIME"]),
        ("$|1|.|2 billion", &["$1.2 billion MONEY"]),
        ("the 1990|s", &["the 1990s DATE"]),
        ("the '|90s", &["the '90s DATE"]),
        ("2021|-|08|-|10", &["2021-08-10 DATE"]),
        ("mid|-|2020", &["mid-2020 DATE"]),
    ];

    #[test]
    fn finer_token_splits_give_the_same_entities() {
        check("FINE_SPLITS", FINE_SPLITS);
    }

    #[test]
    fn patterns_stop_at_a_sentence_end() {
        let (text, tokens) = tokens_of("It was August|. 10 people came");
        let first_end = text.find('.').map_or(0, |i| i + 1);
        let sentences = [
            Sentence {
                span: Span::new(0, first_end),
            },
            Sentence {
                span: Span::new(first_end + 1, text.len()),
            },
        ];
        let found: Vec<(&str, Label)> = find_numeric_entities(&text, &tokens, &sentences)
            .iter()
            .map(|e| (e.span.text(&text), e.label))
            .collect();
        assert_eq!(found, [("August", Label::Date), ("10", Label::Cardinal)]);
    }

    #[test]
    fn word_lists_are_sorted_and_unique() {
        // Sorted for the reader; lists looked up ignoring case must be lower case, since the
        // table holds them as written and looks words up lower-cased.
        for (folded, lists) in [(true, FOLDED_LISTS), (false, EXACT_LISTS)] {
            for (class, list) in lists {
                assert!(
                    list.windows(2).all(|w| w[0] < w[1]),
                    "{class:?} is not sorted"
                );
                assert!(
                    list.iter().all(|w| w.len() <= MAX_KEY),
                    "{class:?}: word too long"
                );
                if folded {
                    assert!(
                        list.iter().all(|w| w.to_ascii_lowercase() == *w),
                        "{class:?} is not lower case"
                    );
                }
            }
        }
        // Every class of a list names one list.
        let mut classes: Vec<Class> = FOLDED_LISTS
            .iter()
            .chain(EXACT_LISTS)
            .map(|(class, _)| *class)
            .collect();
        let count = classes.len();
        classes.dedup();
        assert_eq!(classes.len(), count);
    }

    /// `(word, classes it has, classes it lacks)`.
    const CLASSIFIED: &[(&str, &[Class], &[Class])] = &[
        ("August", &[Class::Months], &[Class::MonthAbbreviations]),
        (
            "Aug.",
            &[Class::DottedMonthAbbreviations],
            &[Class::MonthAbbreviations],
        ),
        (
            "SEPT",
            &[Class::MonthAbbreviations],
            &[Class::DottedMonthAbbreviations],
        ),
        ("km", &[Class::UnitSymbols], &[Class::UnitWords]),
        // Symbols keep their case: `KM` is no unit symbol, `MB` is.
        ("KM", &[], &[Class::UnitSymbols]),
        ("MB", &[Class::UnitSymbols], &[]),
        ("mb", &[], &[Class::UnitSymbols]),
        ("GMT", &[Class::TimeZones], &[]),
        ("gmt", &[], &[Class::TimeZones]),
        ("US$", &[Class::CurrencyPrefixes], &[Class::CurrencyLed]),
        ("€", &[Class::CurrencyPrefixes], &[Class::CurrencyLed]),
        ("€5m", &[Class::CurrencyLed], &[Class::CurrencyPrefixes]),
        ("US$5", &[Class::CurrencyLed], &[Class::DollarCountries]),
        ("5$", &[Class::DigitLed], &[Class::CurrencyLed]),
        ("Rs.", &[Class::RupeeAbbreviations], &[]),
        ("RS", &[], &[Class::RupeeAbbreviations]),
        ("twenty-five", &[Class::NumberWord], &[Class::DigitLed]),
        ("Twenty-Five", &[Class::NumberWord], &[]),
        ("twenty-fives", &[], &[Class::NumberWord]),
        ("seventeen-seventeen", &[Class::NumberWord], &[]),
        ("mid-August", &[Class::MidPrefixed], &[Class::Months]),
        ("mid-", &[], &[Class::MidPrefixed]),
        (
            "The",
            &[
                Class::DateArticles,
                Class::Determiners,
                Class::PronounOneBefore,
            ],
            &[],
        ),
        // The length is part of the key: a NUL does not pad a word into another.
        ("a\0", &[], &[Class::DateArticles]),
        ("AGO", &[Class::AgoWords], &[]),
        ("ägo", &[], &[Class::AgoWords]),
        ("ÄGO", &[], &[Class::AgoWords]),
        // Sixteen bytes, the longest key, and seventeen.
        ("seventeen-eighty", &[Class::NumberWord], &[]),
        ("seventeen-seventy", &[Class::NumberWord], &[]),
        ("", &[], &[Class::DigitLed, Class::DateArticles]),
    ];

    #[test]
    fn words_are_classified() {
        for (word, has, lacks) in CLASSIFIED {
            let classes = classify(word, 0, word.len());
            for class in *has {
                assert!(classes.has(*class), "{word:?} should be {class:?}");
            }
            for class in *lacks {
                assert!(!classes.has(*class), "{word:?} should not be {class:?}");
            }
        }
    }

    #[test]
    fn no_pattern_starts_at_a_token_the_scan_skips() {
        // Every word of every list, in three casings, and numbers and symbols, each before
        // continuations that complete some pattern: wherever the scan would skip the first
        // token, no pattern may match there.
        let mut words: Vec<String> = Vec::new();
        for (_, list) in FOLDED_LISTS.iter().chain(EXACT_LISTS) {
            for word in *list {
                let mut capitalized = word.to_string();
                if let Some(first) = capitalized.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                words.extend([word.to_string(), word.to_ascii_uppercase(), capitalized]);
                words.push(format!("{word}."));
                words.push(format!("{word}$|5"));
            }
        }
        for extra in [
            "10",
            "2021",
            "'",
            "\u{2019}",
            "'90s",
            "%",
            "-",
            "mid-2020",
            "$5",
            "one",
            "and",
            "people",
            "said",
            "Washington",
            "5m",
            "O'clock",
            "ten-ten",
        ] {
            words.push(extra.to_string());
        }
        let continuations = [
            "",
            "10",
            "2021",
            "year",
            "years ago",
            "night",
            "| 2020",
            "-|2020",
            "$|5",
            "| $|5",
            "August 10",
            "1990s",
            "two weeks",
            "21st century",
            "5 million",
            "|.|10",
        ];
        let mut checked = 0;
        for word in &words {
            for continuation in continuations {
                let (text, tokens) = tokens_of(&format!("{word} {continuation}"));
                let classes: Vec<Classes> = tokens
                    .iter()
                    .map(|t| classify(&text, t.span.start, t.span.end))
                    .collect();
                let scanner = Scanner {
                    text: &text,
                    tokens: &tokens,
                    classes: &classes,
                };
                for (i, token_classes) in classes.iter().enumerate() {
                    if !token_classes.intersects(PATTERN_STARTS) {
                        checked += 1;
                        assert_eq!(scanner.match_at(i), None, "{text:?} at token {i}");
                    }
                }
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn long_runs_of_numbers_stay_linear_and_sound() {
        // 100,000 touching `1,` groups: joined a bounded number at a time.
        let case = "1|,".repeat(100_000);
        let (text, tokens) = tokens_of(&case);
        let sentence = Sentence {
            span: Span::new(0, text.len()),
        };
        let entities = find_numeric_entities(&text, &tokens, &[sentence]);
        assert!(!entities.is_empty());
        assert!(entities
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start));
    }
}
