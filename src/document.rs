//! [`Document`]: the one result type, and the records it holds. Its JSON shape (documented in
//! the README) is the contract between Rust, the page, the widget and users' code.

use crate::span::Span;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// Everything newsmark found in one text. All offsets are UTF-8 byte offsets until an edge
/// converts them with [`Document::map_offsets`].
///
/// Its JSON form (see `impl Serialize`) is the field-for-field image of this struct, except
/// that each speaker's `mentions` lists every mention of the speaker's entity: they are kept
/// once, in the cluster, and expanded only when written, so that memory stays linear in the
/// input however often one person is quoted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The input, unchanged.
    pub text: String,
    /// Tokens in text order; they never overlap.
    pub tokens: Vec<Token>,
    /// Sentences in text order, each inside one paragraph.
    pub sentences: Vec<Sentence>,
    /// Paragraphs (a line break ends one) in text order, trimmed of surrounding whitespace.
    pub paragraphs: Vec<Paragraph>,
    /// Named entities and numeric expressions in text order; they never overlap.
    pub entities: Vec<Entity>,
    /// Mentions of one real-world entity grouped together.
    pub clusters: Vec<Cluster>,
    /// Quotations and reported speech in text order.
    pub quotes: Vec<Quote>,
}

/// What a token is, by its characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or periods (`war-ravaged`, `U.S.`).
    Word,
    /// Digits with separators and decimals, possibly with a unit suffix (`10,000`, `1.2bn`).
    Number,
    /// A quotation mark, opening or closing (`"`, `“`, `»`, `'` used as a mark).
    Quote,
    /// Other punctuation: `.`, `,`, `—`, `...`, brackets.
    Punct,
    /// Symbols such as `$`, `€`, `%`, `&`, `+`.
    Symbol,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle (`@user`).
    Handle,
    /// A hashtag (`#topic`).
    Hashtag,
    /// One emoji, including ZWJ sequences and modifiers.
    Emoji,
    /// Anything else (control characters, unassigned code points).
    Other,
}

/// One token: a span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is.
    #[serde(flatten)]
    pub span: Span,
    /// What kind of token it is.
    pub kind: TokenKind,
}

/// One sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where the sentence is, from its first token to its last.
    #[serde(flatten)]
    pub span: Span,
}

/// One paragraph: a non-blank line of the input (pasted articles often put one paragraph on
/// each line, so every line break ends a paragraph).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Where the paragraph is, without its surrounding whitespace.
    #[serde(flatten)]
    pub span: Span,
}

/// The type of an entity. The string form (`PERSON`, `ORG`, ...) is used by JSON, CSS and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// People, real or fictional.
    Person,
    /// Nationalities, religious and political groups.
    Norp,
    /// Companies, agencies, institutions, teams.
    Org,
    /// Countries, cities, regions, natural places.
    Loc,
    /// Events, works, products and other names.
    Misc,
    /// Absolute or relative dates and periods.
    Date,
    /// Times of day.
    Time,
    /// Monetary values.
    Money,
    /// Percentages.
    Percent,
    /// Measurements with a unit.
    Quantity,
    /// Numbers that are none of the above.
    Cardinal,
}

impl Label {
    /// Every label, in display order.
    pub const ALL: [Label; 11] = [
        Label::Person,
        Label::Norp,
        Label::Org,
        Label::Loc,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
        Label::Cardinal,
    ];

    /// The label's one string form.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Norp => "NORP",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Cardinal => "CARDINAL",
        }
    }

    /// The label whose string form is `name`, if any.
    pub fn from_name(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|label| label.as_str() == name)
    }

    /// Whether the label names something (as opposed to a date or a number).
    pub fn is_name(self) -> bool {
        matches!(
            self,
            Label::Person | Label::Norp | Label::Org | Label::Loc | Label::Misc
        )
    }
}

/// One entity mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Where the mention is.
    #[serde(flatten)]
    pub span: Span,
    /// Its type.
    pub label: Label,
    /// Index into [`Document::clusters`] of the entity it mentions, if clustered.
    pub cluster: Option<usize>,
}

/// Mentions of one entity in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    /// The canonical name: the fullest proper mention.
    pub name: String,
    /// The type shared by its mentions.
    pub label: Label,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
}

/// What a quotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Speech in quotation marks, a sentence or more.
    Direct,
    /// A few quoted words inside reported speech.
    Partial,
    /// Scare quotes or a title: quoted words that nobody is said to have said.
    Term,
    /// Reported speech without quotation marks (`X said that ...`).
    Indirect,
}

/// Who said a quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The mention the text names as the speaker (a name, a pronoun, a noun phrase).
    pub span: Span,
    /// The speaker as the reader knows them: the cluster's name, or the mention's text.
    pub text: String,
    /// Index into [`Document::clusters`], when the speaker is a clustered entity.
    pub entity: Option<usize>,
    /// Mentions of the speaker that its cluster does not hold: the speaker span itself and,
    /// for a pronoun whose antecedent is unclustered, that antecedent.
    /// [`Document::speaker_mentions`] adds the cluster's mentions.
    pub own_mentions: Vec<Span>,
}

/// One quotation or reported statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark (for `indirect`, the reported clause).
    pub span: Span,
    /// What kind of quotation it is.
    pub kind: QuoteKind,
    /// The quoted text without marks: one part per paragraph.
    pub content: Vec<Span>,
    /// The speech verb or phrase (`said`, `according to`), if any.
    pub cue: Option<Span>,
    /// Who said it, if known.
    pub speaker: Option<Speaker>,
}

impl Document {
    /// Rewrites every offset in the document with `convert` (byte offset in, new offset out).
    /// Used only at the edges, to hand UTF-16 or code-point offsets to callers.
    pub fn map_offsets(&mut self, convert: impl Fn(usize) -> usize) {
        let map = |span: &mut Span| {
            span.start = convert(span.start);
            span.end = convert(span.end);
        };
        self.tokens.iter_mut().for_each(|t| map(&mut t.span));
        self.sentences.iter_mut().for_each(|s| map(&mut s.span));
        self.paragraphs.iter_mut().for_each(|p| map(&mut p.span));
        self.entities.iter_mut().for_each(|e| map(&mut e.span));
        for cluster in &mut self.clusters {
            cluster.mentions.iter_mut().for_each(map);
        }
        for quote in &mut self.quotes {
            map(&mut quote.span);
            quote.content.iter_mut().for_each(map);
            if let Some(cue) = &mut quote.cue {
                map(cue);
            }
            if let Some(speaker) = &mut quote.speaker {
                map(&mut speaker.span);
                speaker.own_mentions.iter_mut().for_each(map);
            }
        }
    }

    /// Every mention of `speaker`, in text order: its cluster's mentions (when it is a
    /// clustered entity) and its own, without a span that overlaps one already listed.
    pub fn speaker_mentions(&self, speaker: &Speaker) -> Vec<Span> {
        let cluster: &[Span] = speaker
            .entity
            .and_then(|index| self.clusters.get(index))
            .map_or(&[], |cluster| &cluster.mentions);
        let mut mentions = cluster.to_vec();
        for &own in &speaker.own_mentions {
            if !mentions.iter().any(|m| m.overlaps(own)) {
                mentions.push(own);
            }
        }
        mentions.sort();
        mentions
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut document = serializer.serialize_struct("Document", 7)?;
        document.serialize_field("text", &self.text)?;
        document.serialize_field("tokens", &self.tokens)?;
        document.serialize_field("sentences", &self.sentences)?;
        document.serialize_field("paragraphs", &self.paragraphs)?;
        document.serialize_field("entities", &self.entities)?;
        document.serialize_field("clusters", &self.clusters)?;
        document.serialize_field("quotes", &QuotesJson(self))?;
        document.end()
    }
}

/// The quotations of a document as JSON, each speaker with all its mentions.
struct QuotesJson<'a>(&'a Document);

impl Serialize for QuotesJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let document = self.0;
        serializer.collect_seq(document.quotes.iter().map(|quote| QuoteJson {
            span: quote.span,
            kind: quote.kind,
            content: &quote.content,
            cue: quote.cue,
            speaker: quote.speaker.as_ref().map(|speaker| SpeakerJson {
                span: speaker.span,
                text: &speaker.text,
                entity: speaker.entity,
                mentions: document.speaker_mentions(speaker),
            }),
        }))
    }
}

/// One quotation as JSON.
#[derive(Serialize)]
struct QuoteJson<'a> {
    #[serde(flatten)]
    span: Span,
    kind: QuoteKind,
    content: &'a [Span],
    cue: Option<Span>,
    speaker: Option<SpeakerJson<'a>>,
}

/// One speaker as JSON.
#[derive(Serialize)]
struct SpeakerJson<'a> {
    #[serde(flatten)]
    span: Span,
    text: &'a str,
    entity: Option<usize>,
    mentions: Vec<Span>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_through_their_string_form() {
        for label in Label::ALL {
            assert_eq!(Label::from_name(label.as_str()), Some(label));
            let json = serde_json::to_string(&label).unwrap();
            assert_eq!(json, format!("\"{}\"", label.as_str()));
        }
    }

    #[test]
    fn spans_serialize_flat() {
        let token = Token {
            span: Span::new(0, 3),
            kind: TokenKind::Word,
        };
        assert_eq!(
            serde_json::to_string(&token).unwrap(),
            r#"{"start":0,"end":3,"kind":"word"}"#
        );
    }
}
