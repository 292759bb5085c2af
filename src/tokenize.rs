//! Tokens: byte spans of words, numbers, punctuation and symbols, following the Penn Treebank
//! and Universal Dependencies conventions for English (as GUM applies them). No text is lost or
//! invented: every non-whitespace character lies in exactly one token, and no token holds
//! whitespace.
//!
//! What it keeps whole and what it splits:
//! - abbreviations and initials keep their period (`U.S.`, `Gen.`, `Inc.`, `John F. Kirby`);
//!   the list is data (`data/abbreviations.txt`);
//! - numbers keep separators and decimals (`10,000`, `3.5`, `1.2bn`, `10:30`, `2021-08-10`,
//!   `8–10`); currency signs and `%` are their own tokens (`$ 1.2 billion`, `45 %`);
//! - clitics split as in the Penn Treebank (`we 're`, `do n't`, `country 's`, `Afghans '`;
//!   a clitic and a possessive apostrophe are [`TokenKind::Word`]s, not quotation marks),
//!   while apostrophes inside words stay (`O'Brien`, `'90s`, `rock 'n' roll`, `1930's`);
//! - hyphenated words stay whole (`war-ravaged`); dashes (`—`, `–`, `--`) and ellipses (`...`,
//!   `…`) are one token each; every quotation mark is its own [`TokenKind::Quote`] token;
//! - URLs, e-mail addresses, @handles, #hashtags and emoji (ZWJ sequences, skin tones, flags,
//!   keycaps) are one token each, and so are emoticons (`:)`, a symbol); combining marks stay
//!   with their base character.
//!
//! It is a hand-written scanner rather than a pass of UAX #29 word boundaries
//! (unicode-segmentation): most decisions here (clitics, abbreviations, quotes versus
//! apostrophes, list markers) need context that word boundaries do not give, and one
//! left-to-right pass is linear and fast: no backtracking (each lookahead is bounded or
//! consumes what it scans), ASCII decided by byte without decoding (one 256-entry class
//! table, words scanned eight bytes at a time), and the Unicode property lookups skipped for
//! the curly quotes and dashes of news text. Only emoji use unicode-segmentation's grapheme
//! clusters.

use crate::document::{Token, TokenKind};
use crate::span::Span;
use std::sync::LazyLock;
use unicode_properties::{EmojiStatus, GeneralCategoryGroup, UnicodeEmoji, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;

/// Splits `text` into tokens, in text order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        // News text averages about five bytes a token, spaces included.
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        single_quote_open: false,
        open_parens: 0,
    };
    scanner.run();
    scanner.tokens
}

/// How an abbreviation (a word that keeps its final period) behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbreviationClass {
    /// Stands before a name or a phrase and never ends a sentence (`Gen.`, `Mr.`, `e.g.`).
    Prefix,
    /// Keeps its period only before a number (`No. 1`, `Aug. 10`), so never ends a sentence.
    Number,
    /// May end a sentence too (`Inc.`, `Jr.`, `U.S.`, initials).
    Any,
    /// Closes a list and usually the sentence with it (`etc.`).
    Final,
}

/// The abbreviations of `data/abbreviations.txt` (their text without the final period) and
/// their classes, sorted by length and then by text for [`listed_abbreviation`].
static ABBREVIATIONS: LazyLock<Vec<(&'static str, AbbreviationClass)>> = LazyLock::new(|| {
    let mut listed: Vec<(&'static str, AbbreviationClass)> =
        include_str!("../data/abbreviations.txt")
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let (word, class) = line.split_once(' ')?;
                let class = match class.trim() {
                    "prefix" => AbbreviationClass::Prefix,
                    "number" => AbbreviationClass::Number,
                    "any" => AbbreviationClass::Any,
                    "final" => AbbreviationClass::Final,
                    _ => return None,
                };
                Some((word, class))
            })
            .collect();
    // A stable sort keeps the first of two entries for one word.
    listed.sort_by_key(|&(word, _)| (word.len(), word));
    listed.dedup_by_key(|&mut (word, _)| word);
    listed
});

/// The class `data/abbreviations.txt` gives `word` (without its final period). A binary
/// search that compares lengths first: most steps cost one integer comparison, where hashing
/// the word would cost more than the whole search.
fn listed_abbreviation(word: &str) -> Option<AbbreviationClass> {
    let index = ABBREVIATIONS
        .binary_search_by(|&(listed, _)| (listed.len(), listed).cmp(&(word.len(), word)))
        .ok()?;
    ABBREVIATIONS.get(index).map(|&(_, class)| class)
}

/// The class of `word` (with or without its final period) if it is an abbreviation: a listed
/// one, an initial (one capital letter), or letters joined by periods in parts of one or two
/// letters (`U.S`, `a.m`, `Ph.D`), also after a hyphen (`R-S.C`, a party and a state).
pub fn abbreviation_class(word: &str) -> Option<AbbreviationClass> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if let Some(class) = listed_abbreviation(word) {
        return Some(class);
    }
    // Most words hold no period; of those, only an initial is an abbreviation. (A plain byte
    // loop: words are short, too short for a memchr search to pay.)
    if !word.bytes().any(|b| b == b'.') {
        let mut chars = word.chars();
        let is_initial =
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        return is_initial.then_some(AbbreviationClass::Any);
    }
    let word = match word.rsplit_once('-') {
        Some((_, last)) if last.contains('.') => last,
        _ => word,
    };
    let is_dotted = word.split('.').all(|part| {
        (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
    });
    is_dotted.then_some(AbbreviationClass::Any)
}

/// Whether `c` ends a line, and so a paragraph: LF, CR, VT, FF, NEL, U+2028 and U+2029.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Top-level domains that mark a dotted word as a web address (`Gawker.com`, `CBC.ca`).
const DOMAIN_ENDINGS: &[&str] = &[
    "au", "biz", "ca", "co", "com", "de", "edu", "fr", "gov", "info", "io", "net", "nz", "org",
    "uk", "us",
];

/// Clitics split from the word before them (Penn Treebank): `'s`, `'re`, `'ve`, `'ll`, `'d`,
/// `'m`, compared without case.
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Words that begin with an apostrophe standing for elided letters, not a quotation mark.
const ELISIONS: &[&str] = &["n'", "em", "til", "till", "cause", "bout", "tis", "twas"];

/// Emoticons kept as one token when they stand alone (GUM: `:)`).
const EMOTICONS: &[&str] = &[":-)", ":-(", ":)", ":(", ":D", ":P", ";-)", ";)"];

/// One pass over the text. The state is what a quotation mark or a list marker needs to know
/// about the current paragraph; a line break resets it.
struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    tokens: Vec<Token>,
    /// An opening single quote (`'` or `‘`) waits for its closing mark in this paragraph.
    single_quote_open: bool,
    /// Opening parentheses not yet closed in this paragraph.
    open_parens: u32,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let mut pos = 0;
        while let Some(&byte) = self.bytes.get(pos) {
            // ASCII first, without decoding: its whitespace (`char::is_whitespace`: tab to CR,
            // and space) is these six bytes.
            let c = match byte {
                b' ' | b'\t' => {
                    pos += 1;
                    continue;
                }
                b'\n' | b'\r' | 0x0B | 0x0C => {
                    self.single_quote_open = false;
                    self.open_parens = 0;
                    pos += 1;
                    continue;
                }
                _ if byte.is_ascii() => char::from(byte),
                _ => {
                    let Some(c) = self.char_at(pos) else {
                        break;
                    };
                    if c.is_whitespace() {
                        if is_line_break(c) {
                            self.single_quote_open = false;
                            self.open_parens = 0;
                        }
                        pos += c.len_utf8();
                        continue;
                    }
                    c
                }
            };
            // Every lexer consumes at least the character at `pos`, so the loop advances.
            pos = self.lex(pos, c).max(pos + c.len_utf8());
        }
    }

    /// Lexes the token that starts at `start` with `c`, pushes it and returns its end.
    fn lex(&mut self, start: usize, c: char) -> usize {
        // Fast path: an ASCII letter or digit starts a word or a number, unless it starts a web
        // address (`http://`, `www.`) or a keycap emoji (`1️⃣`).
        if c.is_ascii_alphanumeric() {
            if let Some(end) = self.url_end(start) {
                return self.push(start, end, TokenKind::Url);
            }
            // A keycap starts with a digit, and its cluster holds U+FE0F or U+20E3, so it is
            // always shown as an emoji.
            if c.is_ascii_digit() {
                if let Some(end) = self.emoji_end(start, c) {
                    return self.push(start, end, TokenKind::Emoji);
                }
            }
            return self.lex_word(start);
        }
        // Not a letter or a digit, so not a web address either (see `starts_url`).
        if let Some(end) = self.emoji_end(start, c) {
            let kind = emoji_kind(self.text.get(start..end).unwrap_or_default());
            return self.push(start, end, kind);
        }
        if is_word_char(c) {
            return self.lex_word(start);
        }
        match c {
            '\'' | '’' | '‘' | '`' => self.lex_apostrophe(start, c),
            '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '‚' => {
                self.push(start, start + c.len_utf8(), TokenKind::Quote)
            }
            // An ellipsis: `..`, `...`, `…`, `….` (GUM keeps each as one token).
            '.' | '…' => {
                let end = self.skip_while(start, |c| c == '.' || c == '…');
                self.push(start, end, TokenKind::Punct)
            }
            // `--` and `---` stand for a dash; a run of one dash character is one token.
            '-' | '—' | '―' => {
                let end = self.skip_while(start, |d| d == c);
                self.push(start, end, TokenKind::Punct)
            }
            '@' => self.lex_sigil(start, TokenKind::Handle),
            '#' => self.lex_sigil(start, TokenKind::Hashtag),
            '(' => {
                self.open_parens += 1;
                self.push(start, start + 1, TokenKind::Punct)
            }
            ')' => {
                self.open_parens = self.open_parens.saturating_sub(1);
                self.push(start, start + 1, TokenKind::Punct)
            }
            ':' | ';' => match self.emoticon_end(start) {
                Some(end) => self.push(start, end, TokenKind::Symbol),
                None => self.push(start, start + 1, TokenKind::Punct),
            },
            // ASCII needs no table.
            _ if c.is_ascii() => {
                let kind = match c {
                    '$' | '%' | '&' | '+' | '<' | '=' | '>' | '^' | '|' | '~' => TokenKind::Symbol,
                    _ if c.is_ascii_punctuation() => TokenKind::Punct,
                    _ => TokenKind::Other,
                };
                self.push(start, start + 1, kind)
            }
            _ => {
                let kind = match c.general_category_group() {
                    GeneralCategoryGroup::Punctuation => TokenKind::Punct,
                    GeneralCategoryGroup::Symbol => TokenKind::Symbol,
                    _ => TokenKind::Other,
                };
                self.push(start, start + c.len_utf8(), kind)
            }
        }
    }

    /// A word or a number, with the characters that join their parts (`war-ravaged`, `U.S.`,
    /// `10,000`, `10:30`, `and/or`, `AT&T`, `O'Brien`), stopping before a clitic.
    fn lex_word(&mut self, start: usize) -> usize {
        if let Some(end) = self.negation_clitic_end(start) {
            return self.push(start, end, TokenKind::Word);
        }
        let (end, dotted) = self.scan_word(start);
        // An e-mail address is tried only where a word stops at a character that can go on
        // an address, so that ordinary words are scanned once.
        if matches!(
            self.bytes.get(end),
            Some(b'@' | b'.' | b'_' | b'%' | b'+' | b'-')
        ) {
            if let Some(end) = self.email_end(start) {
                return self.push(start, end, TokenKind::Email);
            }
        }
        self.finish_word(start, end, dotted)
    }

    /// The end of the word that starts at `start`, before its final period, and whether it
    /// holds an inner `.` or `/` (and so may be a web address).
    fn scan_word(&self, start: usize) -> (usize, bool) {
        let mut dotted = false;
        let mut end = start;
        let mut digits_only = true;
        let mut has_letter = false;
        let mut has_colon = false;
        loop {
            // Fast path: a run of ASCII letters and digits, most of any English text. The flags
            // change once a run, not once a byte: a bare number's digits go first, so what
            // follows them (if anything) starts with a letter.
            if !has_colon {
                if digits_only {
                    end = self.skip_ascii(end, IS_DIGIT);
                }
                let run = end;
                // `6am`, `5p.m.`: see the time-of-day rule below.
                if !(digits_only && end > start && self.starts_meridiem(end)) {
                    end = self.skip_ascii_alnum(end);
                }
                if end > run {
                    // After a bare number's digits, the run starts with a letter.
                    has_letter = has_letter
                        || digits_only
                        || self
                            .bytes
                            .get(run..end)
                            .is_some_and(|run| run.iter().any(u8::is_ascii_alphabetic));
                    digits_only = false;
                }
            }
            // Fast path: most words end at a space or at an ASCII mark that never joins words.
            match self.bytes.get(end) {
                None => break,
                Some(&byte) if byte.is_ascii() && !has_class(byte, MAY_JOIN_WORDS) => break,
                Some(_) => {}
            }
            let Some(c) = self.char_at(end) else {
                break;
            };
            let len = c.len_utf8();
            // `6:00am` -> `6:00` `am`, `5p.m.` -> `5` `p.m.`: a time of day ends before its
            // letters (GUM), while other units stay (`1.2bn`, `5m`, `22nd`).
            if end > start
                && digits_only
                && c.is_alphabetic()
                && (has_colon || self.starts_meridiem(end))
            {
                break;
            }
            if is_word_char(c) {
                digits_only &= c.is_ascii_digit();
                has_letter |= c.is_alphabetic();
                end += len;
                continue;
            }
            let before = self.char_before(end);
            let after = self.char_at(end + len);
            let joins =
                |pred: fn(char) -> bool| before.is_some_and(pred) && after.is_some_and(pred);
            let is_digit = |c: char| c.is_ascii_digit();
            match c {
                // Hyphenated words stay whole (GUM merges them; UD splits them).
                '-' | '\u{2010}' | '\u{2011}' if after.is_some_and(is_word_char) => {}
                // A suspended hyphen stays with its word: `pre- and post-war`, `Euro- NATO`.
                '-' if has_letter && after.is_none_or(char::is_whitespace) => {
                    end += len;
                    break;
                }
                // Inner periods: `U.S`, `3.5`, `Gawker.com`.
                // `U.S.-led`: an abbreviation in a hyphenated word.
                '.' if after == Some('-')
                    && self.char_at(end + 2).is_some_and(is_word_char)
                    && self
                        .text
                        .get(start..end)
                        .and_then(abbreviation_class)
                        .is_some() => {}
                // A web address run into the word before it starts anew: `30th.https://...`.
                '.' if after.is_some_and(|a| a.is_alphanumeric()) && !self.starts_url(end + 1) => {
                    dotted = true;
                }
                // Thousands separators: `10,000` but not `1,2` or `2019,2020`.
                ',' if digits_only && self.starts_thousands_group(end + 1) => {}
                // Times and ratios: `10:30`. Ranges of numbers: `8–10`.
                ':' | '–' if joins(is_digit) => has_colon |= c == ':',
                // `and/or`, `9/11`.
                '/' if after.is_some_and(is_word_char) => dotted = true,
                // `AT&T`, `S&P`, `A&M`.
                '&' if joins(char::is_uppercase) => {}
                '\'' | '’' | '`' if after.is_some_and(char::is_alphabetic) => {
                    // `we're` -> `we` `'re`; `1930's` stays whole (a plural, as GUM has it).
                    if before.is_some_and(char::is_alphabetic) && self.clitic_end(end).is_some() {
                        break;
                    }
                    // `don't` -> `do` `n't`: the `n` goes with the clitic.
                    if matches!(before, Some('n' | 'N'))
                        && end - start > 1
                        && self.negation_clitic_end(end - 1).is_some()
                    {
                        end -= 1;
                        break;
                    }
                }
                // `US$`, `HK$`: a country prefix belongs to the dollar sign.
                '$' if has_letter
                    && end - start <= 3
                    && self
                        .text
                        .get(start..end)
                        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_uppercase())) =>
                {
                    end += len;
                    break;
                }
                // `Governor(s)`.
                '(' if has_letter && self.bytes.get(end..end + 3) == Some(b"(s)") => {
                    end += 3;
                    break;
                }
                _ => break,
            }
            end += len;
        }
        (end, dotted)
    }

    /// Pushes the word from `start` to `end`, with the period of an abbreviation or the
    /// parenthesis of a list marker after it, and returns its end.
    fn finish_word(&mut self, start: usize, mut end: usize, dotted: bool) -> usize {
        // The word's text is sliced only where a rule reads it: most words need none.
        let word = || self.text.get(start..end).unwrap_or("");
        let first_is_numeric = match self.bytes.get(start) {
            Some(byte) if byte.is_ascii() => byte.is_ascii_digit(),
            _ => self.char_at(start).is_some_and(char::is_numeric),
        };
        let is_domain = !first_is_numeric && dotted && is_domain(word());
        match self.bytes.get(end) {
            Some(b'.')
                if !matches!(self.char_at(end + 1), Some('.' | '…'))
                    && self.keeps_period(word(), end + 1) =>
            {
                end += 1
            }
            Some(b')') if self.is_list_marker(start, end, word()) => end += 1,
            _ => {}
        }
        let kind = if first_is_numeric {
            TokenKind::Number
        } else if is_domain {
            TokenKind::Url
        } else {
            TokenKind::Word
        };
        self.push(start, end, kind)
    }

    /// Whether the period after `word` (the period ends at `after`) belongs to it.
    fn keeps_period(&self, word: &str, after: usize) -> bool {
        match abbreviation_class(word) {
            Some(AbbreviationClass::Number) => {
                let next = self.skip_while(after, |c| c == ' ' || c == '\u{A0}');
                next > after && self.char_at(next).is_some_and(|c| c.is_ascii_digit())
            }
            Some(_) => true,
            None => false,
        }
    }

    /// `1)`, `a)`: a list marker at the start of a chunk, with no `(` open, keeps its `)`.
    fn is_list_marker(&self, start: usize, end: usize, word: &str) -> bool {
        let short_label = (word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
            || (word.len() == 1 && word.bytes().all(|b| b.is_ascii_lowercase()));
        short_label
            && self.open_parens == 0
            && self.char_at(end) == Some(')')
            && self.char_before(start).is_none_or(char::is_whitespace)
            && self.char_at(end + 1).is_none_or(char::is_whitespace)
    }

    /// An apostrophe or a single quotation mark at `start`: a clitic (`'s`), an elision
    /// (`'90s`, `'n'`), a possessive (`Afghans'`), or a quotation mark.
    fn lex_apostrophe(&mut self, start: usize, c: char) -> usize {
        let before = self.char_before(start);
        let len = c.len_utf8();
        if c != '‘' && before.is_some_and(char::is_alphabetic) {
            if let Some(end) = self.clitic_end(start) {
                return self.push(start, end, TokenKind::Word);
            }
        }
        // Doubled marks are one quotation mark, as in the Penn Treebank: ``, ''.
        if (c == '`' || c == '\'') && self.char_at(start + 1) == Some(c) {
            return self.push(start, start + 2, TokenKind::Quote);
        }
        let opens = before.is_none_or(|b| {
            b.is_whitespace() || matches!(b, '(' | '[' | '{' | '"' | '“' | '—' | '–' | '-' | '/')
        });
        if opens {
            if let Some(end) = self.elision_end(start + len) {
                return self.push(start, end, TokenKind::Word);
            }
            if c != '’' || self.char_at(start + len).is_some_and(char::is_alphanumeric) {
                self.single_quote_open = true;
            }
            return self.push(start, start + len, TokenKind::Quote);
        }
        // After a word ending in s, with no single quote open: the plural possessive.
        if !self.single_quote_open && matches!(before, Some('s' | 'S')) && c != '‘' {
            return self.push(start, start + len, TokenKind::Word);
        }
        self.single_quote_open = false;
        self.push(start, start + len, TokenKind::Quote)
    }

    /// The end of a clitic (`'s`, `'re`, ...) whose apostrophe is at `start`.
    fn clitic_end(&self, start: usize) -> Option<usize> {
        let apostrophe = self.char_at(start)?;
        let from = start + apostrophe.len_utf8();
        CLITICS.iter().find_map(|clitic| {
            let end = from + clitic.len();
            let matches = self
                .bytes
                .get(from..end)
                .is_some_and(|b| b.eq_ignore_ascii_case(clitic.as_bytes()));
            (matches && !self.char_at(end).is_some_and(is_word_char)).then_some(end)
        })
    }

    /// The end of `n't` (any apostrophe, any case) at `start`, right after a letter.
    #[inline(always)]
    fn negation_clitic_end(&self, start: usize) -> Option<usize> {
        if !matches!(self.bytes.get(start)?, b'n' | b'N')
            || !self.char_before(start).is_some_and(char::is_alphabetic)
        {
            return None;
        }
        let apostrophe = self.char_at(start + 1)?;
        if !matches!(apostrophe, '\'' | '’' | '`') {
            return None;
        }
        let t = start + 1 + apostrophe.len_utf8();
        let end = t + 1;
        (matches!(self.char_at(t)?, 't' | 'T') && !self.char_at(end).is_some_and(is_word_char))
            .then_some(end)
    }

    /// The end of a word whose leading apostrophe stands for elided letters; `from` is just
    /// after the apostrophe: `'90s`, `'07`, `'n'`, `'em`, `'til`.
    fn elision_end(&self, from: usize) -> Option<usize> {
        let digits = self.skip_while(from, |c| c.is_ascii_digit());
        let end = if digits == from + 2 {
            if matches!(self.char_at(digits), Some('s')) {
                digits + 1
            } else {
                digits
            }
        } else {
            let word = ELISIONS.iter().find(|w| {
                self.bytes
                    .get(from..from + w.len())
                    .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
            })?;
            from + word.len()
        };
        (!self.char_at(end).is_some_and(is_word_char)).then_some(end)
    }

    /// `@handle` or `#hashtag`: the sigil starts a chunk or follows punctuation and is followed
    /// by letters, digits or `_`. `#2` is a number; `Stardust@home` keeps `@` apart (GUM).
    fn lex_sigil(&mut self, start: usize, kind: TokenKind) -> usize {
        let free = !self.char_before(start).is_some_and(is_word_char);
        let end = if kind == TokenKind::Handle {
            self.skip_while(start + 1, |c| c.is_ascii_alphanumeric() || c == '_')
        } else {
            self.skip_while(start + 1, |c| is_word_char(c) || c == '_')
        };
        if !free || end == start + 1 {
            return self.push(start, start + 1, TokenKind::Symbol);
        }
        let digits = self
            .text
            .get(start + 1..end)
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
        let kind = if kind == TokenKind::Hashtag && digits {
            TokenKind::Number
        } else {
            kind
        };
        self.push(start, end, kind)
    }

    /// A web address starting at `start`: `http://`, `https://`, `ftp://` or `www.`, up to
    /// whitespace or a quotation mark, without trailing punctuation (a closing parenthesis
    /// stays when the address opened one).
    #[inline(always)]
    fn url_end(&self, start: usize) -> Option<usize> {
        if !self.starts_url(start) || self.char_before(start).is_some_and(char::is_alphanumeric) {
            return None;
        }
        self.url_end_after_prefix(start)
    }

    /// [`Scanner::url_end`] once a web address prefix starts at `start`.
    fn url_end_after_prefix(&self, start: usize) -> Option<usize> {
        let mut end = self.skip_while(start, |c| {
            !c.is_whitespace() && !matches!(c, '"' | '<' | '>' | '“' | '”' | '‘' | '’' | '«' | '»')
        });
        let url = self.bytes.get(start..end)?;
        let mut unclosed = url.iter().filter(|&&b| b == b'(').count() as isize
            - url.iter().filter(|&&b| b == b')').count() as isize;
        while let Some(&last) = self.bytes.get(end - 1) {
            match last {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b']' | b'}' => end -= 1,
                b')' if unclosed < 0 => {
                    end -= 1;
                    unclosed += 1;
                }
                _ => break,
            }
        }
        (end > start + 4).then_some(end)
    }

    /// Whether a web address prefix starts at `start`: `http://`, `https://`, `ftp://`, `www.`.
    #[inline(always)]
    fn starts_url(&self, start: usize) -> bool {
        let starts = |prefix: &str| {
            self.bytes
                .get(start..start + prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
        };
        // The first byte picks the prefixes to compare, and rules out most words at once.
        match self.bytes.get(start) {
            Some(b'h' | b'H') => starts("http://") || starts("https://"),
            Some(b'f' | b'F') => starts("ftp://"),
            Some(b'w' | b'W') => starts("www."),
            _ => false,
        }
    }

    /// An e-mail address starting at `start`: `local@domain.tld`. Tried only where a local
    /// part can begin, so that every byte is scanned a bounded number of times.
    fn email_end(&self, start: usize) -> Option<usize> {
        let is_local =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
        if !self.char_at(start)?.is_ascii_alphanumeric()
            || self.char_before(start).is_some_and(is_local)
        {
            return None;
        }
        let at = self.skip_while(start, is_local);
        if self.char_at(at) != Some('@') {
            return None;
        }
        let mut end = self.skip_while(at + 1, |c| {
            c.is_ascii_alphanumeric() || c == '.' || c == '-'
        });
        while matches!(self.bytes.get(end - 1), Some(b'.' | b'-')) {
            end -= 1;
        }
        let domain = self.text.get(at + 1..end)?;
        let (_, tld) = domain.rsplit_once('.')?;
        (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())).then_some(end)
    }

    /// One emoji starting at `start`: a grapheme cluster (UAX #29) that begins with an emoji
    /// character, a regional indicator (flags) or a keycap base followed by U+FE0F or U+20E3.
    fn emoji_end(&self, start: usize, c: char) -> Option<usize> {
        let is_candidate = if c.is_ascii() {
            // Keycaps: `1️⃣` is `1`, U+FE0F, U+20E3.
            matches!(c, '0'..='9' | '#' | '*')
                && matches!(self.char_at(start + 1), Some('\u{FE0F}' | '\u{20E3}'))
        } else {
            !is_common_punctuation(c) && c.is_emoji_char()
        };
        if !is_candidate {
            return None;
        }
        let cluster = self.text.get(start..)?.graphemes(true).next()?;
        Some(start + cluster.len())
    }

    /// `:)` and its kin, standing alone.
    fn emoticon_end(&self, start: usize) -> Option<usize> {
        if !self.char_before(start).is_none_or(char::is_whitespace) {
            return None;
        }
        let rest = self.bytes.get(start..)?;
        let emoticon = EMOTICONS.iter().find(|e| rest.starts_with(e.as_bytes()))?;
        let end = start + emoticon.len();
        self.char_at(end)
            .is_none_or(char::is_whitespace)
            .then_some(end)
    }

    /// Whether `am`, `pm`, `a.m.` or `p.m.` (any case) starts at `pos`, and ends a word.
    fn starts_meridiem(&self, pos: usize) -> bool {
        if !matches!(self.bytes.get(pos), Some(b'a' | b'p' | b'A' | b'P')) {
            return false;
        }
        let end = match self.bytes.get(pos + 1..pos + 4) {
            Some([b'.', b'm' | b'M', b'.']) => pos + 4,
            _ if matches!(self.bytes.get(pos + 1), Some(b'm' | b'M')) => pos + 2,
            _ => return false,
        };
        !self.char_at(end).is_some_and(is_word_char)
    }

    /// Whether exactly three digits start at `pos`, then something other than a digit.
    fn starts_thousands_group(&self, pos: usize) -> bool {
        self.bytes
            .get(pos..pos + 3)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !self.bytes.get(pos + 3).is_some_and(u8::is_ascii_digit)
    }

    /// Pushes a token from `start` to `end`, extended over any combining marks that follow
    /// (a mark belongs to the character before it), and returns its end.
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) -> usize {
        // Fast path: nothing attaches to an ASCII character.
        let end = match self.bytes.get(end) {
            Some(byte) if !byte.is_ascii() => self.skip_marks(end),
            _ => end,
        };
        self.tokens.push(Token {
            span: Span::new(start, end),
            kind,
        });
        end
    }

    /// The first position at or after `pos` whose byte is not of the ASCII class `class` (see
    /// [`BYTE_CLASSES`]).
    #[inline(always)]
    fn skip_ascii(&self, pos: usize, class: u8) -> usize {
        let rest = self.bytes.get(pos..).unwrap_or_default();
        let run = rest.iter().position(|&byte| !has_class(byte, class));
        pos + run.unwrap_or(rest.len())
    }

    /// The first position at or after `pos` that does not hold an ASCII letter or digit,
    /// found eight bytes at a time: most words end inside their first eight bytes, so a word
    /// costs one well-predicted branch rather than a mispredicted loop exit.
    #[inline(always)]
    fn skip_ascii_alnum(&self, mut pos: usize) -> usize {
        while let Some(chunk) = self.bytes.get(pos..pos + 8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let others = non_alnum_bytes(u64::from_le_bytes(chunk));
            if others != 0 {
                // Little-endian: the lowest set bit marks the first such byte.
                return pos + (others.trailing_zeros() / 8) as usize;
            }
            pos += 8;
        }
        self.skip_ascii(pos, IS_ALNUM)
    }

    /// The first position at or after `pos` that does not start a combining mark.
    fn skip_marks(&self, pos: usize) -> usize {
        self.skip_while(pos, is_mark)
    }

    /// The first position at or after `pos` whose character fails `keep`.
    fn skip_while(&self, mut pos: usize, keep: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.char_at(pos) {
            if !keep(c) {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }

    /// The character starting at byte `pos`, if `pos` is a character boundary inside the text.
    fn char_at(&self, pos: usize) -> Option<char> {
        match *self.bytes.get(pos)? {
            byte if byte.is_ascii() => Some(char::from(byte)),
            _ => self.text.get(pos..)?.chars().next(),
        }
    }

    /// The character ending at byte `pos`, if any.
    fn char_before(&self, pos: usize) -> Option<char> {
        match *self.bytes.get(pos.checked_sub(1)?)? {
            byte if byte.is_ascii() => Some(char::from(byte)),
            _ => self.text.get(..pos)?.chars().next_back(),
        }
    }
}

/// Class bit of [`BYTE_CLASSES`]: an ASCII digit.
const IS_DIGIT: u8 = 1;
/// Class bit of [`BYTE_CLASSES`]: an ASCII letter or digit.
const IS_ALNUM: u8 = 2;
/// Class bit of [`BYTE_CLASSES`]: an ASCII letter or digit, or a mark that
/// `Scanner::scan_word` may take inside a word (`war-torn`, `U.S`, `10,000`, `10:30`,
/// `and/or`, `AT&T`, `O'Brien`, `US$`, `Governor(s)`). Any other ASCII byte ends a word.
const MAY_JOIN_WORDS: u8 = 4;

/// The ASCII classes of every byte value, so that the scanner's fast paths test a byte with
/// one lookup. Non-ASCII bytes have no class.
static BYTE_CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        let mut class = 0;
        if b.is_ascii_digit() {
            class |= IS_DIGIT;
        }
        if b.is_ascii_alphanumeric() {
            class |= IS_ALNUM | MAY_JOIN_WORDS;
        }
        if matches!(
            b,
            b'-' | b'.' | b',' | b':' | b'/' | b'&' | b'\'' | b'`' | b'$' | b'('
        ) {
            class |= MAY_JOIN_WORDS;
        }
        classes[byte] = class;
        byte += 1;
    }
    classes
};

/// The high bit of every byte of `word` (eight bytes packed little-endian) that is not an ASCII
/// letter or digit, computed for all eight at once (SWAR: SIMD within a register).
fn non_alnum_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = ONES * 0x80;
    // The high bit of each byte whose 7-bit value lies in `low..=high`. Adding `0x80 - low`
    // sets the high bit exactly when the value is at least `low`; adding `0x7F - high`, when
    // it is above `high`. Neither sum exceeds 0xFF, so no byte carries into the next.
    let in_range = |bytes: u64, low: u64, high: u64| {
        bytes.wrapping_add(ONES * (0x80 - low)) & !bytes.wrapping_add(ONES * (0x7F - high))
    };
    let seven_bits = word & (ONES * 0x7F);
    let digits = in_range(seven_bits, b'0'.into(), b'9'.into());
    // ASCII case folding: `x | 0x20` maps `A..=Z` onto `a..=z`.
    let letters = in_range(seven_bits | (ONES * 0x20), b'a'.into(), b'z'.into());
    // Bytes with the high bit set are not ASCII, so never letters or digits.
    (!(digits | letters) | word) & HIGH_BITS
}

/// Whether `byte` is of the class `class` in [`BYTE_CLASSES`].
#[inline(always)]
fn has_class(byte: u8, class: u8) -> bool {
    // A `u8` indexes a 256-entry table: the lookup cannot fail.
    BYTE_CLASSES[usize::from(byte)] & class != 0
}

/// Whether `c` belongs inside a word: a letter, a digit, a combining mark, or a joiner that
/// lives inside words (soft hyphen, zero-width joiner and non-joiner).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_common_punctuation(c) && (c.is_alphanumeric() || is_mark(c))
}

/// Whether `c` attaches to the character before it: a combining mark (Mn, Mc, Me), a
/// variation selector, an emoji skin-tone modifier or a joiner.
fn is_mark(c: char) -> bool {
    !c.is_ascii()
        && !is_common_punctuation(c)
        && (c.general_category_group() == GeneralCategoryGroup::Mark
            || matches!(
                c,
                '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}'
            ))
}

/// Whether `c` lies in U+2010..=U+2027 (dashes, curly quotation marks, bullets, the ellipsis),
/// the non-ASCII punctuation of most English news. None of them is a letter, a digit, a mark,
/// whitespace or an emoji, so the Unicode property lookups can be skipped for them.
fn is_common_punctuation(c: char) -> bool {
    ('\u{2010}'..='\u{2027}').contains(&c)
}

/// Whether a dotted word is a web address: it ends in a common top-level domain and is not an
/// abbreviation (`Gawker.com`, `CBC.ca`, but not `U.S`).
fn is_domain(word: &str) -> bool {
    // A host with a path: `t.co/hbaWqfjJcp`, `pic.twitter.com/P2qpm3h3Pm`.
    if let Some((host, _)) = word.split_once('/') {
        return host
            .rsplit_once('.')
            .is_some_and(|(name, tld)| !name.is_empty() && DOMAIN_ENDINGS.contains(&tld));
    }
    // Only the last five bytes can hold `.` and a listed ending: no search of long words.
    let bytes = word.as_bytes();
    let tail = bytes.len().saturating_sub(5);
    let Some(dot) = bytes
        .get(tail..)
        .and_then(|t| t.iter().rposition(|&b| b == b'.'))
    else {
        return false;
    };
    let dot = tail + dot;
    dot > 2
        && word
            .get(dot + 1..)
            .is_some_and(|tld| DOMAIN_ENDINGS.contains(&tld))
}

/// Emoji for a cluster shown as emoji: with emoji presentation by default, or asked for with
/// U+FE0F, a keycap, a skin tone, a ZWJ sequence or a flag; other clusters that start with
/// an emoji character (`©`, `™`, `↔`) are symbols.
fn emoji_kind(cluster: &str) -> TokenKind {
    let mut chars = cluster.chars();
    let presents_as_emoji = chars.next().is_some_and(|c| {
        matches!(
            c.emoji_status(),
            EmojiStatus::EmojiPresentation
                | EmojiStatus::EmojiPresentationAndModifierBase
                | EmojiStatus::EmojiPresentationAndEmojiComponent
                | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent
        )
    }) || chars.any(|c| {
        matches!(
            c,
            '\u{FE0F}' | '\u{20E3}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}'
        )
    });
    if presents_as_emoji {
        TokenKind::Emoji
    } else {
        TokenKind::Symbol
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of every token of `input`.
    fn texts(input: &str) -> Vec<&str> {
        tokenize(input).iter().map(|t| t.span.text(input)).collect()
    }

    /// Checks every case of a table of (name, input, expected token texts).
    fn check(table: &[(&str, &str, &[&str])]) {
        for (name, input, expected) in table {
            assert_eq!(texts(input), *expected, "case {name}: {input:?}");
        }
    }

    /// Every non-whitespace character in exactly one token, no whitespace in any token,
    /// tokens sorted and on character boundaries.
    fn assert_covers(input: &str) {
        let tokens = tokenize(input);
        let mut covered = 0;
        for token in &tokens {
            let Span { start, end } = token.span;
            assert!(
                start >= covered && start < end && end <= input.len(),
                "{token:?}"
            );
            assert!(input.is_char_boundary(start) && input.is_char_boundary(end));
            assert!(input[covered..start].chars().all(char::is_whitespace));
            assert!(
                !input[start..end].chars().any(char::is_whitespace),
                "{token:?}"
            );
            covered = end;
        }
        assert!(input[covered..].chars().all(char::is_whitespace));
    }

    const ABBREVIATIONS_AND_INITIALS: &[(&str, &str, &[&str])] = &[
        ("country", "The U.S. Army", &["The", "U.S.", "Army"]),
        ("title", "Gen. Mark Milley", &["Gen.", "Mark", "Milley"]),
        (
            "senator",
            "Sen. Warren spoke.",
            &["Sen.", "Warren", "spoke", "."],
        ),
        (
            "suffixes",
            "King Jr. met Apple Inc. staff",
            &["King", "Jr.", "met", "Apple", "Inc.", "staff"],
        ),
        (
            "in a hyphenated word",
            "U.S.-led forces",
            &["U.S.-led", "forces"],
        ),
        (
            "initial",
            "John F. Kirby said",
            &["John", "F.", "Kirby", "said"],
        ),
        ("dotted lowercase", "e.g. this", &["e.g.", "this"]),
        ("degree", "a Ph.D. student", &["a", "Ph.D.", "student"]),
        ("ordinary word", "He left.", &["He", "left", "."]),
        (
            "number abbreviation",
            "No. 1 and said no.",
            &["No.", "1", "and", "said", "no", "."],
        ),
        ("month before a day", "Aug. 10", &["Aug.", "10"]),
        ("month without a day", "in Aug.", &["in", "Aug", "."]),
        (
            "all caps is no abbreviation",
            "by NBC.",
            &["by", "NBC", "."],
        ),
    ];

    const NUMBERS_AND_MONEY: &[(&str, &str, &[&str])] = &[
        ("thousands", "10,000 people", &["10,000", "people"]),
        ("millions", "1,000,000", &["1,000,000"]),
        (
            "a list is no number",
            "1,2 and 2019,2020",
            &["1", ",", "2", "and", "2019", ",", "2020"],
        ),
        ("decimal", "3.5 percent", &["3.5", "percent"]),
        ("unit suffix", "1.2bn", &["1.2bn"]),
        ("dollars", "$1.2 billion", &["$", "1.2", "billion"]),
        ("euros", "€5m", &["€", "5m"]),
        ("pounds", "£300", &["£", "300"]),
        ("country dollars", "US$10", &["US$", "10"]),
        ("percent sign", "45%", &["45", "%"]),
        ("per cent", "45 per cent", &["45", "per", "cent"]),
        ("ordinal", "the 22nd Expo", &["the", "22nd", "Expo"]),
        ("range", "aged 8–10 years", &["aged", "8–10", "years"]),
        ("sentence-final number", "in 2017.", &["in", "2017", "."]),
    ];

    const DATES_AND_TIMES: &[(&str, &str, &[&str])] = &[
        (
            "written date",
            "Aug. 10, 2021",
            &["Aug.", "10", ",", "2021"],
        ),
        ("clock and a.m.", "10:30 a.m.", &["10:30", "a.m."]),
        ("ISO date", "2021-08-10", &["2021-08-10"]),
        (
            "p.m. run into the number",
            "at 5p.m. and 7AM",
            &["at", "5", "p.m.", "and", "7", "AM"],
        ),
        ("am alone is a word", "I am 5am", &["I", "am", "5", "am"]),
        (
            "p.m. mid-sentence",
            "at 9 p.m. Monday",
            &["at", "9", "p.m.", "Monday"],
        ),
    ];

    const CLITICS_AND_APOSTROPHES: &[(&str, &str, &[&str])] = &[
        ("we're", "we're", &["we", "'re"]),
        ("don't", "don't", &["do", "n't"]),
        ("can't", "can't", &["ca", "n't"]),
        ("won't, capitals", "WON'T", &["WO", "N'T"]),
        ("possessive", "country's", &["country", "'s"]),
        (
            "plural possessive",
            "Afghans' visas",
            &["Afghans", "'", "visas"],
        ),
        (
            "I'm, they'll, we've, he'd",
            "I'm they'll we've he'd",
            &["I", "'m", "they", "'ll", "we", "'ve", "he", "'d"],
        ),
        ("curly it's", "it’s", &["it", "’s"]),
        ("curly don't", "don’t", &["do", "n’t"]),
        ("decade", "the '90s", &["the", "'90s"]),
        ("rock 'n' roll", "rock 'n' roll", &["rock", "'n'", "roll"]),
        ("name", "O'Brien", &["O'Brien"]),
        ("name's", "O'Brien's", &["O'Brien", "'s"]),
        ("o'clock", "five o'clock", &["five", "o'clock"]),
        ("plural year", "the 1930's", &["the", "1930's"]),
        ("elided gov't", "the gov't", &["the", "gov't"]),
    ];

    const WORDS_AND_ADDRESSES: &[(&str, &str, &[&str])] = &[
        ("hyphenated", "war-ravaged", &["war-ravaged"]),
        ("hyphenated phrase", "editor-in-chief", &["editor-in-chief"]),
        ("slash", "and/or 9/11", &["and/or", "9/11"]),
        ("ampersand", "AT&T and S&P", &["AT&T", "and", "S&P"]),
        (
            "url",
            "see https://example.com/a?b=1.",
            &["see", "https://example.com/a?b=1", "."],
        ),
        (
            "url in brackets",
            "(www.bbc.co.uk)",
            &["(", "www.bbc.co.uk", ")"],
        ),
        (
            "url with parentheses",
            "https://en.wikipedia.org/wiki/Foo_(bar))",
            &["https://en.wikipedia.org/wiki/Foo_(bar)", ")"],
        ),
        ("domain", "Gawker.com reported", &["Gawker.com", "reported"]),
        ("host and path", "t.co/hbaWqfjJcp", &["t.co/hbaWqfjJcp"]),
        ("party and state", "(R-S.C.)", &["(", "R-S.C.", ")"]),
        (
            "e-mail",
            "mail jane.doe@example.org.",
            &["mail", "jane.doe@example.org", "."],
        ),
        (
            "e-mail with underscore",
            "first_last@example.co.uk",
            &["first_last@example.co.uk"],
        ),
        ("handle", "@POTUS said", &["@POTUS", "said"]),
        ("hashtag", "#IStandWithAhmed", &["#IStandWithAhmed"]),
        ("number sign", "#2", &["#2"]),
        (
            "combining mark",
            "cafe\u{301} au lait",
            &["cafe\u{301}", "au", "lait"],
        ),
        (
            "mark after punctuation",
            "a,\u{301} b",
            &["a", ",\u{301}", "b"],
        ),
        ("CJK", "東京 is", &["東京", "is"]),
    ];

    const EMOJI: &[(&str, &str, &[&str])] = &[
        ("skin tone", "Great 👍🏽 news", &["Great", "👍🏽", "news"]),
        ("ZWJ family", "👨‍👩‍👧 here", &["👨‍👩‍👧", "here"]),
        ("flags", "🇺🇸🇬🇧", &["🇺🇸", "🇬🇧"]),
        ("keycap", "1️⃣ first", &["1️⃣", "first"]),
        ("attached", "wow🎉", &["wow", "🎉"]),
        ("emoticon", "right? :)", &["right", "?", ":)"]),
    ];

    const PUNCTUATION: &[(&str, &str, &[&str])] = &[
        ("ellipsis", "wait... what", &["wait", "...", "what"]),
        ("ellipsis character", "wait… what", &["wait", "…", "what"]),
        ("em dash", "war—and", &["war", "—", "and"]),
        ("en dash", "Paris – the", &["Paris", "–", "the"]),
        ("double hyphen", "so--then", &["so", "--", "then"]),
        (
            "straight quotes",
            "\"Stop,\" he said",
            &["\"", "Stop", ",", "\"", "he", "said"],
        ),
        ("curly quotes", "“Yes”", &["“", "Yes", "”"]),
        ("guillemets", "«Oui» ‹a›", &["«", "Oui", "»", "‹", "a", "›"]),
        ("low quote", "„Ja“", &["„", "Ja", "“"]),
        (
            "single quotes",
            "'courageous achievement'",
            &["'", "courageous", "achievement", "'"],
        ),
        (
            "curly single quotes",
            "‘Mets Poet’",
            &["‘", "Mets", "Poet", "’"],
        ),
        (
            "quote after s",
            "the 'Simpsons' show",
            &["the", "'", "Simpsons", "'", "show"],
        ),
        ("doubled marks", "``Yes''", &["``", "Yes", "''"]),
        ("square brackets", "[US]", &["[", "US", "]"]),
        ("elision in brackets", "[...]", &["[", "...", "]"]),
        (
            "list markers",
            "a) first 1) second",
            &["a)", "first", "1)", "second"],
        ),
        (
            "no marker inside parentheses",
            "(see a) next",
            &["(", "see", "a", ")", "next"],
        ),
        ("?!", "What?!", &["What", "?", "!"]),
    ];

    /// Cases from errors on GUM (../shared/data/gum/dep), named by document.
    const REGRESSION: &[(&str, &str, &[&str])] = &[
        (
            "GUM_news_imprisoned: clock and am",
            "from 6:00am to",
            &["from", "6:00", "am", "to"],
        ),
        (
            "GUM_interview_hill: suspended hyphen",
            "called Euro- NATO",
            &["called", "Euro-", "NATO"],
        ),
        (
            "GUM_news_sensitive: backtick apostrophe",
            "do n`t and don`t",
            &["do", "n`t", "and", "do", "n`t"],
        ),
        (
            "GUM_interview_daly: emoticon",
            "quickly, right? :)",
            &["quickly", ",", "right", "?", ":)"],
        ),
        (
            "GUM_interview_stardust: @ inside a name",
            "Stardust@home",
            &["Stardust", "@", "home"],
        ),
        (
            "GUM_news_iodine: plural with curly apostrophe",
            "the 1930’s",
            &["the", "1930’s"],
        ),
        (
            "GUM_interview_cyclone: US$",
            "as high as US$",
            &["as", "high", "as", "US$"],
        ),
        (
            "GUM_interview_libertarian: (s)",
            "Governor(s)",
            &["Governor(s)"],
        ),
        (
            "GUM_news_defector: list item",
            "b) Refusing",
            &["b)", "Refusing"],
        ),
        (
            "GUM_interview_dungeon: ellipsis and period",
            "Simpson …. Yeah",
            &["Simpson", "….", "Yeah"],
        ),
        (
            "PolNeAR dev: address run into a word",
            "30th.https://t.co/x",
            &["30th", ".", "https://t.co/x"],
        ),
        (
            "GUM_interview_shalev: two dots",
            "also .. a bit",
            &["also", "..", "a", "bit"],
        ),
    ];

    #[test]
    fn abbreviations_and_initials() {
        check(ABBREVIATIONS_AND_INITIALS);
    }

    #[test]
    fn numbers_and_money() {
        check(NUMBERS_AND_MONEY);
    }

    #[test]
    fn dates_and_times() {
        check(DATES_AND_TIMES);
    }

    #[test]
    fn clitics_and_apostrophes() {
        check(CLITICS_AND_APOSTROPHES);
    }

    #[test]
    fn words_and_addresses() {
        check(WORDS_AND_ADDRESSES);
    }

    #[test]
    fn emoji() {
        check(EMOJI);
    }

    #[test]
    fn punctuation() {
        check(PUNCTUATION);
    }

    #[test]
    fn regressions() {
        check(REGRESSION);
    }

    #[test]
    fn kinds() {
        use TokenKind::*;
        let table: &[(&str, &[TokenKind])] = &[
            ("U.S. we're 10,000", &[Word, Word, Word, Number]),
            (
                "\"“‘’”»«„'",
                &[
                    Quote, Quote, Quote, Quote, Quote, Quote, Quote, Quote, Quote,
                ],
            ),
            ("Afghans' visas", &[Word, Word, Word]),
            (". , — ... ( ]", &[Punct, Punct, Punct, Punct, Punct, Punct]),
            ("$ € % & +", &[Symbol, Symbol, Symbol, Symbol, Symbol]),
            (
                "https://a.org a@b.org @x #y #2",
                &[Url, Email, Handle, Hashtag, Number],
            ),
            ("Gawker.com t.co/x 9/11", &[Url, Url, Number]),
            (
                "👍🏽 🇺🇸 1️⃣ © ©\u{FE0F}",
                &[Emoji, Emoji, Emoji, Symbol, Emoji],
            ),
            ("\u{0} \u{200B}", &[Other, Other]),
        ];
        for (input, expected) in table {
            let kinds: Vec<TokenKind> = tokenize(input).iter().map(|t| t.kind).collect();
            assert_eq!(kinds, *expected, "{input:?}");
        }
    }

    #[test]
    fn abbreviation_classes() {
        let table = [
            ("Gen.", Some(AbbreviationClass::Prefix)),
            ("No", Some(AbbreviationClass::Number)),
            ("Inc.", Some(AbbreviationClass::Any)),
            ("etc.", Some(AbbreviationClass::Final)),
            ("U.S.", Some(AbbreviationClass::Any)),
            ("F.", Some(AbbreviationClass::Any)),
            ("left.", None),
            ("Gawker.com", None),
            ("R-S.C.", Some(AbbreviationClass::Any)),
            ("well-known", None),
        ];
        for (word, class) in table {
            assert_eq!(abbreviation_class(word), class, "{word}");
        }
    }

    #[test]
    fn hostile_inputs_are_covered_in_linear_time() {
        // Each would take hours if any step rescanned the text it had passed.
        let long = 1 << 20;
        let inputs = [
            "a".repeat(long),
            "a.".repeat(long / 2),
            "a+".repeat(long / 2),
            "'".repeat(long),
            "\"".repeat(long),
            "n'".repeat(long / 2),
            "@".repeat(long),
            "1,".repeat(long / 2),
            format!("http://{}", "x".repeat(long)),
            "🇺".repeat(long / 4),
            format!("e{}", "\u{301}".repeat(long / 2)),
            "\u{0}\r\u{2028} x\r".repeat(long / 8),
            "…".repeat(long / 3),
        ];
        for input in &inputs {
            assert_covers(input);
        }
    }

    #[test]
    fn eight_byte_scan_agrees_with_is_ascii_alphanumeric() {
        for byte in 0..=u8::MAX {
            for position in 0..8 {
                let mut chunk = [b'a'; 8];
                chunk[position] = byte;
                let others = non_alnum_bytes(u64::from_le_bytes(chunk));
                let expected = if byte.is_ascii_alphanumeric() {
                    0
                } else {
                    0x80 << (8 * position)
                };
                assert_eq!(others, expected, "byte {byte:#04x} at {position}");
            }
        }
    }

    #[test]
    fn common_punctuation_has_none_of_the_properties_it_skips() {
        for c in ('\u{2010}'..='\u{2027}').filter(|&c| is_common_punctuation(c)) {
            assert!(
                !c.is_alphanumeric() && !c.is_whitespace() && !c.is_emoji_char(),
                "{c:?}"
            );
            assert_ne!(
                c.general_category_group(),
                GeneralCategoryGroup::Mark,
                "{c:?}"
            );
        }
        assert!(!is_common_punctuation('\u{200D}') && !is_common_punctuation('\u{2028}'));
    }

    #[test]
    fn every_character_is_covered() {
        let table = [
            "",
            "   \n\t ",
            "John F. Kirby said: \"We continue ... Afghanistan,\" on Aug. 10, 2021.",
            "e\u{301}\u{301} \u{301}x ‍ \u{FE0F} 🏽",
            "\r\n\u{2028}\u{2029}\u{85}\u{0B}\u{0C}x",
            "שלום עולם, مرحبا",
            "\u{FFFD}\u{FFFD}",
            "a'b'c' 'd '",
        ];
        for input in table {
            assert_covers(input);
        }
        // Every single character, alone and between letters.
        for c in (0..0x11_0000).step_by(7).filter_map(char::from_u32) {
            assert_covers(&c.to_string());
            assert_covers(&format!("a{c}b"));
        }
    }
}
