//! The decoder shared by tagging and training: the best BILOU sequence of each sentence by the
//! Viterbi algorithm, over two passes of a document (the second sees the first's tags).
//!
//! Tagging speed comes from one observation: most of a token's score depends on its word
//! alone. With a frozen scorer of exact sums (the shipped model's integer weights), the
//! decoder keeps per word form, across documents, one [`WordEntry`]: its view and the summed
//! weights of the features it contributes as the token, as a neighbour and to transitions.
//! A token then costs one hash lookup in the first pass and none in the second.

use super::features::{
    case_features, document_features, form_hash, mix, neighbour, neighbour_features,
    sentence_views, shape_window_feature, text_features, transition_features, word_features,
    word_view, word_view_with_classes, word_window_features, DocumentCase, DocumentContext,
    HashedKeyMap, Resources, TagHistory, TokenView, TRANSITION_FEATURES,
};
use super::model::{Scorer, MAX_WEIGHT};
use super::tags::{tag_index, Position, Tag, CLOSED_TAGS, CONTINUING_TAGS, NUM_TAGS, OPENING_TAGS};
use super::word_classes::CLASS_LEVELS;

/// Scores of the tags at one position.
type Row = [f32; NUM_TAGS];

/// A [`Row`] of whole numbers, as the word cache sums and keeps them in half the memory:
/// the weights of a scorer with exact sums ([`Scorer::exact_sums`]), at most
/// [`MAX_SUMMED_FEATURES`] of them, whose sums fit an `i16`.
type StoredRow = [i16; NUM_TAGS];

/// The most features a stored row sums: the text features of a token (its own, its
/// neighbours' and its window's; a test checks the bound against the fullest views). Times
/// [`MAX_WEIGHT`] it stays within an `i16`.
const MAX_SUMMED_FEATURES: usize = 256;
const _: () = assert!(MAX_SUMMED_FEATURES * MAX_WEIGHT as usize <= i16::MAX as usize);

/// Scores of every tag after every previous tag at one position: `[previous][tag]`.
type TransitionMatrix = [Row; NUM_TAGS];

/// Number of tags that follow closed tags, and of closed tags ([`OPENING_TAGS`],
/// [`CLOSED_TAGS`]).
const OPENING: usize = OPENING_TAGS.len();

/// The scores of the well-formed transitions into one position, the only ones the search
/// extends (97 of the 289 pairs of tags), laid out so that a step runs over contiguous rows.
#[derive(Clone, Copy)]
struct Transitions {
    /// `[closed previous tag][opening tag]`, in the orders of [`CLOSED_TAGS`] and
    /// [`OPENING_TAGS`].
    to_opening: [[f32; OPENING]; OPENING],
    /// `[continuing tag][B, I of its type]`, in the order of [`CONTINUING_TAGS`].
    to_continuing: [[f32; 2]; CONTINUING_TAGS.len()],
}

/// The two tags a continuing tag (I or L of a type) may follow: B and I of its type.
fn continued_tags(tag: usize) -> [usize; 2] {
    let kind = Tag::from_index(tag).and_then(Tag::kind).unwrap_or(0);
    [
        tag_index(kind, Position::Begin),
        tag_index(kind, Position::Inside),
    ]
}

impl Transitions {
    /// The well-formed transitions of `matrix`.
    fn of_matrix(matrix: &TransitionMatrix) -> Transitions {
        Transitions {
            to_opening: CLOSED_TAGS.map(|p| OPENING_TAGS.map(|t| matrix[p][t])),
            to_continuing: CONTINUING_TAGS.map(|t| continued_tags(t).map(|p| matrix[p][t])),
        }
    }

    /// Adds `row`, the scores of each tag after the tag `previous`, where well-formed.
    fn add_row_after(&mut self, previous: usize, row: &Row) {
        if let Some(p) = CLOSED_TAGS.iter().position(|&tag| tag == previous) {
            for (score, &t) in self.to_opening[p].iter_mut().zip(&OPENING_TAGS) {
                *score += row[t];
            }
        }
        for (scores, &t) in self.to_continuing.iter_mut().zip(&CONTINUING_TAGS) {
            for (score, p) in scores.iter_mut().zip(continued_tags(t)) {
                if p == previous {
                    *score += row[t];
                }
            }
        }
    }

    /// The previous tag on the best path to `tag`, given the best scores at the previous
    /// position: the choice [`viterbi_step`] made, with the same sums, ties going to the
    /// lowest previous tag.
    fn best_previous(&self, previous: &Row, tag: usize) -> usize {
        if let Some(t) = OPENING_TAGS.iter().position(|&opening| opening == tag) {
            let mut best = (f32::NEG_INFINITY, 0);
            for (&p, row) in CLOSED_TAGS.iter().zip(&self.to_opening) {
                let score = previous[p] + row[t];
                if score > best.0 {
                    best = (score, p);
                }
            }
            return best.1;
        }
        let c = CONTINUING_TAGS.iter().position(|&t| t == tag).unwrap_or(0);
        let [b, i] = continued_tags(tag);
        let [from_b, from_i] = self.to_continuing[c];
        if previous[i] + from_i > previous[b] + from_b {
            i
        } else {
            b
        }
    }
}

/// No transition scores.
const NO_TRANSITIONS: Transitions = Transitions {
    to_opening: [[0.0; OPENING]; OPENING],
    to_continuing: [[0.0; 2]; CONTINUING_TAGS.len()],
};

/// Neighbour offsets whose features a [`WordEntry`] sums, in this order.
const NEIGHBOUR_OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// The summed weights of `features`.
fn sum_weights<S: Scorer>(scorer: &S, features: &[u64]) -> Row {
    let mut row = [0f32; NUM_TAGS];
    for &feature in features {
        scorer.add_weights(feature, &mut row);
    }
    row
}

/// The summed weights of `features`, as whole numbers (only for scorers with exact sums).
fn sum_stored<S: Scorer>(scorer: &S, features: &[u64]) -> StoredRow {
    let mut row = [0; NUM_TAGS];
    for &feature in features {
        scorer.add_whole_weights(feature, &mut row);
    }
    row
}

/// Adds the stored `row` to `sum`, tag by tag (a stored row's sums never reach the `i16`
/// limits: see [`MAX_SUMMED_FEATURES`]).
fn add_to_stored(sum: &mut StoredRow, row: &StoredRow) {
    for (sum, &weight) in sum.iter_mut().zip(row) {
        *sum = sum.wrapping_add(weight);
    }
}

/// One step of the Viterbi search: the best score of a sequence ending in each tag at this
/// position, from the best scores at the previous position. Only well-formed BILOU
/// transitions are extended: O, B and U after a closed tag, I and L after B or I of their
/// type. At the last position only tags that close their entity may stand. The previous tag
/// of each best sequence is found again only where the backtrace needs it
/// ([`Transitions::best_previous`]): tracking it for every tag would double the step.
fn viterbi_step(previous: &Row, transitions: &Transitions, local: &Row, last: bool) -> Row {
    let closed = CLOSED_TAGS.map(|p| previous[p]);
    let mut opening = [f32::NEG_INFINITY; OPENING];
    for (base, row) in closed.iter().zip(&transitions.to_opening) {
        for (best, weight) in opening.iter_mut().zip(row) {
            let score = base + weight;
            *best = if score > *best { score } else { *best };
        }
    }
    let mut best = [f32::NEG_INFINITY; NUM_TAGS];
    for (&t, score) in OPENING_TAGS.iter().zip(opening) {
        best[t] = score;
    }
    for (&t, [from_b, from_i]) in CONTINUING_TAGS.iter().zip(transitions.to_continuing) {
        let [b, i] = continued_tags(t).map(|p| previous[p]);
        best[t] = if i + from_i > b + from_b {
            i + from_i
        } else {
            b + from_b
        };
    }
    for (t, (best, &local)) in best.iter_mut().zip(local).enumerate() {
        let open_at_end = last && Tag::from_index(t).is_some_and(|tag| !tag.may_end());
        *best = if open_at_end {
            f32::NEG_INFINITY
        } else {
            *best + local
        };
    }
    best
}

/// What the decoder knows about one word form. The summed weights are filled on first need,
/// and only for a frozen scorer of exact sums.
struct WordEntry {
    /// What every token of the word needs of its view (no document flags, no gazetteer).
    view: ShortView,
    /// The form's full view (characters and word classes), kept only when the decoder
    /// lists every token's features itself (a scorer without exact sums). Otherwise the
    /// rest of the view only serves to sum the word's weights, which the entry keeps, and
    /// is computed again from the token when other sums are needed ([`SentenceViews`]).
    full_view: Option<Box<TokenView>>,
    /// Summed weights of the word's own text features ([`word_features`] and
    /// [`case_features`]) for the first combination of flags and gazetteer matches met:
    /// `(flags, gazetteer, row)`. Most words are met with one only; the sums for the others
    /// are in [`WordCache::more_own`].
    own: Option<(u32, u32, StoredRow)>,
    /// Summed weights of the word's features as a neighbour, for the gazetteer matches it
    /// had when they were summed.
    as_neighbour: Option<NeighbourScores>,
    /// The index of its transition scores in [`WordCache::transitions`].
    transitions: Option<u32>,
    /// The [`WordCache::generation`] in which the word was last met.
    last_used: u32,
    /// How often the word was met, halved at each [`WordCache::trim`] that forgets words.
    uses: u32,
}

/// The part of a [`TokenView`] that the decoder reads for every token (the window,
/// transition, neighbour and document features, the gazetteer and the tag history): all
/// but the form and affixes, which only serve to sum a word's own weights.
#[derive(Clone, Copy)]
struct ShortView {
    lower: u64,
    shape: u64,
    classes: [u64; CLASS_LEVELS],
    flags: u32,
    length: u8,
}

impl ShortView {
    /// The short part of `view`.
    fn of(view: &TokenView) -> ShortView {
        ShortView {
            lower: view.lower,
            shape: view.shape,
            classes: view.classes,
            flags: view.flags,
            length: view.length,
        }
    }

    /// A view with this part only (the form and affixes left empty).
    fn view(&self) -> TokenView {
        TokenView {
            lower: self.lower,
            shape: self.shape,
            classes: self.classes,
            flags: self.flags,
            length: self.length,
            ..TokenView::default()
        }
    }
}

/// The current sentence as the word cache sums its weights: its tokens, their views (short
/// ones for words met before, see [`WordEntry::view`]) and cache entries.
struct SentenceViews<'a> {
    tokens: &'a [&'a str],
    views: &'a [TokenView],
    entries: &'a [u32],
    /// Whether each view is full.
    full: &'a [bool],
}

impl SentenceViews<'_> {
    /// The full view of position `i`, completed from its token if it is short.
    fn full_view(&self, i: usize) -> TokenView {
        let Some(&view) = self.views.get(i) else {
            return TokenView::default();
        };
        if self.full.get(i).copied().unwrap_or(true) {
            return view;
        }
        let token = self.tokens.get(i).copied().unwrap_or_default();
        TokenView {
            flags: view.flags,
            gazetteer: view.gazetteer,
            ..word_view_with_classes(token, view.classes)
        }
    }
}

/// The summed weights of a word's features as the neighbour at each of [`NEIGHBOUR_OFFSETS`].
/// Two places away only the word's lowercase form counts ([`neighbour_features`]), and most
/// words have no weight for it there: those rows are kept once in [`WordCache::far_rows`],
/// shared, and never depend on the gazetteer matches.
struct NeighbourScores {
    /// The gazetteer matches the near rows were summed for.
    gazetteer: u32,
    /// The rows one place before and one place after.
    near: [StoredRow; 2],
    /// The indices in [`WordCache::far_rows`] of the rows two places before and after.
    far: [u32; 2],
}

impl NeighbourScores {
    /// The row at offset number `slot` of [`NEIGHBOUR_OFFSETS`], with the shared far rows
    /// `far_rows`; `None` for the empty row.
    fn row<'a>(&'a self, slot: usize, far_rows: &'a SharedRows) -> Option<&'a StoredRow> {
        match slot {
            0 => far_rows.get(self.far[0]),
            1 => Some(&self.near[0]),
            2 => Some(&self.near[1]),
            _ => far_rows.get(self.far[1]),
        }
    }
}

/// Rows of scores that many words share, each kept once. The empty row, the most common,
/// is not kept: an index past the end stands for it.
#[derive(Default)]
struct SharedRows {
    rows: Vec<StoredRow>,
    /// Row indices by a hash of the row (a row that collides with another is just kept
    /// again).
    by_hash: HashedKeyMap<u64, u32>,
}

impl SharedRows {
    /// The index of `row`, added if new.
    fn intern(&mut self, row: StoredRow) -> u32 {
        if row == [0; NUM_TAGS] {
            return u32::MAX;
        }
        let hash = row
            .iter()
            .fold(0, |hash, &score| mix(hash, u64::from(score as u16)));
        let next = self.rows.len() as u32;
        let index = *self.by_hash.entry(hash).or_insert(next);
        match self.rows.get(index as usize) {
            Some(kept) if *kept == row => index,
            _ => {
                self.rows.push(row);
                next
            }
        }
    }

    /// The row at `index`; `None` for the empty row.
    fn get(&self, index: u32) -> Option<&StoredRow> {
        self.rows.get(index as usize)
    }
}

/// What the decoder remembers about words, within a document or across the documents tagged
/// with one scorer and one set of resources (valid for those only).
#[derive(Default)]
pub struct WordCache {
    /// Word entries by form hash.
    index: HashedKeyMap<u64, u32>,
    words: Vec<WordEntry>,
    /// Summed own weights of words met with more than one combination of flags and
    /// gazetteer matches, beyond the first ([`WordEntry::own`]), by `(entry, flags,
    /// gazetteer)`.
    more_own: HashedKeyMap<(u32, u32, u32), StoredRow>,
    /// The rows of neighbours two places away ([`NeighbourScores::far`]).
    far_rows: SharedRows,
    /// Transition scores: of each shape (the previous tag alone and with the shape), by
    /// shape; and of the words with transition weights of their own (few are), the shape's
    /// with those added.
    transitions_of_shape: HashedKeyMap<u64, u32>,
    transitions: Vec<Transitions>,
    /// Summed weights of the neighbour features beyond a sentence's ends, per offset.
    boundary: Option<[StoredRow; 4]>,
    /// The weights of the features met that take few values and that every token has, by
    /// feature: the document features ([`document_features`]: a majority tag, alone or with
    /// a shape) and the window's shape trigram ([`shape_window_feature`]).
    common_rows: HashedKeyMap<u64, StoredRow>,
    /// Summed weights of the [`case_features`] met, by shape, flags and length: many words
    /// share them.
    case_rows: HashedKeyMap<(u64, u32, u8), StoredRow>,
    /// Counts the calls of [`WordCache::trim`]: words met since the last one are recent.
    generation: u32,
}

impl WordCache {
    /// Bounds the cache's memory when it serves many documents, or the parts of a long one:
    /// past `limit` words, keeps the words met since the last call (a document's common words
    /// are the next one's too) and the most used ones, up to half the limit (the common words
    /// of the documents before), and forgets the other summed weights (quickly rebuilt).
    pub fn trim(&mut self, limit: usize) {
        let generation = self.generation;
        self.generation = generation.wrapping_add(1);
        if self.words.len() > limit {
            let most_used = limit / 2;
            let mut uses: Vec<u32> = self.words.iter().map(|word| word.uses).collect();
            // The uses of the `most_used`-th most used word: kept are the words used more
            // (an index in bounds: there are more than `limit` words).
            let (_, &mut threshold, _) = uses.select_nth_unstable_by(most_used, |a, b| b.cmp(a));
            let kept: Vec<bool> = self
                .words
                .iter()
                .map(|word| word.last_used == generation || word.uses > threshold)
                .collect();
            self.retain_words(&kept);
            // Older uses count less: a word common long ago gives way to today's.
            for word in &mut self.words {
                word.uses /= 2;
            }
        }
    }

    /// Keeps the words whose entry in `kept` is true, renumbering them; forgets the summed
    /// weights that are not the words' own (quickly rebuilt) and gives the forgotten words'
    /// memory back.
    fn retain_words(&mut self, kept: &[bool]) {
        // The new number of each entry, if kept.
        let mut next = 0u32;
        let renumbered: Vec<Option<u32>> = kept
            .iter()
            .map(|&keep| {
                keep.then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect();
        let mut decisions = kept.iter();
        self.words
            .retain(|_| decisions.next().copied().unwrap_or(false));
        self.index.retain(
            |_, entry| match renumbered.get(*entry as usize).copied().flatten() {
                Some(new) => {
                    *entry = new;
                    true
                }
                None => false,
            },
        );
        let more_own = std::mem::take(&mut self.more_own);
        for ((entry, flags, gazetteer), row) in more_own {
            if let Some(new) = renumbered.get(entry as usize).copied().flatten() {
                self.more_own.insert((new, flags, gazetteer), row);
            }
        }
        // Give the forgotten words' memory back (`retain` keeps the capacity): the later
        // stages of a long document run beside the cache.
        self.words.shrink_to_fit();
        // The far rows of the forgotten words go too.
        let far_rows = std::mem::take(&mut self.far_rows);
        for word in &mut self.words {
            word.transitions = None;
            if let Some(scores) = &mut word.as_neighbour {
                for far in &mut scores.far {
                    let row = far_rows.get(*far).copied().unwrap_or_default();
                    *far = self.far_rows.intern(row);
                }
            }
        }
        self.transitions.clear();
        self.transitions_of_shape.clear();
        self.common_rows.clear();
        self.case_rows.clear();
    }

    /// The entry of `token`'s form, created on first sight, marked as met now: its index,
    /// its view, and whether the view is full (always when `full`, else only on first
    /// sight).
    fn entry_of(
        &mut self,
        token: &str,
        resources: &Resources,
        full: bool,
    ) -> (u32, TokenView, bool) {
        let next = self.words.len() as u32;
        let index = *self.index.entry(form_hash(token)).or_insert(next);
        if let Some(word) = self.words.get_mut(index as usize) {
            word.last_used = self.generation;
            word.uses = word.uses.saturating_add(1);
            if full {
                let view = word
                    .full_view
                    .get_or_insert_with(|| Box::new(word_view(token, resources)));
                return (index, **view, true);
            }
            return (index, word.view.view(), false);
        }
        let view = word_view(token, resources);
        self.words.push(WordEntry {
            view: ShortView::of(&view),
            full_view: full.then(|| Box::new(view)),
            own: None,
            as_neighbour: None,
            transitions: None,
            last_used: self.generation,
            uses: 1,
        });
        (index, view, true)
    }

    /// The summed weights of the text features of position `i` of `sentence`: the word's
    /// own, each neighbour's and the window's. Only for scorers with exact sums, since the
    /// weights are added in another order than [`text_features`] lists them.
    fn text_scores<S: Scorer>(
        &mut self,
        scorer: &S,
        sentence: &SentenceViews,
        i: usize,
        scratch: &mut Vec<u64>,
    ) -> StoredRow {
        let (views, entries) = (sentence.views, sentence.entries);
        let (Some(this), Some(&entry)) = (views.get(i), entries.get(i)) else {
            return [0; NUM_TAGS];
        };
        let mut scores = self.own_scores(scorer, this, entry, || sentence.full_view(i), scratch);
        for (slot, &offset) in NEIGHBOUR_OFFSETS.iter().enumerate() {
            let neighbour_view = neighbour(views, i, offset);
            let neighbour_entry = i
                .checked_add_signed(offset)
                .and_then(|j| entries.get(j).copied());
            match (neighbour_view, neighbour_entry) {
                (Some(view), Some(entry)) => {
                    // Most words two places away weigh nothing: nothing to add.
                    if let Some(row) = self.neighbour_scores(scorer, view, entry, slot, scratch) {
                        add_to_stored(&mut scores, row);
                    }
                }
                _ => {
                    if let Some(row) = self.boundary_scores(scorer, scratch).get(slot) {
                        add_to_stored(&mut scores, row);
                    }
                }
            }
        }
        scratch.clear();
        word_window_features(views, i, scratch);
        for &feature in scratch.iter() {
            scorer.add_whole_weights(feature, &mut scores);
        }
        add_to_stored(
            &mut scores,
            self.common_row(scorer, shape_window_feature(views, i)),
        );
        scores
    }

    /// The weights of `feature`, one of the [`WordCache::common_rows`], looked up on first
    /// need. Only for scorers with exact sums.
    fn common_row<S: Scorer>(&mut self, scorer: &S, feature: u64) -> &StoredRow {
        self.common_rows
            .entry(feature)
            .or_insert_with(|| sum_stored(scorer, &[feature]))
    }

    /// The summed weights of the own text features of the token of `view` (entry `entry`).
    fn own_scores<S: Scorer>(
        &mut self,
        scorer: &S,
        view: &TokenView,
        entry: u32,
        full_view: impl FnOnce() -> TokenView,
        scratch: &mut Vec<u64>,
    ) -> StoredRow {
        let Some(word) = self.words.get_mut(entry as usize) else {
            return [0; NUM_TAGS];
        };
        let key = (entry, view.flags, view.gazetteer);
        let first = match &word.own {
            Some((flags, gazetteer, row)) if (*flags, *gazetteer) == (key.1, key.2) => {
                return *row;
            }
            Some(_) => false,
            None => true,
        };
        if let Some(row) = self.more_own.get(&key).filter(|_| !first) {
            return *row;
        }
        scratch.clear();
        word_features(&full_view(), scratch);
        let mut row = sum_stored(scorer, scratch);
        let case = self
            .case_rows
            .entry((view.shape, view.flags, view.length))
            .or_insert_with(|| {
                scratch.clear();
                case_features(view, scratch);
                sum_stored(scorer, scratch)
            });
        add_to_stored(&mut row, case);
        if first {
            word.own = Some((view.flags, view.gazetteer, row));
        } else {
            self.more_own.insert(key, row);
        }
        row
    }

    /// The summed weights of the token of `view` (entry `entry`; a short view serves) as
    /// the neighbour at offset number `slot` of [`NEIGHBOUR_OFFSETS`]; `None` when empty.
    fn neighbour_scores<S: Scorer>(
        &mut self,
        scorer: &S,
        view: &TokenView,
        entry: u32,
        slot: usize,
        scratch: &mut Vec<u64>,
    ) -> Option<&StoredRow> {
        let word = self.words.get_mut(entry as usize)?;
        let mut row_at = |offset: isize| {
            scratch.clear();
            neighbour_features(Some(view), offset, scratch);
            sum_stored(scorer, scratch)
        };
        match &mut word.as_neighbour {
            Some(scores) if scores.gazetteer == view.gazetteer => {}
            // Summed for other gazetteer matches: only the near rows change.
            Some(scores) => {
                scores.gazetteer = view.gazetteer;
                scores.near = [row_at(-1), row_at(1)];
            }
            None => {
                word.as_neighbour = Some(NeighbourScores {
                    gazetteer: view.gazetteer,
                    near: [row_at(-1), row_at(1)],
                    far: [
                        self.far_rows.intern(row_at(-2)),
                        self.far_rows.intern(row_at(2)),
                    ],
                });
            }
        }
        let far_rows = &self.far_rows;
        word.as_neighbour.as_ref()?.row(slot, far_rows)
    }

    /// The summed weights of the neighbour features beyond a sentence's ends, per offset.
    fn boundary_scores<S: Scorer>(
        &mut self,
        scorer: &S,
        scratch: &mut Vec<u64>,
    ) -> &[StoredRow; 4] {
        self.boundary.get_or_insert_with(|| {
            NEIGHBOUR_OFFSETS.map(|offset| {
                scratch.clear();
                neighbour_features(None, offset, scratch);
                sum_stored(scorer, scratch)
            })
        })
    }

    /// The index in [`WordCache::transitions`] of the transition scores of the token of
    /// `view` (entry `entry`), computed on first need. Only for scorers with exact sums.
    fn transitions<S: Scorer>(&mut self, scorer: &S, view: &TokenView, entry: u32) -> u32 {
        let next = self.transitions.len() as u32;
        let Some(word) = self.words.get_mut(entry as usize) else {
            return next;
        };
        if let Some(transitions) = word.transitions {
            return transitions;
        }
        let views = std::slice::from_ref(view);
        let shape = *self.transitions_of_shape.entry(view.shape).or_insert(next);
        if shape == next {
            let mut rows = [[0.0; NUM_TAGS]; NUM_TAGS];
            for (p, row) in rows.iter_mut().enumerate() {
                if let Some(previous) = Tag::from_index(p) {
                    let [tag_feature, shape_feature, _] = transition_features(views, 0, previous);
                    *row = sum_weights(scorer, &[tag_feature, shape_feature]);
                }
            }
            self.transitions.push(Transitions::of_matrix(&rows));
        }
        let mut own: Option<Transitions> = None;
        for (p, previous) in (0..NUM_TAGS).filter_map(|p| Some((p, Tag::from_index(p)?))) {
            let [_, _, word_feature] = transition_features(views, 0, previous);
            let row = sum_weights(scorer, &[word_feature]);
            if row != EMPTY_ROW {
                let of_shape = self.transitions.get(shape as usize).copied();
                own.get_or_insert(of_shape.unwrap_or(NO_TRANSITIONS))
                    .add_row_after(p, &row);
            }
        }
        let index = match own {
            Some(own) => {
                self.transitions.push(own);
                self.transitions.len() as u32 - 1
            }
            None => shape,
        };
        word.transitions = Some(index);
        index
    }
}

/// No scores.
const EMPTY_ROW: Row = [0.0; NUM_TAGS];

/// Where the transition scores of a position of the current sentence are kept.
#[derive(Clone, Copy)]
enum TransitionsAt {
    /// In the word cache's, at this index.
    Cached(u32),
    /// In the decoder's own list for the sentence (scores not cached), at this index.
    Sentence(u32),
}

/// Decoding state carried across a document's sentences and its two passes.
pub struct DocumentDecoder<'r> {
    resources: &'r Resources<'r>,
    /// Number of tokens in the document.
    tokens: usize,
    case: DocumentCase,
    history: TagHistory,
    /// After the first pass: its tags of the whole document, and of each token in order.
    first_pass: Option<(TagHistory, Vec<Tag>)>,
    /// This pass's tags so far, in document order.
    tags_so_far: Vec<Tag>,
    /// The number of the sentence being tagged in this pass (sentences committed so far).
    sentence: usize,
    /// The current sentence's token views, the cache entries of their words, and whether
    /// each view is full (short ones: see [`WordEntry::view`]).
    views: Vec<TokenView>,
    entries: Vec<u32>,
    full_views: Vec<bool>,
    /// The current sentence's features that do not depend on the previous tag, all tokens
    /// in a row; token `i`'s are `features[starts[i]..starts[i + 1]]` (only the document
    /// features when the text features are summed through the cache).
    features: Vec<u64>,
    starts: Vec<usize>,
    /// The current sentence's scores of each tag from the features that ignore the
    /// previous tag.
    local: Vec<Row>,
    /// The Viterbi search's best scores at each position of the current sentence, and where
    /// the transition scores into each position are, for the backtrace.
    best: Vec<Row>,
    transitions_at: Vec<TransitionsAt>,
    /// Transition scores of the current sentence's positions when they are not cached (a
    /// scorer that is learning).
    sentence_transitions: Vec<Transitions>,
    /// The transition matrix being loaded for a position, when not summed through the cache.
    matrix: Box<TransitionMatrix>,
    /// Whether the scorer's weights stay fixed, so that scores may be cached.
    frozen: bool,
    /// Whether frozen with a scorer of exact sums: then text features are summed through
    /// the word cache.
    exact: bool,
    /// With a frozen scorer: the first pass's cache entries, and flags and gazetteer matches
    /// (the rest of a view is its entry's) of every token, and with exact sums its
    /// text-feature scores, reused by the second.
    text_scores: Vec<StoredRow>,
    document_entries: Vec<u32>,
    document_marks: Vec<(u32, u32)>,
    /// Word entries, kept for the document or given by the caller for many documents
    /// ([`DocumentDecoder::use_cache`]).
    cache: WordCache,
    /// Features being summed into a cache entry.
    scratch: Vec<u64>,
}

impl<'r> DocumentDecoder<'r> {
    /// A decoder for the document made of `sentences` (token strings), ready for its first
    /// pass.
    pub fn new<'t, T: AsRef<[&'t str]>>(
        resources: &'r Resources<'r>,
        sentences: &[T],
    ) -> DocumentDecoder<'r> {
        let tokens = sentences.iter().map(|s| s.as_ref().len()).sum();
        DocumentDecoder {
            resources,
            tokens,
            case: DocumentCase::of_document(sentences.iter().map(|s| s.as_ref())),
            history: TagHistory::default(),
            first_pass: None,
            tags_so_far: Vec::with_capacity(tokens),
            sentence: 0,
            views: Vec::new(),
            entries: Vec::new(),
            full_views: Vec::new(),
            features: Vec::new(),
            starts: Vec::new(),
            local: Vec::new(),
            best: Vec::new(),
            transitions_at: Vec::new(),
            sentence_transitions: Vec::new(),
            matrix: Box::new([EMPTY_ROW; NUM_TAGS]),
            frozen: false,
            exact: false,
            text_scores: Vec::new(),
            document_entries: Vec::new(),
            document_marks: Vec::new(),
            cache: WordCache::default(),
            scratch: Vec::new(),
        }
    }

    /// Declares that the weights of `scorer`, the one this document is tagged with, will not
    /// change while it is (as when tagging, unlike training), and that the second pass tags
    /// the same sentences, so that views and scores may be cached and reused.
    pub fn freeze<S: Scorer>(&mut self, scorer: &S) {
        self.frozen = true;
        self.exact = scorer.exact_sums();
        // Filled for every token in the first pass: sized once rather than grown.
        if self.exact {
            self.text_scores.reserve_exact(self.tokens);
        }
        self.document_entries.reserve_exact(self.tokens);
        self.document_marks.reserve_exact(self.tokens);
    }

    /// Gives the decoder the word entries cached while tagging earlier documents with the
    /// same scorer and resources; take them back with [`DocumentDecoder::take_cache`].
    pub fn use_cache(&mut self, cache: WordCache) {
        self.cache = cache;
    }

    /// The word entries cached so far, for the next document tagged with the same scorer.
    pub fn take_cache(&mut self) -> WordCache {
        std::mem::take(&mut self.cache)
    }

    /// Ends the first pass: the tags given so far become the document context of the
    /// second, which tags the sentences again from the start.
    pub fn start_second_pass(&mut self) {
        let history = std::mem::take(&mut self.history);
        let tags = std::mem::take(&mut self.tags_so_far);
        self.first_pass = Some((history, tags));
        self.sentence = 0;
    }

    /// Tags the next sentence of the document: the best BILOU sequence by the Viterbi
    /// algorithm over first-order transitions (an exact search), given the tags of earlier
    /// sentences. `tags` receives one tag per token. Call [`DocumentDecoder::commit`]
    /// afterwards with the tags to remember (the ones found, or in training possibly others).
    pub fn tag_sentence<S: Scorer>(&mut self, scorer: &S, tokens: &[&str], tags: &mut Vec<Tag>) {
        tags.clear();
        let exact = self.exact;
        self.load_views(tokens, !exact);
        self.score_locally(scorer, tokens);
        let n = self.views.len();
        self.best.clear();
        self.transitions_at.clear();
        self.sentence_transitions.clear();
        // Before the sentence: O, with nothing scored yet.
        let mut previous = [f32::NEG_INFINITY; NUM_TAGS];
        previous[usize::from(Tag::OUTSIDE.index())] = 0.0;
        for i in 0..n {
            let at = match (exact, self.views.get(i), self.entries.get(i)) {
                (true, Some(view), Some(&entry)) => {
                    TransitionsAt::Cached(self.cache.transitions(scorer, view, entry))
                }
                _ => {
                    self.load_matrix(scorer, i, &previous);
                    let transitions = Transitions::of_matrix(&self.matrix);
                    self.sentence_transitions.push(transitions);
                    TransitionsAt::Sentence(self.sentence_transitions.len() as u32 - 1)
                }
            };
            let local = self.local.get(i).copied().unwrap_or_default();
            previous = viterbi_step(&previous, self.transitions(at), &local, i + 1 == n);
            self.best.push(previous);
            self.transitions_at.push(at);
        }
        if n == 0 {
            return;
        }
        let mut tag = (0..NUM_TAGS)
            .max_by(|&a, &b| previous[a].total_cmp(&previous[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        tags.resize(n, Tag::OUTSIDE);
        for i in (0..n).rev() {
            tags[i] = Tag::from_index(tag).unwrap_or(Tag::OUTSIDE);
            if let (Some(before), Some(&at)) = (i.checked_sub(1), self.transitions_at.get(i)) {
                let previous = self.best.get(before).unwrap_or(&EMPTY_ROW);
                tag = self.transitions(at).best_previous(previous, tag);
            }
        }
    }

    /// The transition scores kept at `at`.
    fn transitions(&self, at: TransitionsAt) -> &Transitions {
        let found = match at {
            TransitionsAt::Cached(i) => self.cache.transitions.get(i as usize),
            TransitionsAt::Sentence(i) => self.sentence_transitions.get(i as usize),
        };
        found.unwrap_or(&NO_TRANSITIONS)
    }

    /// Loads the views of the sentence `tokens` and their words' cache entries: looked up in
    /// the first pass, reused from it in the second when frozen. With `full`, every view is
    /// full (the features are listed from them); otherwise the views of words met before are
    /// short ([`WordEntry::view`]).
    fn load_views(&mut self, tokens: &[&str], full: bool) {
        let sentence_start = self.tags_so_far.len();
        let stored = sentence_start..sentence_start + tokens.len();
        self.views.clear();
        self.entries.clear();
        self.full_views.clear();
        if self.first_pass.is_some() && stored.end <= self.document_entries.len() {
            let entries = self
                .document_entries
                .get(stored.clone())
                .unwrap_or_default();
            let marks = self.document_marks.get(stored).unwrap_or_default();
            // With exact sums the second pass reuses the first pass's text scores: short views
            // serve. Otherwise it lists the features again, from the full views the first pass
            // kept in the entries.
            for (&entry, &(flags, gazetteer)) in entries.iter().zip(marks) {
                let word = self.cache.words.get(entry as usize);
                let full_view = word.and_then(|word| word.full_view.as_deref().filter(|_| full));
                let view = match (full_view, word) {
                    (Some(&view), _) => view,
                    (None, Some(word)) => word.view.view(),
                    (None, None) => TokenView::default(),
                };
                self.views.push(TokenView {
                    flags,
                    gazetteer,
                    ..view
                });
                self.entries.push(entry);
                self.full_views.push(full_view.is_some());
            }
            return;
        }
        let (cache, resources) = (&mut self.cache, self.resources);
        let (entries, full_views) = (&mut self.entries, &mut self.full_views);
        let base_view = |token: &str| {
            let (entry, view, is_full) = cache.entry_of(token, resources, full);
            entries.push(entry);
            full_views.push(is_full);
            view
        };
        sentence_views(
            tokens,
            self.sentence,
            &self.case,
            resources.gazetteer,
            base_view,
            &mut self.views,
        );
        if self.frozen && self.first_pass.is_none() {
            self.document_entries.extend_from_slice(&self.entries);
            let marks = self.views.iter().map(|view| (view.flags, view.gazetteer));
            self.document_marks.extend(marks);
        }
    }

    /// Scores each tag at each position of the current sentence from the features that
    /// ignore the previous tag (into `local`), listing those features unless the text
    /// features are summed through the cache.
    fn score_locally<S: Scorer>(&mut self, scorer: &S, tokens: &[&str]) {
        self.features.clear();
        self.starts.clear();
        self.local.clear();
        let sentence_start = self.tags_so_far.len();
        let exact = self.exact;
        for i in 0..self.views.len() {
            self.starts.push(self.features.len());
            let position = sentence_start + i;
            if !exact {
                text_features(&self.views, i, &mut self.features);
            }
            let first_pass = self.first_pass.as_ref().map(|(history, tags)| {
                (history, tags.get(position).copied().unwrap_or(Tag::OUTSIDE))
            });
            let context = DocumentContext {
                history: &self.history,
                first_pass,
            };
            let document_start = self.features.len();
            document_features(&self.views, i, &context, &mut self.features);
            let scores = if exact {
                // The text features score the same in both passes: the second reuses the
                // first's sums.
                let reused = self
                    .text_scores
                    .get(position)
                    .filter(|_| self.first_pass.is_some());
                let mut whole = match reused {
                    Some(&text) => text,
                    None => {
                        let sentence = SentenceViews {
                            tokens,
                            views: &self.views,
                            entries: &self.entries,
                            full: &self.full_views,
                        };
                        let text = self
                            .cache
                            .text_scores(scorer, &sentence, i, &mut self.scratch);
                        if self.first_pass.is_none() {
                            self.text_scores.push(text);
                        }
                        text
                    }
                };
                for &feature in &self.features[document_start..] {
                    add_to_stored(&mut whole, self.cache.common_row(scorer, feature));
                }
                whole.map(f32::from)
            } else {
                sum_weights(scorer, &self.features[self.starts[i]..])
            };
            self.local.push(scores);
        }
        self.starts.push(self.features.len());
    }

    /// Loads the transition matrix of position `i` by looking up its transition features
    /// after each previous tag that some sequence reaches (`previous` is finite).
    fn load_matrix<S: Scorer>(&mut self, scorer: &S, i: usize, previous: &Row) {
        for (p, row) in self.matrix.iter_mut().enumerate() {
            *row = [0.0; NUM_TAGS];
            let Some(tag) = Tag::from_index(p).filter(|_| previous[p] > f32::NEG_INFINITY) else {
                continue;
            };
            for feature in transition_features(&self.views, i, tag) {
                scorer.add_weights(feature, row);
            }
        }
    }

    /// The features of token `i` of the current sentence that ignore the previous tag (only
    /// the document features when the decoder sums text features through its cache, as when
    /// frozen with a scorer of exact sums).
    pub fn token_features(&self, i: usize) -> &[u64] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&start), Some(&end)) => self.features.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The features of token `i` of the current sentence that depend on the previous tag.
    pub fn transition_features(&self, i: usize, previous: Tag) -> [u64; TRANSITION_FEATURES] {
        transition_features(&self.views, i, previous)
    }

    /// Remembers the tags of the current sentence for the rest of the document.
    pub fn commit(&mut self, tags: &[Tag]) {
        for (view, &tag) in self.views.iter().zip(tags) {
            self.history.record(view, tag);
            self.tags_so_far.push(tag);
        }
        self.sentence += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::gazetteer::Gazetteer;
    use crate::entities::word_classes::WordClasses;

    /// Pseudo-random weights from the feature hash: a scorer with no structure to exploit.
    struct RandomScorer;

    fn random_weight(feature: u64, tag: usize) -> f32 {
        let h = crate::entities::features::mix(feature, tag as u64 + 1);
        (h >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    }

    impl Scorer for RandomScorer {
        fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
            for (tag, score) in scores.iter_mut().enumerate() {
                *score += random_weight(feature, tag);
            }
        }
    }

    #[test]
    fn a_token_sums_no_more_features_than_a_stored_row_holds() {
        // The fullest view: every affix, class, gazetteer match and flag.
        let full = TokenView {
            form: 1,
            lower: 2,
            shape: 3,
            affixes: [4; 8],
            classes: [5; CLASS_LEVELS],
            gazetteer: u32::MAX,
            flags: u32::MAX,
            length: 15,
        };
        let views = [full; 5];
        let mut features = Vec::new();
        word_features(&full, &mut features);
        case_features(&full, &mut features);
        for offset in NEIGHBOUR_OFFSETS {
            neighbour_features(Some(&full), offset, &mut features);
        }
        crate::entities::features::window_features(&views, 2, &mut features);
        // document_features: a majority tag and a majority tag with the shape, for this
        // pass's earlier sentences and for the first pass.
        let document = 4;
        assert!(
            features.len() + document <= MAX_SUMMED_FEATURES,
            "{} text features",
            features.len()
        );
    }

    #[test]
    fn a_row_added_after_a_tag_lands_where_the_matrix_has_it() {
        let weight = |p: usize, t: usize| (p * NUM_TAGS + t) as f32;
        let matrix: TransitionMatrix =
            std::array::from_fn(|p| std::array::from_fn(|t| weight(p, t)));
        for previous in 0..NUM_TAGS {
            let row: Row = std::array::from_fn(|t| 1000.0 * (t + 1) as f32);
            let mut added = matrix;
            for (score, weight) in added[previous].iter_mut().zip(row) {
                *score += weight;
            }
            let mut transitions = Transitions::of_matrix(&matrix);
            transitions.add_row_after(previous, &row);
            let expected = Transitions::of_matrix(&added);
            assert_eq!(
                transitions.to_opening, expected.to_opening,
                "after {previous}"
            );
            assert_eq!(
                transitions.to_continuing, expected.to_continuing,
                "after {previous}"
            );
        }
    }

    #[test]
    fn short_views_are_completed_from_their_tokens() {
        let gazetteer = Gazetteer::shipped();
        let classes = WordClasses::shipped();
        let resources = Resources {
            gazetteer: &gazetteer,
            classes: &classes,
        };
        // Tokens of every kind of view: capitalised, digits, periods, accents, one letter.
        for token in ["Kirby", "1996", "U.S.", "Émile", "x", "said"] {
            let full = word_view(token, &resources);
            // In a sentence: document flags and gazetteer matches added to the short view.
            let in_sentence = |view: TokenView| TokenView {
                flags: view.flags | crate::entities::features::flag::SENTENCE_START,
                gazetteer: 0b101,
                ..view
            };
            let views = [in_sentence(ShortView::of(&full).view())];
            let sentence = SentenceViews {
                tokens: &[token],
                views: &views,
                entries: &[0],
                full: &[false],
            };
            let completed = sentence.full_view(0);
            assert_eq!(
                format!("{completed:?}"),
                format!("{:?}", in_sentence(full)),
                "{token}"
            );
        }
    }

    #[test]
    fn shared_rows_are_kept_once() {
        let row = |k: i16| -> StoredRow { std::array::from_fn(|t| k * t as i16) };
        let mut shared = SharedRows::default();
        // (row, index it gets)
        let cases = [
            (row(1), 0),
            (row(2), 1),
            (row(1), 0),
            // The empty row is not kept: its index is past the end.
            (row(0), u32::MAX),
            (row(2), 1),
            (row(-1), 2),
        ];
        for (row, index) in cases {
            assert_eq!(shared.intern(row), index, "{row:?}");
            assert_eq!(shared.get(index).copied().unwrap_or_default(), row);
        }
        assert_eq!(shared.rows.len(), 3);
    }

    #[test]
    fn viterbi_finds_the_best_well_formed_sequence() {
        let gazetteer = Gazetteer::from_lists(&[]);
        let classes = WordClasses::parse("");
        let resources = Resources {
            gazetteer: &gazetteer,
            classes: &classes,
        };
        let sentence = ["Kirby", "said", "Doha"];
        let mut decoder = DocumentDecoder::new(&resources, &[sentence]);
        let mut tags = Vec::new();
        decoder.tag_sentence(&RandomScorer, &sentence, &mut tags);
        // Brute force over every sequence of three tags.
        let score_of = |sequence: &[Tag]| -> Option<f32> {
            let mut total = 0.0;
            let mut previous = Tag::OUTSIDE;
            for (i, &tag) in sequence.iter().enumerate() {
                if !tag.may_follow(previous) {
                    return None;
                }
                let features = decoder.token_features(i).iter().copied();
                let transitions = decoder.transition_features(i, previous);
                for feature in features.chain(transitions) {
                    total += random_weight(feature, usize::from(tag.index()));
                }
                previous = tag;
            }
            previous.may_end().then_some(total)
        };
        let mut best = (f32::NEG_INFINITY, Vec::new());
        for code in 0..NUM_TAGS.pow(3) {
            let sequence: Vec<Tag> = (0..3)
                .filter_map(|k| Tag::from_index(code / NUM_TAGS.pow(k) % NUM_TAGS))
                .collect();
            if let Some(score) = score_of(&sequence) {
                if score > best.0 {
                    best = (score, sequence);
                }
            }
        }
        let found = score_of(&tags).expect("a well-formed sequence");
        assert!((found - best.0).abs() < 1e-3, "{tags:?} vs {:?}", best.1);
    }
}
