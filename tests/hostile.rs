//! Hostile inputs (issue 7): each gives a valid document, checked against every invariant
//! of the contract (`tests/common/invariants.rs`). The inputs are built by the committed
//! generator in `tests/common/hostile.rs`.
//!
//! Sized as the issue asks under `cargo test --release` (`make test`); a debug build runs
//! the first tenth of each input, to keep the edit-test loop quick.

#[allow(dead_code)] // Shared with the other suites; not every function is used here.
#[path = "common/hostile.rs"]
mod hostile;
#[allow(dead_code)]
#[path = "common/invariants.rs"]
mod invariants;

use std::time::Instant;

/// Annotates `text` and checks the document; on failure, names the input.
fn annotate_and_check(name: &str, text: &str) {
    let started = Instant::now();
    let document = newsmark::annotate(text);
    let annotated = started.elapsed();
    if let Err(violation) = invariants::check_document(text, &document) {
        panic!("{name}: {violation}");
    }
    eprintln!(
        "{name}: {} bytes, {} tokens, annotated in {annotated:.2?}",
        text.len(),
        document.tokens.len()
    );
}

/// A tenth of `text` (cut on a char boundary) in debug builds, all of it in release builds.
fn sized(text: String) -> String {
    if cfg!(debug_assertions) {
        let mut cut = text.len() / 10;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text[..cut].to_string()
    } else {
        text
    }
}

#[test]
fn ten_megabyte_article() {
    let text = sized(hostile::ten_megabyte_article());
    if !cfg!(debug_assertions) {
        assert!(text.len() >= 10 * 1024 * 1024);
    }
    annotate_and_check("10 MB article", &text);
}

#[test]
fn every_unicode_scalar_value() {
    annotate_and_check(
        "every Unicode scalar value",
        &sized(hostile::every_scalar_value()),
    );
}

#[test]
fn hostile_inputs() {
    for input in hostile::HOSTILE {
        annotate_and_check(input.name, &sized((input.make)()));
    }
}

#[test]
fn lone_surrogates_keep_javascript_offsets_aligned() {
    // U+FFFD is one UTF-16 unit, like the lone surrogate it replaces, so a document's UTF-16
    // offsets still index the caller's JavaScript string.
    let text = hostile::lone_surrogates_as_javascript_sends_them();
    let units = 20_000 * ("Kirby said ".len() + 5 + "\u{1F600}.\n".encode_utf16().count());
    assert_eq!(text.encode_utf16().count(), units);
    let document = newsmark::annotate_with_offsets(&text, newsmark::OffsetUnit::Utf16);
    let last = document.tokens.last().map_or(0, |t| t.span.end);
    assert!(last <= units);
}

#[test]
fn every_hostile_input_has_a_distinct_name() {
    let mut names: Vec<&str> = hostile::HOSTILE.iter().map(|h| h.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), hostile::HOSTILE.len());
}
