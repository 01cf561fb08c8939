//! The English history, when the English tree is a git repository: the
//! English a plain translation was made from (`ms.sourcegitcommit`), and how
//! far behind the current English it is. Read with libgit2 (no shell-out).
//!
//! Pages of a corpus name few distinct source commits: each is resolved,
//! and its distance to `HEAD` walked, once per run (the repository does not
//! change during a run).

use std::collections::{BTreeSet, HashMap};
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

    /// The files of the English tree (relative to it, `/`-separated)
    /// touched by the commits reachable from `HEAD` dated on or after
    /// `since` (seconds): each diffed with its first parent. The walk runs
    /// newest first and stops at the first older commit. `None` when the
    /// repository does not track the English tree.
    pub fn touched_since(&self, since: i64) -> Option<BTreeSet<String>> {
        let head = self.repo.head().ok()?.peel_to_commit().ok()?;
        // an English tree the repository does not track has no history
        if !self.prefix.as_os_str().is_empty() && head.tree().ok()?.get_path(&self.prefix).is_err()
        {
            return None;
        }
        let mut walk = self.repo.revwalk().ok()?;
        walk.set_sorting(git2::Sort::TIME).ok()?;
        walk.push(head.id()).ok()?;
        let mut touched = BTreeSet::new();
        for oid in walk {
            let commit = self.repo.find_commit(oid.ok()?).ok()?;
            if commit.time().seconds() < since {
                break;
            }
            let tree = commit.tree().ok()?;
            let parent = commit.parent(0).ok().and_then(|p| p.tree().ok());
            let diff = self
                .repo
                .diff_tree_to_tree(parent.as_ref(), Some(&tree), None)
                .ok()?;
            for delta in diff.deltas() {
                for file in [delta.old_file(), delta.new_file()] {
                    let Some(rel) = file.path().and_then(|p| p.strip_prefix(&self.prefix).ok())
                    else {
                        continue;
                    };
                    let rel: Vec<_> = rel.iter().map(|c| c.to_string_lossy()).collect();
                    touched.insert(rel.join("/"));
                }
            }
        }
        Some(touched)
    }
}
