//! `locdoc completions SHELL` and `locdoc man`: shell completion scripts and
//! roff man pages, generated from the clap definitions.

use super::{EXIT_FAILURE, EXIT_OK};
use std::path::PathBuf;

/// Print a shell completion script for locdoc.
#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn completions(args: CompletionsArgs) -> u8 {
    let mut cmd = super::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "locdoc", &mut out);
    super::write_output(None, &out)
}

/// Print the locdoc man page (roff), or write one page per command.
///
/// Without `--out`, prints `locdoc(1)`, which lists every command. With
/// `--out DIR`, writes `locdoc.1` and `locdoc-COMMAND.1` for each command.
#[derive(clap::Args)]
pub struct ManArgs {
    /// Write `locdoc.1` and one `locdoc-COMMAND.1` per command into this directory.
    #[arg(long, short, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Escapes text for roff: backslashes, hyphens (`\-` is a minus sign, which
/// keeps options copyable) and control characters at the start of a line.
fn roff_escape(s: &str) -> String {
    let t = s.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with(['.', '\'']) {
        format!("\\&{t}")
    } else {
        t
    }
}

/// The EXAMPLES section of a man page.
fn examples_section(examples: &[(&str, &str)]) -> String {
    let mut s = String::from(".SH EXAMPLES\n");
    let mut open = false;
    for (what, line) in examples {
        if !what.is_empty() || !open {
            if open {
                s.push_str(".fi\n.RE\n");
            }
            s.push_str(".PP\n");
            if !what.is_empty() {
                s.push_str(&roff_escape(what));
                s.push('\n');
            }
            s.push_str(".RS 4\n.nf\n");
            open = true;
        }
        s.push_str(&roff_escape(line));
        s.push('\n');
    }
    if open {
        s.push_str(".fi\n.RE\n");
    }
    s
}

/// One man page: clap_mangen's sections, then EXAMPLES before VERSION.
fn page(cmd: clap::Command, examples: &[(&str, &str)]) -> std::io::Result<Vec<u8>> {
    let mut text = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut text)?;
    let text = String::from_utf8_lossy(&text).into_owned();
    let extra = examples_section(examples);
    Ok(match text.find(".SH VERSION") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]),
        None => text + &extra,
    }
    .into_bytes())
}

/// The man pages: (file name, roff text), `locdoc.1` first.
pub fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = super::bare_command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = vec![(
        "locdoc.1".to_string(),
        page(cmd.clone(), super::examples_of(None))?,
    )];
    for sub in cmd.get_subcommands() {
        // after `build`, a command's display name is `locdoc-COMMAND`
        let name = sub.get_display_name().unwrap_or(sub.get_name()).to_string();
        let text = page(sub.clone(), super::examples_of(Some(sub.get_name())))?;
        pages.push((format!("{name}.1"), text));
    }
    Ok(pages)
}

pub fn man(args: ManArgs) -> u8 {
    let pages = match pages() {
        Ok(p) => p,
        Err(e) => {
            super::error(format_args!("cannot render the man page: {e}"), None);
            return EXIT_FAILURE;
        }
    };
    let Some(dir) = &args.out else {
        return super::write_output(None, &pages[0].1);
    };
    for (name, text) in &pages {
        let path = dir.join(name);
        if let Err(e) = locdoc::output::write_atomic(&path, text) {
            super::error(
                format_args!("cannot write {}: {e}", path.display()),
                Some("check that the directory is writable, or omit --out to print the page"),
            );
            return EXIT_FAILURE;
        }
    }
    super::info(format_args!(
        "wrote {} man pages to {}",
        pages.len(),
        dir.display()
    ));
    EXIT_OK
}
