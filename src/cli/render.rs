//! `locdoc render`: localized pages as a static site or plain Markdown.

use super::{EXIT_FAILURE, EXIT_OK};
use locdoc::render::{self, Format, Options};
use std::path::PathBuf;

/// Render every page of every locale as a static HTML site (language
/// switcher, per-locale index and search, stale and not-yet-translated
/// notices), or as plain localized Markdown.
#[derive(clap::Args)]
pub struct Args {
    /// Localized trees or files to render.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The output directory (created if missing).
    #[arg(long, short)]
    out: PathBuf,
    /// The current English tree: rendered as en-US, shown where a
    /// translation is missing, and compared to flag stale translations.
    #[arg(long)]
    source: Option<PathBuf>,
    /// What to write.
    #[arg(long, short, value_enum, default_value = "html")]
    format: RenderFormat,
    /// A directory whose files replace the embedded templates and assets of
    /// the same name (layout.html, page.html, index.html, site.html,
    /// locdoc.css, search.js).
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Only these locales, comma-separated (the English source is always
    /// rendered).
    #[arg(long, value_delimiter = ',')]
    locales: Option<Vec<String>>,
    /// The URL the site is published at: canonical links, absolute
    /// hreflang alternates and sitemap.xml.
    #[arg(long)]
    base_url: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RenderFormat {
    Html,
    Markdown,
}

pub fn run(args: Args) -> u8 {
    if let Some(source) = &args.source {
        if !source.is_dir() {
            super::error(
                format_args!("{}: the English source tree is not a directory", source.display()),
                Some("pass the directory that holds the current English pages, e.g. --source docs/en-US"),
            );
            return EXIT_FAILURE;
        }
    }
    let opts = Options {
        paths: args.paths,
        source: args.source,
        out: args.out,
        format: match args.format {
            RenderFormat::Html => Format::Html,
            RenderFormat::Markdown => Format::Markdown,
        },
        templates: args.templates,
        locales: args.locales,
        base_url: args.base_url,
        progress: !super::quiet(),
    };
    match render::render(&opts) {
        Ok(summary) => {
            super::print_diagnostics(&summary.diagnostics);
            if summary.pages == 0 {
                super::error(
                    "no page could be rendered from the given paths",
                    Some("give directories or files that hold Markdown pages (*.md)"),
                );
                return EXIT_FAILURE;
            }
            super::info(format_args!(
                "rendered {} pages ({} in English for missing translations) in {} locales to {}",
                summary.pages,
                summary.fallbacks,
                summary.locales.len(),
                opts.out.display()
            ));
            if summary.write_failed() {
                EXIT_FAILURE
            } else {
                EXIT_OK
            }
        }
        Err(e) => {
            super::error(
                e,
                Some("check the --templates directory and that --out is writable"),
            );
            EXIT_FAILURE
        }
    }
}
