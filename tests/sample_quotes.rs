//! The quotations and reported statements that ../shared/samples/README.md lists for the
//! sample article `pentagon-safe-havens.txt`, each with its kind, speaker and cue. The sample is
//! someone else's text, so it is read from ../shared and never copied into the repository; the
//! test prints a notice and passes when ../shared is absent.

use newsmark::{annotate, Document, Quote, QuoteKind};
use std::path::Path;

const SAMPLE: &str = "../shared/samples/pentagon-safe-havens.txt";

/// One expected quotation: where its text starts, its kind, its speaker mention and its cue.
struct Expected {
    starts_with: &'static str,
    kind: QuoteKind,
    speaker: &'static str,
    cue: Option<&'static str>,
}

const EXPECTED: &[Expected] = &[
    Expected {
        starts_with: "\"We continue to have conversations",
        kind: QuoteKind::Direct,
        speaker: "Pentagon Press Secretary John F. Kirby",
        cue: Some("said"),
    },
    Expected {
        starts_with: "\"We all have a shared sense",
        kind: QuoteKind::Direct,
        speaker: "Kirby",
        cue: Some("added"),
    },
    Expected {
        starts_with: "\"The US will continue to support Afghanistan",
        kind: QuoteKind::Direct,
        speaker: "Kirby",
        cue: Some("said"),
    },
    Expected {
        starts_with: "\"press the Taliban to stop their military offensive\"",
        kind: QuoteKind::Partial,
        speaker: "Khalilzad",
        cue: None,
    },
    Expected {
        starts_with: "Pakistani safe heavens are helping terrorists",
        kind: QuoteKind::Indirect,
        speaker: "The US",
        cue: Some("has said"),
    },
    Expected {
        starts_with: "the Afghan forces have the capability",
        kind: QuoteKind::Indirect,
        speaker: "Washington",
        cue: Some("believes"),
    },
    Expected {
        starts_with: "the group has been looting",
        kind: QuoteKind::Indirect,
        speaker: "Multiple reports",
        cue: Some("have claimed"),
    },
];

fn read_sample() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            println!("sample_quotes: {} not found; skipping", path.display());
            None
        }
    }
}

fn find<'a>(doc: &'a Document, starts_with: &str) -> Option<&'a Quote> {
    doc.quotes
        .iter()
        .find(|q| q.span.text(&doc.text).starts_with(starts_with))
}

#[test]
fn every_listed_quotation_has_its_kind_speaker_and_cue() {
    let Some(text) = read_sample() else { return };
    let doc = annotate(&text);
    for expected in EXPECTED {
        let quote = find(&doc, expected.starts_with)
            .unwrap_or_else(|| panic!("no quotation starting {:?}", expected.starts_with));
        assert_eq!(quote.kind, expected.kind, "{:?}", expected.starts_with);
        let speaker = quote
            .speaker
            .as_ref()
            .unwrap_or_else(|| panic!("no speaker for {:?}", expected.starts_with));
        assert_eq!(speaker.span.text(&text), expected.speaker);
        assert_eq!(quote.cue.map(|c| c.text(&text)), expected.cue);
    }
}

#[test]
fn kirby_quotations_share_one_speaker_entity() {
    let Some(text) = read_sample() else { return };
    let doc = annotate(&text);
    let kirby: Vec<&Quote> = EXPECTED[..3]
        .iter()
        .filter_map(|e| find(&doc, e.starts_with))
        .collect();
    assert_eq!(kirby.len(), 3);
    let entities: Vec<Option<usize>> = kirby
        .iter()
        .map(|q| q.speaker.as_ref().and_then(|s| s.entity))
        .collect();
    // Linked to one cluster once the entity stage finds Kirby; the mention lists name him.
    assert!(entities.windows(2).all(|w| w[0] == w[1]), "{entities:?}");
    for quote in kirby {
        let speaker = quote.speaker.as_ref().expect("speaker");
        assert!(speaker.text.contains("Kirby"), "{:?}", speaker.text);
        assert!(doc
            .speaker_mentions(speaker)
            .iter()
            .any(|m| m.text(&text).contains("Kirby")));
    }
}

#[test]
fn apostrophes_are_not_quotation_marks_and_nothing_else_is_quoted() {
    let Some(text) = read_sample() else { return };
    let doc = annotate(&text);
    let marked: Vec<&Quote> = doc
        .quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Indirect)
        .collect();
    assert_eq!(marked.len(), 4, "the sample has four quotations");
    let third = find(&doc, EXPECTED[2].starts_with).expect("third quotation");
    let content = third.content[0].text(&text);
    assert!(content.contains("it's") && content.contains("we'll"));
    // Quotation 1 holds two sentences inside one pair of marks.
    let first = find(&doc, EXPECTED[0].starts_with).expect("first quotation");
    assert_eq!(first.content.len(), 1);
    assert!(first.content[0].text(&text).contains(". And we're mindful"));
}
