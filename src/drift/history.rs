//! The English history, when the English tree is a git repository: the
//! English a plain translation was made from (`ms.sourcegitcommit`), and how
//! far behind the current English it is. Read with libgit2 (no shell-out).
//!
//! Pages of a corpus name few distinct source commits: each is resolved,
//! and its distance to `HEAD` walked, once per run (the repository does not
//! change during a run).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A git repository holding the English tree.
pub struct History {
    repo: git2::Repository,
    /// The English tree's path inside the repository (`""` at its root).
    prefix: PathBuf,
    /// Revisions already resolved: the commit each names, if any.
    commits: HashMap<String, Option<git2::Oid>>,
    /// [`History::behind`] of the commits already asked about.
    behind: HashMap<git2::Oid, Option<(usize, i64)>>,
}

impl History {
    /// The repository containing `source`, if any.
    pub fn open(source: &Path) -> Option<History> {
        let repo = git2::Repository::discover(source).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        let source = source.canonicalize().ok()?;
        let prefix = source.strip_prefix(&workdir).ok()?.to_path_buf();
        Some(History {
            repo,
            prefix,
            commits: HashMap::new(),
            behind: HashMap::new(),
        })
    }

    /// The commit `rev` names, resolved once.
    fn commit_id(&mut self, rev: &str) -> Option<git2::Oid> {
        if let Some(id) = self.commits.get(rev) {
            return *id;
        }
        let id = self
            .repo
            .revparse_single(rev)
            .ok()
            .and_then(|o| o.peel_to_commit().ok())
            .map(|c| c.id());
        self.commits.insert(rev.to_string(), id);
        id
    }

    /// The English page `rel` (relative to the English tree) at `commit`.
    pub fn file_at(&mut self, commit: &str, rel: &str) -> Option<String> {
        let id = self.commit_id(commit)?;
        let tree = self.repo.find_commit(id).ok()?.tree().ok()?;
        let entry = tree.get_path(&self.prefix.join(rel)).ok()?;
        let blob = self.repo.find_blob(entry.id()).ok()?;
        Some(String::from_utf8_lossy(blob.content()).into_owned())
    }

    /// Commits from `commit` to `HEAD`, and the days between them.
    pub fn behind(&mut self, commit: &str) -> Option<(usize, i64)> {
        let id = self.commit_id(commit)?;
        if let Some(b) = self.behind.get(&id) {
            return *b;
        }
        let b = self.walk_behind(id);
        self.behind.insert(id, b);
        b
    }

    fn walk_behind(&self, id: git2::Oid) -> Option<(usize, i64)> {
        let from = self.repo.find_commit(id).ok()?;
        let head = self.repo.head().ok()?.peel_to_commit().ok()?;
        let mut walk = self.repo.revwalk().ok()?;
        walk.push(head.id()).ok()?;
        walk.hide(from.id()).ok()?;
        let commits = walk.count();
        let days = (head.time().seconds() - from.time().seconds()) / 86_400;
        Some((commits, days))
    }
}
