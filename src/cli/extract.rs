//! `locdoc extract`: print a span-pair document with one half of each pair.

use super::{print_diagnostics, EXIT_FAILURE};
use locdoc::discover::Input;
use locdoc::sxs::Side;
use locdoc::Document;
use std::path::PathBuf;

/// Print a document with every span pair replaced by one of its halves.
#[derive(clap::Args)]
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
    super::write_output(args.out.as_deref(), text.as_bytes())
}
