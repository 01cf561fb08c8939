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
#[derive(clap::Args)]
pub struct Args {
    /// Files and directories to lint.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The English source tree, the reference for cross-locale checks.
    #[arg(long)]
    source: Option<PathBuf>,
    /// Output format (`text` is another name for `human`).
    #[arg(long, short, value_enum, default_value = "human")]
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
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Lint only the files changed since this git revision (working tree,
    /// index and untracked files of the repository holding the working
    /// directory) and the pages grouped with them across locales.
    #[arg(long, value_name = "GIT_REV", conflicts_with = "files_from")]
    changed_since: Option<String>,
    /// Lint only the files listed in this file, one per line (`-`: standard
    /// input), and the pages grouped with them across locales.
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let path = args
        .config
        .clone()
        .or_else(|| std::env::current_dir().ok().and_then(|d| Config::find(&d)));
    let config = match &path {
        Some(p) => {
            super::note(format_args!("configuration: {}", p.display()));
            Config::read(p)
        }
        None => {
            super::note("no locdoc.toml found: default configuration");
            Ok(Config::default())
        }
    };
    let mut config = match config {
        Ok(c) => c,
        Err(e) => {
            super::error(
                e,
                Some("fix the file (the book's Configuration chapter lists every key), or write a fresh one with `locdoc init --force`"),
            );
            return EXIT_FAILURE;
        }
    };
    for id in args.select.iter().chain(&args.ignore) {
        if id != "ALL" && rules::get(id).is_none() {
            super::error(
                format_args!("unknown rule `{id}`"),
                Some("`locdoc rules` lists the rule ids"),
            );
            return EXIT_FAILURE;
        }
    }
    if !args.select.is_empty() {
        config.select = args.select.clone();
    }
    config.ignore.extend(args.ignore.iter().cloned());
    let source = args.source.clone().or_else(|| config.source_root());
    if let Some(s) = &source {
        super::note(format_args!("English source: {}", s.display()));
    }
    let changed = match changed_files(&args) {
        Ok(c) => c,
        Err(e) => {
            super::error(
                e,
                Some("give a revision git knows (e.g. origin/main) or a readable file list"),
            );
            return EXIT_FAILURE;
        }
    };
    let opts = Options {
        paths: args.paths.clone(),
        source,
        config,
        changed,
    };
    let outcome = engine::lint_then_exit(&opts);
    print_diagnostics(&outcome.diagnostics);
    if outcome.documents == 0 && opts.changed.is_some() {
        super::info("no changed page to lint");
    } else if outcome.documents == 0 {
        super::error(
            "no document could be read from the given paths",
            Some("pass Markdown files or directories that hold them (.md, .markdown)"),
        );
        return EXIT_FAILURE;
    }
    super::note(format_args!(
        "{} documents read, {} findings",
        outcome.documents,
        outcome.findings.len()
    ));
    if let Some(path) = &args.write_baseline {
        return match Baseline::from_findings(&outcome.findings).write(path) {
            Ok(()) => {
                super::info(format_args!(
                    "recorded {} findings in {}",
                    outcome.findings.len(),
                    path.display()
                ));
                EXIT_OK
            }
            Err(e) => {
                super::error(e, Some("check that the directory is writable"));
                EXIT_FAILURE
            }
        };
    }
    let findings = match &args.baseline {
        Some(path) => match Baseline::read(path) {
            Ok(b) => b.filter(outcome.findings),
            Err(e) => {
                super::error(
                    e,
                    Some("record a baseline first with `locdoc lint --write-baseline FILE PATH…`"),
                );
                return EXIT_FAILURE;
            }
        },
        None => outcome.findings,
    };
    let color = super::color(args.out.is_none() && std::io::stdout().is_terminal());
    let phase = locdoc::timing::Phase::start("report");
    let text = report::render_parts(&findings, args.format, args.statistics, color, &|p| {
        std::fs::read_to_string(p).ok()
    });
    let written = super::write_output_parts(args.out.as_deref(), &text);
    phase.end(format_args!(
        "{} bytes",
        text.iter().map(String::len).sum::<usize>()
    ));
    let code = if written != EXIT_OK {
        written
    } else if engine::has_errors(&findings) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    locdoc::workspace::drop_in_background((findings, text));
    code
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
#[derive(clap::Args)]
pub struct RulesArgs {
    /// text (a table), json, or markdown (the book's rule reference).
    #[arg(long, short, value_enum, default_value = "text")]
    format: RulesFormat,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum RulesFormat {
    #[value(alias = "human")]
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
            super::error(
                format_args!("unknown rule `{}`", args.id),
                Some("`locdoc rules` lists the rule ids"),
            );
            EXIT_FAILURE
        }
    }
}
