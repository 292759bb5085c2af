//! The `newsmark` command line: annotate files, tag CoNLL data, train and evaluate.

use clap::{Parser, Subcommand};
use newsmark::{annotate_with_offsets, OffsetUnit};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "newsmark",
    version,
    about = "Marks up news articles: tokens, sentences, entities, quotations and their speakers."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate files (or standard input) and print one JSON document per input.
    Annotate {
        /// Print one document per line instead of pretty-printed JSON.
        #[arg(long)]
        jsonl: bool,
        /// The unit of every offset: byte (UTF-8), utf16 (JavaScript) or codepoint (Python).
        #[arg(long, default_value = "byte", value_parser = parse_unit)]
        offsets: OffsetUnit,
        /// Files to annotate; standard input when none is named.
        files: Vec<PathBuf>,
    },
    /// Tag a CoNLL-2003 file (or standard input): every line is written back with the
    /// predicted IOB2 tag (PER, LOC, ORG, MISC) appended, ready for conlleval.
    Conll {
        /// A model file to use instead of the built-in one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// The CoNLL file; standard input when absent.
        file: Option<PathBuf>,
    },
    /// Train the name model on a CoNLL-2003 file and write the model file.
    Train {
        /// Training data (CoNLL-2003: token first, gold tag last).
        train: PathBuf,
        /// Development data, scored after each epoch.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// Where to write the model.
        #[arg(long, default_value = "data/ner-model.bin")]
        out: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = newsmark::entities::train::TrainOptions::default().epochs)]
        epochs: usize,
        /// Seed of the document order.
        #[arg(long, default_value_t = newsmark::entities::train::TrainOptions::default().seed)]
        seed: u64,
        /// Drop averaged weights smaller than this.
        #[arg(long, default_value_t = newsmark::entities::train::TrainOptions::default().prune)]
        prune: f32,
    },
}

fn parse_unit(name: &str) -> Result<OffsetUnit, String> {
    OffsetUnit::from_name(name)
        .ok_or_else(|| format!("unknown offset unit {name:?}: use byte, utf16 or codepoint"))
}

/// A document as the CLI prints it: the annotation plus the input it came from.
#[derive(Serialize)]
struct SourcedDocument<'a> {
    source: &'a str,
    #[serde(flatten)]
    document: newsmark::Document,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Annotate {
            jsonl,
            offsets,
            files,
        } => run_annotate(jsonl, offsets, &files),
        Command::Conll { model, file } => run_conll(model.as_ref(), file.as_ref()),
        Command::Train {
            train,
            dev,
            out,
            epochs,
            seed,
            prune,
        } => {
            let options = newsmark::entities::train::TrainOptions {
                epochs,
                seed,
                prune,
            };
            run_train(&train, dev.as_ref(), &out, &options)
        }
    }
}

/// Tags a CoNLL file with the built-in model (or `model`) and prints it with the predictions.
fn run_conll(model: Option<&PathBuf>, file: Option<&PathBuf>) -> ExitCode {
    use newsmark::entities::{conll::ConllFile, names::Tagger};
    let source = file.map_or("-".to_string(), |p| p.display().to_string());
    let text = match read_text(file) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("newsmark: {source}: {message}");
            return ExitCode::FAILURE;
        }
    };
    let loaded;
    let tagger = match model {
        None => Tagger::shipped(),
        Some(path) => {
            match std::fs::read(path)
                .map_err(|e| format!("cannot read: {e}"))
                .and_then(|bytes| Tagger::from_model_bytes(&bytes).map_err(|e| e.to_string()))
            {
                Ok(tagger) => {
                    loaded = tagger;
                    &loaded
                }
                Err(message) => {
                    eprintln!("newsmark: {}: {message}", path.display());
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = ConllFile::parse(&text)
        .write_tagged(tagger, &mut out)
        .and_then(|()| out.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("newsmark: cannot write output: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Trains the name model and writes it to `out`, reporting dev F1 after each epoch.
fn run_train(
    train: &PathBuf,
    dev: Option<&PathBuf>,
    out: &PathBuf,
    options: &newsmark::entities::train::TrainOptions,
) -> ExitCode {
    use newsmark::entities::{conll::ConllFile, names::Tagger, train};
    let read = |path: &PathBuf| {
        read_text(Some(path)).map_err(|message| format!("{}: {message}", path.display()))
    };
    let (train_text, dev_text) = match (read(train), dev.map(read).transpose()) {
        (Ok(train), Ok(dev)) => (train, dev.unwrap_or_default()),
        (Err(message), _) | (_, Err(message)) => {
            eprintln!("newsmark: {message}");
            return ExitCode::FAILURE;
        }
    };
    let train_file = ConllFile::parse(&train_text);
    let dev_file = ConllFile::parse(&dev_text);
    let started = std::time::Instant::now();
    let tagger = Tagger::new(Default::default());
    let (bytes, features) = train::train(
        &train_file.labeled_documents(),
        &dev_file.labeled_documents(),
        options,
        &tagger,
        |epoch, counts| match counts {
            Some(counts) => eprintln!(
                "epoch {epoch}: dev F1 {:.2} ({:.0} s)",
                counts.f1(),
                started.elapsed().as_secs_f64()
            ),
            None => eprintln!("epoch {epoch} ({:.0} s)", started.elapsed().as_secs_f64()),
        },
    );
    if let Err(error) = std::fs::write(out, &bytes) {
        eprintln!("newsmark: {}: cannot write: {error}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "newsmark: wrote {} ({} features, {} bytes) in {:.1} s",
        out.display(),
        features,
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Annotates every input; a bad input is reported on stderr and the others still processed.
fn run_annotate(jsonl: bool, unit: OffsetUnit, files: &[PathBuf]) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let inputs: Vec<Option<&PathBuf>> = if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(Some).collect()
    };
    for input in inputs {
        let source = input.map_or("-".to_string(), |p| p.display().to_string());
        let text = match read_text(input) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("newsmark: {source}: {message}");
                failed = true;
                continue;
            }
        };
        let document = SourcedDocument {
            source: &source,
            document: annotate_with_offsets(&text, unit),
        };
        let written = if jsonl {
            serde_json::to_writer(&mut out, &document)
        } else {
            serde_json::to_writer_pretty(&mut out, &document)
        };
        if let Err(error) = written
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
        {
            eprintln!("newsmark: cannot write output: {error}");
            return ExitCode::FAILURE;
        }
    }
    if let Err(error) = out.flush() {
        eprintln!("newsmark: cannot write output: {error}");
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads a file (or stdin for `None`) as UTF-8, with an error naming the first bad byte.
fn read_text(path: Option<&PathBuf>) -> Result<String, String> {
    let bytes = match path {
        Some(path) => std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?,
        None => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read: {e}"))?;
            bytes
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8: invalid byte at position {}",
            e.utf8_error().valid_up_to()
        )
    })
}
