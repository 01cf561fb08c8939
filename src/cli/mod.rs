//! Command-line definitions (clap) and dispatch to one module per command.

mod drift;
mod extract;
mod lint;
mod model;
mod render;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit code: everything read and nothing at error level.
pub const EXIT_OK: u8 = 0;
/// Exit code: usage error or nothing could be read.
pub const EXIT_FAILURE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "locdoc",
    version,
    about = "Lint, model and track translation drift of multilingual API docs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
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
    let code = match cli.command {
        Command::Lint(a) => lint::run(a),
        Command::Rules(a) => lint::rules(a),
        Command::Rule(a) => lint::rule(a),
        Command::Model(a) => model::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Drift(a) => drift::run(a),
        Command::Render(a) => render::run(a),
    };
    ExitCode::from(code)
}

/// Prints diagnostics to stderr, one per line.
pub fn print_diagnostics<'d>(diags: impl IntoIterator<Item = &'d locdoc::Diagnostic>) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for d in diags {
        let _ = writeln!(w, "{d}");
    }
}

/// Writes command output to `out` atomically, or to standard output.
pub fn write_output(out: Option<&std::path::Path>, bytes: &[u8]) -> u8 {
    use std::io::Write;
    let res = match out {
        Some(path) => locdoc::output::write_atomic(path, bytes),
        None => std::io::stdout().lock().write_all(bytes),
    };
    match res {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            EXIT_FAILURE
        }
    }
}
