//! The invariants every [`Document`] holds, whatever the input: the contract of the JSON shape
//! (README, `src/document.rs`) written as checks.
//!
//! Shared by the property suite (`tests/properties.rs`), the hostile-input suite
//! (`tests/hostile.rs`) and the fuzz target (`fuzz/fuzz_targets/annotate.rs`, which includes
//! this file with `#[path]`), so that all three hold documents to the same rules. It uses only
//! the crate's public API.

use newsmark::{annotate, annotate_with_offsets, Document, OffsetTable, OffsetUnit, Span};
use std::cell::RefCell;

/// Checks every invariant of `document` as the annotation of `text`. Returns the first
/// violation, described.
pub fn check_document(text: &str, document: &Document) -> Result<(), String> {
    if document.text != text {
        return Err("document.text differs from the input".into());
    }
    check_tokens(text, document)?;
    check_paragraphs(text, document)?;
    check_sentences(text, document)?;
    check_entities(text, document)?;
    check_clusters(text, document)?;
    check_quotes(text, document)?;
    check_offset_tables(text, document)
}

/// Annotates `text`, checks the document, and checks that the edge conversions
/// ([`annotate_with_offsets`]) give exactly the reference UTF-16 and code-point offsets.
/// Annotates three times: for small inputs.
pub fn check_text(text: &str) -> Result<(), String> {
    let document = annotate(text);
    check_document(text, &document)?;
    if annotate(text) != document {
        return Err("annotating the same text twice gave different documents".into());
    }
    for unit in [OffsetUnit::Utf16, OffsetUnit::CodePoint] {
        let mut expected = document.clone();
        let reference = ReferenceOffsets::new(text, &document, unit);
        expected.map_offsets(|byte| reference.convert(byte));
        if annotate_with_offsets(text, unit) != expected {
            return Err(format!(
                "annotate_with_offsets({unit:?}) differs from the reference conversion"
            ));
        }
    }
    Ok(())
}

/// A span of `what` must be non-empty, inside the text and on `char` boundaries.
fn check_span(text: &str, span: Span, what: &str) -> Result<(), String> {
    if span.start >= span.end {
        return Err(format!("{what} {span:?} is empty or reversed"));
    }
    if span.end > text.len() {
        return Err(format!(
            "{what} {span:?} ends past the text ({})",
            text.len()
        ));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{what} {span:?} is not on char boundaries"));
    }
    Ok(())
}

/// Spans must be in text order and must not overlap.
fn check_sorted_disjoint(spans: impl Iterator<Item = Span>, what: &str) -> Result<(), String> {
    let mut previous: Option<Span> = None;
    for span in spans {
        if let Some(previous) = previous {
            if previous.end > span.start {
                return Err(format!(
                    "{what} {previous:?} and {span:?} overlap or are out of order"
                ));
            }
        }
        previous = Some(span);
    }
    Ok(())
}

/// Tokens: non-empty, in bounds, on char boundaries, sorted, non-overlapping, free of
/// whitespace, and together covering every non-whitespace character (no text is lost).
fn check_tokens(text: &str, document: &Document) -> Result<(), String> {
    for token in &document.tokens {
        check_span(text, token.span, "token")?;
        if let Some(ch) = token.span.text(text).chars().find(|c| c.is_whitespace()) {
            return Err(format!("token {:?} holds whitespace {ch:?}", token.span));
        }
    }
    check_sorted_disjoint(document.tokens.iter().map(|t| t.span), "tokens")?;
    // Walk the text once: everything between two tokens must be whitespace.
    let mut covered_to = 0;
    for span in document
        .tokens
        .iter()
        .map(|t| t.span)
        .chain(std::iter::once(Span::new(text.len(), text.len())))
    {
        let gap = text.get(covered_to..span.start).unwrap_or("");
        if let Some((offset, ch)) = gap.char_indices().find(|(_, c)| !c.is_whitespace()) {
            return Err(format!(
                "{ch:?} at byte {} is in no token",
                covered_to + offset
            ));
        }
        covered_to = span.end;
    }
    Ok(())
}

/// Whether `ch` ends a line (and so a paragraph): LF, CR, and the Unicode line and paragraph
/// separators.
fn is_line_break(ch: char) -> bool {
    matches!(ch, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Paragraphs: non-empty, in bounds, sorted, non-overlapping, trimmed, holding no line
/// break; every token lies in one.
fn check_paragraphs(text: &str, document: &Document) -> Result<(), String> {
    for paragraph in &document.paragraphs {
        check_span(text, paragraph.span, "paragraph")?;
        let inside = paragraph.span.text(text);
        if inside.trim() != inside {
            return Err(format!("paragraph {:?} is not trimmed", paragraph.span));
        }
        if inside.chars().any(is_line_break) {
            return Err(format!("paragraph {:?} holds a line break", paragraph.span));
        }
    }
    check_sorted_disjoint(document.paragraphs.iter().map(|p| p.span), "paragraphs")?;
    check_each_inside(
        document.tokens.iter().map(|t| t.span),
        &document
            .paragraphs
            .iter()
            .map(|p| p.span)
            .collect::<Vec<_>>(),
        "token",
        "paragraph",
    )
}

/// Sentences: non-empty, in bounds, sorted, non-overlapping, each inside one paragraph and
/// running from the start of a token to the end of a token; every token lies in one.
fn check_sentences(text: &str, document: &Document) -> Result<(), String> {
    for sentence in &document.sentences {
        check_span(text, sentence.span, "sentence")?;
    }
    let sentences: Vec<Span> = document.sentences.iter().map(|s| s.span).collect();
    check_sorted_disjoint(sentences.iter().copied(), "sentences")?;
    let paragraphs: Vec<Span> = document.paragraphs.iter().map(|p| p.span).collect();
    check_each_inside(
        sentences.iter().copied(),
        &paragraphs,
        "sentence",
        "paragraph",
    )?;
    check_each_inside(
        document.tokens.iter().map(|t| t.span),
        &sentences,
        "token",
        "sentence",
    )?;
    check_token_aligned(document, sentences.iter().copied(), "sentence")
}

/// Entities: non-empty, in bounds, sorted, non-overlapping, on token boundaries (a token
/// belongs to at most one entity); a cluster index points at a real cluster that lists the
/// entity among its mentions and shares its label.
fn check_entities(text: &str, document: &Document) -> Result<(), String> {
    for entity in &document.entities {
        check_span(text, entity.span, "entity")?;
        if let Some(index) = entity.cluster {
            let cluster = document.clusters.get(index).ok_or_else(|| {
                format!("entity {:?} points at missing cluster {index}", entity.span)
            })?;
            if cluster.label != entity.label {
                return Err(format!(
                    "entity {:?} is {:?} but its cluster {index} is {:?}",
                    entity.span, entity.label, cluster.label
                ));
            }
            if !cluster.mentions.contains(&entity.span) {
                return Err(format!(
                    "entity {:?} is not among the mentions of its cluster {index}",
                    entity.span
                ));
            }
        }
    }
    check_sorted_disjoint(document.entities.iter().map(|e| e.span), "entities")?;
    check_token_aligned(document, document.entities.iter().map(|e| e.span), "entity")
}

/// Clusters: a name, at least one mention, mentions in bounds and in text order, each one
/// an entity that points back at the cluster.
fn check_clusters(text: &str, document: &Document) -> Result<(), String> {
    for (index, cluster) in document.clusters.iter().enumerate() {
        if cluster.mentions.is_empty() {
            return Err(format!("cluster {index} has no mentions"));
        }
        if cluster.name.is_empty() {
            return Err(format!("cluster {index} has an empty name"));
        }
        for &mention in &cluster.mentions {
            check_span(text, mention, "cluster mention")?;
            let position = document.entities.partition_point(|e| e.span < mention);
            let points_back = document
                .entities
                .get(position)
                .is_some_and(|e| e.span == mention && e.cluster == Some(index));
            if !points_back {
                return Err(format!(
                    "cluster {index} mention {mention:?} is not an entity of that cluster"
                ));
            }
        }
        check_sorted_disjoint(cluster.mentions.iter().copied(), "cluster mentions")?;
    }
    Ok(())
}

/// Quotations: in text order; every span (content, cue, speaker, speaker mentions) in
/// bounds and on char boundaries; content parts inside the quotation, in order; a speaker is
/// among its own mentions, its entity is a real cluster, and all its mentions (the cluster's
/// and its own, as the JSON lists them) are sorted and disjoint.
fn check_quotes(text: &str, document: &Document) -> Result<(), String> {
    for quote in &document.quotes {
        check_span(text, quote.span, "quote")?;
        for &part in &quote.content {
            // A content part may be empty (`""`, or a mark left open at a paragraph's end);
            // it must still lie in the text, on char boundaries.
            if !part.is_empty() {
                check_span(text, part, "quote content")?;
            } else if !text.is_char_boundary(part.start) {
                return Err(format!(
                    "empty quote content {part:?} is off a char boundary"
                ));
            }
            if !quote.span.contains(part) {
                return Err(format!(
                    "quote content {part:?} lies outside its quote {:?}",
                    quote.span
                ));
            }
        }
        check_sorted_disjoint(quote.content.iter().copied(), "quote content")?;
        if let Some(cue) = quote.cue {
            check_span(text, cue, "quote cue")?;
        }
        if let Some(speaker) = &quote.speaker {
            check_span(text, speaker.span, "speaker")?;
            for &mention in &speaker.own_mentions {
                check_span(text, mention, "speaker mention")?;
            }
            check_sorted_disjoint(
                speaker.own_mentions.iter().copied(),
                "speaker's own mentions",
            )?;
            if !speaker.own_mentions.contains(&speaker.span) {
                return Err(format!(
                    "speaker {:?} is not among its own mentions",
                    speaker.span
                ));
            }
            if let Some(index) = speaker.entity {
                if document.clusters.get(index).is_none() {
                    return Err(format!(
                        "speaker {:?} points at missing cluster {index}",
                        speaker.span
                    ));
                }
            }
            check_sorted_disjoint(
                document.speaker_mentions(speaker).into_iter(),
                "speaker mentions",
            )?;
        }
    }
    let starts: Vec<usize> = document.quotes.iter().map(|q| q.span.start).collect();
    if starts.windows(2).any(|w| w[0] > w[1]) {
        return Err("quotes are not in text order".into());
    }
    Ok(())
}

/// Every span of `inner` (sorted) lies wholly inside one span of `outer` (sorted, disjoint).
fn check_each_inside(
    inner: impl Iterator<Item = Span>,
    outer: &[Span],
    inner_name: &str,
    outer_name: &str,
) -> Result<(), String> {
    let mut index = 0;
    for span in inner {
        while outer.get(index).is_some_and(|o| o.end <= span.start) {
            index += 1;
        }
        if !outer.get(index).is_some_and(|o| o.contains(span)) {
            return Err(format!("{inner_name} {span:?} lies in no {outer_name}"));
        }
    }
    Ok(())
}

/// Every span starts where a token starts and ends where a token ends.
fn check_token_aligned(
    document: &Document,
    spans: impl Iterator<Item = Span>,
    what: &str,
) -> Result<(), String> {
    let tokens = &document.tokens;
    for span in spans {
        let first = tokens.partition_point(|t| t.span.start < span.start);
        let starts_a_token = tokens
            .get(first)
            .is_some_and(|t| t.span.start == span.start);
        let last = tokens.partition_point(|t| t.span.end < span.end);
        let ends_a_token = tokens.get(last).is_some_and(|t| t.span.end == span.end);
        if !starts_a_token || !ends_a_token {
            return Err(format!("{what} {span:?} does not start and end on tokens"));
        }
    }
    Ok(())
}

/// Every offset of the document converts through [`OffsetTable`] to the same UTF-16 and
/// code-point offsets as counting `encode_utf16` units and `chars` of the text before it.
fn check_offset_tables(text: &str, document: &Document) -> Result<(), String> {
    for unit in [OffsetUnit::Utf16, OffsetUnit::CodePoint] {
        let reference = ReferenceOffsets::new(text, document, unit);
        let table = OffsetTable::new(text, unit);
        for &(byte, expected) in &reference.pairs {
            let converted = table.convert(byte);
            if converted != expected {
                return Err(format!(
                    "byte {byte} converts to {unit:?} {converted}, expected {expected}"
                ));
            }
        }
        if table.convert(text.len()) != reference.length {
            return Err(format!("the text's length in {unit:?} is wrong"));
        }
    }
    Ok(())
}

/// The offsets of one document in another unit, counted directly from the text.
struct ReferenceOffsets {
    /// `(byte offset, offset in the unit)` for every offset in the document, sorted.
    pairs: Vec<(usize, usize)>,
    /// The text's length in the unit.
    length: usize,
}

impl ReferenceOffsets {
    fn new(text: &str, document: &Document, unit: OffsetUnit) -> ReferenceOffsets {
        // Collect every byte offset the document holds by running its own offset walk.
        let seen = RefCell::new(Vec::new());
        document.clone().map_offsets(|byte| {
            seen.borrow_mut().push(byte);
            byte
        });
        let mut offsets = seen.into_inner();
        offsets.sort_unstable();
        offsets.dedup();
        // One walk over the text, counting units up to each offset.
        let mut pairs = Vec::with_capacity(offsets.len());
        let mut wanted = offsets.into_iter().peekable();
        let mut count = 0;
        for (byte, ch) in text.char_indices() {
            while let Some(&offset) = wanted.peek() {
                if offset > byte {
                    break;
                }
                pairs.push((offset, count));
                wanted.next();
            }
            count += match unit {
                OffsetUnit::Utf16 => ch.len_utf16(),
                _ => 1,
            };
        }
        pairs.extend(wanted.map(|offset| (offset, count)));
        ReferenceOffsets {
            pairs,
            length: count,
        }
    }

    fn convert(&self, byte: usize) -> usize {
        let index = self.pairs.partition_point(|&(b, _)| b < byte);
        self.pairs
            .get(index)
            .map_or(self.length, |&(_, offset)| offset)
    }
}
