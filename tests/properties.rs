//! Property tests (issue 2 item 8, issue 7): for any string, the document holds every
//! invariant of the contract (`tests/common/invariants.rs`): spans in bounds, on char
//! boundaries, sorted, tokens non-overlapping and free of whitespace and covering every
//! other character, entities and quotations inside the text, speakers and entities pointing
//! at real clusters, offsets that round-trip between bytes, UTF-16 and code points; and
//! `annotate` never panics. The same checks replay the committed fuzz corpus.

#[allow(dead_code)] // Shared with the other suites; not every function is used here.
#[path = "common/invariants.rs"]
mod invariants;

use newsmark::{OffsetTable, OffsetUnit};
use proptest::prelude::*;
use std::path::Path;

/// Pieces of news text: names, abbreviations, numbers, dates, quotation marks and speech
/// verbs, so that generated strings reach the later stages (entities, quotes).
const NEWS_PIECES: &[&str] = &[
    "Kirby",
    "John F. Kirby",
    "Khalilzad",
    "the Taliban",
    "Afghanistan",
    "U.S.",
    "US",
    "Pentagon",
    "Dr.",
    "Mr.",
    "Inc.",
    "Jr.",
    "said",
    "added",
    "told reporters",
    "according to",
    "believes that",
    "he",
    "she",
    "They",
    "we're",
    "don't",
    "country's",
    "Afghans'",
    "it's",
    "'90s",
    "rock 'n' roll",
    "war-ravaged",
    "Aug. 10, 2021",
    "August 10",
    "Monday",
    "today",
    "February last year",
    "the 1990s",
    "2021-08-10",
    "10:30 a.m.",
    "midnight",
    "$1.2 billion",
    "€5m",
    "£300",
    "300 rupees",
    "45%",
    "45 per cent",
    "5 km",
    "10,000",
    "3.5",
    "1.2bn",
    "three",
    "first",
    "\"",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "'",
    ",",
    ".",
    "...",
    "…",
    "?",
    "!",
    ":",
    ";",
    "—",
    "–",
    "--",
    "(",
    ")",
    "[",
    "]",
    "https://example.org/a",
    "press@example.org",
    "@newsdesk",
    "#Kabul",
    "😀",
    "👩‍👩‍👧",
    "👍🏽",
    "🇺🇸",
    "e\u{301}",
    "日本語",
    "قال",
    "שלום",
    "\u{200D}",
    "\u{FFFD}",
    "\0",
];

/// What goes between the pieces: spaces mostly, and every kind of line break.
const SEPARATORS: &[&str] = &[
    " ", " ", " ", " ", "", "\n", "\r\n", "\r", "\n\n", "\u{2028}", "\u{2029}", "\t", "\u{A0}",
    "\u{3000}", "\u{85}", "\u{B}", "\u{C}",
];

/// Characters that break naive text code: quotation marks, combining marks, joiners,
/// bidi controls, separators, NUL, U+FFFD, surrogate-pair emoji, BOM.
const ODD_CHARS: &[char] = &[
    '"',
    '\'',
    '“',
    '”',
    '‘',
    '’',
    '«',
    '»',
    '„',
    '‹',
    '›',
    '.',
    ',',
    '$',
    '%',
    '(',
    ')',
    '[',
    ']',
    '-',
    '—',
    '…',
    '\u{301}',
    '\u{334}',
    '\u{20E3}',
    '\u{200D}',
    '\u{200C}',
    '\u{200B}',
    '\u{FE0F}',
    '\u{1F3FD}',
    '\u{1F1FA}',
    '\u{200E}',
    '\u{200F}',
    '\u{202E}',
    '\u{2066}',
    '\u{2069}',
    '\n',
    '\r',
    '\u{2028}',
    '\u{2029}',
    '\u{85}',
    '\0',
    '\u{1}',
    '\u{7F}',
    '\u{9F}',
    '\u{FFFD}',
    '\u{FEFF}',
    '😀',
    '𝔘',
    '\u{E000}',
    '\u{10FFFF}',
    'ß',
    'İ',
    'ﬃ',
];

/// Strings made of news pieces and separators.
fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(NEWS_PIECES),
            prop::sample::select(SEPARATORS),
        ),
        0..60,
    )
    .prop_map(|pairs| pairs.into_iter().flat_map(|(a, b)| [a, b]).collect())
}

/// Strings of odd characters mixed with plain letters and any character at all.
fn odd_characters() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(ODD_CHARS),
            2 => prop::char::range('a', 'z'),
            1 => prop::char::range('A', 'Z'),
            1 => any::<char>(),
        ],
        0..200,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Checks `text` against every invariant, failing the property with the violation.
fn holds(text: &str) -> Result<(), TestCaseError> {
    invariants::check_text(text).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string_gives_a_valid_document(text in any::<String>()) {
        holds(&text)?;
    }

    #[test]
    fn news_like_text_gives_a_valid_document(text in news_like()) {
        holds(&text)?;
    }

    #[test]
    fn odd_characters_give_a_valid_document(text in odd_characters()) {
        holds(&text)?;
    }

    #[test]
    fn news_with_odd_characters_gives_a_valid_document(
        news in news_like(),
        odd in odd_characters(),
        at in any::<prop::sample::Index>(),
    ) {
        // Odd characters spliced into news text at a char boundary.
        let boundaries: Vec<usize> =
            news.char_indices().map(|(i, _)| i).chain([news.len()]).collect();
        let cut = boundaries[at.index(boundaries.len())];
        let text = format!("{}{odd}{}", &news[..cut], &news[cut..]);
        holds(&text)?;
    }

    #[test]
    fn any_bytes_read_lossily_give_a_valid_document(bytes in any::<Vec<u8>>()) {
        holds(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn offsets_round_trip_at_every_char_boundary(text in odd_characters()) {
        // Every char boundary, not only those a document holds: the table against
        // `chars` and `encode_utf16` counts of the text before it.
        let utf16 = OffsetTable::new(&text, OffsetUnit::Utf16);
        let code_points = OffsetTable::new(&text, OffsetUnit::CodePoint);
        let bytes = OffsetTable::new(&text, OffsetUnit::Byte);
        for boundary in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
            let before = &text[..boundary];
            prop_assert_eq!(utf16.convert(boundary), before.encode_utf16().count());
            prop_assert_eq!(code_points.convert(boundary), before.chars().count());
            prop_assert_eq!(bytes.convert(boundary), boundary);
        }
    }
}

/// Edge cases the generators reach only by luck.
const EDGE_CASES: &[&str] = &[
    "",
    " ",
    "\n",
    "\r\n\r\n",
    "\u{2028}\u{2029}",
    "\0",
    "\u{FFFD}",
    "\u{FEFF}Kirby said.",
    "\"",
    "\"\"\"",
    "“",
    "'",
    ".",
    "...",
    "e\u{301}",
    "\u{301}",
    "\u{200D}",
    "👩‍👩‍👧",
    "Aug.",
    "$",
    "%",
    "10:",
    "a.m.",
    "\"We continue ... Afghanistan,\" Kirby said.",
    "\"Stop.\" He left.",
    "Kirby said: \"",
    "« Bonjour », a-t-il dit.",
    "„Ja“, sagte er.",
    // Found by the fuzzer: a guillemet left open at the end gives an empty content part.
    "\u{FFFD}\u{FFFD}t\u{FFFD}\u{FFFD}\0\0\0\0\0\0\u{7}\0«",
];

#[test]
fn edge_cases_give_valid_documents() {
    for text in EDGE_CASES {
        if let Err(violation) = invariants::check_text(text) {
            panic!("{text:?}: {violation}");
        }
    }
}

/// The committed fuzz corpus (`fuzz/corpus/annotate/`), replayed through the same checks as
/// the fuzz target: valid UTF-8 as it is, anything else lossily converted.
#[test]
fn fuzz_corpus_gives_valid_documents() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/annotate");
    let entries = std::fs::read_dir(&corpus)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", corpus.display()));
    let mut replayed = 0;
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let bytes = std::fs::read(&path).expect("a readable corpus file");
        let text = String::from_utf8_lossy(&bytes);
        if let Err(violation) = invariants::check_text(&text) {
            panic!("{}: {violation}", path.display());
        }
        replayed += 1;
    }
    assert!(
        replayed > 0,
        "the fuzz corpus {} is empty",
        corpus.display()
    );
}

/// A hand-made document with one entity in a cluster and one attributed quotation, valid
/// under every invariant, for the checker's own test below.
fn valid_document() -> (String, newsmark::Document) {
    use newsmark::{Cluster, Entity, Label, Quote, QuoteKind, Span, Speaker};
    let text = "Kirby said \"no\".".to_string();
    let mut document = newsmark::annotate(&text);
    let kirby = Span::new(0, 5);
    document.entities = vec![Entity {
        span: kirby,
        label: Label::Person,
        cluster: Some(0),
    }];
    document.clusters = vec![Cluster {
        name: "Kirby".into(),
        label: Label::Person,
        mentions: vec![kirby],
    }];
    document.quotes = vec![Quote {
        span: Span::new(11, 15),
        kind: QuoteKind::Direct,
        content: vec![Span::new(12, 14)],
        cue: Some(Span::new(6, 10)),
        speaker: Some(Speaker {
            span: kirby,
            text: "Kirby".into(),
            entity: Some(0),
            own_mentions: vec![kirby],
        }),
    }];
    (text, document)
}

/// Ways to break a document, each of which the checker must reject: `(name, breakage)`.
type Breakage = (&'static str, fn(&mut newsmark::Document));

const BREAKAGES: &[Breakage] = &[
    ("token past the end", |d| d.tokens[0].span.end = 99),
    ("token off a char boundary", |d| d.tokens[0].span.start = 1),
    ("empty token", |d| {
        d.tokens[0].span.end = d.tokens[0].span.start
    }),
    ("lost token", |d| {
        d.tokens.remove(1);
    }),
    ("token holding a space", |d| d.tokens[0].span.end = 6),
    ("tokens out of order", |d| d.tokens.swap(0, 1)),
    ("sentence outside every paragraph", |d| {
        d.sentences[0].span.end = d.text.len() + 1
    }),
    ("token in no sentence", |d| d.sentences.clear()),
    ("untrimmed paragraph", |d| d.paragraphs[0].span.end = 6),
    ("entity inside a token", |d| d.entities[0].span.end = 3),
    ("entity in a missing cluster", |d| {
        d.entities[0].cluster = Some(7)
    }),
    ("entity of another label than its cluster", |d| {
        d.entities[0].label = newsmark::Label::Org
    }),
    ("cluster mention that is no entity", |d| {
        d.clusters[0].mentions[0] = newsmark::Span::new(6, 10)
    }),
    ("cluster without mentions", |d| {
        d.clusters[0].mentions.clear()
    }),
    ("quote content outside its quote", |d| {
        d.quotes[0].content[0] = newsmark::Span::new(0, 5)
    }),
    ("cue past the end", |d| {
        d.quotes[0].cue = Some(newsmark::Span::new(6, 99))
    }),
    ("speaker in a missing cluster", |d| {
        if let Some(speaker) = &mut d.quotes[0].speaker {
            speaker.entity = Some(3);
        }
    }),
    ("speaker missing from its own mentions", |d| {
        if let Some(speaker) = &mut d.quotes[0].speaker {
            speaker.own_mentions = vec![newsmark::Span::new(6, 10)];
        }
    }),
    ("speaker mention past the end", |d| {
        if let Some(speaker) = &mut d.quotes[0].speaker {
            speaker.own_mentions.push(newsmark::Span::new(6, 99));
        }
    }),
    ("overlapping speaker mentions", |d| {
        if let Some(speaker) = &mut d.quotes[0].speaker {
            speaker.own_mentions = vec![newsmark::Span::new(0, 5), newsmark::Span::new(3, 8)];
        }
    }),
    ("text changed", |d| d.text.push('!')),
];

#[test]
fn the_checker_rejects_every_broken_document() {
    let (text, document) = valid_document();
    invariants::check_document(&text, &document).expect("the hand-made document is valid");
    for (name, breakage) in BREAKAGES {
        let mut broken = document.clone();
        breakage(&mut broken);
        assert!(
            invariants::check_document(&text, &broken).is_err(),
            "the checker accepted a document with {name}"
        );
    }
}
