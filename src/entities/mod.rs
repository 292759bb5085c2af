//! Named entities and numeric expressions: names from a trained tagger (PERSON, NORP, ORG,
//! LOC, MISC) and dates, times, money, percentages, quantities and numbers from patterns.

#[cfg(not(target_arch = "wasm32"))]
pub mod class_induction;
#[cfg(not(target_arch = "wasm32"))]
pub mod conll;
pub mod decoder;
pub mod features;
pub mod frozen_table;
pub mod gazetteer;
pub mod model;
pub mod names;
pub mod patterns;
pub mod tags;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;
pub mod word_classes;

use crate::document::{Entity, Sentence, Token};

/// Finds the entities of `text`, in text order, never overlapping.
pub fn find_entities(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
    let names = names::find_names(text, tokens, sentences);
    let numeric = patterns::find_numeric_entities(text, tokens, sentences);
    merge_entities(names, numeric)
}

/// Merges two sorted, non-overlapping lists; where an entity of `second` overlaps one of
/// `first`, `first` wins. The result is sorted and non-overlapping.
fn merge_entities(first: Vec<Entity>, second: Vec<Entity>) -> Vec<Entity> {
    let overlaps_first = |candidate: &Entity| {
        // The first entity of `first` that ends after the candidate starts is the only one
        // that can overlap it, since `first` is sorted and non-overlapping.
        let index = first.partition_point(|e| e.span.end <= candidate.span.start);
        first
            .get(index)
            .is_some_and(|e| e.span.overlaps(candidate.span))
    };
    let extra: Vec<Entity> = second.into_iter().filter(|c| !overlaps_first(c)).collect();
    let mut merged = first;
    merged.extend(extra);
    merged.sort_by_key(|e| e.span);
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Label;
    use crate::span::Span;

    fn entity(start: usize, end: usize, label: Label) -> Entity {
        Entity {
            span: Span::new(start, end),
            label,
            cluster: None,
        }
    }

    #[test]
    fn names_win_over_overlapping_numeric_entities() {
        let names = vec![entity(0, 5, Label::Person), entity(10, 15, Label::Org)];
        let numeric = vec![
            entity(4, 8, Label::Date),
            entity(8, 10, Label::Money),
            entity(20, 22, Label::Cardinal),
        ];
        let merged = merge_entities(names, numeric);
        let spans: Vec<(usize, usize)> =
            merged.iter().map(|e| (e.span.start, e.span.end)).collect();
        assert_eq!(spans, [(0, 5), (8, 10), (10, 15), (20, 22)]);
    }
}
