//! Quotations and reported speech, with their speakers.

use crate::document::{Cluster, Entity, Paragraph, Quote, Sentence, Token};

/// Finds the quotations of `text` and who said them.
pub fn find_quotes(
    _text: &str,
    _tokens: &[Token],
    _sentences: &[Sentence],
    _paragraphs: &[Paragraph],
    _entities: &[Entity],
    _clusters: &[Cluster],
) -> Vec<Quote> {
    Vec::new()
}
