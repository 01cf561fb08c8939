//! Finding input files: any mix of files and directories.
//!
//! Directories are walked for Markdown files (`.md`, `.markdown`); files named
//! explicitly are read whatever their extension. Symlink loops and unreadable
//! entries become diagnostics. The result is sorted so every run sees the
//! same order.

use crate::diagnostic::{Diagnostic, Severity};
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

/// Expands `paths` into the Markdown files they name.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut diags = Vec::new();
    for arg in paths {
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                diags.push(Diagnostic::file(
                    arg.display().to_string(),
                    Severity::Error,
                    "io-error",
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if meta.is_file() {
            inputs.push(Input {
                path: arg.clone(),
                root: arg.parent().map(Path::to_path_buf).unwrap_or_default(),
            });
            continue;
        }
        let walk = walkdir::WalkDir::new(arg)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() && is_markdown(e.path()) => inputs.push(Input {
                    path: e.into_path(),
                    root: arg.clone(),
                }),
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map_or_else(|| arg.display().to_string(), |p| p.display().to_string());
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
    inputs.sort();
    inputs.dedup_by(|a, b| a.path == b.path);
    (inputs, diags)
}
