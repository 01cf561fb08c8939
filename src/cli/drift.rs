//! `locdoc drift`: translation drift against the English source.

use super::{EXIT_FAILURE, EXIT_OK};
use locdoc::drift::{self, report};
use std::path::PathBuf;

/// Report which translated pages and segments are stale against the current
/// English, by how much, and which API facts changed.
#[derive(clap::Args)]
pub struct Args {
    /// The current English tree.
    #[arg(long, required = true)]
    source: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "text")]
    format: report::Format,
    /// Write to this file (atomically) instead of standard output; with
    /// `--export`, the directory for the exported files.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// A directory whose `drift.html` replaces the embedded dashboard template.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Also export the segments to (re)translate, one file per locale, into `--out DIR`.
    #[arg(long, value_enum, requires = "out")]
    export: Option<Export>,
    /// Report only the pages whose English changed on or after this date
    /// (git history of the English tree, else its `ms.date`; undated pages
    /// are kept).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = since_date)]
    since: Option<String>,
    /// Locale directories (or files) to report on.
    #[arg(required = true)]
    locales: Vec<PathBuf>,
}

/// Checks a `--since` date (clap reports the error, exit 2).
fn since_date(s: &str) -> Result<String, String> {
    drift::since::parse_date(s).map(|_| s.trim().to_string())
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Export {
    Xliff,
    Po,
}

pub fn run(args: Args) -> u8 {
    if !args.source.exists() {
        super::error(
            format_args!("{}: no such English source tree", args.source.display()),
            Some("pass the directory of the current English pages with --source, e.g. --source docs/en-US"),
        );
        return EXIT_FAILURE;
    }
    let mut r = drift::drift(&args.source, &args.locales);
    if r.pages.is_empty() {
        super::error(
            "no translated page found under the given paths",
            Some("pass locale directories (e.g. docs/ja-JP) or translated files after the options"),
        );
        return EXIT_FAILURE;
    }
    // after the check above: a date no page changed since is an empty report, no error
    if let Some(date) = &args.since {
        if let Err(e) = drift::since::restrict(&mut r, &args.source, date) {
            super::error(e, Some("pass --since YYYY-MM-DD, e.g. --since 2024-05-31"));
            return EXIT_FAILURE;
        }
    }
    if let (Some(kind), Some(dir)) = (args.export, &args.out) {
        let files = match kind {
            Export::Xliff => drift::export::xliff(&r),
            Export::Po => drift::export::po(&r),
        };
        let locales: std::collections::BTreeSet<&str> =
            r.pages.iter().map(|p| p.locale.as_str()).collect();
        for locale in locales {
            if !files
                .iter()
                .any(|(name, _)| name.starts_with(&format!("{locale}.")))
            {
                eprintln!("note: {locale}: nothing to (re)translate, no file written");
            }
        }
        for (name, text) in files {
            if let Err(e) = locdoc::output::write_atomic(&dir.join(&name), text.as_bytes()) {
                super::error(
                    format_args!("cannot write {}: {e}", dir.join(name).display()),
                    Some("check that the --out directory is writable"),
                );
                return EXIT_FAILURE;
            }
        }
        return EXIT_OK;
    }
    let text = if args.format == report::Format::Html {
        match drift::dashboard::html(&r, args.templates.as_deref()) {
            Ok(t) => vec![t],
            Err(e) => {
                super::error(
                    e,
                    Some("check the drift.html template of --templates DIR, or omit --templates"),
                );
                return EXIT_FAILURE;
            }
        }
    } else {
        let phase = locdoc::timing::Phase::start("report");
        let text = report::render_parts(&r, args.format);
        phase.end(format_args!(
            "{} bytes",
            text.iter().map(String::len).sum::<usize>()
        ));
        text
    };
    locdoc::workspace::drop_in_background(r);
    super::write_output_parts(args.out.as_deref(), &text)
}
