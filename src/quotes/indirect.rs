//! Reported speech without quotation marks (kind `indirect`): a speaker, a cue and the span of
//! the reported clause.
//!
//! Conventions implemented: `X said (on Monday) that CLAUSE` / `X believes that CLAUSE` /
//! `CLAUSE, X said.` / `According to X, CLAUSE` / `CLAUSE, according to X.`

use super::attribution::Attribution;
use super::stream::{Class, Stream};
use crate::span::Span;

/// How far after a cue its `that` may come (`said on Monday in Kabul that`).
const MAX_TO_THAT: usize = 6;
/// How many units may follow a sentence-final attribution (`, X said on Monday.`).
const MAX_TAIL: usize = 6;
/// The fewest words a reported clause has.
const MIN_CLAUSE: usize = 3;

/// One reported statement.
#[derive(Clone, Copy, Debug)]
pub struct Reported {
    /// The reported clause.
    pub content: Span,
    /// Who reported it, and the cue.
    pub attribution: Attribution,
}

/// Finds reported statements: every cue of `cues` (the cue units, in order) not already used
/// by a quotation (`used[unit]`), whose sentence has the shape of one of the conventions.
pub fn find_reported(stream: &Stream, cues: &[usize], used: &[bool]) -> Vec<Reported> {
    let mut found = Vec::new();
    for &k in cues {
        if used.get(k).copied().unwrap_or(false) {
            continue;
        }
        if let Some(reported) = reported_at(stream, k) {
            found.push(reported);
        }
    }
    found
}

/// The reported statement whose cue is unit `k`, if its sentence has one of the shapes.
fn reported_at(stream: &Stream, k: usize) -> Option<Reported> {
    let start = stream.sentence_start(k);
    let end = stream.sentence_end(k);
    // The sentence's last unit, without its final stop.
    let mut last = end;
    while last > start && matches!(stream.class(last - 1), Class::Stop) {
        last -= 1;
    }
    if stream.is_according(k) {
        let attribution = stream.speaker_of_cue(k, start, last)?;
        let content = if k == start {
            // `According to X, CLAUSE`
            let near = last.min(attribution.speaker.end + MAX_TAIL);
            let comma =
                (attribution.speaker.end..near).find(|&i| stream.class(i) == Class::Comma)?;
            clause(stream, comma + 1, last)?
        } else {
            // `CLAUSE, according to X.`
            let before = if stream.class(k - 1) == Class::Comma {
                k - 1
            } else {
                k
            };
            clause(stream, start, before)?
        };
        return Some(Reported {
            content,
            attribution,
        });
    }
    let attribution = stream.speaker_of_cue(k, start, last)?;
    // `X said (on Monday) that CLAUSE`
    let that = (k + 1..last.min(k + 1 + MAX_TO_THAT))
        .take_while(|&i| stream.is_word(i))
        .find(|&i| stream.word(i) == "that");
    if let Some(that) = that {
        return Some(Reported {
            content: clause(stream, that + 1, last)?,
            attribution,
        });
    }
    // `CLAUSE, X said (on Monday).`
    let first = attribution.speaker.first.min(k);
    if first > start
        && stream.class(first - 1) == Class::Comma
        && last.saturating_sub(k) <= MAX_TAIL
        && (k + 1..last).all(|i| stream.is_word(i))
    {
        return Some(Reported {
            content: clause(stream, start, first - 1)?,
            attribution,
        });
    }
    None
}

/// The span of units `first..end` as a reported clause: enough words, no quotation of its own
/// at the edges.
fn clause(stream: &Stream, first: usize, end: usize) -> Option<Span> {
    let words = (first..end)
        .filter(|&i| stream.is_word(i))
        .take(MIN_CLAUSE)
        .count();
    if words < MIN_CLAUSE {
        return None;
    }
    let start = stream.span(first)?.start;
    let stop = stream.span(end.checked_sub(1)?)?.end;
    Some(Span::new(start, stop))
}
