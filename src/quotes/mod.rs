//! Quotations and reported speech, with their speakers: the last stage of the pipeline.
//!
//! 1. [`marks`] pairs the quotation marks into quotations.
//! 2. [`stream`] collapses each quotation into one unit among the words and numbers its own
//!    sentences.
//! 3. [`attribution`] finds each quotation's cue and speaker phrase in its sentence; a
//!    quotation without one continues the last speaker (news convention).
//! 4. [`indirect`] finds reported speech (`X said that ...`).
//! 5. [`speakers`] links speakers to entity clusters and resolves pronouns.

pub mod attribution;
pub mod cues;
pub mod indirect;
pub mod marks;
pub mod speakers;
pub mod stream;

use crate::document::{Cluster, Entity, Paragraph, Quote, QuoteKind, Sentence, Token};
use attribution::{Attribution, Phrase, PhraseKind};
use cues::{is_function_word, is_term_marker};
use stream::{Class, Stream};

/// The most words a quotation without any speaker may have and still be a scare quote or a
/// title (kind `term`) rather than speech.
const MAX_TERM_WORDS: usize = 3;
/// How many paragraphs back a quotation that opens its paragraph looks for the speaker it
/// continues.
const MAX_PARAGRAPHS_BACK: u32 = 2;
/// How many units on either side of a capitalised quotation are read to tell running text
/// (some lowercase word) from a headline.
const MAX_TITLE_CONTEXT: usize = 24;
/// The longest word, in bytes, that [`word_before`] reads. Every word it is compared with (a
/// term marker such as `so-called`, a title such as `Mrs.`) is far shorter; the bound keeps
/// reading the word before each of many quotation marks linear, since `""""...` with no space
/// is one word however long.
const MAX_WORD_BEFORE: usize = 64;

/// Finds the quotations and reported statements of `text` and who said them, in text order.
/// Uses the tokens, paragraphs, entities and clusters of the earlier stages; sentences are
/// re-split here, because a quotation's attribution may follow a full stop inside its marks.
pub fn find_quotes(
    text: &str,
    tokens: &[Token],
    _sentences: &[Sentence],
    paragraphs: &[Paragraph],
    entities: &[Entity],
    clusters: &[Cluster],
) -> Vec<Quote> {
    let marked = marks::pair_marks(text, paragraphs);
    let stream = Stream::new(text, tokens, paragraphs, &marked);

    // Each quotation's own attribution, from a cue in its sentence or its subject.
    let mut kinds = Vec::with_capacity(marked.len());
    let mut own: Vec<Option<Attribution>> = Vec::with_capacity(marked.len());
    let mut used = vec![false; stream.units.len()];
    for (index, quote) in marked.iter().enumerate() {
        let q = stream.quote_unit.get(index).copied().unwrap_or(0);
        let content = quote.content.first().map_or("", |c| c.text(text));
        let found = stream
            .attribute_quote(q)
            .or_else(|| stream.attribute_by_dash(q))
            .or_else(|| stream.attribute_by_subject(q))
            .or_else(|| transcript_speaker(text, q, quote));
        let kind = if is_term(&stream, q, quote, found.is_some()) {
            QuoteKind::Term
        } else if stream.is_embedded(q, content) {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        };
        if let Some(unit) = found.and_then(|a| a.cue_unit) {
            if let Some(flag) = used.get_mut(unit) {
                *flag = true;
            }
        }
        kinds.push(kind);
        own.push(found.filter(|_| kind != QuoteKind::Term));
    }
    // The cue units, found once for the two searches that start from every cue.
    let cues: Vec<usize> = (0..stream.units.len())
        .filter(|&k| stream.is_cue_at(k))
        .collect();
    let reported = indirect::find_reported(&stream, &cues, &used);

    // Every attribution by position, for quotations that continue an earlier speaker. An
    // introducing cue (`He said:` at a paragraph's end) passes its cue on; others do not.
    let mut events: Vec<Event> = own
        .iter()
        .zip(&stream.quote_unit)
        .filter_map(|(a, &q)| a.map(|a| (q, without_cue(a))))
        .chain(reported.iter().map(|r| {
            let unit = r
                .attribution
                .cue_unit
                .unwrap_or(r.attribution.speaker.first);
            (unit, without_cue(r.attribution))
        }))
        .chain(introductions(&stream, &cues, &used))
        .collect();
    events.sort_by_key(|(unit, _)| *unit);

    let speakers: Vec<Phrase> = events.iter().map(|(_, a)| a.speaker).collect();
    let resolver = speakers::Resolver::new(text, entities, clusters, &speakers);

    let mut quotes: Vec<Quote> = Vec::with_capacity(marked.len() + reported.len());
    // The latest attribution before the current quotation, continued ones included, so that
    // a run of uncued quotation paragraphs stays with its speaker.
    let mut last: Option<Event> = None;
    let mut next_event = 0;
    for (index, quote) in marked.into_iter().enumerate() {
        let kind = kinds[index];
        let q = stream.quote_unit.get(index).copied().unwrap_or(0);
        while let Some(&event) = events.get(next_event).filter(|(unit, _)| *unit < q) {
            last = Some(event);
            next_event += 1;
        }
        let attribution = match own[index] {
            Some(a) => Some(a),
            None if kind == QuoteKind::Term => None,
            None => continued_speaker(&stream, last, events.get(next_event).copied(), q),
        };
        if let Some(a) = attribution.filter(|_| kind != QuoteKind::Term) {
            last = Some((q, without_cue(a)));
        }
        quotes.push(Quote {
            span: quote.span,
            kind,
            content: quote.content,
            cue: attribution.and_then(|a| a.cue),
            speaker: attribution.map(|a| resolver.speaker(&a.speaker)),
        });
    }
    for r in &reported {
        quotes.push(Quote {
            span: r.content,
            kind: QuoteKind::Indirect,
            content: vec![r.content],
            cue: r.attribution.cue,
            speaker: Some(resolver.speaker(&r.attribution.speaker)),
        });
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes
}

/// An attribution at a unit of the stream.
type Event = (usize, Attribution);

/// The attribution as a later quotation continues it: same speaker, no cue of its own.
fn without_cue(attribution: Attribution) -> Attribution {
    Attribution {
        cue: None,
        cue_unit: None,
        ..attribution
    }
}

/// Cues that introduce quotations to come: `He said:` / `The New York Times reports:` with
/// nothing quoted in their own sentence. Their speaker and cue carry over to the quotation
/// that follows. `cues` are the cue units, in order.
fn introductions(stream: &Stream, cues: &[usize], used: &[bool]) -> Vec<Event> {
    cues.iter()
        .copied()
        .filter(|&k| !used.get(k).copied().unwrap_or(true))
        .filter_map(|k| {
            let start = stream.sentence_start(k);
            let introduces = stream.class(k + 1) == Class::Colon;
            let hi = if introduces {
                k + 1
            } else {
                stream.sentence_end(k)
            };
            let found = stream.speaker_of_cue(k, start, hi)?;
            // `Lee said he would veto it. "Q."`: a cue with no quotation of its own still
            // names who speaks next, but hands on no cue.
            let named = matches!(
                found.speaker.kind,
                PhraseKind::Name | PhraseKind::Pronoun(_)
            );
            // `..., where Mrs. Lee also spoke.`: a cue in a subordinate clause names nobody
            // who speaks next.
            let subordinate = found.speaker.first > start
                && is_function_word(stream.word(found.speaker.first - 1));
            let named = named && !subordinate;
            match (introduces, named) {
                (true, _) => Some((k, found)),
                (false, true) => Some((k, without_cue(found))),
                (false, false) => None,
            }
        })
        .collect()
}

/// The speaker named by a transcript label at the start of a quotation (`"PENCE: Well, ...`).
fn transcript_speaker(text: &str, q: usize, quote: &marks::MarkedQuote) -> Option<Attribution> {
    let content = quote.content.first()?;
    let colon = marks::transcript_label(content.text(text))?;
    Some(Attribution {
        cue: None,
        cue_unit: None,
        speaker: Phrase {
            span: crate::span::Span::new(content.start, content.start + colon),
            kind: PhraseKind::Name,
            first: q,
            end: q + 1,
            antecedent: None,
        },
    })
}

/// Whether the quotation at unit `q` is a scare quote or a title: it follows a word such as
/// `so-called` or `titled`, or it is a few words that nobody in its sentence is said to say.
fn is_term(stream: &Stream, q: usize, quote: &marks::MarkedQuote, attributed: bool) -> bool {
    let start = stream.sentence_start(q);
    // The word before the opening mark, read from the text so that `so-called` is one word
    // whatever the tokenizer makes of it. Only a word right before the mark counts:
    // `its headline: "Q"` introduces speech.
    // `the commentary, "Q,"`: a title set off by a comma after its noun.
    if is_term_marker(word_before(stream.text, quote.span.start).trim_end_matches(',')) {
        return true;
    }
    if is_title(stream, q, quote) {
        return true;
    }
    let words: usize = quote
        .content
        .iter()
        .map(|c| c.text(stream.text).split_whitespace().count())
        .sum();
    // A short quotation inside a sentence; one standing as its own sentence (`"Neither do
    // I."`) is speech continuing the last speaker.
    !attributed && words <= MAX_TERM_WORDS && q > start
}

/// Whether the quotation at unit `q` is a title inside running text: every word of it
/// capitalised (small words aside: `State of the Union`, `The Steve Harvey Morning Show`), right
/// after a word that is not a cue or `as` (`on CNN's "State of the Union"`), in a sentence that is not
/// itself capitalised throughout (a headline capitalises its quotations too).
fn is_title(stream: &Stream, q: usize, quote: &marks::MarkedQuote) -> bool {
    // `referred to her as "Miss Piggy"`: an epithet after `as` quotes whoever applied it.
    if q == 0 || !stream.is_word(q - 1) || stream.is_cue_at(q - 1) || stream.word(q - 1) == "as" {
        return false;
    }
    let mut words = quote
        .content
        .iter()
        .flat_map(|c| c.text(stream.text).split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .peekable();
    // A title opens with a capital (`on the up and up` is small words only).
    if !words
        .peek()
        .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
    {
        return false;
    }
    let mut count = 0;
    for word in words {
        count += 1;
        if !word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !is_title_small_word(word)
        {
            return false;
        }
    }
    // A single capitalised word is a name or a scare quote as often as a title; the length
    // rule of `is_term` decides it.
    if count < 2 {
        return false;
    }
    // Only the units near the quotation are read, so that a sentence of many quotations
    // stays linear.
    let start = stream
        .sentence_start(q)
        .max(q.saturating_sub(MAX_TITLE_CONTEXT));
    let end = stream.sentence_end(q).min(q + MAX_TITLE_CONTEXT);
    (start..end).any(|k| {
        k != q
            && stream.is_word(k)
            && stream.word(k).len() > 3
            && stream.word(k).starts_with(char::is_lowercase)
    })
}

/// Short words a title leaves in lower case (`of`, `the`, `and`, `to`).
fn is_title_small_word(word: &str) -> bool {
    const SMALL: [&str; 17] = [
        "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the",
        "to", "up", "with",
    ];
    SMALL.contains(&word)
}

/// The whitespace-delimited word that ends right before byte `end` of `text`, skipping the
/// whitespace before `end`: empty when there is none, or when it is longer than
/// [`MAX_WORD_BEFORE`] bytes (it cannot be a word of the lexicons then).
fn word_before(text: &str, end: usize) -> &str {
    let before = text.get(..end).unwrap_or("").trim_end();
    // Look back over at most `MAX_WORD_BEFORE + 1` bytes (widened to a char boundary): a word
    // that fills the whole window without reaching the text's start is too long.
    let mut window = before.len().saturating_sub(MAX_WORD_BEFORE + 1);
    while !before.is_char_boundary(window) {
        window -= 1;
    }
    let tail = before.get(window..).unwrap_or("");
    match tail.rsplit_once(char::is_whitespace) {
        Some((_, word)) => word,
        None if window == 0 => tail,
        None => "",
    }
}

/// The speaker a quotation without a cue continues (news convention): the last speaker
/// earlier in its paragraph; else, for a quotation that opens its paragraph, the next
/// attributed quotation's speaker in the paragraph or the last speaker of the paragraph before.
fn continued_speaker(
    stream: &Stream,
    last: Option<Event>,
    next: Option<Event>,
    q: usize,
) -> Option<Attribution> {
    let paragraph = stream.units.get(q)?.paragraph;
    let paragraph_of = |unit: usize| stream.units.get(unit).map(|u| u.paragraph);
    if let Some((unit, attribution)) = last {
        if paragraph_of(unit) == Some(paragraph) {
            return Some(attribution);
        }
    }
    let opens_paragraph = q == 0 || paragraph_of(q - 1) != Some(paragraph);
    if !opens_paragraph {
        return None;
    }
    if let Some((unit, attribution)) = next {
        if paragraph_of(unit) == Some(paragraph) {
            return Some(attribution);
        }
    }
    let (unit, attribution) = last?;
    (paragraph_of(unit)? + MAX_PARAGRAPHS_BACK >= paragraph).then_some(attribution)
}

#[cfg(test)]
mod tests {
    use crate::document::QuoteKind;
    use crate::span::Span;

    /// The quotations of `text` as `kind|quotation|cue|speaker mention`.
    fn quotes_of(text: &str) -> Vec<String> {
        let doc = crate::annotate(text);
        doc.quotes
            .iter()
            .map(|q| {
                let kind = match q.kind {
                    QuoteKind::Direct => "direct",
                    QuoteKind::Partial => "partial",
                    QuoteKind::Term => "term",
                    QuoteKind::Indirect => "indirect",
                };
                let cue = q.cue.map_or("-", |c| c.text(text));
                let speaker = q.speaker.as_ref().map_or("-", |s| s.span.text(text));
                format!("{kind}|{}|{cue}|{speaker}", q.span.text(text))
            })
            .collect()
    }

    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "quote then name said",
            "\"We won,\" Ann Lee said.",
            &["direct|\"We won,\"|said|Ann Lee"],
        ),
        (
            "quote then said name",
            "\"We won,\" said Ann Lee.",
            &["direct|\"We won,\"|said|Ann Lee"],
        ),
        (
            "name said colon quote",
            "Ann Lee said: \"We won.\"",
            &["direct|\"We won.\"|said|Ann Lee"],
        ),
        (
            "told",
            "\"We won,\" Lee told reporters.",
            &["direct|\"We won,\"|told|Lee"],
        ),
        (
            "according to",
            "According to Lee, \"the vote was fair.\"",
            &["partial|\"the vote was fair.\"|According to|Lee"],
        ),
        (
            "appositive",
            "\"We won,\" Sam Cole, a spokesman for the party, said.",
            &["direct|\"We won,\"|said|Sam Cole"],
        ),
        (
            "continued in the paragraph",
            "\"We won,\" Lee said. \"Now we govern.\"",
            &[
                "direct|\"We won,\"|said|Lee",
                "direct|\"Now we govern.\"|-|Lee",
            ],
        ),
        (
            "question mark then attribution",
            "\"Why now?\" Lee asked.",
            &["direct|\"Why now?\"|asked|Lee"],
        ),
        (
            "pronoun",
            "Ann Lee spoke first.\n\"We won,\" she said.",
            &["direct|\"We won,\"|said|she"],
        ),
        (
            "scare quote",
            "The so-called \"safe havens\" remain.",
            &["term|\"safe havens\"|-|-"],
        ),
        (
            "reported that",
            "The ministry has said that the border will stay closed.",
            &["indirect|the border will stay closed|has said|The ministry"],
        ),
        (
            "reported, X said",
            "The roads are unsafe for trucks, the agency said.",
            &["indirect|The roads are unsafe for trucks|said|the agency"],
        ),
    ];

    const REGRESSION: &[(&str, &str, &[&str])] = &[
        (
            // PolNeAR train (wire style): title, initials and a bracketed party.
            "bracketed party after the name",
            "\"It is a disgrace,\" Rep. Jane Q. Smith (D-Ohio) said.",
            &["direct|\"It is a disgrace,\"|said|Rep. Jane Q. Smith"],
        ),
        (
            // PolNeAR train: a participle cue takes the subject of its clause.
            "participle cue",
            "During the speech, Lee attacked the plan, saying, \"It will fail.\"",
            &["direct|\"It will fail.\"|saying|Lee"],
        ),
        (
            // PolNeAR train: a cue that is also a noun ("tweets") is not a verb here.
            "noun cue",
            "Lee says the late-night tweets were \"unhinged and petty.\"",
            &["partial|\"unhinged and petty.\"|says|Lee"],
        ),
        (
            // PolNeAR train: transcripts label each speaker inside the marks.
            "transcript labels",
            "\"HOST: Will you run?\n\"LEE: I will not.",
            &[
                "direct|\"HOST: Will you run?|-|HOST",
                "direct|\"LEE: I will not.|-|LEE",
            ],
        ),
        (
            // ../shared/samples/pentagon-safe-havens.txt: a quoted predicate with no verb.
            "quoted predicate",
            "Khalilzad will \"press the Taliban to stop their offensive\" soon.",
            &["partial|\"press the Taliban to stop their offensive\"|-|Khalilzad"],
        ),
        (
            // PolNeAR dev: a show's title after a network's possessive is no speech.
            "capitalised title in running text",
            "Lee appeared on WXYZ's \"Good Morning Ohio\" to promote the plan.",
            &["term|\"Good Morning Ohio\"|-|-"],
        ),
        (
            // PolNeAR dev: a headline capitalises its quotation too; it stays a quotation.
            "capitalised quotation in a headline",
            "Lee Says \"Time For A Real Change\" After Vote.",
            &["partial|\"Time For A Real Change\"|-|Lee Says"],
        ),
        (
            // PolNeAR dev: an epithet after `as` quotes whoever applied it.
            "capitalised epithet after as",
            "Cole dismissed the plan as \"The Big Tax Grab\" on Monday.",
            &["partial|\"The Big Tax Grab\"|dismissed|Cole"],
        ),
        (
            // PolNeAR dev (letters page): a commentary's title set off by commas.
            "title after its noun and a comma",
            "Ann Lee's commentary, \"Teachers deserve better pay,\" is persuasive.",
            &["term|\"Teachers deserve better pay,\"|-|-"],
        ),
        (
            // PolNeAR dev: `states` in the appositive is a noun, not the cue.
            "noun-like cue inside an appositive",
            "\"We will appeal,\" Tom Reyes, the attorney general of one of the states suing the agency, said on Monday.",
            &["direct|\"We will appeal,\"|said|Tom Reyes"],
        ),
        (
            // PolNeAR dev (wire style): party and state as one token after the name.
            "party and state appositive",
            "\"It passes,\" Sen. Ann Lee, R-Ky., said Tuesday.",
            &["direct|\"It passes,\"|said|Sen. Ann Lee"],
        ),
        (
            // PolNeAR dev: an inverted cue opening its sentence, the speaker after it.
            "inverted cue with a colon",
            "Costs rose again. Said Moreno: \"We cannot go on like this.\"",
            &["direct|\"We cannot go on like this.\"|Said|Moreno"],
        ),
        (
            // PolNeAR dev: after a quotation's full stop, `He said` starts a new sentence
            // rather than attributing the quotation before it.
            "new sentence after a full stop",
            "Lee said the ruling \"will hurt farmers.\" He said that if \"the appeal fails, we will close the plant.\"",
            &[
                "partial|\"will hurt farmers.\"|said|Lee",
                "partial|\"the appeal fails, we will close the plant.\"|said|He",
            ],
        ),
        (
            // PolNeAR dev: present-tense cues of raised voices.
            "yells",
            "Ann Lee ran to the car.\n\"Get back, all of you!\" she yells as she runs.",
            &["direct|\"Get back, all of you!\"|yells|she"],
        ),
        (
            // PolNeAR dev: a cue with no quotation (and no `that`) names who speaks next.
            "quotation after reported speech without that",
            "On Sunday, Sen. Ann Lee said she would talk to young people. \"They are tired of it.\"",
            &["direct|\"They are tired of it.\"|-|Sen. Ann Lee"],
        ),
        (
            // PolNeAR dev: the attribution closes the quotation's clause between commas.
            "attribution between commas after the clause",
            "\"That is wrong,\" Ann Lee said. \"You squeezed the workers\" to lift the stock price, she said, citing the report.",
            &[
                "direct|\"That is wrong,\"|said|Ann Lee",
                "direct|\"You squeezed the workers\"|said|she",
            ],
        ),
        (
            // PolNeAR dev (letters page): the second of two verbs shares the first's subject.
            "and said",
            "When the rumor came up, I laughed and said, \"It is false.\"",
            &["direct|\"It is false.\"|said|I"],
        ),
        (
            // PolNeAR dev: a cue in a subordinate clause does not name the next speaker.
            "cue in a subordinate clause",
            "Ann Lee spoke first at the dinner. The dinner ended late, where Ben Cole also spoke. \"We won tonight.\"",
            &["direct|\"We won tonight.\"|-|Ann Lee"],
        ),
        (
            // PolNeAR dev: `it` (a newspaper) as the subject of a participle cue.
            "it as the subject of a participle cue",
            "The Daily Ledger endorsed Lee on Sunday. Meanwhile, it attacked Cole, saying he \"has neither the temperament nor the judgment for the job.\"",
            &["partial|\"has neither the temperament nor the judgment for the job.\"|saying|it"],
        ),
    ];

    /// PolNeAR dev: `it` as a speaker stands for the organisation named before it, so the
    /// quotation counts for that organisation's cluster.
    #[test]
    fn it_speaks_for_an_organisation() {
        let text = "The United Nations Security Council met on Friday. It condemned what it \
                    called \"a clear threat to peace in the region.\"";
        let doc = crate::annotate(text);
        let speaker = doc.quotes.first().and_then(|q| q.speaker.as_ref());
        assert_eq!(speaker.map(|s| s.span.text(text)), Some("it"));
        assert_eq!(
            speaker.map(|s| s.text.as_str()),
            Some("United Nations Security Council")
        );
    }

    #[test]
    fn attributes_quotations() {
        for (name, text, expected) in CASES.iter().chain(REGRESSION) {
            assert_eq!(quotes_of(text), *expected, "case {name}: {text:?}");
        }
    }

    /// Every span of every quotation lies in the text, on char boundaries, in order.
    fn assert_valid(text: &str) {
        let doc = crate::annotate(text);
        let in_text = |s: Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        let mut last_start = 0;
        for q in &doc.quotes {
            assert!(in_text(q.span) && q.span.start >= last_start);
            last_start = q.span.start;
            assert!(q.content.iter().all(|c| in_text(*c) && q.span.contains(*c)));
            assert!(q.cue.is_none_or(in_text));
            if let Some(s) = &q.speaker {
                assert!(in_text(s.span) && s.own_mentions.iter().all(|m| in_text(*m)));
            }
        }
    }

    #[test]
    fn bad_input_gives_valid_output() {
        let inputs = [
            "\" ".repeat(1000),
            "\"“”‘’«»„‹›'".repeat(100),
            "\"".repeat(3),
            "\"'".repeat(10) + "deep, he said" + &"'\"".repeat(10),
            format!("\"{}\" he said.", "word ".repeat(200_000)),
            "“Mixed\" styles» here‚ ‘and’ «there“, she said.\n»Next« ‹x› „y”".to_string(),
            String::new(),
            "said said said, according to, \"".to_string(),
            // One sentence of many quotations, one speaker quoted many times.
            "\"a\" ".repeat(20_000),
            "“x,” Kirby said, “y,” he added, ".repeat(5_000),
        ];
        for text in &inputs {
            assert_valid(text);
        }
    }

    #[test]
    fn unclosed_quotation_does_not_shift_later_ones() {
        let text = "\"Unclosed, Lee said.\nNo marks here.\n\"Closed,\" Cole said.";
        let quotes = quotes_of(text);
        assert_eq!(
            quotes,
            [
                "direct|\"Unclosed, Lee said.|-|-",
                "direct|\"Closed,\"|said|Cole"
            ]
        );
    }

    /// `(name, text, end, expected)`: the word [`super::word_before`] reads before byte `end`.
    const WORD_BEFORE: &[(&str, &str, usize, &str)] = &[
        ("word then space", "the so-called \"x\"", 14, "so-called"),
        ("word right before", "titled\"x\"", 6, "titled"),
        ("at the text's start", "\"x\"", 0, ""),
        ("only spaces before", "   \"x\"", 3, ""),
        ("first word of the text", "Mrs. Clinton", 5, "Mrs."),
        (
            "multibyte word",
            "der «Bürgermeister» x",
            22,
            "«Bürgermeister»",
        ),
        ("end past the text", "abc", 10, ""),
    ];

    /// Where each [`WORD_BEFORE`]-style case came from.
    const WORD_BEFORE_REGRESSION: &[(&str, &str, usize, &str)] = &[(
        // Hostile input `1,000,000 straight quotation marks`: reading the whole run of marks
        // before each mark as one word made the stage quadratic; a word longer than
        // `MAX_WORD_BEFORE` now reads as none.
        "run of marks longer than the bound",
        "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
        70,
        "",
    )];

    #[test]
    fn word_before_reads_one_bounded_word() {
        for (name, text, end, expected) in WORD_BEFORE.iter().chain(WORD_BEFORE_REGRESSION) {
            assert_eq!(super::word_before(text, *end), *expected, "case {name}");
        }
        // A word of exactly `MAX_WORD_BEFORE` bytes is still read, at the text's start or not.
        let word = "x".repeat(super::MAX_WORD_BEFORE);
        assert_eq!(super::word_before(&word, word.len()), word);
        let text = format!("a {word}");
        assert_eq!(super::word_before(&text, text.len()), word);
        let longer = format!("a {word}x");
        assert_eq!(super::word_before(&longer, longer.len()), "");
        // The window widens to a char boundary inside a word of two-byte letters.
        let accents = format!("a {}", "é".repeat(super::MAX_WORD_BEFORE / 2));
        assert_eq!(super::word_before(&accents, accents.len()), &accents[2..]);
        let more = format!("{accents}é");
        assert_eq!(super::word_before(&more, more.len()), "");
    }
}
