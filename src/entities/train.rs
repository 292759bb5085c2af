//! Training the name model: an averaged perceptron (Collins 2002; Freund and Schapire 1999)
//! over BILOU tags, learning while it decodes with the tagger's own Viterbi search, so that
//! the tag history it sees is its own, as at tagging time. Native only.
//!
//! Training is deterministic: documents are visited in an order drawn from a seeded
//! xorshift generator, hash maps are keyed by feature hashes with a fixed hasher, and the
//! weights are written sorted by key, so the same data and seed give the same model bytes.

use super::decoder::DocumentDecoder;
use super::features::{HashedKeyMap, Resources};
use super::model::{encode_model, table_key, Scorer, MAX_WEIGHT};
use super::names::{tag_document_with, Tagger};
use super::tags::{entity_runs, Tag, NUM_TAGS};

/// A labeled document: sentences of tokens with their gold tags.
pub type LabeledDocument<'a> = Vec<(Vec<&'a str>, Vec<Tag>)>;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the document order.
    pub seed: u64,
    /// Averaged weights smaller than this (in absolute value) are dropped from the model.
    pub prune: f32,
    /// The largest stored weight: weights are quantised to integers in `-levels..=levels`.
    pub levels: i16,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            seed: 1,
            prune: 1.0,
            levels: MAX_WEIGHT,
        }
    }
}

type KeyMap<V> = HashedKeyMap<u32, V>;

/// The perceptron's state: current weights and, for averaging, the sum of each update
/// times the step at which it happened (Daumé's trick: average = w - totals / steps).
#[derive(Default)]
struct Perceptron {
    index: KeyMap<usize>,
    weights: Vec<[f32; NUM_TAGS]>,
    totals: Vec<[f64; NUM_TAGS]>,
    step: f64,
}

impl Scorer for Perceptron {
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
        if let Some(&row) = self.index.get(&table_key(feature)) {
            for (score, weight) in scores.iter_mut().zip(&self.weights[row]) {
                *score += weight;
            }
        }
    }
}

impl Perceptron {
    /// Adds `amount` to the weight of `tag` for each of `features`.
    fn add(&mut self, features: &[u64], tag: Tag, amount: f32) {
        let tag = usize::from(tag.index());
        for &feature in features {
            let next = self.weights.len();
            let row = *self.index.entry(table_key(feature)).or_insert(next);
            if row == next {
                self.weights.push([0.0; NUM_TAGS]);
                self.totals.push([0.0; NUM_TAGS]);
            }
            self.weights[row][tag] += amount;
            self.totals[row][tag] += f64::from(amount) * self.step;
        }
    }

    /// The structured perceptron update (Collins 2002) for the decoder's current sentence:
    /// the features of the gold sequence gain, those of the predicted sequence lose.
    fn learn(&mut self, decoder: &DocumentDecoder, gold: &[Tag], predicted: &[Tag]) {
        let mut previous = (Tag::OUTSIDE, Tag::OUTSIDE);
        for (i, (&g, &p)) in gold.iter().zip(predicted).enumerate() {
            if g != p || previous.0 != previous.1 {
                let features = decoder.token_features(i).to_vec();
                if g != p {
                    self.add(&features, g, 1.0);
                    self.add(&features, p, -1.0);
                }
                self.add(&decoder.transition_features(i, previous.0), g, 1.0);
                self.add(&decoder.transition_features(i, previous.1), p, -1.0);
            }
            previous = (g, p);
        }
    }

    /// The averaged weights, by key.
    fn averaged(&self) -> Averaged {
        let steps = self.step.max(1.0);
        let mut index = KeyMap::default();
        let mut weights = Vec::with_capacity(self.weights.len());
        for (&key, &row) in &self.index {
            let mut average = [0f32; NUM_TAGS];
            for (tag, value) in average.iter_mut().enumerate() {
                *value = (f64::from(self.weights[row][tag]) - self.totals[row][tag] / steps) as f32;
            }
            index.insert(key, weights.len());
            weights.push(average);
        }
        Averaged { index, weights }
    }
}

/// Averaged weights, usable to tag (for scores during training) and to write the model.
struct Averaged {
    index: KeyMap<usize>,
    weights: Vec<[f32; NUM_TAGS]>,
}

impl Scorer for Averaged {
    fn add_weights(&self, feature: u64, scores: &mut [f32; NUM_TAGS]) {
        if let Some(&row) = self.index.get(&table_key(feature)) {
            for (score, weight) in scores.iter_mut().zip(&self.weights[row]) {
                *score += weight;
            }
        }
    }
}

impl Averaged {
    /// Quantises the weights to integers in `-levels..=levels` and drops small ones;
    /// returns the model file and its number of features.
    fn to_model_bytes(&self, prune: f32, levels: i16) -> (Vec<u8>, usize) {
        let largest = self
            .weights
            .iter()
            .flatten()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE);
        let scale = f32::from(levels.max(1)) / largest;
        let mut features: Vec<(u32, [i16; NUM_TAGS])> = Vec::new();
        for (&key, &row) in &self.index {
            let mut quantised = [0i16; NUM_TAGS];
            for (q, &w) in quantised.iter_mut().zip(&self.weights[row]) {
                if w.abs() >= prune {
                    *q = (w * scale).round() as i16;
                }
            }
            if quantised.iter().any(|&q| q != 0) {
                features.push((key, quantised));
            }
        }
        features.sort_unstable_by_key(|&(key, _)| key);
        (encode_model(&features, scale), features.len())
    }
}

/// A xorshift64* generator: a fixed, seeded document order.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Shuffles `items` (Fisher-Yates).
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Entity-level precision, recall and F1 counts, as conlleval counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Entities predicted with the right type and both ends right.
    pub correct: usize,
    /// Entities predicted.
    pub predicted: usize,
    /// Entities in the gold data.
    pub gold: usize,
}

impl Counts {
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let precision = self.correct as f64 / self.predicted.max(1) as f64;
        let recall = self.correct as f64 / self.gold.max(1) as f64;
        if precision + recall == 0.0 {
            0.0
        } else {
            200.0 * precision * recall / (precision + recall)
        }
    }
}

/// Scores `scorer` on labeled documents (model types, before the NORP split).
fn evaluate<S: Scorer>(scorer: &S, tagger: &Tagger, documents: &[LabeledDocument]) -> Counts {
    let mut counts = Counts::default();
    for document in documents {
        let sentences: Vec<&[&str]> = document.iter().map(|(t, _)| t.as_slice()).collect();
        let predicted = tag_document_with(scorer, tagger, &sentences);
        for ((_, gold), predicted) in document.iter().zip(predicted) {
            let gold = entity_runs(gold);
            let predicted = entity_runs(&predicted);
            counts.gold += gold.len();
            counts.predicted += predicted.len();
            counts.correct += predicted.iter().filter(|p| gold.contains(p)).count();
        }
    }
    counts
}

/// Trains a model on `train`; after each epoch `report(epoch, dev counts)` is called with
/// the averaged model's scores on `dev` (when `dev` is not empty). Returns the model file
/// and its number of features.
pub fn train(
    train: &[LabeledDocument],
    dev: &[LabeledDocument],
    options: &TrainOptions,
    tagger: &Tagger,
    mut report: impl FnMut(usize, Option<Counts>),
) -> (Vec<u8>, usize) {
    let resources = Resources {
        gazetteer: tagger.gazetteer(),
        classes: tagger.classes(),
    };
    let mut perceptron = Perceptron::default();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut random = Xorshift(options.seed.max(1));
    let mut tags = Vec::new();
    for epoch in 1..=options.epochs {
        random.shuffle(&mut order);
        for &d in &order {
            let document = &train[d];
            let sentences: Vec<&[&str]> = document.iter().map(|(t, _)| t.as_slice()).collect();
            let mut decoder = DocumentDecoder::new(&resources, &sentences);
            // Both passes learn: the first without the document context, the second with it.
            for pass in 0..2 {
                if pass == 1 {
                    decoder.start_second_pass();
                }
                for (tokens, gold) in document {
                    decoder.tag_sentence(&perceptron, tokens, &mut tags);
                    perceptron.step += 1.0;
                    if &tags != gold {
                        perceptron.learn(&decoder, gold, &tags);
                    }
                    // Remember its own tags, as it will when tagging.
                    decoder.commit(&tags);
                }
            }
        }
        let counts = (!dev.is_empty()).then(|| evaluate(&perceptron.averaged(), tagger, dev));
        report(epoch, counts);
    }
    perceptron
        .averaged()
        .to_model_bytes(options.prune, options.levels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::conll::ConllFile;

    const TRAIN: &str = "-DOCSTART- -X- O O\n\nPeter I-PER\nBlackburn I-PER\nvisited O\nBrussels I-LOC\n.\tO\n\nThe O\nEuropean I-ORG\nCommission I-ORG\nsaid O\n\n-DOCSTART- -X- O O\n\nJohn I-PER\nKirby I-PER\nleft O\nDoha I-LOC\n";

    #[test]
    fn training_is_deterministic_and_learns() {
        let file = ConllFile::parse(TRAIN);
        let documents = file.labeled_documents();
        let options = TrainOptions {
            epochs: 5,
            seed: 7,
            prune: 0.0,
            levels: 127,
        };
        let tagger = Tagger::new(Default::default());
        let (first, count) = train(&documents, &[], &options, &tagger, |_, _| {});
        let (second, _) = train(&documents, &[], &options, &tagger, |_, _| {});
        assert!(count > 0);
        assert_eq!(first, second, "same data and seed, same bytes");
        let model = Tagger::from_model_bytes(&first).unwrap();
        let tags = model.tag_document(&[["Peter", "Blackburn", "visited", "Brussels"]]);
        assert_eq!(entity_runs(&tags[0]), [(0, 0, 2), (1, 3, 4)]);
    }
}
