//! Features: how the name tagger sees a token in its sentence and document.
//!
//! Every feature is a 64-bit hash of a template number and the values it combines, so that no
//! string is built per feature. A token is first summarised as a [`TokenView`] (hashes of its
//! form, lowercase form, shape and affixes, its word classes, gazetteer matches and flags); the
//! features of a position combine the views of a window of tokens (Ratinov and Roth 2009,
//! "Design challenges and misconceptions in named entity recognition": the same feature set,
//! minus part-of-speech tags, which newsmark's input does not have).

use super::gazetteer::Gazetteer;
use super::tags::{Tag, NUM_TYPES};
use super::word_classes::{WordClasses, CLASS_LEVELS};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a offset basis: the hash of no bytes.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Feeds `bytes` into an FNV-1a hash state.
fn fnv(mut state: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        state ^= u64::from(byte);
        state = state.wrapping_mul(FNV_PRIME);
    }
    state
}

/// Feeds one char into an FNV-1a hash state.
fn fnv_char(state: u64, ch: char) -> u64 {
    if ch.is_ascii() {
        // One byte: what `encode_utf8` below gives, without the buffer.
        return (state ^ u64::from(ch as u8)).wrapping_mul(FNV_PRIME);
    }
    let mut buffer = [0u8; 4];
    fnv(state, ch.encode_utf8(&mut buffer).as_bytes())
}

/// Feeds the lowercase form of one char, digits normalised, into an FNV-1a hash state.
fn fnv_lowercase(state: u64, ch: char) -> u64 {
    if ch.is_ascii() {
        return fnv_char(state, normalize_digit(ch.to_ascii_lowercase()));
    }
    ch.to_lowercase()
        .fold(state, |h, c| fnv_char(h, normalize_digit(c)))
}

/// Combines two hashes (the FxHash step: rotate, xor, multiply by an odd constant).
pub fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(5) ^ b).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A hasher for keys that are already well-spread hashes (feature, word and phrase hashes):
/// it passes them through after one multiplication, much cheaper than the default SipHash.
/// Input cannot choose these keys freely enough to matter: they are FNV hashes of tokens
/// mixed with constants, and a collision only costs time.
#[derive(Default, Clone, Copy)]
pub struct HashedKeyHasher(u64);

impl Hasher for HashedKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(self.0 ^ FNV_OFFSET, bytes);
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0 ^ value).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u32(&mut self, value: u32) {
        self.write_u64(u64::from(value));
    }
}

/// A hash map keyed by hashes, with [`HashedKeyHasher`].
pub type HashedKeyMap<K, V> = HashMap<K, V, BuildHasherDefault<HashedKeyHasher>>;

/// The key of a feature: a template number and up to two values.
fn key(template: u64, a: u64, b: u64) -> u64 {
    let hash = mix(mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15), a), b);
    // Final avalanche (from SplitMix64) so that the low bits used by tables are well spread.
    let hash = (hash ^ (hash >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash ^ (hash >> 29)
}

/// Digits are all the same to the tagger ("1996" and "2021" share features): the usual
/// normalisation of NER systems since the CoNLL-2003 shared task.
fn normalize_digit(ch: char) -> char {
    if ch.is_ascii_digit() {
        '0'
    } else {
        ch
    }
}

/// The hash of a token's lowercase form with digits normalised; used for gazetteers, word
/// classes and the document's memory of earlier tags.
pub fn lowercase_hash(token: &str) -> u64 {
    if token.is_ascii() {
        // Same hash as below, one byte at a time (ASCII lowercases to one ASCII byte).
        return token.bytes().fold(FNV_OFFSET, |h, b| {
            let b = if b.is_ascii_digit() {
                b'0'
            } else {
                b.to_ascii_lowercase()
            };
            (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
        });
    }
    token.chars().fold(FNV_OFFSET, fnv_lowercase)
}

/// The hash of a token's form as written, digits normalised.
pub fn form_hash(token: &str) -> u64 {
    if token.is_ascii() {
        // Same hash as below, one byte at a time.
        return token.bytes().fold(FNV_OFFSET, |h, b| {
            let b = if b.is_ascii_digit() { b'0' } else { b };
            (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
        });
    }
    token
        .chars()
        .fold(FNV_OFFSET, |h, c| fnv_char(h, normalize_digit(c)))
}

/// The hash of a token's form with the first letter uppercase and the rest lowercase
/// ("BRUSSELS" -> "Brussels"): how an all-caps headline word is looked up in word classes.
pub fn title_case_hash(token: &str) -> u64 {
    let mut state = FNV_OFFSET;
    for (i, ch) in token.chars().enumerate() {
        if i == 0 {
            state = ch
                .to_uppercase()
                .fold(state, |h, c| fnv_char(h, normalize_digit(c)));
        } else {
            state = fnv_lowercase(state, ch);
        }
    }
    state
}

/// Token flags: facts about a token's characters and its use in the document.
pub mod flag {
    /// The first character is uppercase.
    pub const INITIAL_CAP: u32 = 1;
    /// Every letter is uppercase (and there is one).
    pub const ALL_CAPS: u32 = 1 << 1;
    /// Every letter is lowercase (and there is one).
    pub const ALL_LOWER: u32 = 1 << 2;
    /// Contains a digit.
    pub const HAS_DIGIT: u32 = 1 << 3;
    /// The first token of its sentence.
    pub const SENTENCE_START: u32 = 1 << 4;
    /// Its sentence is a headline in capitals (most of its letters are uppercase).
    pub const CAPS_SENTENCE: u32 = 1 << 5;
    /// The same word appears elsewhere in the document capitalised inside an ordinary
    /// sentence (not first, not in a caps line): evidence that it is a name.
    pub const CAPITALISED_ELSEWHERE: u32 = 1 << 6;
    /// The same word appears elsewhere in the document in lowercase: evidence that it is not.
    pub const LOWERCASE_ELSEWHERE: u32 = 1 << 7;
    /// A single letter followed by a period: an initial ("F.").
    pub const INITIAL: u32 = 1 << 8;
    /// Contains a hyphen.
    pub const HAS_HYPHEN: u32 = 1 << 9;
    /// Contains a period.
    pub const HAS_PERIOD: u32 = 1 << 10;
    /// Starts with a letter and has no letters after the first uppercase (mixed case inside:
    /// "McDonald", "iPhone").
    pub const INNER_CAP: u32 = 1 << 11;
    /// Every flag, for iteration.
    pub const COUNT: u32 = 12;
}

/// One token as the tagger sees it.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenView {
    /// The form as written, digits normalised.
    pub form: u64,
    /// The lowercase form.
    pub lower: u64,
    /// The word shape, runs collapsed ("Xx", "X.X.", "d,d").
    pub shape: u64,
    /// Lowercase prefixes of 1 to 4 characters, then suffixes of 1 to 4 (0 when too short).
    pub affixes: [u64; 8],
    /// Word classes from coarse to fine, then the frequency band (0 when unknown).
    pub classes: [u64; CLASS_LEVELS],
    /// Gazetteer matches: bit `list * 4 + position` (position B, I, L, U of the match).
    pub gazetteer: u32,
    /// The [`flag`]s.
    pub flags: u32,
    /// Length in characters, capped at 15.
    pub length: u8,
}

/// Computes the character-level part of a token's view (everything except classes,
/// gazetteer matches and the document flags).
fn view_of_token(token: &str) -> TokenView {
    let mut view = TokenView::default();
    let mut form = FNV_OFFSET;
    let mut lower = FNV_OFFSET;
    let mut shape = FNV_OFFSET;
    let mut last_shape_char = '\0';
    // The last four characters, character `k` at `k % 4`.
    let mut recent: [char; 4] = ['\0'; 4];
    let mut count = 0usize;
    let (mut letters, mut uppers, mut lowers) = (0usize, 0usize, 0usize);
    let mut flags = 0u32;
    for ch in token.chars() {
        form = fnv_char(form, normalize_digit(ch));
        lower = fnv_lowercase(lower, ch);
        let shape_char = if ch.is_uppercase() {
            'X'
        } else if ch.is_lowercase() {
            'x'
        } else if ch.is_numeric() {
            'd'
        } else if ch.is_alphabetic() {
            'a'
        } else {
            ch
        };
        // Collapsed shape: runs of one class count once ("Washington" -> "Xx").
        if shape_char != last_shape_char {
            shape = fnv_char(shape, shape_char);
            last_shape_char = shape_char;
        }
        if ch.is_alphabetic() {
            letters += 1;
            if ch.is_uppercase() {
                uppers += 1;
                if count > 0 && lowers > 0 {
                    flags |= flag::INNER_CAP;
                }
            } else if ch.is_lowercase() {
                lowers += 1;
            }
        }
        match ch {
            '-' => flags |= flag::HAS_HYPHEN,
            '.' => flags |= flag::HAS_PERIOD,
            c if c.is_ascii_digit() => flags |= flag::HAS_DIGIT,
            _ => {}
        }
        if count < 4 {
            // Prefix of count + 1 characters: the lowercase stream so far.
            view.affixes[count] = lower;
        }
        recent[count % 4] = ch;
        count += 1;
        if count == 1 && ch.is_uppercase() {
            flags |= flag::INITIAL_CAP;
        }
    }
    for k in 1..=4usize.min(count) {
        // Suffix of k characters, lowercase.
        view.affixes[3 + k] = (count - k..count)
            .map(|j| recent[j % 4])
            .fold(FNV_OFFSET ^ 0x5f, fnv_lowercase);
    }
    if letters > 0 && uppers == letters {
        flags |= flag::ALL_CAPS;
    }
    if letters > 0 && lowers == letters {
        flags |= flag::ALL_LOWER;
    }
    if count == 2 && recent[1] == '.' && recent[0].is_alphabetic() {
        flags |= flag::INITIAL;
    }
    view.form = form;
    view.lower = lower;
    view.shape = shape;
    view.flags = flags;
    view.length = count.min(15) as u8;
    view
}

/// The static resources features look things up in.
pub struct Resources<'a> {
    /// Name lists.
    pub gazetteer: &'a Gazetteer,
    /// Word classes induced from unlabeled text.
    pub classes: &'a WordClasses,
}

/// What the document says about how each word (by lowercase hash) is written.
#[derive(Default)]
pub struct DocumentCase {
    /// Lowercase hash -> bit 0: seen capitalised inside an ordinary sentence; bit 1: seen
    /// in lowercase.
    seen: HashedKeyMap<u64, u8>,
    /// Whether each sentence, in order, is a line in capitals ([`is_caps_sentence`]).
    caps_lines: Vec<bool>,
}

impl DocumentCase {
    /// Learns the case facts of a document from its sentences.
    pub fn of_document<'t, S, T>(sentences: S) -> DocumentCase
    where
        S: IntoIterator<Item = T>,
        T: AsRef<[&'t str]>,
    {
        let mut seen: HashedKeyMap<u64, u8> = HashedKeyMap::default();
        let mut caps_lines = Vec::new();
        for sentence in sentences {
            let tokens = sentence.as_ref();
            let caps_line = is_caps_sentence(tokens);
            caps_lines.push(caps_line);
            if caps_line {
                continue;
            }
            for (i, token) in tokens.iter().enumerate() {
                let mut chars = token.chars();
                let Some(first) = chars.next() else { continue };
                let bit = if first.is_uppercase() && i > 0 {
                    1
                } else if first.is_lowercase() {
                    2
                } else {
                    continue;
                };
                *seen.entry(lowercase_hash(token)).or_insert(0) |= bit;
            }
        }
        DocumentCase { seen, caps_lines }
    }

    fn flags_of(&self, lower: u64) -> u32 {
        let bits = self.seen.get(&lower).copied().unwrap_or(0);
        let mut flags = 0;
        if bits & 1 != 0 {
            flags |= flag::CAPITALISED_ELSEWHERE;
        }
        if bits & 2 != 0 {
            flags |= flag::LOWERCASE_ELSEWHERE;
        }
        flags
    }
}

/// Whether most letters of the sentence are uppercase: a headline or a table in capitals.
fn is_caps_sentence(tokens: &[&str]) -> bool {
    let (mut letters, mut uppers) = (0usize, 0usize);
    for ch in tokens.iter().flat_map(|t| t.chars()) {
        if ch.is_alphabetic() {
            letters += 1;
            if ch.is_uppercase() {
                uppers += 1;
            }
        }
    }
    letters >= 4 && uppers * 10 >= letters * 8
}

/// The view of a word out of context: its characters and word classes (no document flags,
/// no gazetteer matches). A function of the form hash, since digits are normalised in the
/// form and in everything computed from it.
pub fn word_view(token: &str, resources: &Resources) -> TokenView {
    let mut view = view_of_token(token);
    view.classes = resources.classes.classes_of(token, view.form, view.lower);
    view
}

/// The view of a word out of context whose word classes are known: [`word_view`] without
/// looking them up again.
pub fn word_view_with_classes(token: &str, classes: [u64; CLASS_LEVELS]) -> TokenView {
    TokenView {
        classes,
        ..view_of_token(token)
    }
}

/// Computes the views of the tokens of sentence number `sentence` of the document into `out`
/// (cleared first), from each word's view out of context (`base_view`, [`word_view`] or a
/// cached copy of it), the document's case facts and the gazetteer's matches.
pub fn sentence_views(
    tokens: &[&str],
    sentence: usize,
    case: &DocumentCase,
    gazetteer: &Gazetteer,
    mut base_view: impl FnMut(&str) -> TokenView,
    out: &mut Vec<TokenView>,
) {
    out.clear();
    // Learnt with the case facts; a sentence the document did not list is looked at now.
    let caps_sentence = case
        .caps_lines
        .get(sentence)
        .copied()
        .unwrap_or_else(|| is_caps_sentence(tokens));
    for (i, token) in tokens.iter().enumerate() {
        let mut view = base_view(token);
        view.flags |= case.flags_of(view.lower);
        if i == 0 {
            view.flags |= flag::SENTENCE_START;
        }
        if caps_sentence {
            view.flags |= flag::CAPS_SENTENCE;
        }
        out.push(view);
    }
    gazetteer.mark_matches(out);
}

/// Feature template numbers. Each names what the feature combines.
mod template {
    pub const BIAS: u64 = 1;
    pub const FORM: u64 = 2;
    pub const LOWER_AT: u64 = 3; // + offset, 5 templates
    pub const SHAPE_AT: u64 = 10; // + offset, 5 templates
    pub const AFFIX: u64 = 20; // + index, 8 templates
    pub const LOWER_BIGRAM_LEFT: u64 = 30;
    pub const LOWER_BIGRAM_RIGHT: u64 = 31;
    pub const SHAPE_TRIGRAM: u64 = 32;
    pub const CLASS_AT: u64 = 40; // + offset * CLASS_LEVELS + level
    pub const GAZETTEER_AT: u64 = 70; // + offset
    pub const FLAG: u64 = 80;
    pub const FLAG_SHAPE: u64 = 81;
    pub const FLAG_PAIR: u64 = 82;
    pub const LENGTH: u64 = 83;
    pub const FORM_FLAGS: u64 = 84;
    pub const PREV_TAG: u64 = 90;
    pub const PREV_TAG_LOWER: u64 = 92;
    pub const PREV_TAG_SHAPE: u64 = 93;
    pub const HISTORY: u64 = 100;
    pub const HISTORY_SHAPE: u64 = 101;
    pub const HISTORY_NONE: u64 = 102;
    pub const DOCUMENT: u64 = 103;
    pub const DOCUMENT_SHAPE: u64 = 104;
    pub const DOCUMENT_NONE: u64 = 105;
}

/// The value of a neighbour beyond the sentence's ends, in place of its lowercase form and
/// shape.
const BOUNDARY: u64 = 0x0b0d_a4e7;

/// The features of position `i` that depend only on the text, appended to `out`. They are
/// the union of [`word_features`] and [`case_features`] of the token, [`neighbour_features`]
/// of each neighbour and [`window_features`]; this order is the one the model was trained
/// with.
pub fn text_features(views: &[TokenView], i: usize, out: &mut Vec<u64>) {
    let Some(this) = views.get(i) else { return };
    push_identity(this, out);
    for offset in -2isize..=2 {
        let view = neighbour(views, i, offset);
        out.push(lower_at(view, offset));
        if offset.abs() <= 1 {
            out.push(shape_at(view, offset));
        }
    }
    push_affixes(this, out);
    window_features(views, i, out);
    for offset in -1isize..=1 {
        if let Some(view) = neighbour(views, i, offset) {
            push_classes_at(view, offset, out);
        }
    }
    for offset in -1isize..=1 {
        if let Some(view) = neighbour(views, i, offset) {
            push_gazetteer_at(view, offset, out);
        }
    }
    push_case(this, out);
}

/// The text features of a token that depend on it alone are [`word_features`] and
/// [`case_features`]. These are the first: its form, affixes, classes and gazetteer matches,
/// appended to `out`; the same for every occurrence of a word with the same flags and matches.
pub fn word_features(this: &TokenView, out: &mut Vec<u64>) {
    out.push(key(template::FORM, this.form, 0));
    out.push(form_flags(this));
    out.push(lower_at(Some(this), 0));
    push_affixes(this, out);
    push_classes_at(this, 0, out);
    push_gazetteer_at(this, 0, out);
}

/// The text features of a token that depend only on its shape, flags and length (the bias,
/// its shape, its case and its length), appended to `out`: many words share them.
pub fn case_features(this: &TokenView, out: &mut Vec<u64>) {
    out.push(key(template::BIAS, 0, 0));
    out.push(shape_at(Some(this), 0));
    push_case(this, out);
}

/// The text features of the token at `offset` (-2, -1, 1 or 2) from a position (`None`
/// beyond the sentence), appended to `out`.
pub fn neighbour_features(view: Option<&TokenView>, offset: isize, out: &mut Vec<u64>) {
    out.push(lower_at(view, offset));
    if offset.abs() <= 1 {
        out.push(shape_at(view, offset));
        if let Some(view) = view {
            push_classes_at(view, offset, out);
            push_gazetteer_at(view, offset, out);
        }
    }
}

/// The text features of position `i` that combine it with its neighbours (word bigrams, a
/// shape trigram), appended to `out`.
pub fn window_features(views: &[TokenView], i: usize, out: &mut Vec<u64>) {
    word_window_features(views, i, out);
    if i < views.len() {
        out.push(shape_window_feature(views, i));
    }
}

/// The word bigrams of [`window_features`]: the lowercase forms of position `i` and its left
/// neighbour, and of `i` and its right neighbour.
pub fn word_window_features(views: &[TokenView], i: usize, out: &mut Vec<u64>) {
    let Some(this) = views.get(i) else { return };
    out.push(key(
        template::LOWER_BIGRAM_LEFT,
        neighbour(views, i, -1).map_or(BOUNDARY, |v| v.lower),
        this.lower,
    ));
    out.push(key(
        template::LOWER_BIGRAM_RIGHT,
        this.lower,
        neighbour(views, i, 1).map_or(BOUNDARY, |v| v.lower),
    ));
}

/// The shape trigram of [`window_features`] at position `i`: the shapes of its left
/// neighbour, itself and its right neighbour. It takes few values (a few hundred in a year of
/// news), unlike the word bigrams.
pub fn shape_window_feature(views: &[TokenView], i: usize) -> u64 {
    let shape = |offset| neighbour(views, i, offset).map_or(BOUNDARY, |v| v.shape);
    key(template::SHAPE_TRIGRAM, mix(shape(-1), shape(0)), shape(1))
}

/// The token `offset` places from position `i`, if inside the sentence.
pub fn neighbour(views: &[TokenView], i: usize, offset: isize) -> Option<&TokenView> {
    i.checked_add_signed(offset).and_then(|j| views.get(j))
}

/// The bias, the form, and the lowercase form with the sentence-position flags.
fn push_identity(this: &TokenView, out: &mut Vec<u64>) {
    out.push(key(template::BIAS, 0, 0));
    out.push(key(template::FORM, this.form, 0));
    out.push(form_flags(this));
}

/// The lowercase form with the sentence-position flags.
fn form_flags(this: &TokenView) -> u64 {
    key(
        template::FORM_FLAGS,
        this.lower,
        u64::from(this.flags & (flag::SENTENCE_START | flag::CAPS_SENTENCE)),
    )
}

/// The lowercase form of the token at `offset` (-2 to 2).
fn lower_at(view: Option<&TokenView>, offset: isize) -> u64 {
    let slot = (offset + 2) as u64;
    key(
        template::LOWER_AT + slot,
        view.map_or(BOUNDARY, |v| v.lower),
        0,
    )
}

/// The shape of the token at `offset` (-1 to 1).
fn shape_at(view: Option<&TokenView>, offset: isize) -> u64 {
    let slot = (offset + 2) as u64;
    key(
        template::SHAPE_AT + slot,
        view.map_or(BOUNDARY, |v| v.shape),
        0,
    )
}

/// The affixes of the token.
fn push_affixes(this: &TokenView, out: &mut Vec<u64>) {
    for (index, &affix) in this.affixes.iter().enumerate() {
        if affix != 0 {
            out.push(key(template::AFFIX + index as u64, affix, 0));
        }
    }
}

/// The word classes of the token at `offset` (-1 to 1).
fn push_classes_at(view: &TokenView, offset: isize, out: &mut Vec<u64>) {
    for (level, &class) in view.classes.iter().enumerate() {
        if class != 0 {
            let slot = (offset + 1) as u64 * CLASS_LEVELS as u64 + level as u64;
            out.push(key(template::CLASS_AT + slot, class, 0));
        }
    }
}

/// The gazetteer matches of the token at `offset` (-1 to 1).
fn push_gazetteer_at(view: &TokenView, offset: isize, out: &mut Vec<u64>) {
    let mut bits = view.gazetteer;
    while bits != 0 {
        let bit = u64::from(bits.trailing_zeros());
        bits &= bits - 1;
        out.push(key(template::GAZETTEER_AT + (offset + 1) as u64, bit, 0));
    }
}

/// The token's flags, alone and with its shape, its case in context, and its length.
fn push_case(this: &TokenView, out: &mut Vec<u64>) {
    for bit in 0..flag::COUNT {
        if this.flags & (1 << bit) != 0 {
            out.push(key(template::FLAG, u64::from(bit), 0));
            out.push(key(template::FLAG_SHAPE, u64::from(bit), this.shape));
        }
    }
    // Capitalisation in context: a capitalised word after a sentence start or in a headline
    // means less than one inside an ordinary sentence.
    let case_bits = this.flags
        & (flag::INITIAL_CAP
            | flag::ALL_CAPS
            | flag::SENTENCE_START
            | flag::CAPS_SENTENCE
            | flag::CAPITALISED_ELSEWHERE
            | flag::LOWERCASE_ELSEWHERE);
    out.push(key(template::FLAG_PAIR, u64::from(case_bits), 0));
    out.push(key(template::LENGTH, u64::from(this.length), 0));
}

/// Per-document memory of the tags given to each word: the "extended prediction history"
/// of Ratinov and Roth (tags given so far in this pass), or the tags of the whole document
/// from the first pass (their "two-stage prediction aggregation"). Either makes a
/// document's mentions of one name consistent.
#[derive(Default)]
pub struct TagHistory {
    /// Lowercase hash -> how often the word was tagged as part of each entity type, and
    /// (last slot) how often it was left outside while capitalised inside a sentence.
    counts: HashedKeyMap<u64, [u16; NUM_TYPES + 1]>,
}

/// The slot of a tag in [`TagHistory`] counts, if it is counted: an O counts only for a
/// word capitalised inside an ordinary sentence, where being no name is informative.
fn history_slot(tag: Tag, view: &TokenView) -> Option<usize> {
    match tag.kind() {
        Some(kind) => Some(kind),
        None if view.flags & flag::INITIAL_CAP != 0
            && view.flags & (flag::SENTENCE_START | flag::CAPS_SENTENCE) == 0 =>
        {
            Some(NUM_TYPES)
        }
        None => None,
    }
}

impl TagHistory {
    /// Records that the token of `view` was tagged `tag`.
    pub fn record(&mut self, view: &TokenView, tag: Tag) {
        if let Some(slot) = history_slot(tag, view) {
            let counts = self.counts.entry(view.lower).or_insert([0; NUM_TYPES + 1]);
            counts[slot] = counts[slot].saturating_add(1);
        }
    }

    /// The counts of the word of `view`, less its own tag `own` if given.
    fn counts_of(&self, view: &TokenView, own: Option<Tag>) -> [u16; NUM_TYPES + 1] {
        let mut counts = self.counts.get(&view.lower).copied().unwrap_or_default();
        if let Some(slot) = own.and_then(|tag| history_slot(tag, view)) {
            counts[slot] = counts[slot].saturating_sub(1);
        }
        counts
    }
}

/// Pushes the features of a word's tag counts: the majority (O or a type) and whether it
/// was unanimous, alone and with the token's shape; or that the word was never counted.
fn push_count_features(
    counts: &[u16; NUM_TYPES + 1],
    view: &TokenView,
    templates: (u64, u64, u64),
    out: &mut Vec<u64>,
) {
    let total: u32 = counts.iter().map(|&c| u32::from(c)).sum();
    let (majority, majority_shape, none) = templates;
    if total == 0 {
        if view.flags & flag::INITIAL_CAP != 0 {
            out.push(key(none, 0, 0));
        }
        return;
    }
    let best = (0..=NUM_TYPES)
        .max_by_key(|&k| (counts[k], NUM_TYPES - k))
        .unwrap_or(NUM_TYPES);
    let unanimous = u32::from(counts[best]) == total;
    out.push(key(majority, best as u64, u64::from(unanimous)));
    out.push(key(majority_shape, best as u64, view.shape));
}

/// The document context of a position's features: tags given in earlier sentences.
pub struct DocumentContext<'a> {
    /// Tags given so far in this pass (earlier sentences).
    pub history: &'a TagHistory,
    /// In the second pass: the first pass's tags of the whole document, and the token's
    /// own first-pass tag (left out of the counts).
    pub first_pass: Option<(&'a TagHistory, Tag)>,
}

/// The features of position `i` that depend on the document's tags of this word (earlier
/// in this pass, and everywhere in the first pass); appended to `out`.
pub fn document_features(
    views: &[TokenView],
    i: usize,
    context: &DocumentContext,
    out: &mut Vec<u64>,
) {
    let Some(this) = views.get(i) else { return };
    push_count_features(
        &context.history.counts_of(this, None),
        this,
        (
            template::HISTORY,
            template::HISTORY_SHAPE,
            template::HISTORY_NONE,
        ),
        out,
    );
    if let Some((first_pass, own)) = context.first_pass {
        push_count_features(
            &first_pass.counts_of(this, Some(own)),
            this,
            (
                template::DOCUMENT,
                template::DOCUMENT_SHAPE,
                template::DOCUMENT_NONE,
            ),
            out,
        );
    }
}

/// Number of features that depend on the previous tag.
pub const TRANSITION_FEATURES: usize = 3;

/// The features of position `i` that depend on the previous tag: the tag alone (a
/// transition weight), with this word's shape, and with this word.
pub fn transition_features(
    views: &[TokenView],
    i: usize,
    previous: Tag,
) -> [u64; TRANSITION_FEATURES] {
    let (lower, shape) = views.get(i).map_or((0, 0), |v| (v.lower, v.shape));
    let previous = u64::from(previous.index());
    [
        key(template::PREV_TAG, previous, 0),
        key(template::PREV_TAG_SHAPE, previous, shape),
        key(template::PREV_TAG_LOWER, previous, lower),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_describe_characters() {
        // (token, flags that must be set, flags that must not be set)
        const CASES: &[(&str, u32, u32)] = &[
            ("Kirby", flag::INITIAL_CAP, flag::ALL_CAPS | flag::ALL_LOWER),
            ("NATO", flag::INITIAL_CAP | flag::ALL_CAPS, flag::ALL_LOWER),
            ("safe", flag::ALL_LOWER, flag::INITIAL_CAP),
            ("F.", flag::INITIAL | flag::HAS_PERIOD, 0),
            (
                "1996-08-22",
                flag::HAS_DIGIT | flag::HAS_HYPHEN,
                flag::ALL_LOWER,
            ),
            ("McDonald", flag::INNER_CAP, flag::ALL_CAPS),
            ("", 0, flag::INITIAL_CAP),
        ];
        for &(token, set, unset) in CASES {
            let view = view_of_token(token);
            assert_eq!(view.flags & set, set, "{token}: missing flags");
            assert_eq!(view.flags & unset, 0, "{token}: unexpected flags");
        }
    }

    #[test]
    fn normalised_forms_share_hashes() {
        // (a, b, same lowercase hash)
        const CASES: &[(&str, &str, bool)] = &[
            ("BRUSSELS", "Brussels", true),
            ("1996", "2021", true),
            ("Kirby", "Kerby", false),
        ];
        for &(a, b, same) in CASES {
            assert_eq!(lowercase_hash(a) == lowercase_hash(b), same, "{a} vs {b}");
        }
        assert_eq!(title_case_hash("BRUSSELS"), form_hash("Brussels"));
        // The ASCII fast paths hash like the general ones.
        let general = |t: &str| {
            t.chars()
                .fold(FNV_OFFSET, |h, c| fnv_char(h, normalize_digit(c)))
        };
        for token in ["Kirby", "U.S.", "1996-08-22", "A1b2"] {
            assert_eq!(
                lowercase_hash(token),
                general(&token.to_lowercase()),
                "{token}"
            );
            assert_eq!(form_hash(token), general(token), "{token}");
            assert_eq!(view_of_token(token).form, form_hash(token), "{token}");
        }
        assert_eq!(view_of_token("Brussels").lower, lowercase_hash("Brussels"));
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(
            view_of_token("Washington").shape,
            view_of_token("Kirby").shape
        );
        assert_ne!(view_of_token("US").shape, view_of_token("Us").shape);
    }

    #[test]
    fn headlines_in_capitals_are_recognised() {
        assert!(is_caps_sentence(&["SOCCER", "-", "JAPAN", "GET", "LUCKY"]));
        assert!(!is_caps_sentence(&["The", "US", "has", "said"]));
    }
    #[test]
    fn text_features_are_word_neighbour_and_window_features() {
        let sentences: &[&[&str]] = &[
            &[
                "Kirby", "said", "the", "United", "States", "would", "stay", ".",
            ],
            &["NATO"],
            &["SOCCER", "-", "JAPAN", "GET", "LUCKY"],
        ];
        let gazetteer = Gazetteer::shipped();
        let classes = WordClasses::shipped();
        let resources = Resources {
            gazetteer: &gazetteer,
            classes: &classes,
        };
        for &tokens in sentences {
            let case = DocumentCase::of_document([tokens]);
            let mut views = Vec::new();
            sentence_views(
                tokens,
                0,
                &case,
                &gazetteer,
                |token| word_view(token, &resources),
                &mut views,
            );
            for i in 0..views.len() {
                let mut whole = Vec::new();
                text_features(&views, i, &mut whole);
                let mut parts = Vec::new();
                word_features(&views[i], &mut parts);
                case_features(&views[i], &mut parts);
                for offset in [-2, -1, 1, 2] {
                    neighbour_features(neighbour(&views, i, offset), offset, &mut parts);
                }
                window_features(&views, i, &mut parts);
                whole.sort_unstable();
                parts.sort_unstable();
                assert_eq!(whole, parts, "{tokens:?} at {i}");
            }
        }
    }
}
