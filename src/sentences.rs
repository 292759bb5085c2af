//! Paragraphs and sentences.

use crate::document::{Paragraph, Sentence, Token};
use crate::span::Span;

/// Splits `text` into paragraphs: every non-blank line, trimmed.
pub fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut line_start = 0;
    for (i, ch) in text.char_indices() {
        if is_line_break(ch) {
            push_trimmed(text, line_start, i, &mut paragraphs);
            line_start = i + ch.len_utf8();
        }
    }
    push_trimmed(text, line_start, text.len(), &mut paragraphs);
    paragraphs
}

fn is_line_break(ch: char) -> bool {
    matches!(
        ch,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}'
    )
}

fn push_trimmed(text: &str, start: usize, end: usize, paragraphs: &mut Vec<Paragraph>) {
    let line = &text[start..end];
    let trimmed = line.trim_start();
    let start = start + (line.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if start < end {
        paragraphs.push(Paragraph {
            span: Span::new(start, end),
        });
    }
}

/// Splits each paragraph into sentences at `.`, `!` and `?` tokens.
pub fn split_sentences(text: &str, tokens: &[Token], paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    for paragraph in paragraphs {
        while first < tokens.len() && tokens[first].span.end <= paragraph.span.start {
            first += 1;
        }
        let mut sentence_start: Option<usize> = None;
        let mut last_end = paragraph.span.start;
        while first < tokens.len() && tokens[first].span.start < paragraph.span.end {
            let token = tokens[first].span;
            sentence_start.get_or_insert(token.start);
            last_end = token.end;
            if matches!(token.text(text), "." | "!" | "?") {
                if let Some(start) = sentence_start.take() {
                    sentences.push(Sentence {
                        span: Span::new(start, last_end),
                    });
                }
            }
            first += 1;
        }
        if let Some(start) = sentence_start {
            sentences.push(Sentence {
                span: Span::new(start, last_end),
            });
        }
    }
    sentences
}
