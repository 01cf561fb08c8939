//! `locdoc init [DIR]`: inspect a docs tree and write a commented
//! `locdoc.toml` for it: the locales found and their roots, the English
//! source root, and a rule selection suited to the forms found.

use super::{EXIT_FAILURE, EXIT_OK};
use locdoc::lint::config::Config;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Write a commented locdoc.toml for the docs tree in DIR.
///
/// locdoc walks DIR, finds the locale directories (`ja-JP/`, `de-de/`, …),
/// the English tree and the form of each locale's pages (span-pair or
/// plain), and writes `DIR/locdoc.toml` with every configuration key
/// explained. An existing file is kept unless `--force` is given.
#[derive(clap::Args)]
pub struct Args {
    /// The root of the docs tree; locdoc.toml is written there.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Replace an existing locdoc.toml.
    #[arg(long)]
    force: bool,
    /// Print the file to standard output instead of writing it.
    #[arg(long)]
    dry_run: bool,
}

/// Files read per locale root to tell span-pair from plain pages.
const SAMPLE: usize = 20;

/// A locale directory of the tree.
#[derive(Debug, Default)]
struct Root {
    tag: String,
    pages: usize,
    sampled: usize,
    span_pair: usize,
}

impl Root {
    fn english(&self) -> bool {
        locdoc::locale::primary(&self.tag).eq_ignore_ascii_case("en")
    }

    fn form(&self) -> &'static str {
        if self.span_pair > 0 {
            "span-pair"
        } else if self.english() {
            "English"
        } else {
            "plain"
        }
    }
}

/// What `init` found in a tree.
#[derive(Debug, Default)]
struct Survey {
    /// Locale roots by path relative to the tree (with `/` separators).
    roots: BTreeMap<String, Root>,
    /// Markdown files under no locale directory.
    unlocated: usize,
    /// A path prefix (below a locale root) of beta API pages, if any.
    beta: Option<String>,
}

impl Survey {
    fn pages(&self) -> usize {
        self.unlocated + self.roots.values().map(|r| r.pages).sum::<usize>()
    }

    /// The English root with the most pages.
    fn source(&self) -> Option<&str> {
        self.roots
            .iter()
            .filter(|(_, r)| r.english())
            .max_by_key(|(p, r)| (r.pages, std::cmp::Reverse(p.len())))
            .map(|(p, _)| p.as_str())
    }

    fn tags(&self, form: &str) -> Vec<&str> {
        let mut t: Vec<&str> = self
            .roots
            .values()
            .filter(|r| r.form() == form)
            .map(|r| r.tag.as_str())
            .collect();
        t.dedup();
        t
    }
}

fn skipped(name: &str) -> bool {
    name.starts_with('.') || matches!(name, "target" | "node_modules" | "_site" | "book")
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn survey(dir: &Path) -> Survey {
    let mut s = Survey::default();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped(&e.file_name().to_string_lossy()));
    for entry in walk.filter_map(Result::ok) {
        let path = entry.path();
        if !entry.file_type().is_file()
            || !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "markdown")
            )
        {
            continue;
        }
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let Some((tag, root)) = locdoc::locale::from_path(rel) else {
            s.unlocated += 1;
            continue;
        };
        if s.beta.is_none() {
            let below: Vec<String> = rel
                .strip_prefix(&root)
                .unwrap_or(rel)
                .parent()
                .map(|p| {
                    p.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(i) = below.iter().position(|c| c == "beta") {
                s.beta = Some(below[..=i].join("/") + "/");
            }
        }
        let r = s.roots.entry(slash(&root)).or_default();
        r.tag = tag;
        r.pages += 1;
        if r.sampled < SAMPLE {
            r.sampled += 1;
            if std::fs::read(path).is_ok_and(|b| memchr::memmem::find(&b, b"sxs-lookup").is_some())
            {
                r.span_pair += 1;
            }
        }
    }
    s
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The commented configuration for what `s` found in `dir`.
fn render(dir: &Path, s: &Survey) -> String {
    let mut t = String::new();
    let w = &mut t;
    let _ = writeln!(
        w,
        "# locdoc.toml: how `locdoc lint` checks this docs tree.\n\
         # Written by `locdoc init` from what it found in {}; every key is optional.\n\
         # Reference: the Configuration chapter of the locdoc book.\n#",
        if dir.as_os_str().is_empty() || dir == Path::new(".") {
            "this directory".to_string()
        } else {
            format!("`{}`", slash(dir))
        }
    );
    let _ = writeln!(w, "# Found {} Markdown files.", s.pages());
    if !s.roots.is_empty() {
        let width = s
            .roots
            .keys()
            .map(|k| k.len() + 1)
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = writeln!(
            w,
            "#   {:<8} {:<width$} {:>5}  form",
            "locale", "root", "pages"
        );
        for (path, r) in &s.roots {
            let _ = writeln!(
                w,
                "#   {:<8} {:<width$} {:>5}  {}",
                r.tag,
                format!("{path}/"),
                r.pages,
                r.form()
            );
        }
    }
    if s.unlocated > 0 {
        let _ = writeln!(
            w,
            "#   {} files under no locale directory: their locale comes from the\n\
             #   front matter (ms.contentlocale) or is detected from the text.",
            s.unlocated
        );
    }
    let _ = writeln!(w);

    let _ = writeln!(
        w,
        "# The English source tree, relative to this file: the reference of the\n\
         # cross-locale and source checks (`--source` on the command line wins)."
    );
    match s.source() {
        Some(src) => {
            let _ = writeln!(w, "source = {}", quoted(src));
        }
        None => {
            let _ = writeln!(
                w,
                "# No English tree was found: the locales are compared with each other,\n\
                 # and the majority is the reference. Name the English tree to compare\n\
                 # every locale with it:\n\
                 # source = \"en-US\""
            );
        }
    }
    let _ = writeln!(w);

    let _ = writeln!(
        w,
        "# Rules to run: \"ALL\" or rule ids (`locdoc rules` lists them,\n\
         # `locdoc rule ID` explains one)."
    );
    let span_pair = s.tags("span-pair");
    let plain = s.tags("plain");
    let mut applies = Vec::new();
    if !span_pair.is_empty() {
        applies.push(format!(
            "#   span-pair pages ({}): span-pair integrity (sxs-*) and segment QA\n\
             #   (placeholder-mismatch, inline-code-mismatch, untranslated, …)",
            span_pair.join(", ")
        ));
    }
    if !plain.is_empty() {
        applies.push(format!(
            "#   plain pages ({}): page checks on the model and cross-locale checks (xl-*)",
            plain.join(", ")
        ));
    }
    if let Some(src) = s.source() {
        applies.push(format!(
            "#   the English tree ({src}/): source-facts-mismatch, orphan-translation,\n\
             #   missing-translation"
        ));
    }
    if !applies.is_empty() {
        let _ = writeln!(w, "# What applies to this tree:\n{}", applies.join("\n"));
    }
    let _ = writeln!(w, "select = [\"ALL\"]\n");

    let _ = writeln!(
        w,
        "# Rules to skip everywhere. For example, product names that stay in\n\
         # English are not worth an `untranslated` warning on some trees:\n\
         # ignore = [\"untranslated\"]\n\
         ignore = []\n"
    );

    let _ = writeln!(
        w,
        "# Severity per rule: \"error\" (fails the run), \"warning\" or \"info\"."
    );
    let _ = writeln!(w, "[severity]");
    if !plain.is_empty() {
        let _ = writeln!(
            w,
            "# Plain translations made from different English versions are common:\n\
             # xl-source-version = \"info\""
        );
    }
    if s.source().is_some() {
        let _ = writeln!(
            w,
            "# Make an English page without translation count (default: info):\n\
             # missing-translation = \"warning\""
        );
    } else {
        let _ = writeln!(w, "# xl-structure = \"info\"");
    }
    let _ = writeln!(w);

    let _ = writeln!(
        w,
        "# Per-path overrides: `path` is a path prefix or a glob with `*`; `ignore`\n\
         # and `severity` apply to the files it matches (\"ALL\" skips every rule)."
    );
    match &s.beta {
        Some(b) => {
            let _ = writeln!(
                w,
                "# Beta pages change often:\n\
                 # [[overrides]]\n\
                 # path = {}\n\
                 # ignore = [\"xl-source-version\"]",
                quoted(b)
            );
        }
        None => {
            let _ = writeln!(
                w,
                "# [[overrides]]\n\
                 # path = \"*/includes/*.md\"\n\
                 # ignore = [\"xl-structure\"]\n\
                 # severity = {{ untranslated = \"info\" }}"
            );
        }
    }
    t
}

pub fn run(args: Args) -> u8 {
    let dir = &args.dir;
    if !dir.is_dir() {
        super::error(
            format_args!("{}: not a directory", dir.display()),
            Some("pass the root of the docs tree, e.g. `locdoc init docs/`"),
        );
        return EXIT_FAILURE;
    }
    let target = dir.join("locdoc.toml");
    if target.exists() && !args.force && !args.dry_run {
        super::error(
            format_args!("{} exists", target.display()),
            Some("pass --force to replace it, or --dry-run to print the suggested file"),
        );
        return EXIT_FAILURE;
    }
    let s = survey(dir);
    super::note(format_args!(
        "{} Markdown files, {} locale roots",
        s.pages(),
        s.roots.len()
    ));
    if s.pages() == 0 {
        super::error(
            format_args!("no Markdown file under {}", dir.display()),
            Some("pass the root of the docs tree, the directory that holds the locale directories"),
        );
        return EXIT_FAILURE;
    }
    let text = render(dir, &s);
    if let Err(e) = toml::from_str::<Config>(&text) {
        super::error(
            format_args!("the generated configuration does not parse: {e}"),
            None,
        );
        return EXIT_FAILURE;
    }
    if args.dry_run {
        return super::write_output(None, text.as_bytes());
    }
    if let Err(e) = locdoc::output::write_atomic(&target, text.as_bytes()) {
        super::error(
            format_args!("cannot write {}: {e}", target.display()),
            Some("check that the directory is writable, or use --dry-run to print the file"),
        );
        return EXIT_FAILURE;
    }
    let locales: Vec<&str> = s.roots.values().map(|r| r.tag.as_str()).collect();
    super::info(format_args!(
        "wrote {} (locales: {}; source: {})",
        target.display(),
        if locales.is_empty() {
            "none found".to_string()
        } else {
            locales.join(", ")
        },
        s.source().unwrap_or("none found")
    ));
    let here = std::env::current_dir()
        .ok()
        .and_then(|c| dir.canonicalize().ok().map(|d| d == c))
        .unwrap_or(false);
    super::info(if here {
        "next: locdoc lint .".to_string()
    } else {
        format!(
            "next: locdoc lint --config {} {}",
            target.display(),
            dir.display()
        )
    });
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_toml() {
        let s = "a \"b\" \\c\td";
        let v: toml::Value = toml::from_str(&format!("k = {}", quoted(s))).unwrap();
        assert_eq!(v["k"].as_str(), Some(s));
    }

    #[test]
    fn rendered_file_parses_without_english_or_locales() {
        let mut s = Survey {
            unlocated: 3,
            ..Survey::default()
        };
        let c: Config = toml::from_str(&render(Path::new("docs"), &s)).unwrap();
        assert!(c.source.is_none());
        s.roots.insert(
            "articles/de-de".into(),
            Root {
                tag: "de-DE".into(),
                pages: 2,
                sampled: 2,
                span_pair: 0,
            },
        );
        s.roots.insert(
            "articles/en-us".into(),
            Root {
                tag: "en-US".into(),
                pages: 2,
                sampled: 2,
                span_pair: 0,
            },
        );
        s.beta = Some("api/beta/".into());
        let text = render(Path::new("."), &s);
        let c: Config = toml::from_str(&text).unwrap();
        assert_eq!(c.source, Some(PathBuf::from("articles/en-us")));
        assert!(text.contains("# path = \"api/beta/\""), "{text}");
        assert_eq!(c.select, vec!["ALL".to_string()]);
    }
}
