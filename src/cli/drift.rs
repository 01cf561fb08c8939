//! `locdoc drift`: translation drift against the English source.

use super::{EXIT_FAILURE, EXIT_OK};
use locdoc::drift::{self, report};
use std::io::Write;
use std::path::PathBuf;

/// Report which translated pages and segments are stale against the current
/// English, by how much, and which API facts changed.
///
/// Examples:
///   locdoc drift --source examples/graph-docs/en-US examples/graph-docs/ja-JP examples/graph-docs/ru-RU
///   locdoc drift --format markdown --source en-US ja-JP > drift.md
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The current English tree.
    #[arg(long, required = true)]
    source: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: report::Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Locale directories (or files) to report on.
    #[arg(required = true)]
    locales: Vec<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    if !args.source.exists() {
        eprintln!(
            "error: {}: no such English source tree",
            args.source.display()
        );
        return EXIT_FAILURE;
    }
    let r = drift::drift(&args.source, &args.locales);
    if r.pages.is_empty() {
        eprintln!("error: no translated page found under the given paths");
        return EXIT_FAILURE;
    }
    let text = report::render(&r, args.format);
    let res = match &args.out {
        Some(p) => locdoc::output::write_atomic(p, text.as_bytes()),
        None => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    match res {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            EXIT_FAILURE
        }
    }
}
