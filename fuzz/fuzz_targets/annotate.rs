//! Fuzz target: the whole pipeline on arbitrary bytes, read as UTF-8 when they are valid and
//! always lossily converted (as a browser hands over lone surrogates, as U+FFFD), with every
//! document checked against the contract's invariants (`tests/common/invariants.rs`, shared
//! with the property and hostile-input suites).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)] // Shared with the test suites; the fuzz target uses only part of it.
#[path = "../../tests/common/invariants.rs"]
mod invariants;

fn check(text: &str) {
    if let Err(violation) = invariants::check_text(text) {
        panic!("invariant violated: {violation}\ninput: {text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => check(text),
        Err(_) => check(&String::from_utf8_lossy(data)),
    }
});
