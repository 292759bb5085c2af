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
        /// The largest stored weight (weights are quantised to -levels..=levels).
        #[arg(long, default_value_t = newsmark::entities::train::TrainOptions::default().levels)]
        levels: i16,
    },
    /// Induce word classes from unlabeled text and write them (data/word-classes.txt).
    Classes {
        /// Plain text files or folders of them (one paragraph or sentence a line).
        text: Vec<PathBuf>,
        /// CoNLL files or folders with the token in the first column.
        #[arg(long)]
        conll: Vec<PathBuf>,
        /// CoNLL-U (or GUM coreference CoNLL) files or folders: the token in the second column.
        #[arg(long)]
        conllu: Vec<PathBuf>,
        /// Numbers of classes, coarse to fine.
        #[arg(long, value_delimiter = ',', default_value = "64,256,1024")]
        sizes: Vec<usize>,
        /// Exchange passes per size.
        #[arg(long, default_value_t = 10)]
        iterations: usize,
        /// Where to write the classes.
        #[arg(long, default_value = "data/word-classes.txt")]
        out: PathBuf,
    },
    /// Build the lookup tables the engine embeds ready-made (gazetteer.bin, word-classes.bin)
    /// from the word lists compiled into this program; rebuild after changing data/.
    Tables {
        /// The folder to write them to.
        #[arg(long, default_value = "data")]
        out: PathBuf,
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
            levels,
        } => {
            let options = newsmark::entities::train::TrainOptions {
                epochs,
                seed,
                prune,
                levels,
            };
            run_train(&train, dev.as_ref(), &out, &options)
        }
        Command::Classes {
            text,
            conll,
            conllu,
            sizes,
            iterations,
            out,
        } => run_classes(&text, &conll, &conllu, &sizes, iterations, &out),
        Command::Tables { out } => run_tables(&out),
    }
}

/// Writes the embedded lookup tables, built from the compiled-in word lists.
fn run_tables(out: &std::path::Path) -> ExitCode {
    use newsmark::entities::{gazetteer, word_classes};
    let tables = [
        ("gazetteer.bin", gazetteer::encode_lists(&gazetteer::LISTS)),
        (
            "word-classes.bin",
            word_classes::encode_classes(word_classes::SHIPPED_TEXT),
        ),
    ];
    for (name, bytes) in tables {
        let path = out.join(name);
        if let Err(error) = std::fs::write(&path, &bytes) {
            eprintln!("newsmark: {}: cannot write: {error}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("newsmark: wrote {} ({} bytes)", path.display(), bytes.len());
    }
    ExitCode::SUCCESS
}

/// The files named by `paths`, folders expanded (sorted, so runs are reproducible).
fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: cannot read: {e}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Induces word classes from the named corpora and writes them to `out`.
fn run_classes(
    text: &[PathBuf],
    conll: &[PathBuf],
    conllu: &[PathBuf],
    sizes: &[usize],
    iterations: usize,
    out: &PathBuf,
) -> ExitCode {
    use newsmark::entities::class_induction::{format_rows, induce_classes, Corpus};
    let mut corpus = Corpus::default();
    let sources = [(text, None), (conll, Some(0)), (conllu, Some(1))];
    for (paths, column) in sources {
        let files = match expand_paths(paths) {
            Ok(files) => files,
            Err(message) => {
                eprintln!("newsmark: {message}");
                return ExitCode::FAILURE;
            }
        };
        for file in files {
            let content = match read_text(Some(&file)) {
                Ok(content) => content,
                Err(message) => {
                    eprintln!("newsmark: {}: {message}", file.display());
                    return ExitCode::FAILURE;
                }
            };
            match column {
                None => corpus.add_text(&content),
                Some(column) => add_columns(&mut corpus, &content, column),
            }
        }
    }
    let started = std::time::Instant::now();
    let rows = induce_classes(&corpus, sizes, iterations);
    if let Err(error) = std::fs::write(out, format_rows(&rows)) {
        eprintln!("newsmark: {}: cannot write: {error}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "newsmark: wrote {} ({} words from {} tokens) in {:.1} s",
        out.display(),
        rows.len(),
        corpus.len(),
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Adds the sentences of a column file: the token in `column`; blank lines end sentences;
/// comments (`#`), `-DOCSTART-`, multiword ranges (`1-2`) and blanked tokens (`_`) skipped.
fn add_columns(
    corpus: &mut newsmark::entities::class_induction::Corpus,
    text: &str,
    column: usize,
) {
    let mut sentence: Vec<&str> = Vec::new();
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            corpus.add_sentence(sentence.drain(..));
            continue;
        }
        if line.starts_with('#')
            || fields[0] == "-DOCSTART-"
            || fields[0].contains(['-', '.']) && column > 0
        {
            continue;
        }
        if let Some(&token) = fields.get(column).filter(|&&t| t != "_") {
            sentence.push(token);
        }
    }
    corpus.add_sentence(sentence);
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
