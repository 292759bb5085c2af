//! Native speed of the pipeline, stage by stage, and its linearity in the input size.
//!
//! `cargo bench --bench pipeline -- [DOCS_JSON] [--json OUT]`, where DOCS_JSON is the corpus
//! `bench/corpus.mjs` writes (`[{"source": ..., "text": ...}]`, default bench/corpus/docs.json;
//! bench/fallback.txt when that is missing). `make bench` runs it. It prints:
//! - each stage's median time over the corpus, called through the public stage functions in the
//!   order `newsmark::annotate` calls them, and its share of the pipeline;
//! - tokenize + sentences and the full `annotate` in MB/s and tokens/s, where "tokens" is
//!   always newsmark's own token count on the corpus;
//! - `annotate` (and each stage) on one input of 100 KB, 1 MB and 10 MB (the corpus repeated)
//!   and the time per MB of each relative to the 100 KB input (linear time keeps the ratios
//!   near 1).

use newsmark::{annotate, clusters, entities, quotes, sentences, tokenize};
use serde::Deserialize;
use serde_json::json;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// One article of the corpus.
#[derive(Deserialize)]
struct Article {
    text: String,
}

/// Passes timed after one warm-up pass; the report gives their median, minimum and maximum.
const PASSES: usize = 5;
/// The stages in pipeline order, as timed by [`time_stages`].
const STAGES: [&str; 5] = ["tokenize", "sentences", "entities", "clusters", "quotes"];
/// Input sizes of the linearity run (issue 7: 100 KB to 10 MB).
const SIZES: [usize; 3] = [100_000, 1_000_000, 10_000_000];

fn main() {
    let (corpus_path, json_path) = parse_args();
    let (articles, origin) = load_corpus(&corpus_path);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let tokens: usize = articles
        .iter()
        .map(|a| tokenize::tokenize(&a.text).len())
        .sum();
    let megabytes = bytes as f64 / 1e6;
    println!(
        "newsmark native: corpus {megabytes:.2} MB, {} documents, {tokens} tokens (newsmark's count), from {origin}",
        articles.len()
    );

    // Stages one by one; every pass returns one duration per stage.
    time_stages(&articles);
    let stage_passes: Vec<[Duration; 5]> = (0..PASSES).map(|_| time_stages(&articles)).collect();
    let stage_ms: Vec<Stats> = (0..STAGES.len())
        .map(|i| Stats::of(stage_passes.iter().map(|pass| pass[i]).collect()))
        .collect();
    let total_ms: f64 = stage_ms.iter().map(|s| s.median).sum();
    let front = Stats::of(stage_passes.iter().map(|pass| pass[0] + pass[1]).collect());

    // The whole pipeline through its one entry point, Document included.
    time_annotate(&articles);
    let pipeline = Stats::of((0..PASSES).map(|_| time_annotate(&articles)).collect());

    let per_second = |ms: f64, amount: f64| amount / (ms / 1e3);
    println!(
        "\n{:<22} {:>11} {:>17} {:>7}",
        "stage", "median ms", "min-max ms", "share"
    );
    for (name, stats) in STAGES.iter().zip(&stage_ms) {
        println!(
            "{name:<22} {:>11.2} {:>8.2}-{:<8.2} {:>6.1}%",
            stats.median,
            stats.min,
            stats.max,
            100.0 * stats.median / total_ms
        );
    }
    let quote_share = 100.0 * stage_ms[4].median / total_ms;
    println!(
        "\n{:<26} {:>9} {:>14} {:>24}",
        "measure", "MB/s", "tokens/s", "target"
    );
    let rows = [
        ("tokenize + sentences", &front, "MB/s >= 50"),
        (
            "full pipeline (annotate)",
            &pipeline,
            "tokens/s >= 1,000,000",
        ),
    ];
    for (name, stats, target) in rows {
        println!(
            "{name:<26} {:>9.1} {:>14.0} {target:>24}",
            per_second(stats.median, megabytes),
            per_second(stats.median, tokens as f64)
        );
    }
    println!(
        "{:<26} {:>24.1}% {:>24}",
        "quotes share of stages", quote_share, "<= 10%"
    );

    let linearity = time_sizes(&articles);
    let per_mb = |ms: f64, bytes: usize| ms / (bytes as f64 / 1e6);
    let base = linearity.first();
    // Linearity is judged on CPU time where Linux gives it, on wall time otherwise.
    let judged_ms = |run: &SizeRun| run.annotate_cpu_ms.unwrap_or(run.annotate_ms);
    print!(
        "\n{:<8} {:>10} {:>11} {:>11} {:>10} {:>9}",
        "input", "bytes", "annotate ms", "(CPU ms)", "ms per MB", "vs first"
    );
    for name in STAGES {
        print!(" {:>10}", format!("{name}/MB"));
    }
    println!();
    let mut linear_rows = Vec::new();
    for run in &linearity {
        let ms_per_mb = per_mb(judged_ms(run), run.bytes);
        let ratio = base.map_or(f64::NAN, |b| ms_per_mb / per_mb(judged_ms(b), b.bytes));
        print!(
            "{:<8} {:>10} {:>11.1} {:>11.1} {ms_per_mb:>10.1} {ratio:>8.2}x",
            human_size(run.size),
            run.bytes,
            run.annotate_ms,
            run.annotate_cpu_ms.unwrap_or(f64::NAN)
        );
        for ms in run.stage_ms {
            print!(" {:>10.2}", per_mb(ms, run.bytes));
        }
        println!();
        let stages: serde_json::Map<_, _> = STAGES
            .iter()
            .zip(run.stage_ms)
            .map(|(name, ms)| (name.to_string(), json!(per_mb(ms, run.bytes))))
            .collect();
        linear_rows.push(json!({
            "input": human_size(run.size), "bytes": run.bytes, "median_ms": run.annotate_ms,
            "mean_cpu_ms": run.annotate_cpu_ms, "judged_on": if run.annotate_cpu_ms.is_some() { "cpu" } else { "wall" },
            "ms_per_mb": ms_per_mb, "ratio_to_smallest": ratio, "stage_ms_per_mb": stages,
        }));
    }

    if let Some(path) = json_path {
        let stages: Vec<_> = STAGES
            .iter()
            .zip(&stage_ms)
            .map(|(name, s)| json!({"stage": name, "median_ms": s.median, "min_ms": s.min, "max_ms": s.max, "share": s.median / total_ms}))
            .collect();
        let report = json!({
            "corpus": {"bytes": bytes, "documents": articles.len(), "tokens": tokens, "origin": origin},
            "passes": PASSES,
            "stages": stages,
            "tokenize_sentences": front.to_json(megabytes, tokens),
            "pipeline": pipeline.to_json(megabytes, tokens),
            "quote_share": quote_share / 100.0,
            "linearity": linear_rows,
        });
        if let Err(error) = std::fs::write(&path, report.to_string()) {
            eprintln!("bench: cannot write {}: {error}", path.display());
            std::process::exit(1);
        }
    }
}

/// The corpus path and the optional `--json OUT`; other flags (cargo passes `--bench`) are
/// ignored.
fn parse_args() -> (PathBuf, Option<PathBuf>) {
    let mut corpus = PathBuf::from("bench/corpus/docs.json");
    let mut json = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--json" {
            json = args.next().map(PathBuf::from);
        } else if !arg.starts_with("--") {
            corpus = PathBuf::from(arg);
        }
    }
    (corpus, json)
}

/// The articles of the corpus, or the fallback text when the corpus file cannot be read.
fn load_corpus(path: &PathBuf) -> (Vec<Article>, String) {
    let parsed = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|json| serde_json::from_str::<Vec<Article>>(&json).map_err(|e| e.to_string()));
    match parsed {
        Ok(articles) if !articles.is_empty() => (articles, path.display().to_string()),
        Ok(_) | Err(_) => {
            let fallback = "bench/fallback.txt";
            eprintln!(
                "bench: NOTE {} unreadable; using {fallback} repeated",
                path.display()
            );
            let text = std::fs::read_to_string(fallback).unwrap_or_else(|error| {
                eprintln!("bench: cannot read {fallback}: {error}");
                std::process::exit(1)
            });
            let copies = 1_000_000 / text.len().max(1) + 1;
            let articles = (0..copies)
                .map(|_| Article { text: text.clone() })
                .collect();
            (articles, format!("FALLBACK {fallback} x{copies}"))
        }
    }
}

/// One pass over the corpus, stage by stage, as `newsmark::annotate` chains them.
fn time_stages(articles: &[Article]) -> [Duration; 5] {
    let mut spent = [Duration::ZERO; 5];
    for article in articles {
        let text = article.text.as_str();
        let start = Instant::now();
        let tokens = tokenize::tokenize(text);
        spent[0] += start.elapsed();

        let start = Instant::now();
        let paragraphs = sentences::split_paragraphs(text);
        let sentences = sentences::split_sentences(text, &tokens, &paragraphs);
        spent[1] += start.elapsed();

        let start = Instant::now();
        let mut entities = entities::find_entities(text, &tokens, &sentences);
        spent[2] += start.elapsed();

        let start = Instant::now();
        let (clusters, assignment) = clusters::cluster_entities(text, &entities);
        for (entity, cluster) in entities.iter_mut().zip(assignment) {
            entity.cluster = cluster;
        }
        spent[3] += start.elapsed();

        let start = Instant::now();
        let quotes =
            quotes::find_quotes(text, &tokens, &sentences, &paragraphs, &entities, &clusters);
        spent[4] += start.elapsed();
        black_box((tokens, sentences, paragraphs, entities, clusters, quotes));
    }
    spent
}

/// One pass of `annotate` over every article.
fn time_annotate(articles: &[Article]) -> Duration {
    let start = Instant::now();
    for article in articles {
        black_box(annotate(black_box(&article.text)));
    }
    start.elapsed()
}

/// CPU time of this thread so far, from Linux's /proc/thread-self/schedstat (first field:
/// nanoseconds on the CPU); `None` elsewhere. On a shared machine a long run is preempted more
/// often than a short one, so wall time alone would make large inputs look slower.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// One input size of the linearity run.
struct SizeRun {
    /// The nominal size (one of [`SIZES`]).
    size: usize,
    /// The input's actual length in bytes.
    bytes: usize,
    /// Median time of `annotate`, in milliseconds.
    annotate_ms: f64,
    /// Mean CPU time of `annotate` (see [`thread_cpu_time`]), in milliseconds.
    annotate_cpu_ms: Option<f64>,
    /// Median time of each stage (see [`STAGES`]), in milliseconds.
    stage_ms: [f64; 5],
}

/// `annotate`, and the stages one by one, on one input of each size in [`SIZES`], built by
/// repeating the corpus and cut at a line break. Small inputs run more often, so that every
/// size is timed for about a second (at least 3 runs), each from no cached words. The stage times
/// are wall-clock.
fn time_sizes(articles: &[Article]) -> Vec<SizeRun> {
    let largest = SIZES.iter().copied().max().unwrap_or(0);
    let mut repeated = String::with_capacity(largest + 1_000_000);
    while repeated.len() < largest && articles.iter().any(|a| !a.text.is_empty()) {
        for article in articles {
            repeated.push_str(&article.text);
            repeated.push('\n');
        }
    }
    SIZES
        .iter()
        .map(|&size| {
            // A line break is ASCII, so cutting just after one stays on a char boundary.
            let cut = repeated.as_bytes()[..size.min(repeated.len())]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let input = [Article {
                text: repeated[..cut].to_string(),
            }];
            time_annotate(&input);
            // Every run starts from no cached words, as a reader's first article does:
            // otherwise an input small enough for the tagger's word cache would be timed with
            // all its words cached by the runs before, and a larger one not.
            let mut whole = Vec::new();
            let mut forgetting = Duration::ZERO;
            let cpu_before = thread_cpu_time();
            let started = Instant::now();
            while whole.len() < 3
                || (started.elapsed() < Duration::from_secs(1) && whole.len() < 50)
            {
                let forget = Instant::now();
                entities::names::forget_cached_words();
                forgetting += forget.elapsed();
                whole.push(time_annotate(&input));
            }
            // The CPU clock advances in scheduler ticks: averaged over all runs (about a
            // second), not read per run; the time spent forgetting is taken out.
            let annotate_cpu_ms = match (cpu_before, thread_cpu_time()) {
                (Some(before), Some(after)) => {
                    let spent = after.saturating_sub(before).saturating_sub(forgetting);
                    Some(spent.as_secs_f64() * 1e3 / whole.len() as f64)
                }
                _ => None,
            };
            let stages: Vec<[Duration; 5]> = whole
                .iter()
                .map(|_| {
                    entities::names::forget_cached_words();
                    time_stages(&input)
                })
                .collect();
            let stage_ms = std::array::from_fn(|i| {
                Stats::of(stages.iter().map(|run| run[i]).collect()).median
            });
            SizeRun {
                size,
                bytes: cut,
                annotate_ms: Stats::of(whole).median,
                annotate_cpu_ms,
                stage_ms,
            }
        })
        .collect()
}

/// Median, minimum and maximum of some timings, in milliseconds.
struct Stats {
    median: f64,
    min: f64,
    max: f64,
}

impl Stats {
    fn of(mut runs: Vec<Duration>) -> Stats {
        runs.sort();
        let ms = |d: Option<&Duration>| d.map_or(f64::NAN, |d| d.as_secs_f64() * 1e3);
        Stats {
            median: ms(runs.get(runs.len() / 2)),
            min: ms(runs.first()),
            max: ms(runs.last()),
        }
    }

    fn to_json(&self, megabytes: f64, tokens: usize) -> serde_json::Value {
        json!({
            "median_ms": self.median, "min_ms": self.min, "max_ms": self.max,
            "mb_per_s": megabytes / (self.median / 1e3),
            "tokens_per_s": tokens as f64 / (self.median / 1e3),
        })
    }
}

/// "100 KB", "1 MB", "10 MB".
fn human_size(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", (bytes as f64 / 1e6).round())
    } else {
        format!("{} KB", (bytes as f64 / 1e3).round())
    }
}
