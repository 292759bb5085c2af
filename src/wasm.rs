//! The JavaScript surface: a thin layer that converts input, runs [`crate::annotate`] once,
//! converts offsets to UTF-16 code units and returns the document. No logic lives here.
//!
//! Two exports return the same Document:
//! - [`annotate`] builds the JavaScript objects itself (serde-wasm-bindgen): simple to call,
//!   but every field of every token is a call across the WebAssembly boundary;
//! - [`annotate_packed`] writes the Document into one `Uint32Array` that www/engine.js
//!   (`documentFromPacked`) turns into the same objects in JavaScript, many times faster
//!   (V8 builds small objects quickly; crossing the boundary per field is what costs). The
//!   page, the worker and the widget use it; one buffer is also what a worker can transfer.

use crate::{annotate_with_offsets, Document, OffsetUnit, Span};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Annotates `text` and returns the Document with UTF-16 offsets, so that
/// `text.slice(start, end)` is exact in JavaScript.
#[wasm_bindgen]
pub fn annotate(text: &str) -> Result<JsValue, JsError> {
    let document = annotate_with_offsets(text, OffsetUnit::Utf16);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    document.serialize(&serializer).map_err(|error| {
        JsError::new(&format!(
            "newsmark could not return the annotation: {error}"
        ))
    })
}

/// Annotates `text` and returns the Document (UTF-16 offsets) packed into 32-bit words, for
/// `documentFromPacked` in www/engine.js; see [`pack_document`] for the layout. The text
/// itself is not in it: the caller has it (wasm-bindgen hands Rust the text with every lone
/// surrogate replaced by U+FFFD, which `documentFromPacked` does too).
#[wasm_bindgen]
pub fn annotate_packed(text: &str) -> Vec<u32> {
    pack_document(&annotate_with_offsets(text, OffsetUnit::Utf16))
}

/// Loads the name model (its weights, gazetteers and word classes), which the first
/// annotation would otherwise load: a page calls it to be ready before the reader's first edit.
#[wasm_bindgen]
pub fn load_model() {
    crate::entities::names::Tagger::shipped();
}

/// The version of the newsmark engine.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Stands for an absent value in the packed form: a `null` cluster or entity index, a `null`
/// cue (both ends NONE).
const NONE: u32 = u32::MAX;

/// Writes `document` as 32-bit words, section after section, each list led by its length:
///
/// ```text
/// tokens      n, n × (start, end, kind)
/// sentences   n, n × (start, end)
/// paragraphs  n, n × (start, end)
/// entities    n, n × (start, end, label, cluster or NONE)
/// clusters    n, n × (label, name, m, m × (start, end))
/// quotes      n, n × (start, end, kind, c, c × (start, end) content, cue start, cue end,
///                     has speaker (0 or 1), [start, end, text, entity or NONE,
///                     m, m × (start, end) own mentions])
/// ```
///
/// `kind` and `label` are the enums' declaration indices (`TokenKind`, `Label`, `QuoteKind` in
/// src/document.rs; www/engine.js holds their names in the same order). A string is its
/// length in UTF-16 code units, then one code unit per word. A speaker holds only its own
/// mentions ([`Speaker::own_mentions`](crate::document::Speaker)): its cluster's are in the
/// clusters section, and `documentFromPacked` merges the two as
/// [`Document::speaker_mentions`] does for the JSON form. Listing every mention of the
/// speaker with each quotation would make the result quotations × mentions long (an article
/// quoting one person throughout: 788 MB of WebAssembly memory for a 10 MB text).
fn pack_document(document: &Document) -> Vec<u32> {
    // Counted first, then written into a vector of the exact size: a growing vector would
    // hold its old and new buffers at once (tens of MB for a long text), and WebAssembly
    // memory, once grown, stays grown.
    let mut counted = Packed::Counting(0);
    write_document(document, &mut counted);
    let mut words = Vec::with_capacity(counted.len());
    write_document(document, &mut Packed::Writing(&mut words));
    words
}

/// Writes `document` into `packed` in the layout of [`pack_document`].
fn write_document(document: &Document, packed: &mut Packed<'_>) {
    packed.count(document.tokens.len());
    for token in &document.tokens {
        packed.span(token.span);
        packed.push(token.kind as u32);
    }
    packed.spans(document.sentences.iter().map(|sentence| sentence.span));
    packed.spans(document.paragraphs.iter().map(|paragraph| paragraph.span));
    packed.count(document.entities.len());
    for entity in &document.entities {
        packed.span(entity.span);
        packed.push(entity.label as u32);
        packed.index(entity.cluster);
    }
    packed.count(document.clusters.len());
    for cluster in &document.clusters {
        packed.push(cluster.label as u32);
        packed.string(&cluster.name);
        packed.spans(cluster.mentions.iter().copied());
    }
    packed.count(document.quotes.len());
    for quote in &document.quotes {
        packed.span(quote.span);
        packed.push(quote.kind as u32);
        packed.spans(quote.content.iter().copied());
        match quote.cue {
            Some(cue) => packed.span(cue),
            None => packed.extend([NONE, NONE]),
        }
        match &quote.speaker {
            None => packed.push(0),
            Some(speaker) => {
                packed.push(1);
                packed.span(speaker.span);
                packed.string(&speaker.text);
                packed.index(speaker.entity);
                packed.spans(speaker.own_mentions.iter().copied());
            }
        }
    }
}

/// The words of a packed Document, being counted or written.
///
/// Counts, offsets and indices are `usize`, which is 32 bits on wasm32 (this module's only
/// target), so `as u32` never truncates them.
enum Packed<'a> {
    /// Only their number.
    Counting(usize),
    Writing(&'a mut Vec<u32>),
}

impl Packed<'_> {
    fn len(&self) -> usize {
        match self {
            Packed::Counting(len) => *len,
            Packed::Writing(words) => words.len(),
        }
    }

    fn push(&mut self, word: u32) {
        match self {
            Packed::Counting(len) => *len += 1,
            Packed::Writing(words) => words.push(word),
        }
    }

    fn extend(&mut self, words: impl IntoIterator<Item = u32>) {
        for word in words {
            self.push(word);
        }
    }

    fn count(&mut self, count: usize) {
        self.push(count as u32);
    }

    fn span(&mut self, span: Span) {
        self.extend([span.start as u32, span.end as u32]);
    }

    /// A list of spans, led by its length.
    fn spans(&mut self, spans: impl ExactSizeIterator<Item = Span>) {
        self.count(spans.len());
        for span in spans {
            self.span(span);
        }
    }

    fn index(&mut self, index: Option<usize>) {
        self.push(index.map_or(NONE, |index| index as u32));
    }

    /// A string: its length in UTF-16 code units, then the code units.
    fn string(&mut self, text: &str) {
        self.count(text.encode_utf16().count());
        self.extend(text.encode_utf16().map(u32::from));
    }
}
