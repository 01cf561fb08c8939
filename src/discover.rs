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
    // (most paths are UTF-8: read without the lossy decoder)
    let s = path
        .to_str()
        .map_or_else(|| path.to_string_lossy(), std::borrow::Cow::Borrowed);
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
    // The entries of `arg`, then the directories among them walked in
    // parallel and joined in order: the same files and diagnostics, in the
    // same order, as one walk of `arg`. walkdir (from 2.5.1) counts the
    // ancestors of each walk's root when it looks for symbolic link loops,
    // so a walk of `arg/sub` sees the loops a walk of `arg` would. A
    // symbolic link among the entries (its walk would start past its
    // target's ancestors) or an entry that cannot be read makes it one walk
    // of `arg`. (The listing of the entries also lists each first-level
    // directory, which its own walk lists again: a few entries each in a
    // docs tree.)
    let entries: Vec<walkdir::Result<walkdir::DirEntry>> =
        new_walk(arg).max_depth(1).into_iter().collect();
    let plain = entries
        .iter()
        .all(|e| e.as_ref().is_ok_and(|e| !e.path_is_symlink()));
    if !plain {
        for entry in new_walk(arg) {
            visit(arg, entry, inputs, diags);
        }
        return;
    }
    let walks: Vec<(Vec<Input>, Vec<Diagnostic>)> = entries
        .into_par_iter()
        .skip(1) // `arg` itself
        .map(|entry| {
            let (mut inputs, mut diags) = (Vec::new(), Vec::new());
            match entry {
                Ok(e) if e.file_type().is_dir() => {
                    for entry in new_walk(e.path()) {
                        visit(arg, entry, &mut inputs, &mut diags);
                    }
                }
                entry => visit(arg, entry, &mut inputs, &mut diags),
            }
            (inputs, diags)
        })
        .collect();
    for (i, d) in walks {
        inputs.extend(i);
        diags.extend(d);
    }
}

/// A walk of `dir` as discovery walks: symbolic links followed, the
/// entries of each directory in the order of their names.
fn new_walk(dir: &Path) -> walkdir::WalkDir {
    // The entries of one directory are its path joined with their names, so
    // their paths, compared byte by byte, are in the order of their names:
    // the order `sort_by_file_name` gives, without taking each path apart
    // again for its name at each comparison.
    walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
}

/// One entry of a walk of the directory argument `arg`.
fn visit(
    arg: &Path,
    entry: walkdir::Result<walkdir::DirEntry>,
    inputs: &mut Vec<Input>,
    diags: &mut Vec<Diagnostic>,
) {
    match entry {
        Ok(e) if e.file_type().is_file() && is_markdown(e.path()) => inputs.push(Input {
            path: e.into_path(),
            root: arg.to_path_buf(),
        }),
        Ok(e) if !e.file_type().is_file() && !e.file_type().is_dir() && is_markdown(e.path()) => {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One walk of `arg`, entry after entry: what the split walk must give.
    fn serial(arg: &Path) -> (Vec<Input>, Vec<Diagnostic>) {
        let (mut inputs, mut diags) = (Vec::new(), Vec::new());
        for entry in new_walk(arg) {
            visit(arg, entry, &mut inputs, &mut diags);
        }
        (inputs, diags)
    }

    #[cfg(unix)]
    #[test]
    fn split_walk_is_one_walk() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        for sub in ["a/deep", "b", "c.d"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        for file in [
            "a/x.md",
            "a/deep/y.md",
            "b/z.markdown",
            "c.d/w.md",
            "top.md",
            "a.md",
        ] {
            std::fs::write(root.join(file), "# t\n").unwrap();
        }
        // loops to the root and to a first-level directory, below the first level
        symlink(&root, root.join("a/deep/up")).unwrap();
        symlink(root.join("b"), root.join("b/self")).unwrap();
        // a link to a sibling directory is walked, not a loop
        symlink(root.join("c.d"), root.join("a/sibling")).unwrap();
        let (mut inputs, mut diags) = (Vec::new(), Vec::new());
        walk(&root, &mut inputs, &mut diags);
        let (want_inputs, want_diags) = serial(&root);
        assert_eq!(inputs, want_inputs);
        assert_eq!(diags, want_diags);
        assert_eq!(want_inputs.len(), 7, "{want_inputs:?}");
        assert_eq!(want_diags.len(), 2, "{want_diags:?}");
        // a symbolic link among the first entries: one walk of the root
        symlink(root.join("a"), root.join("link")).unwrap();
        let (mut inputs, mut diags) = (Vec::new(), Vec::new());
        walk(&root, &mut inputs, &mut diags);
        assert_eq!((inputs, diags), serial(&root));
    }
}
