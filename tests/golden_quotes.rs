//! Golden files for the quotation stage: every `tests/golden/quotes/NAME.txt` (a short text of
//! our own, one per convention of issue 4) has its expected quotations in `NAME.quotes`, one
//! line each, readable and diffable:
//!
//! ```text
//! direct  "The budget is balanced,"  cue: said  speaker: Governor Alice Brown => Alice Brown
//! ```
//!
//! (kind, the quotation from mark to mark, the cue, the speaker mention `=>` the speaker as the
//! reader knows them). `NEWSMARK_BLESS=1 cargo test --test golden_quotes` rewrites the
//! expected files after a deliberate change; review the diff before committing it.

use newsmark::{annotate, Document, QuoteKind};
use std::path::{Path, PathBuf};

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Term => "term",
        QuoteKind::Indirect => "indirect",
    }
}

/// The quotations of `doc` in the golden format.
fn render(doc: &Document) -> String {
    let text = &doc.text;
    let mut out = String::new();
    for quote in &doc.quotes {
        let cue = quote.cue.map_or("-", |c| c.text(text));
        let speaker = quote.speaker.as_ref().map_or("-".to_string(), |s| {
            format!("{} => {}", s.span.text(text), s.text)
        });
        let quoted = quote.span.text(text).replace('\n', "⏎");
        out.push_str(&format!(
            "{:<8} {quoted}  cue: {cue}  speaker: {speaker}\n",
            kind_name(quote.kind)
        ));
    }
    out
}

fn golden_texts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/quotes");
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/golden/quotes")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    texts
}

#[test]
fn golden_quotations() {
    let bless = std::env::var_os("NEWSMARK_BLESS").is_some();
    let texts = golden_texts();
    assert!(texts.len() >= 10, "one golden text per pattern");
    let mut failures = Vec::new();
    for path in texts {
        let text = std::fs::read_to_string(&path).expect("golden text");
        let actual = render(&annotate(&text));
        let expected_path = path.with_extension("quotes");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
