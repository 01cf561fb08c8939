//! Finding input files: any mix of files and directories.
//!
//! Directories are walked for Markdown files (`.md`, `.markdown`); files named
//! explicitly are read whatever their extension. Symlink loops, unreadable
//! entries and files that are not regular files (FIFOs, sockets, devices:
//! reading them could block forever) become diagnostics. The result is
//! sorted so every run sees the same order.

use crate::diagnostic::{Diagnostic, Severity};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A file to read, with the root it was found under.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    pub path: PathBuf,
    /// The directory argument the file was found under; for a file argument, its parent.
    pub root: PathBuf,
}

fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    )
}

/// A path for diagnostics and reports: lossy for bytes that are not UTF-8,
/// with control characters (a newline in a file name) escaped so that one
/// diagnostic stays one line.
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    if !s.chars().any(char::is_control) {
        return s.into_owned();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn not_regular(path: &Path, ft: std::fs::FileType) -> Diagnostic {
    let what = if ft.is_dir() {
        "a directory"
    } else if ft.is_symlink() {
        "a dangling symbolic link"
    } else {
        "not a regular file (FIFO, socket or device)"
    };
    Diagnostic::file(
        display(path),
        Severity::Warning,
        "io-error",
        format!("{what}; skipped"),
    )
}

/// Expands `paths` into the Markdown files they name.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    // each argument is walked on its own thread; the results are joined in
    // argument order (then sorted), as one walk after the other would
    let walks: Vec<(Vec<Input>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|arg| {
            let (mut inputs, mut diags) = (Vec::new(), Vec::new());
            walk(arg, &mut inputs, &mut diags);
            (inputs, diags)
        })
        .collect();
    let mut inputs = Vec::with_capacity(walks.iter().map(|w| w.0.len()).sum());
    let mut diags = Vec::new();
    for (i, d) in walks {
        inputs.extend(i);
        diags.extend(d);
    }
    inputs.sort();
    inputs.dedup_by(|a, b| a.path == b.path);
    (inputs, diags)
}

/// The Markdown files `arg` names (itself, or those under it).
fn walk(arg: &Path, inputs: &mut Vec<Input>, diags: &mut Vec<Diagnostic>) {
    let meta = match std::fs::metadata(arg) {
        Ok(m) => m,
        Err(e) => {
            diags.push(Diagnostic::file(
                display(arg),
                Severity::Error,
                "io-error",
                format!("cannot read: {e}"),
            ));
            return;
        }
    };
    if meta.is_file() {
        inputs.push(Input {
            path: arg.to_path_buf(),
            root: arg.parent().map(Path::to_path_buf).unwrap_or_default(),
        });
        return;
    }
    if !meta.is_dir() {
        diags.push(not_regular(arg, meta.file_type()));
        return;
    }
    let walk = walkdir::WalkDir::new(arg)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() && is_markdown(e.path()) => inputs.push(Input {
                path: e.into_path(),
                root: arg.to_path_buf(),
            }),
            Ok(e)
                if !e.file_type().is_file() && !e.file_type().is_dir() && is_markdown(e.path()) =>
            {
                diags.push(not_regular(e.path(), e.file_type()))
            }
            Ok(_) => {}
            Err(e) => {
                let path = display(e.path().unwrap_or(arg));
                let what = if e.loop_ancestor().is_some() {
                    "symbolic link loop; not followed".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                diags.push(Diagnostic::file(path, Severity::Warning, "io-error", what));
            }
        }
    }
}
