//! Command-line definitions (clap) and dispatch to one module per command.
//!
//! Global options (`--quiet`, `--verbose`, `--color`) are read once into
//! process-wide settings that the commands consult through [`quiet`],
//! [`note`], [`color`] and [`print_diagnostics`]. Each command's `--help`
//! ends with an Examples section taken from [`EXAMPLES`].

mod completions;
mod drift;
mod extract;
mod init;
mod lint;
mod model;
mod render;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

/// Exit code: everything read and nothing at error level.
pub const EXIT_OK: u8 = 0;
/// Exit code: usage error or nothing could be read.
pub const EXIT_FAILURE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "locdoc",
    version,
    about = "Lint, model and track translation drift of multilingual API docs",
    long_about = "Lint, model and track translation drift of multilingual API reference docs.\n\n\
        locdoc reads span-pair (side-by-side), plain localized and English Markdown pages, \
        builds a language-neutral model of each page and checks the translations against \
        each other and against the English source.\n\n\
        Exit codes: 0 success, 1 findings at error level, 2 usage error or nothing could be read."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command accepts, before or after the command name.
#[derive(clap::Args)]
struct Global {
    /// Print only errors on standard error: no warnings, no notes.
    #[arg(
        long,
        short,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global options"
    )]
    quiet: bool,
    /// Also print on standard error what the command does: configuration,
    /// inputs, timing.
    #[arg(long, short, global = true, help_heading = "Global options")]
    verbose: bool,
    /// Colour: auto (a terminal, and NO_COLOR unset or empty), always, never.
    #[arg(
        long,
        value_enum,
        global = true,
        default_value = "auto",
        value_name = "WHEN",
        help_heading = "Global options"
    )]
    color: Color,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    Lint(lint::Args),
    Rules(lint::RulesArgs),
    Rule(lint::RuleArgs),
    Model(model::Args),
    Extract(extract::Args),
    Drift(drift::Args),
    Render(render::Args),
    Init(init::Args),
    Completions(completions::CompletionsArgs),
    #[command(alias = "manpage")]
    Man(completions::ManArgs),
}

/// Examples shown at the end of each command's `--help` (and in the man
/// page): command, then (what it does, command line) pairs. They run from
/// the root of a checkout, on the shipped example tree.
const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "lint",
        &[
            (
                "Lint the example tree with English as the reference",
                "locdoc lint --source examples/graph-docs/en-US examples/graph-docs",
            ),
            (
                "SARIF for code scanning, annotations for GitHub Actions",
                "locdoc lint --format sarif --out locdoc.sarif examples/graph-docs",
            ),
            (
                "",
                "locdoc lint --format github examples/graph-docs",
            ),
            (
                "Only some rules, with a per-rule count",
                "locdoc lint --select placeholder-mismatch,xl-permissions --statistics examples/graph-docs",
            ),
            (
                "Adopt the linter on a large tree: record today's findings, then fail only on new ones",
                "locdoc lint --write-baseline .locdoc-baseline.json examples/graph-docs",
            ),
            (
                "",
                "locdoc lint --baseline .locdoc-baseline.json examples/graph-docs",
            ),
            (
                "In CI, only the pages a change touched and their translations",
                "locdoc lint --changed-since origin/main --source examples/graph-docs/en-US examples/graph-docs",
            ),
            (
                "The same from a list of files (`-`: standard input)",
                "locdoc lint --files-from changed.txt examples/graph-docs",
            ),
        ],
    ),
    (
        "rules",
        &[
            ("Every rule with its default severity", "locdoc rules"),
            (
                "The book's rule reference",
                "locdoc rules --format markdown > docs/rules.md",
            ),
        ],
    ),
    (
        "rule",
        &[(
            "The documentation of one rule",
            "locdoc rule placeholder-mismatch",
        )],
    ),
    (
        "model",
        &[
            (
                "The model of one page",
                "locdoc model examples/graph-docs/ja-JP/api-reference/v1.0/api/chart-list.md",
            ),
            (
                "Pages grouped across locales, and where they disagree",
                "locdoc model --group --format text examples/graph-docs",
            ),
            (
                "With the span-pair segments and their Markdown context",
                "locdoc model --format yaml --segments examples/graph-docs/seeds/000_e221f93fb47470aa.md",
            ),
        ],
    ),
    (
        "extract",
        &[
            (
                "The localized half of a span-pair page",
                "locdoc extract --side target examples/graph-docs/ja-JP/api-reference/v1.0/api/chart-list.md",
            ),
            (
                "The English it was translated from, into a file",
                "locdoc extract --side source examples/graph-docs/ja-JP/api-reference/v1.0/api/chart-list.md --out chart-list.en.md",
            ),
        ],
    ),
    (
        "drift",
        &[
            (
                "Stale translations of two locales",
                "locdoc drift --source examples/graph-docs/en-US examples/graph-docs/ja-JP examples/graph-docs/ru-RU",
            ),
            (
                "A pull-request comment, an HTML dashboard",
                "locdoc drift --format markdown --source examples/graph-docs/en-US examples/graph-docs/ja-JP > drift.md",
            ),
            (
                "",
                "locdoc drift --format html --out drift.html --source examples/graph-docs/en-US examples/graph-docs/ja-JP",
            ),
            (
                "PO files of the segments to (re)translate",
                "locdoc drift --export po --out po --source examples/graph-docs/en-US examples/graph-docs/ja-JP",
            ),
            (
                "Only the pages whose English changed since a hand-off",
                "locdoc drift --since 2024-05-01 --source examples/graph-docs/en-US examples/graph-docs/ja-JP",
            ),
        ],
    ),
    (
        "render",
        &[
            (
                "A static site of every locale, English standing in for missing pages",
                "locdoc render --out site --source examples/graph-docs/en-US examples/graph-docs",
            ),
            (
                "Plain localized Markdown (span pairs resolved)",
                "locdoc render --format markdown --out plain examples/graph-docs/ja-JP",
            ),
            (
                "Canonical URLs, hreflang alternates and a sitemap for the published site",
                "locdoc render --out site --base-url https://docs.example.com --locales ja-JP,de-DE examples/graph-docs",
            ),
        ],
    ),
    (
        "init",
        &[
            (
                "Print the configuration suggested for a docs tree",
                "locdoc init --dry-run examples/graph-docs",
            ),
            (
                "Write locdoc.toml in the current directory",
                "locdoc init",
            ),
        ],
    ),
    (
        "completions",
        &[
            (
                "Bash, for the current user",
                "locdoc completions bash > ~/.local/share/bash-completion/completions/locdoc",
            ),
            (
                "Zsh (a directory of $fpath)",
                "locdoc completions zsh > ~/.zfunc/_locdoc",
            ),
            (
                "Fish",
                "locdoc completions fish > ~/.config/fish/completions/locdoc.fish",
            ),
        ],
    ),
    (
        "man",
        &[
            ("Read the manual", "locdoc man | man -l -"),
            (
                "Install a page per command",
                "locdoc man --out /usr/local/share/man/man1",
            ),
        ],
    ),
];

/// The Examples section of a command's help.
fn examples_help(examples: &[(&str, &str)]) -> String {
    let mut s = String::from("Examples:");
    for (what, line) in examples {
        if !what.is_empty() {
            s.push_str("\n  # ");
            s.push_str(what);
        }
        s.push_str("\n  ");
        s.push_str(line);
    }
    s
}

/// Examples of `locdoc` itself.
const TOP_EXAMPLES: &[(&str, &str)] = &[
    (
        "The docs CI step on the shipped example tree",
        "locdoc lint --source examples/graph-docs/en-US examples/graph-docs",
    ),
    (
        "Write a commented locdoc.toml for a docs tree",
        "locdoc init docs/",
    ),
];

/// The examples of a command (`None`: of `locdoc` itself).
pub fn examples_of(command: Option<&str>) -> &'static [(&'static str, &'static str)] {
    match command {
        None => TOP_EXAMPLES,
        Some(name) => EXAMPLES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[], |(_, e)| e),
    }
}

/// The clap definitions without the Examples sections (the man pages
/// render them as a section of their own).
pub fn bare_command() -> clap::Command {
    Cli::command()
}

/// The clap command with every command's Examples section.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command().after_help(
        examples_help(TOP_EXAMPLES)
            + "\n\n`locdoc COMMAND --help` shows each command's options and examples; \
               `locdoc man` prints the manual.",
    );
    for (name, examples) in EXAMPLES {
        cmd = cmd.mut_subcommand(*name, |c| c.after_help(examples_help(examples)));
    }
    cmd
}

/// 0 quiet, 1 normal, 2 verbose.
static VERBOSITY: AtomicU8 = AtomicU8::new(1);
/// 0 auto, 1 always, 2 never.
static COLOR: AtomicU8 = AtomicU8::new(0);

/// `--quiet`: only errors on standard error.
pub fn quiet() -> bool {
    VERBOSITY.load(Ordering::Relaxed) == 0
}

/// Prints a `--verbose` note on standard error.
pub fn note(msg: impl std::fmt::Display) {
    if VERBOSITY.load(Ordering::Relaxed) >= 2 {
        eprintln!("note: {msg}");
    }
}

/// Prints an informational message on standard error unless `--quiet`.
pub fn info(msg: impl std::fmt::Display) {
    if !quiet() {
        eprintln!("{msg}");
    }
}

/// Prints an error and, when given, what to do about it.
pub fn error(msg: impl std::fmt::Display, hint: Option<&str>) {
    eprintln!("error: {msg}");
    if let Some(h) = hint {
        eprintln!("  hint: {h}");
    }
}

/// Should output to a stream be coloured? `--color always|never` decides;
/// `auto` colours a terminal unless `NO_COLOR` is set to a non-empty value.
pub fn color(is_terminal: bool) -> bool {
    match COLOR.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub fn run() -> ExitCode {
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_FAILURE
            } else {
                EXIT_OK
            });
        }
    };
    let g = &cli.global;
    VERBOSITY.store(
        if g.quiet {
            0
        } else if g.verbose {
            2
        } else {
            1
        },
        Ordering::Relaxed,
    );
    COLOR.store(
        match g.color {
            Color::Auto => 0,
            Color::Always => 1,
            Color::Never => 2,
        },
        Ordering::Relaxed,
    );
    let start = std::time::Instant::now();
    let code = match cli.command {
        Command::Lint(a) => lint::run(a),
        Command::Rules(a) => lint::rules(a),
        Command::Rule(a) => lint::rule(a),
        Command::Model(a) => model::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Drift(a) => drift::run(a),
        Command::Render(a) => render::run(a),
        Command::Init(a) => init::run(a),
        Command::Completions(a) => completions::completions(a),
        Command::Man(a) => completions::man(a),
    };
    note(format_args!(
        "finished in {:.2} s with exit code {code}",
        start.elapsed().as_secs_f64()
    ));
    ExitCode::from(code)
}

/// Prints diagnostics to stderr, one per line (with `--quiet`, errors only).
pub fn print_diagnostics<'d>(diags: impl IntoIterator<Item = &'d locdoc::Diagnostic>) {
    use std::io::Write;
    let quiet = quiet();
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for d in diags {
        if quiet && d.severity != locdoc::diagnostic::Severity::Error {
            continue;
        }
        let _ = writeln!(w, "{d}");
    }
}

/// Writes command output to `out` atomically, or to standard output.
pub fn write_output(out: Option<&std::path::Path>, bytes: &[u8]) -> u8 {
    write_output_parts(out, &[bytes])
}

/// [`write_output`] of a text in pieces, written one after the other.
pub fn write_output_parts(out: Option<&std::path::Path>, parts: &[impl AsRef<[u8]>]) -> u8 {
    use std::io::Write;
    let res = match out {
        Some(path) => locdoc::output::write_atomic_parts(path, parts),
        None => {
            let mut stdout = std::io::stdout().lock();
            parts.iter().try_for_each(|p| stdout.write_all(p.as_ref()))
        }
    };
    match res {
        Ok(()) => {
            if let Some(path) = out {
                note(format_args!("wrote {}", path.display()));
            }
            EXIT_OK
        }
        Err(e) => {
            let hint = out.map(|_| {
                "check that the directory is writable, or omit --out to print to standard output"
            });
            error(format_args!("cannot write output: {e}"), hint);
            EXIT_FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_examples_that_name_it() {
        let cmd = command();
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            let (_, ex) = EXAMPLES
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("no examples for `{name}`"));
            assert!(
                ex.iter()
                    .all(|(_, line)| line.starts_with(&format!("locdoc {name}"))),
                "examples of `{name}` must run `locdoc {name}`"
            );
        }
        cmd.debug_assert();
    }
}
