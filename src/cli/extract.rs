//! `locdoc extract`: print a span-pair document with one half of each pair.

use super::{print_diagnostics, EXIT_FAILURE, EXIT_OK};
use locdoc::discover::Input;
use locdoc::sxs::Side;
use locdoc::Document;
use std::io::Write;
use std::path::PathBuf;

/// Print a document with every span pair replaced by one of its halves.
///
/// Examples:
///   locdoc extract --side target ja-JP/api/user-get.md
///   locdoc extract --side source ja-JP/api/user-get.md --out user-get.en.md
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Which half to keep: `target` (localized) or `source` (English).
    #[arg(long, value_enum, default_value = "target")]
    side: Side,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// The span-pair document.
    file: PathBuf,
}

pub fn run(args: Args) -> u8 {
    let input = Input {
        root: args.file.parent().map(PathBuf::from).unwrap_or_default(),
        path: args.file.clone(),
    };
    let doc = match Document::read(&input) {
        Ok(d) => d,
        Err(d) => {
            print_diagnostics([&d]);
            return EXIT_FAILURE;
        }
    };
    print_diagnostics(&doc.diagnostics);
    let text = doc.extract(args.side);
    let res = match &args.out {
        Some(path) => locdoc::output::write_atomic(path, text.as_bytes()),
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
