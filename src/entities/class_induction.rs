//! Word-class induction: clusters words by the words that precede them, with the exchange
//! algorithm over a predictive class bigram model (Kneser and Ney 1993; Uszkoreit and Brants
//! 2008, "Distributed word clustering for large scale class-based language modeling"). It
//! produces `data/word-classes.txt` from unlabeled text (`newsmark classes`). Native only.
//!
//! The model is P(w | v) = P(class(w) | v) P(w | class(w)); the exchange algorithm moves each
//! word to the class that most increases the likelihood of the corpus,
//! `sum N(v, c) ln N(v, c) - sum N(c) ln N(c)`, where N(v, c) counts word v followed by a
//! word of class c. Classes are induced at several granularities, coarse to fine. The run is
//! deterministic: words are visited in order of frequency (ties by spelling) and ties between
//! classes go to the lowest class number.

use std::collections::HashMap;

/// Words seen fewer times than this are replaced by a shape pseudo-word while clustering
/// and are not written out.
const MIN_COUNT: u32 = 2;

/// A corpus as sentences of tokens.
#[derive(Default)]
pub struct Corpus {
    sentences: Vec<Vec<String>>,
}

impl Corpus {
    /// Adds one sentence of tokens (digits are normalised to 0, as the tagger does).
    pub fn add_sentence<'a>(&mut self, tokens: impl IntoIterator<Item = &'a str>) {
        let sentence: Vec<String> = tokens
            .into_iter()
            .map(|t| {
                t.chars()
                    .map(|c| if c.is_ascii_digit() { '0' } else { c })
                    .collect()
            })
            .filter(|t: &String| !t.is_empty())
            .collect();
        if !sentence.is_empty() {
            self.sentences.push(sentence);
        }
    }

    /// Adds plain text: one sentence a line, split into tokens like the Penn Treebank
    /// (punctuation apart, `'s` and `n't` split off).
    pub fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            let mut tokens: Vec<&str> = Vec::new();
            for word in line.split_whitespace() {
                split_word(word, &mut tokens);
            }
            self.add_sentence(tokens);
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.sentences.iter().map(Vec::len).sum()
    }

    /// Whether the corpus has no tokens.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }
}

/// Splits a whitespace-delimited word into Penn-Treebank-like tokens.
fn split_word<'a>(word: &'a str, out: &mut Vec<&'a str>) {
    let is_edge = |c: char| !c.is_alphanumeric() && c != '$' && c != '%';
    let core_start = word.find(|c: char| !is_edge(c)).unwrap_or(word.len());
    let mut core_end = word.rfind(|c: char| !is_edge(c)).map_or(core_start, |i| {
        i + word[i..].chars().next().map_or(1, char::len_utf8)
    });
    // Abbreviations keep their final period ("U.S.").
    if word[core_end..].starts_with('.') && word[core_start..core_end].contains('.') {
        core_end += 1;
    }
    for (i, c) in word[..core_start].char_indices() {
        out.push(&word[i..i + c.len_utf8()]);
    }
    let core = &word[core_start..core_end.max(core_start)];
    if !core.is_empty() {
        let clitic = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "’s"]
            .iter()
            .find(|c| core.len() > c.len() && core.to_lowercase().ends_with(*c));
        match clitic {
            Some(c) => {
                let cut = core.len() - c.len();
                out.push(&core[..cut]);
                out.push(&core[cut..]);
            }
            None => out.push(core),
        }
    }
    let tail = &word[core_end.max(core_start)..];
    for (i, c) in tail.char_indices() {
        out.push(&tail[i..i + c.len_utf8()]);
    }
}

/// The shape pseudo-word standing for a rare word (`<Xx>`, `<x>`, `<d>`).
fn rare_word(word: &str) -> String {
    let mut shape = String::from("<");
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            '.'
        };
        if s != last {
            shape.push(s);
            last = s;
        }
    }
    shape.push('>');
    shape
}

/// One word's classes at each granularity, and its count.
pub struct WordClassRow {
    /// The word (digits as 0).
    pub word: String,
    /// Its class at each granularity, coarse to fine.
    pub classes: Vec<u32>,
    /// Its count in the corpus.
    pub count: u32,
}

/// Induces classes at each size of `sizes` with `iterations` exchange passes; returns the
/// words seen at least twice, most frequent first.
pub fn induce_classes(corpus: &Corpus, sizes: &[usize], iterations: usize) -> Vec<WordClassRow> {
    // Vocabulary: frequent words, then shape pseudo-words for rare ones; id 0 is the
    // sentence boundary.
    let mut raw: HashMap<&str, u32> = HashMap::new();
    for token in corpus.sentences.iter().flatten() {
        *raw.entry(token.as_str()).or_insert(0) += 1;
    }
    // (word, count, whether it is a real word rather than a pseudo-word)
    let mut words: Vec<(String, u32, bool)> = Vec::new();
    let mut rare: HashMap<String, u32> = HashMap::new();
    for (&word, &count) in &raw {
        if count >= MIN_COUNT {
            words.push((word.to_string(), count, true));
        } else {
            *rare.entry(rare_word(word)).or_insert(0) += count;
        }
    }
    words.extend(rare.into_iter().map(|(word, count)| (word, count, false)));
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut ids: HashMap<&str, u32> = HashMap::new();
    for (i, (word, _, _)) in words.iter().enumerate() {
        ids.insert(word.as_str(), i as u32 + 1);
    }
    let id_of = |token: &str| -> u32 {
        ids.get(token)
            .or_else(|| ids.get(rare_word(token).as_str()))
            .copied()
            .unwrap_or(0)
    };
    // Predecessor counts of every word: (v, N(v, w)).
    let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
    for sentence in &corpus.sentences {
        let mut previous = 0u32;
        for token in sentence {
            let id = id_of(token);
            *bigrams.entry((previous, id)).or_insert(0) += 1;
            previous = id;
        }
        *bigrams.entry((previous, 0)).or_insert(0) += 1;
    }
    let vocabulary = words.len() + 1;
    let mut predecessors: Vec<Vec<(u32, u32)>> = vec![Vec::new(); vocabulary];
    let mut sorted: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
    sorted.sort_unstable();
    for ((v, w), n) in sorted {
        predecessors[w as usize].push((v, n));
    }
    let counts: Vec<u32> = predecessors
        .iter()
        .map(|p| p.iter().map(|&(_, n)| n).sum())
        .collect();
    let mut rows: Vec<WordClassRow> = words
        .iter()
        .filter(|(_, _, real)| *real)
        .map(|(word, count, _)| WordClassRow {
            word: word.clone(),
            classes: Vec::new(),
            count: *count,
        })
        .collect();
    for &size in sizes {
        let classes = exchange(&predecessors, &counts, size.max(2), iterations);
        for row in &mut rows {
            let id = ids.get(row.word.as_str()).copied().unwrap_or(0) as usize;
            row.classes.push(classes.get(id).copied().unwrap_or(0));
        }
    }
    rows
}

/// The exchange algorithm: returns the class of every word id (0 is the boundary).
fn exchange(
    predecessors: &[Vec<(u32, u32)>],
    counts: &[u32],
    size: usize,
    iterations: usize,
) -> Vec<u32> {
    let vocabulary = predecessors.len();
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    // x ln x for every count that can occur.
    let table: Vec<f64> = (0..=total as usize + 1)
        .map(|x| {
            if x == 0 {
                0.0
            } else {
                x as f64 * (x as f64).ln()
            }
        })
        .collect();
    let f = |x: u32| table.get(x as usize).copied().unwrap_or(0.0);
    // Words by id are sorted by frequency: spread the most frequent over the classes.
    let mut class: Vec<u32> = (0..vocabulary).map(|w| (w % size) as u32).collect();
    let mut pair = vec![0u32; vocabulary * size]; // N(v, c) at v * size + c
    let mut class_count = vec![0u32; size];
    for (w, preds) in predecessors.iter().enumerate() {
        let c = class[w] as usize;
        class_count[c] += counts[w];
        for &(v, n) in preds {
            pair[v as usize * size + c] += n;
        }
    }
    let mut delta = vec![0f64; size];
    for _ in 0..iterations {
        let mut moved = 0usize;
        for w in 1..vocabulary {
            let preds = &predecessors[w];
            let from = class[w] as usize;
            for &(v, n) in preds {
                pair[v as usize * size + from] -= n;
            }
            class_count[from] -= counts[w];
            delta.iter_mut().for_each(|d| *d = 0.0);
            for &(v, n) in preds {
                let row = &pair[v as usize * size..(v as usize + 1) * size];
                for (d, &m) in delta.iter_mut().zip(row) {
                    *d += f(m + n) - f(m);
                }
            }
            let mut best = from;
            let mut best_gain = f64::NEG_INFINITY;
            for (c, &d) in delta.iter().enumerate() {
                let gain = d - (f(class_count[c] + counts[w]) - f(class_count[c]));
                // Stay unless another class is strictly better.
                let gain = if c == from { gain + 1e-9 } else { gain };
                if gain > best_gain {
                    best_gain = gain;
                    best = c;
                }
            }
            if best != from {
                moved += 1;
            }
            class[w] = best as u32;
            for &(v, n) in preds {
                pair[v as usize * size + best] += n;
            }
            class_count[best] += counts[w];
        }
        if moved == 0 {
            break;
        }
    }
    class
}

/// Writes rows as `data/word-classes.txt` lines: word, classes, frequency band (log2 of the
/// count), tab-separated.
pub fn format_rows(rows: &[WordClassRow]) -> String {
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.word);
        for class in &row.classes {
            out.push('\t');
            out.push_str(&class.to_string());
        }
        out.push('\t');
        out.push_str(&(31 - row.count.max(1).leading_zeros()).to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_the_treebank() {
        // (word, tokens)
        const CASES: &[(&str, &[&str])] = &[
            ("country's", &["country", "'s"]),
            ("(US),", &["(", "US", ")", ","]),
            ("don't", &["do", "n't"]),
            ("U.S.", &["U.S."]),
            ("end.", &["end", "."]),
            ("\"We", &["\"", "We"]),
            ("...", &[".", ".", "."]),
        ];
        for &(word, expected) in CASES {
            let mut out = Vec::new();
            split_word(word, &mut out);
            assert_eq!(out, expected, "{word}");
        }
    }

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut corpus = Corpus::default();
        for _ in 0..20 {
            corpus.add_text(
                "the cat sat\nthe dog sat\na cat ran\na dog ran\nin Paris today\nin London today",
            );
        }
        let rows = induce_classes(&corpus, &[4], 10);
        let class_of = |w: &str| rows.iter().find(|r| r.word == w).map(|r| r.classes[0]);
        assert_eq!(class_of("cat"), class_of("dog"));
        assert_eq!(class_of("Paris"), class_of("London"));
        assert_ne!(class_of("cat"), class_of("Paris"));
        let first = format_rows(&rows);
        assert_eq!(first, format_rows(&induce_classes(&corpus, &[4], 10)));
    }
}
