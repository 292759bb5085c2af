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
    }
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
