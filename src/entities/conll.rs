//! CoNLL-2003 files: reading documents of tagged tokens, and writing them back with one more
//! column, the predicted tag (the format `conlleval` scores). Native only.

use super::names::{document_entities, label_of, Conventions, Tagger};
use super::tags::{iob2_of_runs, runs_of_iob, tags_of_runs, Tag};
use crate::document::Label;

/// One line of a CoNLL file: its text and, for a token line, the token (first column).
struct Line<'a> {
    text: &'a str,
    token: Option<&'a str>,
}

/// A CoNLL file split into documents (at `-DOCSTART-` lines) and sentences (at blank lines).
pub struct ConllFile<'a> {
    lines: Vec<Line<'a>>,
    /// Per document, its sentences as ranges of line indices.
    documents: Vec<Vec<std::ops::Range<usize>>>,
}

impl<'a> ConllFile<'a> {
    /// Splits `text` into documents and sentences.
    pub fn parse(text: &'a str) -> ConllFile<'a> {
        let mut lines = Vec::new();
        let mut documents: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new()];
        let mut sentence_start: Option<usize> = None;
        for (i, text) in text.lines().enumerate() {
            let first = text.split_whitespace().next();
            let is_docstart = first == Some("-DOCSTART-");
            let token = first.filter(|_| !is_docstart);
            if token.is_none() {
                if let (Some(start), Some(document)) = (sentence_start.take(), documents.last_mut())
                {
                    document.push(start..i);
                }
                if is_docstart && documents.last().is_some_and(|d| !d.is_empty()) {
                    documents.push(Vec::new());
                }
            } else if sentence_start.is_none() {
                sentence_start = Some(i);
            }
            lines.push(Line { text, token });
        }
        if let (Some(start), Some(document)) = (sentence_start, documents.last_mut()) {
            document.push(start..lines.len());
        }
        documents.retain(|d| !d.is_empty());
        ConllFile { lines, documents }
    }

    /// Documents as sentences of tokens.
    pub fn documents(&self) -> Vec<Vec<Vec<&'a str>>> {
        self.documents
            .iter()
            .map(|document| {
                document
                    .iter()
                    .map(|range| {
                        self.lines[range.clone()]
                            .iter()
                            .filter_map(|l| l.token)
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    /// Documents as sentences of `(tokens, gold BILOU tags)`, the gold tags read from the last
    /// column (IOB1 or IOB2).
    pub fn labeled_documents(&self) -> Vec<Vec<(Vec<&'a str>, Vec<Tag>)>> {
        self.documents
            .iter()
            .map(|document| {
                document
                    .iter()
                    .map(|range| {
                        let lines = &self.lines[range.clone()];
                        let tokens: Vec<&str> = lines.iter().filter_map(|l| l.token).collect();
                        let iob: Vec<&str> = lines
                            .iter()
                            .map(|l| l.text.split_whitespace().last().unwrap_or("O"))
                            .collect();
                        let tags = tags_of_runs(tokens.len(), &runs_of_iob(&iob));
                        (tokens, tags)
                    })
                    .collect()
            })
            .collect()
    }

    /// Tags every document with `tagger` and writes each line back with the predicted IOB2
    /// tag over PER, LOC, ORG and MISC appended (NORP counts as MISC), names following
    /// CoNLL-2003's conventions; `-DOCSTART-` lines get `O`, blank lines stay blank.
    pub fn write_tagged(
        &self,
        tagger: &Tagger,
        out: &mut impl std::io::Write,
    ) -> std::io::Result<()> {
        let mut predicted: Vec<Option<String>> = vec![None; self.lines.len()];
        for (document, ranges) in self.documents().iter().zip(&self.documents) {
            let tags = tagger.tag_document(document);
            let entities =
                document_entities(document, &tags, tagger.gazetteer(), Conventions::Conll);
            for ((tokens, runs), range) in document.iter().zip(entities).zip(ranges) {
                let runs: Vec<(usize, usize, &str)> = runs
                    .into_iter()
                    .map(|(kind, start, end)| {
                        let words = tokens.get(start..end).unwrap_or(&[]);
                        let label = label_of(kind, words, tagger.gazetteer(), Conventions::Conll);
                        (start, end, conll_name(label))
                    })
                    .collect();
                let iob = iob2_of_runs(tokens.len(), &runs);
                for (slot, tag) in predicted[range.clone()].iter_mut().zip(iob) {
                    *slot = Some(tag);
                }
            }
        }
        for (line, tag) in self.lines.iter().zip(predicted) {
            if line.text.trim().is_empty() {
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{} {}",
                    line.text.trim_end(),
                    tag.as_deref().unwrap_or("O")
                )?;
            }
        }
        Ok(())
    }
}

/// The CoNLL-2003 name of a label: NORP and MISC are MISC.
fn conll_name(label: Label) -> &'static str {
    match label {
        Label::Person => "PER",
        Label::Loc => "LOC",
        Label::Org => "ORG",
        _ => "MISC",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tags::entity_runs;

    const SAMPLE: &str = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n";

    #[test]
    fn files_split_into_documents_and_sentences() {
        let file = ConllFile::parse(SAMPLE);
        let documents = file.documents();
        assert_eq!(
            documents,
            vec![
                vec![vec!["EU", "rejects"], vec!["Peter", "Blackburn"]],
                vec![vec!["BRUSSELS"]]
            ]
        );
        let labeled = file.labeled_documents();
        let runs: Vec<_> = labeled[0].iter().map(|(_, t)| entity_runs(t)).collect();
        assert_eq!(runs, vec![vec![(2, 0, 1)], vec![(0, 0, 2)]]);
    }

    #[test]
    fn written_lines_keep_their_columns() {
        let file = ConllFile::parse(SAMPLE);
        let mut out = Vec::new();
        file.write_tagged(Tagger::shipped(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), SAMPLE.lines().count());
        assert!(lines[0].starts_with("-DOCSTART- -X- O O "));
        assert_eq!(lines[1], "");
        assert!(lines[2].starts_with("EU NNP I-NP I-ORG "));
        for line in lines.iter().filter(|l| !l.is_empty()) {
            assert_eq!(line.split_whitespace().count(), 5, "{line}");
        }
    }
}
