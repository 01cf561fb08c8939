//! The English history, when the English tree is a git repository: the
//! English a plain translation was made from (`ms.sourcegitcommit`), and how
//! far behind the current English it is. Read with libgit2 (no shell-out).

use std::path::{Path, PathBuf};

/// A git repository holding the English tree.
pub struct History {
    repo: git2::Repository,
    /// The English tree's path inside the repository (`""` at its root).
    prefix: PathBuf,
}

impl History {
    /// The repository containing `source`, if any.
    pub fn open(source: &Path) -> Option<History> {
        let repo = git2::Repository::discover(source).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        let source = source.canonicalize().ok()?;
        let prefix = source.strip_prefix(&workdir).ok()?.to_path_buf();
        Some(History { repo, prefix })
    }

    fn commit(&self, rev: &str) -> Option<git2::Commit<'_>> {
        self.repo.revparse_single(rev).ok()?.peel_to_commit().ok()
    }

    /// The English page `rel` (relative to the English tree) at `commit`.
    pub fn file_at(&self, commit: &str, rel: &str) -> Option<String> {
        let tree = self.commit(commit)?.tree().ok()?;
        let entry = tree.get_path(&self.prefix.join(rel)).ok()?;
        let blob = self.repo.find_blob(entry.id()).ok()?;
        Some(String::from_utf8_lossy(blob.content()).into_owned())
    }

    /// Commits from `commit` to `HEAD`, and the days between them.
    pub fn behind(&self, commit: &str) -> Option<(usize, i64)> {
        let from = self.commit(commit)?;
        let head = self.repo.head().ok()?.peel_to_commit().ok()?;
        let mut walk = self.repo.revwalk().ok()?;
        walk.push(head.id()).ok()?;
        walk.hide(from.id()).ok()?;
        let commits = walk.count();
        let days = (head.time().seconds() - from.time().seconds()) / 86_400;
        Some((commits, days))
    }
}
