//! Tags: the name tagger's per-token labels, in the BILOU scheme (Begin, Inside, Last,
//! Unit-length, Outside) over the four CoNLL-2003 entity types.

/// Number of entity types the model learns (PER, LOC, ORG, MISC).
pub const NUM_TYPES: usize = 4;
/// Number of tags: O plus B, I, L, U of each type.
pub const NUM_TAGS: usize = 1 + 4 * NUM_TYPES;

/// The CoNLL-2003 type names, in type order.
pub const TYPE_NAMES: [&str; NUM_TYPES] = ["PER", "LOC", "ORG", "MISC"];

/// Where a token sits in its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// First token of an entity of two or more tokens.
    Begin,
    /// A middle token.
    Inside,
    /// Last token of an entity of two or more tokens.
    Last,
    /// The only token of a one-token entity.
    Unit,
}

/// One tag: 0 is O, then `1 + type * 4 + position`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Tag(u8);

impl Tag {
    /// Outside any entity.
    pub const OUTSIDE: Tag = Tag(0);

    /// The tag of position `position` in an entity of type `kind` (< [`NUM_TYPES`]).
    pub fn new(kind: usize, position: Position) -> Tag {
        let position = match position {
            Position::Begin => 0,
            Position::Inside => 1,
            Position::Last => 2,
            Position::Unit => 3,
        };
        Tag((1 + kind.min(NUM_TYPES - 1) * 4 + position) as u8)
    }

    /// The tag with index `index` (< [`NUM_TAGS`]), if any.
    pub fn from_index(index: usize) -> Option<Tag> {
        (index < NUM_TAGS).then_some(Tag(index as u8))
    }

    /// The tag's index in `0..NUM_TAGS`.
    pub fn index(self) -> u8 {
        self.0
    }

    /// The entity type, or `None` for O.
    pub fn kind(self) -> Option<usize> {
        (self.0 > 0).then(|| usize::from(self.0 - 1) / 4)
    }

    /// The position in the entity, or `None` for O.
    pub fn position(self) -> Option<Position> {
        if self.0 == 0 {
            return None;
        }
        Some(match (self.0 - 1) % 4 {
            0 => Position::Begin,
            1 => Position::Inside,
            2 => Position::Last,
            _ => Position::Unit,
        })
    }

    /// Whether this tag may follow `previous` in a well-formed BILOU sequence: B and I must
    /// continue with I or L of their type; O, L and U with O, B or U.
    pub fn may_follow(self, previous: Tag) -> bool {
        let open = matches!(
            previous.position(),
            Some(Position::Begin | Position::Inside)
        );
        match self.position() {
            None | Some(Position::Begin | Position::Unit) => !open,
            Some(Position::Inside | Position::Last) => open && self.kind() == previous.kind(),
        }
    }

    /// Whether a sentence may end after this tag (not inside an open entity).
    pub fn may_end(self) -> bool {
        !matches!(self.position(), Some(Position::Begin | Position::Inside))
    }
}

/// The tags after which no entity is open (O, and L and U of each type), in index order:
/// any of them may precede O, B and U, and only they may.
pub const CLOSED_TAGS: [usize; 1 + 2 * NUM_TYPES] = {
    let mut tags = [0usize; 1 + 2 * NUM_TYPES];
    let mut kind = 0;
    while kind < NUM_TYPES {
        // L and U of `kind`: positions 2 and 3.
        tags[1 + 2 * kind] = 1 + kind * 4 + 2;
        tags[2 + 2 * kind] = 1 + kind * 4 + 3;
        kind += 1;
    }
    tags
};

/// The tags that may follow a closed tag (O, and B and U of each type), in index order.
pub const OPENING_TAGS: [usize; 1 + 2 * NUM_TYPES] = {
    let mut tags = [0usize; 1 + 2 * NUM_TYPES];
    let mut kind = 0;
    while kind < NUM_TYPES {
        tags[1 + 2 * kind] = tag_index(kind, Position::Begin);
        tags[2 + 2 * kind] = tag_index(kind, Position::Unit);
        kind += 1;
    }
    tags
};

/// The tags that continue an open entity (I and L of each type), in index order: the ones
/// not in [`OPENING_TAGS`].
pub const CONTINUING_TAGS: [usize; 2 * NUM_TYPES] = {
    let mut tags = [0usize; 2 * NUM_TYPES];
    let mut kind = 0;
    while kind < NUM_TYPES {
        tags[2 * kind] = tag_index(kind, Position::Inside);
        tags[2 * kind + 1] = tag_index(kind, Position::Last);
        kind += 1;
    }
    tags
};

/// The index of the tag of `kind` at `position` (the const form of [`Tag::new`]).
pub const fn tag_index(kind: usize, position: Position) -> usize {
    1 + kind * 4
        + match position {
            Position::Begin => 0,
            Position::Inside => 1,
            Position::Last => 2,
            Position::Unit => 3,
        }
}

/// The entities of a tag sequence as `(type, first token, end token)`, reading any sequence
/// leniently: an entity starts at B or U, or at I or L that does not continue the one before.
pub fn entity_runs(tags: &[Tag]) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = match (open, tag.kind(), tag.position()) {
            (Some((kind, _)), Some(k), Some(Position::Inside | Position::Last)) => kind == k,
            _ => false,
        };
        if !continues {
            if let Some((kind, start)) = open.take() {
                runs.push((kind, start, i));
            }
            if let Some(kind) = tag.kind() {
                open = Some((kind, i));
            }
        }
        if matches!(tag.position(), Some(Position::Last | Position::Unit)) {
            if let Some((kind, start)) = open.take() {
                runs.push((kind, start, i + 1));
            }
        }
    }
    if let Some((kind, start)) = open {
        runs.push((kind, start, tags.len()));
    }
    runs
}

/// The BILOU tags of `len` tokens holding the entities `runs` (as from [`entity_runs`]).
pub fn tags_of_runs(len: usize, runs: &[(usize, usize, usize)]) -> Vec<Tag> {
    let mut tags = vec![Tag::OUTSIDE; len];
    for &(kind, start, end) in runs {
        let end = end.min(len);
        if start >= end {
            continue;
        }
        if end - start == 1 {
            tags[start] = Tag::new(kind, Position::Unit);
            continue;
        }
        for (i, tag) in tags.iter_mut().enumerate().take(end).skip(start) {
            let position = if i == start {
                Position::Begin
            } else if i + 1 == end {
                Position::Last
            } else {
                Position::Inside
            };
            *tag = Tag::new(kind, position);
        }
    }
    tags
}

/// Reads IOB1 or IOB2 tags (`I-PER`, `B-LOC`, `O`) into entity runs, as conlleval does: an
/// entity starts at B-X, or at I-X after a token outside X. Unknown types read as O.
pub fn runs_of_iob(tags: &[&str]) -> Vec<(usize, usize, usize)> {
    let mut runs = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, name) = tag.split_once('-').unwrap_or((tag, ""));
        let kind = TYPE_NAMES.iter().position(|&n| n == name);
        let continues = prefix == "I" && kind.is_some() && open.map(|o| o.0) == kind;
        if !continues {
            if let Some((k, start)) = open.take() {
                runs.push((k, start, i));
            }
            if let Some(kind) = kind {
                open = Some((kind, i));
            }
        }
    }
    if let Some((kind, start)) = open {
        runs.push((kind, start, tags.len()));
    }
    runs
}

/// IOB2 tags (`B-PER`, `I-PER`, `O`) of `len` tokens holding the entities `runs`, given as
/// `(first token, end token, type name)`.
pub fn iob2_of_runs(len: usize, runs: &[(usize, usize, &str)]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); len];
    for &(start, end, name) in runs {
        for (i, tag) in tags.iter_mut().enumerate().take(end.min(len)).skip(start) {
            *tag = format!("{}-{name}", if i == start { "B" } else { "I" });
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entity run: (type, first token, end token).
    type Run = (usize, usize, usize);

    #[test]
    fn iob_reads_like_conlleval() {
        // (tags, entity runs)
        const CASES: &[(&[&str], &[Run])] = &[
            (&["I-PER", "I-PER", "O"], &[(0, 0, 2)]),
            (&["I-LOC", "B-LOC", "I-LOC"], &[(1, 0, 1), (1, 1, 3)]),
            (&["I-ORG", "I-MISC"], &[(2, 0, 1), (3, 1, 2)]),
            (&["O", "I-XYZ", "B-PER"], &[(0, 2, 3)]),
            (&[], &[]),
        ];
        for &(tags, runs) in CASES {
            assert_eq!(runs_of_iob(tags), runs, "{tags:?}");
        }
    }

    #[test]
    fn bilou_round_trips() {
        let runs = vec![(0, 0, 2), (1, 2, 3), (3, 4, 7)];
        let tags = tags_of_runs(8, &runs);
        assert_eq!(entity_runs(&tags), runs);
        for pair in tags.windows(2) {
            assert!(pair[1].may_follow(pair[0]), "{pair:?}");
        }
    }

    #[test]
    fn broken_sequences_still_read() {
        let begin = Tag::new(0, Position::Begin);
        let last_loc = Tag::new(1, Position::Last);
        // A B with no L, then an L of another type: two entities.
        assert_eq!(
            entity_runs(&[begin, last_loc, Tag::OUTSIDE]),
            [(0, 0, 1), (1, 1, 2)]
        );
        assert!(!last_loc.may_follow(begin));
        assert!(!begin.may_end());
    }

    #[test]
    fn closed_tags_and_continuations_are_the_well_formed_transitions() {
        // What the Viterbi search assumes: O, B and U follow exactly the closed tags; I and L
        // of a type follow exactly B and I of that type.
        let tags: Vec<Tag> = (0..NUM_TAGS).filter_map(Tag::from_index).collect();
        for &tag in &tags {
            let expected: Vec<usize> = tags
                .iter()
                .filter(|&&previous| tag.may_follow(previous))
                .map(|previous| usize::from(previous.index()))
                .collect();
            let opening = OPENING_TAGS.contains(&usize::from(tag.index()));
            let continuing = CONTINUING_TAGS.contains(&usize::from(tag.index()));
            assert!(opening != continuing, "{tag:?}");
            let continues = matches!(tag.position(), Some(Position::Inside | Position::Last));
            assert_eq!(continuing, continues, "{tag:?}");
            let found: Vec<usize> = match (tag.kind(), tag.position()) {
                (Some(kind), Some(Position::Inside | Position::Last)) => vec![
                    tag_index(kind, Position::Begin),
                    tag_index(kind, Position::Inside),
                ],
                _ => CLOSED_TAGS.to_vec(),
            };
            assert_eq!(found, expected, "{tag:?}");
        }
        for kind in 0..NUM_TYPES {
            for position in [
                Position::Begin,
                Position::Inside,
                Position::Last,
                Position::Unit,
            ] {
                assert_eq!(
                    tag_index(kind, position),
                    usize::from(Tag::new(kind, position).index())
                );
            }
        }
    }
}
