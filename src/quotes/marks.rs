//! Quotation marks paired into quotations: one character walk over the paragraphs with a stack
//! of open marks, so it runs in linear time whatever the input (a thousand stray marks, marks
//! nested ten deep, a quotation a megabyte long).
//!
//! Conventions implemented:
//! - Every mark style: straight (`"`, `'`), curly (`“ ”`, `‘ ’`), guillemets (`« »`, `‹ ›`,
//!   and the reversed `» «`), low-high (`„ “`). Any closing mark of a family closes any opening
//!   mark of the same family, because pasted text mixes styles.
//! - A straight mark opens when it follows a space, a paragraph start, an opening bracket or a
//!   dash, and closes otherwise; an ambiguous one closes an open quotation or else opens one.
//! - Apostrophes are not marks: inside a word (`it's`), before digits (`'90s`), in elisions
//!   (`rock 'n' roll`), and after a word when no single quotation is open (`the Afghans' homes`).
//! - Nested quotations (single inside double, or deeper) stay part of the outermost one.
//! - Multi-paragraph quotations: a paragraph that ends inside a quotation, followed by one that
//!   opens with a mark of the same family, continues it (one content part a paragraph).
//! - An unclosed quotation ends at its paragraph's end, so no text is dropped and no later
//!   quotation is shifted.

use crate::document::Paragraph;
use crate::span::Span;

/// The two families of quotation marks; a mark only closes a mark of its own family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `"`, `“`, `”`, `„`, `«`, `»`.
    Double,
    /// `'`, `‘`, `’`, `‹`, `›`.
    Single,
}

/// One quotation found by its marks, before anyone is said to have said it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkedQuote {
    /// From the opening mark to the closing mark (to the paragraph's end when unclosed).
    pub span: Span,
    /// The text between the marks, trimmed: one part per paragraph.
    pub content: Vec<Span>,
    /// The family of its outermost marks.
    pub family: Family,
}

/// What a character can do as a quotation mark, given its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark with no telling context: closes an open quotation or opens one.
    Either,
}

/// An opening mark waiting for its close.
#[derive(Clone, Copy, Debug)]
struct OpenMark {
    /// Byte offset of the mark.
    at: usize,
    /// The mark itself, so that `„` can be closed by `“` and `»` by `«`.
    mark: char,
    family: Family,
}

/// Open marks, innermost last, with a count per family so that every question is O(1) and
/// every mark is pushed and popped at most once (linear time at any nesting depth).
#[derive(Default)]
struct MarkStack {
    marks: Vec<OpenMark>,
    doubles: usize,
    singles: usize,
}

impl MarkStack {
    fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    fn has_open(&self, family: Family) -> bool {
        match family {
            Family::Double => self.doubles > 0,
            Family::Single => self.singles > 0,
        }
    }

    fn top_mark(&self) -> Option<char> {
        self.marks.last().map(|m| m.mark)
    }

    fn outermost(&self) -> Option<OpenMark> {
        self.marks.first().copied()
    }

    fn push(&mut self, mark: OpenMark) {
        *self.count(mark.family) += 1;
        self.marks.push(mark);
    }

    fn count(&mut self, family: Family) -> &mut usize {
        match family {
            Family::Double => &mut self.doubles,
            Family::Single => &mut self.singles,
        }
    }

    /// Closes the innermost open mark of `family` (and any unclosed marks inside it). Returns
    /// the outermost mark when that close ends the whole quotation.
    fn close(&mut self, family: Family) -> Option<OpenMark> {
        let outer = self.outermost();
        while let Some(mark) = self.marks.pop() {
            *self.count(mark.family) -= 1;
            if mark.family == family {
                break;
            }
        }
        if self.marks.is_empty() {
            outer
        } else {
            None
        }
    }

    /// Drops every inner mark: inner quotations do not run across paragraphs.
    fn keep_outermost(&mut self) {
        while self.marks.len() > 1 {
            if let Some(mark) = self.marks.pop() {
                *self.count(mark.family) -= 1;
            }
        }
    }

    fn clear(&mut self) {
        self.marks.clear();
        self.doubles = 0;
        self.singles = 0;
    }
}

/// Pairs the quotation marks of `text`, paragraph by paragraph, and returns the outermost
/// quotations in text order.
pub fn pair_marks(text: &str, paragraphs: &[Paragraph]) -> Vec<MarkedQuote> {
    let mut quotes = Vec::new();
    let mut stack = MarkStack::default();
    // Content parts of a multi-paragraph quotation already ended by a paragraph break.
    let mut parts: Vec<Span> = Vec::new();
    // Where the outermost open quotation's current part starts (after its mark).
    let mut part_start = 0;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let body = paragraph.span.text(text);
        let base = paragraph.span.start;
        // Offsets below this belong to a mark already handled (a continued quotation's mark,
        // the second half of `''`).
        let mut skip_to = 0;
        // A quotation continued from the previous paragraph: its opening mark here is skipped.
        if !stack.is_empty() {
            if let Some((_, mark)) = leading_mark(body) {
                let width = if body.starts_with("''") {
                    2
                } else {
                    mark.len_utf8()
                };
                skip_to = width;
                part_start = base + width;
            }
        }
        // Only the bytes that can start a mark are looked at: `"`, `'`, and the lead bytes of
        // `«»` (0xC2) and of the curly and low marks (0xE2).
        for (offset, &byte) in body.as_bytes().iter().enumerate() {
            if offset < skip_to || !matches!(byte, b'"' | b'\'' | 0xC2 | 0xE2) {
                continue;
            }
            let Some(ch) = body.get(offset..).and_then(|r| r.chars().next()) else {
                continue;
            };
            if !is_mark(ch) {
                continue;
            }
            let prev = body.get(..offset).and_then(|b| b.chars().next_back());
            let at = base + offset;
            let mut width = ch.len_utf8();
            let rest = body.get(offset + width..).unwrap_or("");
            let doubled = ch == '\'' && rest.starts_with('\'');
            let classified = if doubled {
                // `''`: two apostrophes typed for a double mark (the New York Times archive
                // convention, from typewriter `` and '').
                width = 2;
                let after = rest.get(1..).and_then(|r| r.chars().next());
                let open_context = prev.is_none_or(is_opening_context);
                let close_context = after.is_none_or(is_closing_context);
                Some((Family::Double, straight_role(open_context, close_context)))
            } else {
                classify(ch, prev, rest, &stack)
            };
            skip_to = offset + width;
            if let Some((family, role)) = classified {
                let closes = role != Role::Open && stack.has_open(family);
                if closes {
                    if let Some(outer) = stack.close(family) {
                        parts.push(trimmed(text, part_start, at));
                        quotes.push(MarkedQuote {
                            span: Span::new(outer.at, at + width),
                            content: std::mem::take(&mut parts),
                            family: outer.family,
                        });
                    }
                } else if role != Role::Close {
                    if stack.is_empty() {
                        part_start = at + width;
                    }
                    stack.push(OpenMark {
                        at,
                        mark: if doubled { '"' } else { ch },
                        family,
                    });
                }
            }
        }
        let Some(outer) = stack.outermost() else {
            continue;
        };
        parts.push(trimmed(text, part_start, paragraph.span.end));
        // The multi-paragraph convention: the next paragraph opens with a mark of the family.
        // A transcript's next speaker label (`"PENCE: ...`) starts a new quotation.
        let continues = paragraphs.get(index + 1).is_some_and(|next| {
            let body = next.span.text(text);
            leading_mark(body).is_some_and(|(family, mark)| {
                let after = body.get(mark.len_utf8()..).unwrap_or("");
                family == outer.family
                    && same_style(mark, outer.mark)
                    && transcript_label(after).is_none()
            })
        });
        if continues {
            stack.keep_outermost();
        } else {
            quotes.push(MarkedQuote {
                span: Span::new(outer.at, paragraph.span.end),
                content: std::mem::take(&mut parts),
                family: outer.family,
            });
            stack.clear();
        }
    }
    quotes
}

/// The family and the mark that opens `paragraph`, if it opens with one (`''` counts as `"`).
fn leading_mark(paragraph: &str) -> Option<(Family, char)> {
    if paragraph.starts_with("''") {
        return Some((Family::Double, '"'));
    }
    let ch = paragraph.chars().next()?;
    let family = match ch {
        '"' | '“' | '„' | '«' | '»' | '”' => Family::Double,
        '‘' | '\'' | '‹' => Family::Single,
        _ => return None,
    };
    Some((family, ch))
}

/// The length of a transcript's speaker label at the start of `content` (`PENCE:`,
/// `SEN. WARREN:`): capitals, spaces and periods before a colon.
pub fn transcript_label(content: &str) -> Option<usize> {
    const MAX_LABEL: usize = 40;
    let head = content
        .get(..content.len().min(MAX_LABEL))
        .unwrap_or(content);
    let colon = head.find(':')?;
    let label = &content[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = label
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    (letters >= 2 && capitals).then_some(colon)
}

/// Whether two opening marks are of one typographic style: a curly quotation is continued by
/// a curly mark, a straight one by a straight mark (a pasted excerpt in straight marks
/// followed by the article's own curly quotation is two quotations).
fn same_style(a: char, b: char) -> bool {
    let straight = |c: char| c == '"' || c == '\'';
    straight(a) == straight(b)
}

/// What `ch` is as a quotation mark between `prev` and `next`, or `None` when it is no mark
/// (an apostrophe, or any other character).
fn classify(ch: char, prev: Option<char>, rest: &str, stack: &MarkStack) -> Option<(Family, Role)> {
    let next = rest.chars().next();
    let top = stack.top_mark();
    let open_context = prev.is_none_or(is_opening_context);
    let close_context = next.is_none_or(is_closing_context);
    let single_open = stack.has_open(Family::Single);
    let double_open = stack.has_open(Family::Double);
    match ch {
        '"' => Some((Family::Double, straight_role(open_context, close_context))),
        // `„ … “` (German): after `„`, a `“` closes.
        '“' if top == Some('„') => Some((Family::Double, Role::Close)),
        // A `“` typed for a `”`: it closes when it sits where a closing mark sits.
        '“' if double_open && close_context && !open_context => {
            Some((Family::Double, Role::Close))
        }
        '“' | '„' => Some((Family::Double, Role::Open)),
        '”' if !double_open && open_context && !close_context => {
            Some((Family::Double, Role::Open))
        }
        '”' => Some((Family::Double, Role::Close)),
        // `» … «` (German, Danish): a `«` after `»` closes, a `»` that starts a quotation opens.
        '«' if top == Some('»') => Some((Family::Double, Role::Close)),
        '«' => Some((Family::Double, Role::Open)),
        '»' if !double_open && open_context && !close_context => {
            Some((Family::Double, Role::Open))
        }
        '»' => Some((Family::Double, Role::Close)),
        '‹' => Some((Family::Single, Role::Open)),
        '›' => Some((Family::Single, Role::Close)),
        '\'' | '‘' | '’' => classify_single(ch, prev, rest, single_open),
        _ => None,
    }
}

/// Whether `ch` is one of the quotation marks (or an apostrophe that may be one).
fn is_mark(ch: char) -> bool {
    matches!(
        ch,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '‹' | '›' | '„'
    )
}

/// The role of a straight double mark, by the characters around it.
fn straight_role(open_context: bool, close_context: bool) -> Role {
    match (open_context, close_context) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

/// A single mark (`'`, `‘`, `’`) as a quotation mark, or `None` for an apostrophe.
fn classify_single(
    ch: char,
    prev: Option<char>,
    rest: &str,
    single_open: bool,
) -> Option<(Family, Role)> {
    let next = rest.chars().next();
    let after_word = prev.is_some_and(|c| c.is_alphanumeric());
    let before_word = next.is_some_and(|c| c.is_alphanumeric());
    // `it's`, `rock'n'roll`: inside a word.
    if after_word && before_word {
        return None;
    }
    let open_context = prev.is_none_or(is_opening_context);
    let close_context = next.is_none_or(is_closing_context);
    if open_context && before_word {
        // `'90s`, `’til`: an elision, not an opening mark. A `’` before a word is always one
        // (typing a leading apostrophe gives `’`); `'`/`‘` before a digit too.
        if ch == '’' || next.is_some_and(|c| c.is_ascii_digit()) || is_elision(rest) {
            return None;
        }
        return Some((Family::Single, Role::Open));
    }
    // `the Afghans' homes`: a closing mark only when a single quotation is open.
    if close_context && single_open && ch != '‘' {
        return Some((Family::Single, Role::Close));
    }
    None
}

/// Whether `rest` (the text after an apostrophe) starts with a word that news spells with a
/// leading apostrophe: `'n'`, `'em`, `'til`, `'cause`, `'tis`, `'twas`, `'bout`.
fn is_elision(rest: &str) -> bool {
    const ELISIONS: [&str; 7] = ["n", "em", "til", "cause", "tis", "twas", "bout"];
    let word_end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = rest.get(..word_end).unwrap_or("");
    ELISIONS.iter().any(|e| word.eq_ignore_ascii_case(e))
}

/// Characters after which a mark opens: spaces, brackets, dashes, other opening marks.
fn is_opening_context(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '„' | '«' | '‹' | '"' | '\''
        )
}

/// Characters before which a mark closes: spaces, punctuation, closing brackets and marks.
fn is_closing_context(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '}'
                | '—'
                | '–'
                | '-'
                | '…'
                | '”'
                | '’'
                | '»'
                | '›'
                | '"'
                | '\''
        )
}

/// `start..end` without surrounding whitespace.
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let slice = text.get(start..end).unwrap_or("");
    let left = slice.len() - slice.trim_start().len();
    let inner = slice.trim();
    Span::new(start + left, start + left + inner.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::split_paragraphs;

    /// The quotations of `text` as their full text, with `|` between content parts.
    fn quoted(text: &str) -> Vec<String> {
        let paragraphs = split_paragraphs(text);
        pair_marks(text, &paragraphs)
            .iter()
            .map(|q| {
                let parts: Vec<&str> = q.content.iter().map(|c| c.text(text)).collect();
                format!("{} => {}", q.span.text(text), parts.join("|"))
            })
            .collect()
    }

    const CASES: &[(&str, &str, &[&str])] = &[
        ("straight", r#"He said "yes" today."#, &[r#""yes" => yes"#]),
        (
            "curly",
            "He said “yes, sir” today.",
            &["“yes, sir” => yes, sir"],
        ),
        ("guillemets", "Il a dit « oui » hier.", &["« oui » => oui"]),
        (
            "reversed guillemets",
            "Er sagte »ja« gestern.",
            &["»ja« => ja"],
        ),
        ("low-high", "Er sagte „ja“ gestern.", &["„ja“ => ja"]),
        ("single curly", "He said ‘no’ again.", &["‘no’ => no"]),
        (
            "nested single in double",
            r#""He called it 'absurd,' then left," she said."#,
            &[r#""He called it 'absurd,' then left," => He called it 'absurd,' then left,"#],
        ),
        (
            "two quotations",
            r#""A," he said. "B.""#,
            &[r#""A," => A,"#, r#""B." => B."#],
        ),
        (
            "apostrophe in word",
            "It's the Afghans' homes, rock 'n' roll in the '90s.",
            &[],
        ),
        (
            "apostrophes inside a quotation",
            "“It’s ’90s rock ’n’ roll,” she said.",
            &["“It’s ’90s rock ’n’ roll,” => It’s ’90s rock ’n’ roll,"],
        ),
        (
            "multi-paragraph",
            "\"First part.\n\"Second part,\" he said.",
            &["\"First part.\n\"Second part,\" => First part.|Second part,"],
        ),
        (
            "unclosed ends at paragraph end",
            "\"Unclosed here.\nNext \"closed\" one.",
            &["\"Unclosed here. => Unclosed here.", "\"closed\" => closed"],
        ),
        (
            "stray closing mark",
            "It ended” and “began” here.",
            &["“began” => began"],
        ),
        ("marks only", "\"", &["\" => "]),
        (
            "mixed styles",
            "“Mixed\" and \"ok”",
            &["“Mixed\" => Mixed", "\"ok” => ok"],
        ),
    ];

    const REGRESSION: &[(&str, &str, &[&str])] = &[
        (
            // ../shared/samples/pentagon-safe-havens.txt: "it's" inside a straight quotation.
            "sample apostrophes",
            r#""that it's not, we'll continue," Kirby said."#,
            &[r#""that it's not, we'll continue," => that it's not, we'll continue,"#],
        ),
        (
            // PolNeAR style: a closing mark before a paragraph break, then a new quotation.
            "closed before paragraph break",
            "\"Done.\"\n\"New,\" he said.",
            &["\"Done.\" => Done.", "\"New,\" => New,"],
        ),
    ];

    #[test]
    fn pairs_marks() {
        for (name, text, expected) in CASES.iter().chain(REGRESSION) {
            assert_eq!(quoted(text), *expected, "case {name}: {text:?}");
        }
    }

    #[test]
    fn bad_input_gives_valid_spans() {
        let inputs = [
            "\"".repeat(1001),
            "“".repeat(1000) + &"'".repeat(1000),
            "\"'".repeat(10) + "deep" + &"'\"".repeat(10),
            format!("\"{}\"", "a ".repeat(500_000)),
            "« “ ‘ ‹ „ » ” ’ › “\n\"\n'".to_string(),
        ];
        for text in inputs {
            let paragraphs = split_paragraphs(&text);
            let quotes = pair_marks(&text, &paragraphs);
            let mut last_end = 0;
            for q in &quotes {
                assert!(q.span.start >= last_end && q.span.end <= text.len());
                assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
                for part in &q.content {
                    assert!(q.span.contains(*part));
                }
                last_end = q.span.end;
            }
        }
    }
}
