//! Paragraphs and sentences. A line break ends a paragraph (pasted articles often put one
//! paragraph on each line, with no blank line between), so a headline or a dateline on its own
//! line is its own paragraph and sentence. Inside a paragraph a sentence ends at `.`, `!` or
//! `?` (with the closing quotation marks and brackets right after it) when what follows can
//! start a sentence; abbreviations, initials, decimals and ellipses end one only when a
//! capitalized function word follows (`data/sentence-starters.txt`). Two news conventions
//! that run into a paragraph are sentences of their own: a full dateline under a headline
//! (`... about ants Tuesday, September 1, 2015`) and a picture credit (`... Image: NASA.`).

use crate::document::{Paragraph, Sentence, Token, TokenKind};
use crate::span::Span;
use crate::tokenize::{abbreviation_class, is_line_break, AbbreviationClass};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Splits `text` into paragraphs: every non-blank line, trimmed.
pub fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut line_start = 0;
    for (index, chunk) in text.as_bytes().chunks(8).enumerate() {
        // Eight bytes at a time: most chunks of a line hold no byte that can begin a break.
        if let Ok(word) = <[u8; 8]>::try_from(chunk) {
            if !may_begin_line_break(u64::from_le_bytes(word)) {
                continue;
            }
        }
        for (offset, &byte) in chunk.iter().enumerate() {
            // Only these bytes can begin a line break (see `is_line_break`): ASCII controls,
            // and the lead bytes of U+0085 (C2) and U+2028/U+2029 (E2). Decode only those.
            if !matches!(byte, b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2) {
                continue;
            }
            let i = index * 8 + offset;
            let Some(ch) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                continue;
            };
            if is_line_break(ch) {
                push_trimmed(text, line_start, i, &mut paragraphs);
                line_start = i + ch.len_utf8();
            }
        }
    }
    push_trimmed(text, line_start, text.len(), &mut paragraphs);
    paragraphs
}

/// Whether any of the eight bytes packed in `word` may begin a line break: a byte below 0x0E
/// (LF, VT, FF, CR) or a non-ASCII byte (the lead bytes of NEL, U+2028 and U+2029). It may
/// answer yes when no byte does, never no when one does.
fn may_begin_line_break(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // Subtracting 0x0E from every byte borrows (and sets a high bit) at the lowest byte below
    // 0x0E, if there is one; a byte of 0x80 or more has its high bit set already. Without a
    // borrow, a byte from 0x0E to 0x7F keeps its high bit clear.
    (word.wrapping_sub(ONES * 0x0E) | word) & HIGH_BITS != 0
}

fn push_trimmed(text: &str, start: usize, end: usize, paragraphs: &mut Vec<Paragraph>) {
    let line = text.get(start..end).unwrap_or("");
    let trimmed = line.trim_start();
    let start = start + (line.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if start < end {
        paragraphs.push(Paragraph {
            span: Span::new(start, end),
        });
    }
}

/// Capitalized, these words start a new sentence after an abbreviation or an ellipsis
/// (`data/sentence-starters.txt`).
static SENTENCE_STARTERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/sentence-starters.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect()
});

/// How strongly a token ends a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// `.`, `!`, `?`: the sentence ends unless what follows continues it (`"Stop!" he said`).
    Strong,
    /// An abbreviation or an ellipsis: the sentence ends only before a capitalized function
    /// word (`... in the U.S. The ...`, but `U.S. President`, `... Afghanistan`).
    Weak,
}

/// Splits each paragraph into sentences. `tokens` are the tokens of `text` in order; every
/// sentence runs from its first token to its last and lies inside one paragraph.
pub fn split_sentences(text: &str, tokens: &[Token], paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    for paragraph in paragraphs {
        // A linear walk, not a binary search: paragraphs are short and a search over a long
        // document's tokens misses the cache at every step.
        while tokens
            .get(first)
            .is_some_and(|t| t.span.end <= paragraph.span.start)
        {
            first += 1;
        }
        let mut end = first;
        while tokens
            .get(end)
            .is_some_and(|t| t.span.start < paragraph.span.end)
        {
            end += 1;
        }
        split_paragraph(
            text,
            tokens.get(first..end).unwrap_or_default(),
            &mut sentences,
        );
        first = end;
    }
    sentences
}

/// Appends the sentences of one paragraph's tokens.
fn split_paragraph(text: &str, tokens: &[Token], sentences: &mut Vec<Sentence>) {
    let Some(first) = tokens.first() else {
        return;
    };
    let mut start = first.span.start;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        // A dateline or a picture credit run into the text before it starts a sentence. Both
        // begin with a capitalized word: test that first, it is cheap.
        let capitalized = token.kind == TokenKind::Word
            && text
                .as_bytes()
                .get(token.span.start)
                .is_some_and(u8::is_ascii_uppercase);
        let previous = i.checked_sub(1).and_then(|p| tokens.get(p));
        let dateline = capitalized
            .then(|| dateline_len(text, &tokens[i..]))
            .flatten();
        let breaks_before = match previous {
            Some(previous) if capitalized && start < token.span.start => {
                (dateline.is_some() && !takes_a_date(text, previous))
                    || (is_credit(text, &tokens[i..]) && ends_a_caption(text, previous))
            }
            _ => false,
        };
        if let (true, Some(previous)) = (breaks_before, previous) {
            sentences.push(Sentence {
                span: Span::new(start, previous.span.end),
            });
            start = token.span.start;
        }
        // `Tuesday, September 1, 2015 Wikinews interviewed ...`: the dateline ends there.
        if let Some(len) = dateline {
            let last = i + len - 1;
            if let (Some(date_end), Some(next)) = (tokens.get(last), tokens.get(last + 1)) {
                if next.kind == TokenKind::Word
                    && next.span.text(text).starts_with(char::is_uppercase)
                {
                    sentences.push(Sentence {
                        span: Span::new(start, date_end.span.end),
                    });
                    start = next.span.start;
                }
            }
            i += len;
            continue;
        }
        let Some(ending) = ending_of(text, &token) else {
            i += 1;
            continue;
        };
        // The sentence keeps the marks that close it: `?!`, `."`, `.)`, `.'"`.
        let mut last = i;
        while let Some(next) = tokens.get(last + 1) {
            if !closes_sentence(text, &tokens[last], next) {
                break;
            }
            last += 1;
        }
        if let Some(next) = tokens.get(last + 1) {
            if starts_sentence(text, next, ending) {
                sentences.push(Sentence {
                    span: Span::new(start, tokens[last].span.end),
                });
                start = next.span.start;
            }
        }
        i = last + 1;
    }
    if let Some(last) = tokens.last() {
        sentences.push(Sentence {
            span: Span::new(start, last.span.end),
        });
    }
}

/// Whether `token` can end a sentence, and how strongly.
fn ending_of(text: &str, token: &Token) -> Option<Ending> {
    match token.kind {
        TokenKind::Punct => match token.span.text(text) {
            "." | "!" | "?" | "‼" | "⁇" | "⁈" | "⁉" | "。" | "！" | "？" => {
                Some(Ending::Strong)
            }
            // Four dots are a period and an ellipsis.
            "...." => Some(Ending::Strong),
            word if is_ellipsis(word) => Some(Ending::Weak),
            _ => None,
        },
        // An abbreviation keeps its period, which may also end the sentence.
        TokenKind::Word
            if token.span.len() > 1 && text.as_bytes().get(token.span.end - 1) == Some(&b'.') =>
        {
            match abbreviation_class(token.span.text(text)) {
                Some(AbbreviationClass::Any) => Some(Ending::Weak),
                Some(AbbreviationClass::Final) => Some(Ending::Strong),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `next` belongs to the sentence that `previous` ended: more terminators (`?!`),
/// emoji and emoticons (`right? :)`), closing quotation marks and
/// brackets written against it.
fn closes_sentence(text: &str, previous: &Token, next: &Token) -> bool {
    let mark = next.span.text(text);
    let attached = previous.span.end == next.span.start;
    match mark {
        "." | "!" | "?" | "‼" | "⁇" | "⁈" | "⁉" => true,
        _ if next.kind == TokenKind::Emoji => true,
        _ if next.kind == TokenKind::Symbol && mark.starts_with([':', ';']) => true,
        // `”`, `’`, `»`, `›` close wherever they stand; any other quotation mark (even a
        // misused `“`) and brackets only when written against the terminator.
        "”" | "’" | "»" | "›" => true,
        ")" | "]" | "}" => attached,
        _ => attached && next.kind == TokenKind::Quote,
    }
}

/// Whether `mark` is an ellipsis token: `..`, `...`, `…`.
fn is_ellipsis(mark: &str) -> bool {
    mark.starts_with("..") || mark.starts_with('…')
}

/// Weekdays, which begin a dateline (`Tuesday, September 1, 2015`).
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Month names, full and abbreviated.
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
];

/// Words after which a full date is part of the sentence (`on Tuesday, September 1, 2015`).
const DATE_PREPOSITIONS: &[&str] = &[
    "after", "and", "as", "at", "before", "between", "by", "during", "every", "from", "last",
    "next", "of", "on", "or", "since", "that", "this", "through", "till", "to", "until",
];

/// Words that credit a picture in a caption (`Image: NASA`).
const CREDITS: &[&str] = &[
    "Credit",
    "Credits",
    "Image",
    "Photo",
    "Photograph",
    "Picture",
];

/// The number of tokens of a dateline at the start of `tokens`: weekday, comma, month, day,
/// comma, year (`Tuesday, September 1, 2015`), as news sites print under a headline.
fn dateline_len(text: &str, tokens: &[Token]) -> Option<usize> {
    let [weekday, comma, month, day, comma2, year, ..] = tokens else {
        return None;
    };
    let word = |token: &Token| token.span.text(text);
    let is_number = |token: &Token, digits: std::ops::RangeInclusive<usize>| {
        let word = word(token);
        digits.contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
    };
    // The comma first: it rules out almost every capitalized word in one comparison.
    let matches = word(comma) == ","
        && WEEKDAYS.contains(&word(weekday))
        && MONTHS.contains(&word(month))
        && is_number(day, 1..=2)
        && word(comma2) == ","
        && is_number(year, 4..=4);
    matches.then_some(6)
}

/// Whether a full date after `previous` belongs to its sentence (`on`, `since`, `,`, `(`).
fn takes_a_date(text: &str, previous: &Token) -> bool {
    let word = previous.span.text(text);
    previous.kind == TokenKind::Punct && !matches!(word, "." | "!" | "?")
        || DATE_PREPOSITIONS.contains(&word.to_lowercase().as_str())
}

/// Whether `tokens` start with a picture credit: `Image:`, `Photo:`.
fn is_credit(text: &str, tokens: &[Token]) -> bool {
    match tokens {
        [word, colon, ..] => {
            colon.span.text(text) == ":" && CREDITS.contains(&word.span.text(text))
        }
        _ => false,
    }
}

/// Whether a caption can end with `previous`, so that a credit after it starts a sentence:
/// a word, a number, an abbreviation or a closing bracket, not a comma or an article.
fn ends_a_caption(text: &str, previous: &Token) -> bool {
    let word = previous.span.text(text);
    match previous.kind {
        TokenKind::Word | TokenKind::Number | TokenKind::Quote => !matches!(
            word.to_lowercase().as_str(),
            "a" | "an" | "the" | "of" | "and" | "or"
        ),
        _ => matches!(word, ")" | "]"),
    }
}

/// Whether `next` can begin a new sentence after an ending of the given strength.
fn starts_sentence(text: &str, next: &Token, ending: Ending) -> bool {
    let word = next.span.text(text);
    let Some(first) = word.chars().next() else {
        return false;
    };
    match ending {
        // `"Stop!" he said`, `Yahoo!, the`: a lowercase word or a comma continues the sentence.
        // A dash introduces an attribution (`... about it. — Rick Santorum`). A lowercase
        // word with a capital inside is a brand (`eHow`, `iPhone`) and may start a sentence.
        Ending::Strong => {
            let is_brand = first.is_lowercase() && word.chars().any(char::is_uppercase);
            (!first.is_lowercase() || is_brand)
                && !matches!(first, ',' | ';' | ':' | ')' | ']' | '}' | '%')
                && !matches!(word, "—" | "–" | "-" | "--" | "―")
        }
        Ending::Weak => {
            next.kind == TokenKind::Word
                && first.is_uppercase()
                && SENTENCE_STARTERS.contains(word.to_lowercase().as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    /// The text of every sentence of `input`.
    fn sentences(input: &str) -> Vec<&str> {
        let tokens = tokenize(input);
        let paragraphs = split_paragraphs(input);
        split_sentences(input, &tokens, &paragraphs)
            .iter()
            .map(|s| s.span.text(input))
            .collect()
    }

    /// Checks every case of a table of (name, input, expected sentence texts).
    fn check(table: &[(&str, &str, &[&str])]) {
        for (name, input, expected) in table {
            assert_eq!(sentences(input), *expected, "case {name}: {input:?}");
        }
    }

    const ENDINGS: &[(&str, &str, &[&str])] = &[
        (
            "two sentences",
            "He left. She stayed.",
            &["He left.", "She stayed."],
        ),
        (
            "question and exclamation",
            "Why? Because. Really!",
            &["Why?", "Because.", "Really!"],
        ),
        ("?! together", "What?! No.", &["What?!", "No."]),
        ("no final period", "He left", &["He left"]),
        (
            "lowercase continues",
            "It fell to 3. then rose",
            &["It fell to 3. then rose"],
        ),
        (
            "comma after !",
            "Yahoo!, Google and Bing",
            &["Yahoo!, Google and Bing"],
        ),
        (
            "number starts a sentence",
            "He left. 2017 was bad.",
            &["He left.", "2017 was bad."],
        ),
    ];

    const ABBREVIATIONS: &[(&str, &str, &[&str])] = &[
        (
            "title",
            "Gen. Milley spoke. He left.",
            &["Gen. Milley spoke.", "He left."],
        ),
        (
            "country before a name",
            "The U.S. Army left.",
            &["The U.S. Army left."],
        ),
        (
            "country at the end",
            "He moved to the U.S. The move...",
            &["He moved to the U.S.", "The move..."],
        ),
        (
            "initials",
            "John F. Kennedy was shot.",
            &["John F. Kennedy was shot."],
        ),
        (
            "Inc. at the end",
            "He joined Apple Inc. It grew.",
            &["He joined Apple Inc.", "It grew."],
        ),
        (
            "number abbreviation",
            "He is No. 1 in the world.",
            &["He is No. 1 in the world."],
        ),
        (
            "date",
            "On Aug. 10, 2021, he left.",
            &["On Aug. 10, 2021, he left."],
        ),
        (
            "a.m. before a day",
            "at 10:30 a.m. Monday.",
            &["at 10:30 a.m. Monday."],
        ),
        (
            "a.m. at the end",
            "at 10:30 a.m. The talks",
            &["at 10:30 a.m.", "The talks"],
        ),
        (
            "decimal",
            "It rose 3.5 percent. Then it fell.",
            &["It rose 3.5 percent.", "Then it fell."],
        ),
        (
            "etc.",
            "pens, ink, etc. Paper too.",
            &["pens, ink, etc.", "Paper too."],
        ),
    ];

    const QUOTATIONS: &[(&str, &str, &[&str])] = &[
        (
            "ellipsis inside a quotation",
            "\"We continue ... Afghanistan,\" Kirby said.",
            &["\"We continue ... Afghanistan,\" Kirby said."],
        ),
        (
            "quote then a new sentence",
            "\"Stop.\" He left.",
            &["\"Stop.\"", "He left."],
        ),
        ("curly quotes", "“Stop.” He left.", &["“Stop.”", "He left."]),
        (
            "single inside double",
            "He said: \"'No.'\" Then",
            &["He said: \"'No.'\"", "Then"],
        ),
        (
            "question then attribution",
            "\"Why?\" she asked.",
            &["\"Why?\" she asked."],
        ),
        (
            "opening quote starts the next",
            "He left. \"Go,\" she said.",
            &["He left.", "\"Go,\" she said."],
        ),
        (
            "closing bracket",
            "(He left.) Then",
            &["(He left.)", "Then"],
        ),
        (
            "ellipsis before a starter",
            "We waited... And waited.",
            &["We waited...", "And waited."],
        ),
        (
            "emoji after the end",
            "Great! 🎉 Next one.",
            &["Great! 🎉", "Next one."],
        ),
    ];

    const PARAGRAPHS: &[(&str, &str, &[&str])] = &[
        (
            "headline and dateline lines",
            "Taliban seize Kabul\nKABUL, Aug. 15 (Reuters) - The Taliban entered the city. They met no resistance.",
            &["Taliban seize Kabul", "KABUL, Aug. 15 (Reuters) - The Taliban entered the city.", "They met no resistance."],
        ),
        ("CRLF", "One\r\nTwo", &["One", "Two"]),
        ("lone CR", "One\rTwo", &["One", "Two"]),
        ("line separator", "One\u{2028}Two\u{2029}Three", &["One", "Two", "Three"]),
        ("blank lines", "\n\n One. \n\n", &["One."]),
        ("empty", "", &[]),
        ("whitespace only", " \t\n ", &[]),
    ];

    /// Cases from errors on GUM (../shared/data/gum/dep), named by document.
    const REGRESSION: &[(&str, &str, &[&str])] = &[
        (
            "GUM_interview_ants: dateline after a headline",
            "Bos tells Wikinews about ants Tuesday, September 1, 2015",
            &[
                "Bos tells Wikinews about ants",
                "Tuesday, September 1, 2015",
            ],
        ),
        (
            "GUM_interview_cocktail: dateline before the text",
            "Thursday, March 15, 2012 Wikinews interviewed him.",
            &["Thursday, March 15, 2012", "Wikinews interviewed him."],
        ),
        (
            "GUM_news_flag: a date in a sentence stays",
            "It began on Thursday, May 7, 2015 and ended.",
            &["It began on Thursday, May 7, 2015 and ended."],
        ),
        (
            "GUM_news_expo: picture credit after a caption",
            "Playstation VR demo Image: Nick Moreau.",
            &["Playstation VR demo", "Image: Nick Moreau."],
        ),
        (
            "GUM_news_afghan: credit after an abbreviation",
            "held in Washington D.C. Image: United States Navy.",
            &["held in Washington D.C.", "Image: United States Navy."],
        ),
        (
            "GUM_interview_herrick: brand starting a sentence",
            "a website called eHow. eHow was big.",
            &["a website called eHow.", "eHow was big."],
        ),
        (
            "GUM_interview_daly: etc. ends a sentence",
            "field work, etc. Manuscript review",
            &["field work, etc.", "Manuscript review"],
        ),
        (
            "GUM_interview_daly: emoticon",
            "so quickly, right? :) It was",
            &["so quickly, right? :)", "It was"],
        ),
        (
            "GUM_interview_cocktail: dash and attribution",
            "laughs about it. — Rick Santorum",
            &["laughs about it. — Rick Santorum"],
        ),
        (
            "GUM_news_nasa: misused opening quote as closing",
            "misguided decision.“ However, the",
            &["misguided decision.“", "However, the"],
        ),
    ];

    #[test]
    fn endings() {
        check(ENDINGS);
    }

    #[test]
    fn abbreviations() {
        check(ABBREVIATIONS);
    }

    #[test]
    fn quotations() {
        check(QUOTATIONS);
    }

    #[test]
    fn paragraphs_are_lines() {
        check(PARAGRAPHS);
        let text = " One. Two\n\nThree ";
        let paragraphs: Vec<&str> = split_paragraphs(text)
            .iter()
            .map(|p| p.span.text(text))
            .collect();
        assert_eq!(paragraphs, ["One. Two", "Three"]);
    }

    #[test]
    fn regressions() {
        check(REGRESSION);
    }

    #[test]
    fn sentences_tile_their_paragraphs_in_linear_time() {
        let long = 1 << 20;
        let inputs = [
            "a. ".repeat(long / 3),
            "\"".repeat(long),
            "Mr. ".repeat(long / 4),
            "Monday, May 1, 2000 ".repeat(long / 20),
            "?! ".repeat(long / 3),
            "\u{0}\r\u{2028}x.".repeat(long / 8),
        ];
        for input in &inputs {
            let tokens = tokenize(input);
            let paragraphs = split_paragraphs(input);
            let sentences = split_sentences(input, &tokens, &paragraphs);
            let mut previous_end = 0;
            let mut paragraph = paragraphs.iter();
            let mut current = paragraph.next();
            for sentence in &sentences {
                assert!(
                    previous_end <= sentence.span.start && sentence.span.start < sentence.span.end
                );
                while current.is_some_and(|p| p.span.end < sentence.span.end) {
                    current = paragraph.next();
                }
                assert!(
                    current.is_some_and(|p| p.span.contains(sentence.span)),
                    "{sentence:?}"
                );
                previous_end = sentence.span.end;
            }
        }
    }
}
