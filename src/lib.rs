//! newsmark: marks up a news article with tokens, sentences, named entities and quotations
//! with their speakers. [`annotate`] runs every stage in order and returns a [`Document`].
//!
//! ```text
//! text ─► tokenize ─► sentences ─► entities ─► clusters ─► quotes ─► Document
//! ```
#![forbid(unsafe_code)]

pub mod clusters;
pub mod document;
pub mod entities;
pub mod offsets;
pub mod quotes;
pub mod sentences;
pub mod span;
pub mod tokenize;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use document::{
    Cluster, Document, Entity, Label, Paragraph, Quote, QuoteKind, Sentence, Speaker, Token,
    TokenKind,
};
pub use offsets::{OffsetTable, OffsetUnit};
pub use span::Span;

/// The crate's version, as exported to JavaScript and printed by the CLI.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Annotates `text`: runs every stage and returns the document, with UTF-8 byte offsets.
pub fn annotate(text: &str) -> Document {
    let tokens = tokenize::tokenize(text);
    let paragraphs = sentences::split_paragraphs(text);
    let sentences = sentences::split_sentences(text, &tokens, &paragraphs);
    let mut entities = entities::find_entities(text, &tokens, &sentences);
    let (clusters, assignment) = clusters::cluster_entities(text, &entities);
    for (entity, cluster) in entities.iter_mut().zip(assignment) {
        entity.cluster = cluster;
    }
    let quotes = quotes::find_quotes(text, &tokens, &sentences, &paragraphs, &entities, &clusters);
    Document {
        text: text.to_string(),
        tokens,
        sentences,
        paragraphs,
        entities,
        clusters,
        quotes,
    }
}

/// Annotates `text` and converts every offset into `unit`.
pub fn annotate_with_offsets(text: &str, unit: OffsetUnit) -> Document {
    let mut document = annotate(text);
    if unit != OffsetUnit::Byte {
        let table = OffsetTable::new(text, unit);
        document.map_offsets(|byte| table.convert(byte));
    }
    document
}
