//! `locdoc lint`, `locdoc rules`, `locdoc rule ID`.

use super::{print_diagnostics, EXIT_FAILURE, EXIT_OK};
use locdoc::lint::baseline::Baseline;
use locdoc::lint::changed;
use locdoc::lint::config::Config;
use locdoc::lint::engine::{self, Options};
use locdoc::lint::report::{self, Format};
use locdoc::rules::{self, RULES};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Exit code: findings at error level.
pub const EXIT_FINDINGS: u8 = 1;

/// Lint localized docs: span-pair integrity, segment QA, API consistency,
/// cross-locale and source checks.
///
/// Examples:
///   locdoc lint examples/graph-docs
///   locdoc lint --source examples/graph-docs/en-US examples/graph-docs/ja-JP examples/graph-docs/ru-RU
///   locdoc lint --format sarif examples/graph-docs > locdoc.sarif
///   locdoc lint --write-baseline .locdoc-baseline.json docs/
///   locdoc lint --baseline .locdoc-baseline.json docs/
///   locdoc lint --changed-since origin/main --source docs/en-US docs/
///   git diff --name-only main | locdoc lint --files-from - docs/
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files and directories to lint.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The English source tree, the reference for cross-locale checks.
    #[arg(long)]
    source: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Configuration file (default: locdoc.toml found upward from the working directory).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Only these rules (comma-separated ids, or ALL).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Report only findings not recorded in this baseline.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Record the current findings as a baseline and exit 0.
    #[arg(long)]
    write_baseline: Option<PathBuf>,
    /// Print a per-rule count of findings.
    #[arg(long)]
    statistics: bool,
    /// Lint only the files changed since this git revision (working tree,
    /// index and untracked files of the repository holding the working
    /// directory) and the pages grouped with them across locales.
    #[arg(long, value_name = "GIT_REV", conflicts_with = "files_from")]
    changed_since: Option<String>,
    /// Lint only the files listed in this file, one per line (`-`: standard
    /// input), and the pages grouped with them across locales.
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Colour: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

pub fn run(args: Args) -> u8 {
    let config = match &args.config {
        Some(p) => Config::read(p),
        None => match std::env::current_dir().ok().and_then(|d| Config::find(&d)) {
            Some(p) => Config::read(&p),
            None => Ok(Config::default()),
        },
    };
    let mut config = match config {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    for id in args.select.iter().chain(&args.ignore) {
        if id != "ALL" && rules::get(id).is_none() {
            eprintln!("error: unknown rule `{id}` (see `locdoc rules`)");
            return EXIT_FAILURE;
        }
    }
    if !args.select.is_empty() {
        config.select = args.select.clone();
    }
    config.ignore.extend(args.ignore.iter().cloned());
    let source = args.source.clone().or_else(|| config.source_root());
    let changed = match changed_files(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let opts = Options {
        paths: args.paths.clone(),
        source,
        config,
        changed,
    };
    let outcome = engine::lint(&opts);
    print_diagnostics(&outcome.diagnostics);
    if outcome.documents == 0 && opts.changed.is_some() {
        eprintln!("note: no changed page to lint");
    } else if outcome.documents == 0 {
        eprintln!("error: no document could be read from the given paths");
        return EXIT_FAILURE;
    }
    if let Some(path) = &args.write_baseline {
        return match Baseline::from_findings(&outcome.findings).write(path) {
            Ok(()) => {
                eprintln!(
                    "recorded {} findings in {}",
                    outcome.findings.len(),
                    path.display()
                );
                EXIT_OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_FAILURE
            }
        };
    }
    let findings = match &args.baseline {
        Some(path) => match Baseline::read(path) {
            Ok(b) => b.filter(outcome.findings),
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_FAILURE;
            }
        },
        None => outcome.findings,
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = report::render(&findings, args.format, args.statistics, color, &|p| {
        std::fs::read_to_string(p).ok()
    });
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if engine::has_errors(&findings) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The files of an incremental run (`--changed-since`, `--files-from`).
fn changed_files(args: &Args) -> Result<Option<Vec<PathBuf>>, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("no working directory: {e}"))?;
    if let Some(rev) = &args.changed_since {
        return changed::since(rev, &cwd).map(Some);
    }
    let Some(list) = &args.files_from else {
        return Ok(None);
    };
    let text = if list.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read the file list from standard input: {e}"))?;
        s
    } else {
        std::fs::read_to_string(list).map_err(|e| format!("{}: {e}", list.display()))?
    };
    Ok(Some(changed::from_list(&text, &cwd)))
}

/// List every rule with its id, default severity and summary.
///
/// Examples:
///   locdoc rules
///   locdoc rules --format markdown > docs/rules.md
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct RulesArgs {
    /// text (a table), json, or markdown (the book's rule reference).
    #[arg(long, value_enum, default_value = "text")]
    format: RulesFormat,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

pub fn rules(args: RulesArgs) -> u8 {
    let out = match args.format {
        RulesFormat::Json => {
            let v: Vec<_> = RULES
                .iter()
                .map(|r| serde_json::json!({"id": r.id, "severity": r.severity, "summary": r.summary}))
                .collect();
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
        RulesFormat::Markdown => rules::reference(),
        RulesFormat::Text => RULES
            .iter()
            .map(|r| format!("{:<28} {:<8} {}\n", r.id, r.severity.to_string(), r.summary))
            .collect(),
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    EXIT_OK
}

/// Print the documentation of one rule.
#[derive(clap::Args)]
pub struct RuleArgs {
    /// The rule id, e.g. placeholder-mismatch.
    id: String,
}

pub fn rule(args: RuleArgs) -> u8 {
    match rules::get(&args.id) {
        Some((r, doc)) => {
            let text = format!(
                "# {}\n\nDefault severity: {}. {}\n\n{doc}\n",
                r.id, r.severity, r.summary
            );
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            EXIT_OK
        }
        None => {
            eprintln!("error: unknown rule `{}` (see `locdoc rules`)", args.id);
            EXIT_FAILURE
        }
    }
}
