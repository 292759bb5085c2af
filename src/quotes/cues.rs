//! The words attribution turns on: the speech-cue lexicon (data, in `cues.txt`) and the small
//! closed classes of English grammar words that shape a speaker's noun phrase.

use std::sync::LazyLock;

/// The longest word a [`WordSet`] can hold.
const LONGEST_WORD: usize = 24;

/// A set of words that start with a lowercase ASCII letter, grouped by length and first
/// letter, so that a lookup compares a word only with the few of its own length and initial.
/// The lexicons are looked up for nearly every word outside quotations, where a binary
/// search over a whole list cost a third of the quotation stage.
struct WordSet {
    /// The words, sorted by length, first letter and text.
    words: Vec<&'static str>,
    /// For each length and first letter (`length * 26 + letter`), its range in `words`.
    buckets: Vec<(u32, u32)>,
}

impl WordSet {
    /// The set of `words`; words that do not start with a lowercase ASCII letter or are longer
    /// than [`LONGEST_WORD`] can never be found (tests check that the lexicons have none).
    fn new(mut words: Vec<&'static str>) -> WordSet {
        words.sort_unstable_by_key(|word| (word.len(), word.as_bytes().first().copied(), *word));
        words.dedup();
        let mut buckets = vec![(0, 0); (LONGEST_WORD + 1) * 26];
        for (i, word) in (0u32..).zip(&words) {
            if let Some(range) = bucket_of(word).and_then(|b| buckets.get_mut(b)) {
                // The words of one bucket are contiguous in `words`.
                *range = (if range.1 == 0 { i } else { range.0 }, i + 1);
            }
        }
        WordSet { words, buckets }
    }

    /// Whether `word` (exactly, case included) is in the set.
    fn contains(&self, word: &str) -> bool {
        let Some(&(start, end)) = bucket_of(word).and_then(|b| self.buckets.get(b)) else {
            return false;
        };
        let bucket = self.words.get(start as usize..end as usize);
        bucket.is_some_and(|bucket| bucket.contains(&word))
    }
}

/// The bucket of `word` in a [`WordSet`], if it can be in one.
fn bucket_of(word: &str) -> Option<usize> {
    let first = *word.as_bytes().first()?;
    let fits = first.is_ascii_lowercase() && word.len() <= LONGEST_WORD;
    fits.then(|| word.len() * 26 + usize::from(first - b'a'))
}

/// The speech-cue lexicon: `cues.txt`.
static CUES: LazyLock<WordSet> = LazyLock::new(|| {
    let cues = include_str!("cues.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'));
    WordSet::new(cues.collect())
});

/// Whether `word` is a speech or attribution cue (`said`, `told`, `according`, `tweeted`...).
/// Cues are verbs, so only lowercase forms count: a capitalised `Said` is a name.
pub fn is_cue(word: &str) -> bool {
    CUES.contains(word)
}

/// Declares a set of lowercase words.
macro_rules! word_set {
    ($name:ident, $doc:literal, [$($word:literal),* $(,)?]) => {
        #[doc = $doc]
        static $name: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(vec![$($word),*]));
    };
}

/// Whether `word`, lowercased (ASCII), is in `set`. Lowercases into a stack buffer: no
/// allocation on this hot path.
fn in_set(set: &WordSet, word: &str) -> bool {
    let mut buffer = [0u8; LONGEST_WORD];
    let bytes = word.as_bytes();
    let Some(lower) = buffer.get_mut(..bytes.len()) else {
        return false;
    };
    for (out, byte) in lower.iter_mut().zip(bytes) {
        *out = byte.to_ascii_lowercase();
    }
    std::str::from_utf8(lower).is_ok_and(|lower| set.contains(lower))
}

word_set!(
    DETERMINERS,
    "Determiners and possessives.",
    [
        "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that",
        "these", "those", "another", "one", "two", "three", "several", "many", "some", "both",
        "other", "multiple", "most", "all", "each", "every",
    ]
);
word_set!(
    VERB_FILLERS,
    "Auxiliaries and adverbs between a subject and its verb.",
    [
        "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "should",
        "can", "may", "might", "must", "shall", "did", "does", "do", "also", "later", "then",
        "once", "again", "still", "just", "never", "not", "even", "often", "already", "first",
        "further", "too", "been", "being",
    ]
);
word_set!(
    AUXILIARIES,
    "Auxiliaries that belong to a cue.",
    [
        "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "must",
        "did", "does", "do", "is", "are", "was", "were", "been",
    ]
);
word_set!(
    FUNCTION_WORDS,
    "Function words that never head a speaker phrase.",
    [
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "as",
        "because",
        "that",
        "which",
        "what",
        "where",
        "there",
        "here",
        "than",
        "then",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "about",
        "into",
        "after",
        "before",
        "over",
        "under",
        "since",
        "until",
        "during",
        "against",
        "without",
        "not",
        "no",
        "also",
        "however",
        "meanwhile",
        "still",
        "now",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "it's",
        "this",
        "these",
        "those",
        "said",
        "says",
        "told",
        "asked",
        "added",
        "why",
        "how",
        "whether",
        "said.",
        "him",
        "them",
        "me",
        "us",
        "said,",
        "later",
        "again",
        "just",
        "only",
        "even",
        "instead",
        "though",
        "although",
        "too",
        "very",
        "much",
        "more",
        "most",
        "less",
        "least",
        "like",
        "unlike",
        "among",
        "between",
        "through",
        "across",
        "around",
        "upon",
        "via",
        "per",
    ]
);
word_set!(
    TITLES,
    "Title abbreviations, without their period.",
    [
        "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
        "adm", "rev", "prof", "pres", "sec", "amb", "maj", "cmdr", "supt", "hon", "st", "jr", "sr",
        "messrs", "lieut", "atty",
    ]
);
word_set!(
    MALE,
    "Titles and first names that make a person male.",
    [
        "mr", "sir", "lord", "king", "prince", "father", "brother", "uncle", "son", "husband",
        "donald", "bill", "barack", "bernie", "mike", "michael", "john", "joe", "tim", "ted",
        "marco", "jeb", "ben", "chris", "paul", "jim", "james", "david", "robert", "richard",
        "george", "mitt", "rudy", "newt", "eric", "reince", "corey", "steve", "stephen", "jeff",
        "tom", "thomas", "mark", "william", "charles", "kevin", "gary", "rand", "mitch", "harry",
        "jason", "peter", "andrew", "daniel", "matthew", "anthony", "brian", "scott", "jack",
        "frank", "jerry", "larry", "roger", "sean", "bob", "dan", "tony", "ronald", "vladimir",
    ]
);
word_set!(
    FEMALE,
    "Titles and first names that make a person female.",
    [
        "mrs",
        "ms",
        "miss",
        "madam",
        "lady",
        "queen",
        "princess",
        "mother",
        "sister",
        "aunt",
        "daughter",
        "wife",
        "hillary",
        "melania",
        "ivanka",
        "chelsea",
        "michelle",
        "nancy",
        "elizabeth",
        "kellyanne",
        "huma",
        "jennifer",
        "sarah",
        "mary",
        "susan",
        "karen",
        "lisa",
        "linda",
        "patricia",
        "barbara",
        "donna",
        "carly",
        "nikki",
        "jill",
        "katrina",
        "hope",
        "laura",
        "debbie",
        "amy",
        "claire",
        "kate",
        "anne",
        "ann",
        "jane",
        "emily",
        "rachel",
        "maria",
        "angela",
        "theresa",
        "loretta",
        "jessica",
        "alicia",
        "gennifer",
        "megyn",
        "dana",
        "julie",
        "sonya",
    ]
);
word_set!(
    TERM_MARKERS,
    "Words that mark a quoted stretch as a name or a scare quote.",
    [
        "so-called",
        "dubbed",
        "titled",
        "entitled",
        "nicknamed",
        "headlined",
        "word",
        "words",
        "phrase",
        "term",
        "slogan",
        "hashtag",
        "label",
        "labeled",
        "labelled",
        "branded",
        "show",
        "film",
        "movie",
        "book",
        "song",
        "album",
        "program",
        "series",
        "headline",
        "column",
        "article",
        "essay",
        "op-ed",
        "editorial",
        "segment",
        "episode",
        "commentary",
        "known",
    ]
);

/// What a personal pronoun says about who it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// `he`
    Male,
    /// `she`
    Female,
    /// `they`, `we`
    Plural,
    /// `it`
    Neuter,
    /// `I`, `you`, `who`: stands for itself.
    Other,
}

/// The pronoun `word` is, if it can be the subject of a speech verb.
pub fn pronoun(word: &str) -> Option<Pronoun> {
    match word {
        "he" | "He" | "HE" => Some(Pronoun::Male),
        "she" | "She" | "SHE" => Some(Pronoun::Female),
        "they" | "They" | "we" | "We" => Some(Pronoun::Plural),
        "it" | "It" => Some(Pronoun::Neuter),
        "I" | "you" | "You" | "who" | "Who" => Some(Pronoun::Other),
        _ => None,
    }
}

/// Determiners and possessives that open a noun phrase (`the spokesman`, `his aide`).
pub fn is_determiner(word: &str) -> bool {
    in_set(&DETERMINERS, word)
}

/// Auxiliaries, modals and adverbs that may sit between a speaker and the speech verb
/// (`Trump has also said`, `she later told`).
pub fn is_verb_filler(word: &str) -> bool {
    let lower_ly = word.len() > 4 && word.ends_with("ly") && word.starts_with(char::is_lowercase);
    lower_ly || in_set(&VERB_FILLERS, word)
}

/// Auxiliaries that belong to the cue itself (`has said`, `have claimed`, `will tell`).
pub fn is_auxiliary(word: &str) -> bool {
    in_set(&AUXILIARIES, word)
}

/// Function words that never head or extend a speaker's noun phrase. An all-capitals word is
/// a name (`US`, `IT`), never one.
pub fn is_function_word(word: &str) -> bool {
    let all_capitals = word.len() > 1 && word.chars().all(|c| c.is_uppercase());
    !all_capitals && in_set(&FUNCTION_WORDS, word)
}

/// Titles and honorifics that start a person's name phrase (`Sen. Jeff Sessions`).
pub fn is_title_abbreviation(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    in_set(&TITLES, word)
}

/// The gender a title or a first name gives a person, when it gives one.
pub fn gender_of_name_word(word: &str) -> Option<Pronoun> {
    let word = word.trim_end_matches('.');
    if in_set(&MALE, word) {
        Some(Pronoun::Male)
    } else if in_set(&FEMALE, word) {
        Some(Pronoun::Female)
    } else {
        None
    }
}

/// Words that mark a quoted stretch as a name or a scare quote, not speech (`the so-called
/// "safe havens"`, `the show "Saturday Night Live"`).
pub fn is_term_marker(word: &str) -> bool {
    in_set(&TERM_MARKERS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_is_sorted_lowercase_and_has_the_common_cues() {
        let raw: Vec<&str> = include_str!("cues.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert!(
            raw.windows(2).all(|w| w[0] < w[1]),
            "cues.txt must be sorted"
        );
        assert!(raw.iter().all(|w| *w == w.to_lowercase()));
        for cue in [
            "said",
            "says",
            "told",
            "added",
            "asked",
            "noted",
            "warned",
            "stressed",
            "insisted",
            "explained",
            "wrote",
            "tweeted",
            "posted",
            "according",
        ] {
            assert!(is_cue(cue), "{cue} missing");
        }
        assert!(!is_cue("Said") && !is_cue("table"));
    }

    #[test]
    fn every_lexicon_word_can_be_found() {
        let sets = [
            &CUES,
            &DETERMINERS,
            &VERB_FILLERS,
            &AUXILIARIES,
            &FUNCTION_WORDS,
            &TITLES,
            &MALE,
            &FEMALE,
            &TERM_MARKERS,
        ];
        for set in sets {
            for &word in &set.words {
                assert!(set.contains(word), "{word} is in a set but cannot be found");
            }
        }
        assert!(!CUES.contains("Said") && !CUES.contains("") && !CUES.contains("é"));
    }

    #[test]
    fn closed_classes() {
        const PRONOUNS: &[(&str, Option<Pronoun>)] = &[
            ("he", Some(Pronoun::Male)),
            ("She", Some(Pronoun::Female)),
            ("they", Some(Pronoun::Plural)),
            ("Kirby", None),
        ];
        for (word, expected) in PRONOUNS {
            assert_eq!(pronoun(word), *expected, "{word}");
        }
        assert_eq!(gender_of_name_word("Mrs."), Some(Pronoun::Female));
        assert_eq!(gender_of_name_word("Donald"), Some(Pronoun::Male));
        assert!(is_title_abbreviation("Sen.") && is_verb_filler("reportedly"));
    }
}
