//! `locdoc drift`: translation drift against the English source.

use super::{EXIT_FAILURE, EXIT_OK};
use locdoc::drift::{self, report};
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
    /// Write to this file (atomically) instead of standard output; with
    /// `--export`, the directory for the exported files.
    #[arg(long)]
    out: Option<PathBuf>,
    /// A directory whose `drift.html` replaces the embedded dashboard template.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Also export the segments to (re)translate, one file per locale, into `--out DIR`.
    #[arg(long, value_enum, requires = "out")]
    export: Option<Export>,
    /// Locale directories (or files) to report on.
    #[arg(required = true)]
    locales: Vec<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Export {
    Xliff,
    Po,
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
    if let (Some(kind), Some(dir)) = (args.export, &args.out) {
        let files = match kind {
            Export::Xliff => drift::export::xliff(&r),
            Export::Po => drift::export::po(&r),
        };
        for (name, text) in files {
            if let Err(e) = locdoc::output::write_atomic(&dir.join(&name), text.as_bytes()) {
                eprintln!("error: cannot write {}: {e}", dir.join(name).display());
                return EXIT_FAILURE;
            }
        }
        return EXIT_OK;
    }
    let text = if args.format == report::Format::Html {
        match drift::dashboard::html(&r, args.templates.as_deref()) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_FAILURE;
            }
        }
    } else {
        report::render(&r, args.format)
    };
    super::write_output(args.out.as_deref(), text.as_bytes())
}
