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

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// A hang detector, not a speed test (speed is the benchmark's job): a linear pipeline
/// annotates any of these inputs in seconds, even on a loaded machine, while a quadratic one
/// would run for hours.
const HANG_LIMIT: Duration = Duration::from_secs(120);

/// Annotates `text` on a worker thread and checks the document; on a violation, a panic or
/// no answer within [`HANG_LIMIT`], fails naming the input.
fn annotate_and_check(name: &str, text: String) {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let document = newsmark::annotate(&text);
        let annotated = started.elapsed();
        let outcome = invariants::check_document(&text, &document).map(|()| {
            format!(
                "{} bytes, {} tokens, annotated in {annotated:.2?}",
                text.len(),
                document.tokens.len()
            )
        });
        // The receiver is gone only when the test has already failed.
        let _ = sender.send(outcome);
    });
    match receiver.recv_timeout(HANG_LIMIT) {
        Ok(Ok(summary)) => eprintln!("{name}: {summary}"),
        Ok(Err(violation)) => panic!("{name}: {violation}"),
        Err(RecvTimeoutError::Timeout) => {
            panic!("{name}: no document after {HANG_LIMIT:?}: is a stage not linear?")
        }
        Err(RecvTimeoutError::Disconnected) => panic!("{name}: annotate panicked"),
    }
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
    annotate_and_check("10 MB article", text);
}

#[test]
fn every_unicode_scalar_value() {
    annotate_and_check(
        "every Unicode scalar value",
        sized(hostile::every_scalar_value()),
    );
}

/// Runs the hostile input called `name` (from the generator's table).
fn run(name: &str) {
    let input = hostile::HOSTILE
        .iter()
        .find(|h| h.name == name)
        .unwrap_or_else(|| panic!("no hostile input is called {name:?}"));
    annotate_and_check(input.name, sized((input.make)()));
}

/// One test per hostile input, so that they run in parallel and a failure names its input.
/// An input that a stage's current draft cannot yet handle is ignored with the reason (run
/// them with `cargo test --test hostile -- --ignored`).
macro_rules! hostile_test {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            run($name);
        }
    };
    ($test:ident, $name:literal, ignore = $why:literal) => {
        #[test]
        #[ignore = $why]
        fn $test() {
            run($name);
        }
    };
}

hostile_test!(
    n1_000_000_straight_quotation_marks,
    "1,000,000 straight quotation marks"
);
hostile_test!(
    n1_000_000_quotation_marks_of_every_kind_some_around_words,
    "1,000,000 quotation marks of every kind, some around words"
);
hostile_test!(n100_000_nested_brackets, "100,000 nested brackets");
hostile_test!(
    n100_000_nested_brackets_of_mixed_kinds_never_closed,
    "100,000 nested brackets of mixed kinds, never closed"
);
hostile_test!(
    n1_mb_of_letters_without_a_space,
    "1 MB of letters without a space"
);
hostile_test!(
    n1_mb_of_digits_and_separators_without_a_space,
    "1 MB of digits and separators without a space"
);
hostile_test!(
    n1_mb_of_dotted_initials_without_a_space,
    "1 MB of dotted initials without a space"
);
hostile_test!(n1_mb_hyphenated_word, "1 MB hyphenated word");
hostile_test!(
    n1_mb_of_money_dates_and_numbers_without_a_space,
    "1 MB of money, dates and numbers without a space"
);
hostile_test!(
    every_unicode_scalar_value_of_the_basic_multilingual_plane_without_a_space,
    "every Unicode scalar value of the Basic Multilingual Plane, without a space"
);
hostile_test!(
    right_to_left_text_with_bidi_controls,
    "right-to-left text with bidi controls"
);
hostile_test!(
    combining_marks_and_zero_width_joiners,
    "combining marks and zero-width joiners"
);
hostile_test!(crlf_line_ends, "CRLF line ends");
hostile_test!(lone_cr_line_ends, "lone CR line ends");
hostile_test!(
    u_2028_and_u_2029_line_and_paragraph_separators,
    "U+2028 and U+2029 line and paragraph separators"
);
hostile_test!(n100_000_mixed_line_breaks, "100,000 mixed line breaks");
hostile_test!(nul_between_words, "NUL between words");
hostile_test!(
    n100_000_nuls_and_every_control_character,
    "100,000 NULs and every control character"
);
hostile_test!(
    lone_surrogates_from_javascript_arriving_as_u_fffd,
    "lone surrogates from JavaScript (arriving as U+FFFD)"
);
hostile_test!(ascii_punctuation_only, "ASCII punctuation only");
hostile_test!(n1_000_000_periods, "1,000,000 periods");
hostile_test!(
    unicode_punctuation_only_with_spaces,
    "Unicode punctuation only, with spaces"
);
hostile_test!(empty_and_whitespace_only, "empty and whitespace only");
hostile_test!(
    all_caps_headlines_and_all_lowercase_text,
    "ALL-CAPS headlines and all-lowercase text"
);
hostile_test!(tables_of_numbers, "tables of numbers");
hostile_test!(broken_html_and_entities, "broken HTML and entities");
hostile_test!(
    one_1_mb_line_of_short_sentences,
    "one 1 MB line of short sentences"
);

/// The names of every input with a test above.
const TESTED: &[&str] = &[
    "1,000,000 straight quotation marks",
    "1,000,000 quotation marks of every kind, some around words",
    "100,000 nested brackets",
    "100,000 nested brackets of mixed kinds, never closed",
    "1 MB of letters without a space",
    "1 MB of digits and separators without a space",
    "1 MB of dotted initials without a space",
    "1 MB hyphenated word",
    "1 MB of money, dates and numbers without a space",
    "every Unicode scalar value of the Basic Multilingual Plane, without a space",
    "right-to-left text with bidi controls",
    "combining marks and zero-width joiners",
    "CRLF line ends",
    "lone CR line ends",
    "U+2028 and U+2029 line and paragraph separators",
    "100,000 mixed line breaks",
    "NUL between words",
    "100,000 NULs and every control character",
    "lone surrogates from JavaScript (arriving as U+FFFD)",
    "ASCII punctuation only",
    "1,000,000 periods",
    "Unicode punctuation only, with spaces",
    "empty and whitespace only",
    "ALL-CAPS headlines and all-lowercase text",
    "tables of numbers",
    "broken HTML and entities",
    "one 1 MB line of short sentences",
];

#[test]
fn every_hostile_input_has_a_test() {
    for input in hostile::HOSTILE {
        assert!(TESTED.contains(&input.name), "{} has no test", input.name);
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
