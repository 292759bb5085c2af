//! Tokens: byte spans of words, numbers, punctuation and symbols. No text is lost or invented:
//! every non-whitespace character lies in exactly one token.

use crate::document::{Token, TokenKind};
use crate::span::Span;

/// Splits `text` into tokens, in text order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, ch)) = chars.next() {
        if ch.is_whitespace() {
            continue;
        }
        let kind = if ch.is_alphanumeric() {
            let mut end = start + ch.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !next.is_alphanumeric() {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            let kind = if ch.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            tokens.push(Token {
                span: Span::new(start, end),
                kind,
            });
            continue;
        } else if matches!(
            ch,
            '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›' | '\''
        ) {
            TokenKind::Quote
        } else if ch.is_ascii_punctuation() {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        tokens.push(Token {
            span: Span::new(start, start + ch.len_utf8()),
            kind,
        });
    }
    tokens
}
