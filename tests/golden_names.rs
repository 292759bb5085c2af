//! Golden tests of names and clusters: each `tests/golden/NAME.txt` (news-style text written
//! for newsmark) has a `NAME.names` file listing, in text order, every PERSON, NORP, ORG,
//! LOC and MISC entity as `LABEL<TAB>mention`, then every cluster as
//! `cluster<TAB>canonical name<TAB>label<TAB>mentions`. Lines starting with `#` are
//! comments; `# reader:` comments note where newsmark differs from what a reader expects.

use newsmark::annotate;
use std::path::{Path, PathBuf};

/// The names and clusters of `text`, in the `.names` format (without comments).
fn names_of(text: &str) -> Vec<String> {
    let document = annotate(text);
    let mut lines: Vec<String> = document
        .entities
        .iter()
        .filter(|e| e.label.is_name())
        .map(|e| format!("{}\t{}", e.label.as_str(), e.span.text(text)))
        .collect();
    lines.extend(document.clusters.iter().map(|c| {
        format!(
            "cluster\t{}\t{}\t{}",
            c.name,
            c.label.as_str(),
            c.mentions.len()
        )
    }));
    lines
}

fn golden_files() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("tests/golden exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn golden_names_match() {
    let files = golden_files();
    assert!(files.len() >= 3, "golden texts are missing");
    let mut failures = Vec::new();
    for text_path in files {
        let text = std::fs::read_to_string(&text_path).expect("readable golden text");
        let expected_path = text_path.with_extension("names");
        let expected_text = std::fs::read_to_string(&expected_path).unwrap_or_default();
        let expected: Vec<&str> = expected_text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .collect();
        let found = names_of(&text);
        if found != expected {
            failures.push(format!(
                "{}: expected\n{}\nfound\n{}",
                expected_path.display(),
                expected.join("\n"),
                found.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
