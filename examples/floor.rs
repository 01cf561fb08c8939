//! The floor for the corpus benchmark: the least work any Markdown tool must
//! do on a set of files, measured the same way as `locdoc model`.
//!
//! Walks each directory argument with walkdir (`.md` and `.markdown` files,
//! following links, sorted like locdoc's discovery), then on rayon's default
//! thread pool — the pool locdoc uses — reads every file, checks it is UTF-8
//! and runs a pulldown-cmark parse with the options locdoc uses (tables,
//! strikethrough), consuming every event. Prints the file count, the byte
//! count and the event count (so the parse cannot be optimised away).
//!
//! ```text
//! cargo run --release --example floor -- target/bench-corpus/live-sxs
//! ```
//!
//! See `docs/benchmarks.md` and `scripts/bench-corpus.sh`.

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

fn is_markdown(path: &std::path::Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    )
}

/// Every Markdown file under `roots`, sorted and deduplicated.
fn walk(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for root in roots {
        if root.is_file() {
            files.push(root.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
        for entry in walk.into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file() && is_markdown(entry.path()) {
                files.push(entry.into_path());
            }
        }
    }
    files.sort();
    files.dedup();
    files
}

/// Reads and parses one file: `(bytes, events)`, or `None` if unreadable.
fn parse_file(path: &PathBuf) -> Option<(u64, u64)> {
    let bytes = std::fs::read(path).ok()?;
    let len = bytes.len() as u64;
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(&text, options).into_offset_iter().count() as u64;
    Some((len, events))
}

fn main() -> ExitCode {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        eprintln!("usage: floor DIR...");
        return ExitCode::from(2);
    }
    let files = walk(&roots);
    let results: Vec<Option<(u64, u64)>> = files.par_iter().map(parse_file).collect();
    let (mut read, mut bytes, mut events) = (0u64, 0u64, 0u64);
    for (b, e) in results.into_iter().flatten() {
        read += 1;
        bytes += b;
        events += e;
    }
    println!(
        "files {read} bytes {bytes} events {events} threads {}",
        rayon::current_num_threads()
    );
    if read == 0 {
        eprintln!("error: no Markdown file could be read");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
