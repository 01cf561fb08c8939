//! Incremental lint: the pages that changed (since a git revision, or
//! listed by the caller) and the pages grouped with them across locales.
//!
//! A page's group mates are the pages with the same path under their locale
//! root and the pages whose H1 names the same identity (its `<a name>`
//! anchor, or the slug of an English title), read from the first few
//! kilobytes of each file, and their mates in turn; the engine then groups
//! the selected pages as usual.

use crate::discover::Input;
use crate::workspace::Run;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files that differ between revision `rev` and the working tree
/// (index and untracked files included) of the git repository containing
/// `dir`; deleted files are listed too. Absolute paths.
pub fn since(rev: &str, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let repo = git2::Repository::discover(dir).map_err(|e| {
        format!(
            "{}: not in a git repository: {}",
            dir.display(),
            e.message()
        )
    })?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| "the git repository has no working tree".to_string())?
        .to_path_buf();
    let tree = repo
        .revparse_single(rev)
        .and_then(|o| o.peel_to_tree())
        .map_err(|e| format!("unknown revision `{rev}`: {}", e.message()))?;
    let mut opts = git2::DiffOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true);
    let diff = repo
        .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))
        .map_err(|e| format!("cannot diff against `{rev}`: {}", e.message()))?;
    let mut out = BTreeSet::new();
    for delta in diff.deltas() {
        for f in [delta.old_file(), delta.new_file()] {
            if let Some(p) = f.path() {
                out.insert(workdir.join(p));
            }
        }
    }
    Ok(out.into_iter().collect())
}

/// Paths listed one per line (blank lines skipped), relative to `base`.
pub fn from_list(text: &str, base: &Path) -> Vec<PathBuf> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| base.join(l))
        .collect()
}

/// The selection of an incremental run.
#[derive(Debug, Default)]
pub struct Selection {
    /// Per run, per input: is it linted?
    pub keep: Vec<Vec<bool>>,
    /// Paths (as findings name them) of the changed pages.
    pub changed: BTreeSet<String>,
}

/// Selects, in `runs`, the inputs among `changed` and their group mates.
pub fn select(runs: &[&Run], changed: &[PathBuf]) -> Selection {
    let changed: BTreeSet<PathBuf> = changed.iter().map(|p| absolute(p)).collect();
    let mut sel = Selection::default();
    let mut rels = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let canon: Vec<Vec<PathBuf>> = runs.iter().map(|r| canonical_paths(r)).collect();
    for (r, paths) in runs.iter().zip(&canon) {
        for (input, p) in r.inputs.iter().zip(paths) {
            if changed.contains(p) {
                sel.changed.insert(input.path.display().to_string());
            }
        }
    }
    // deleted pages: their mates by path only
    let roots: BTreeSet<&Path> = runs
        .iter()
        .flat_map(|r| &r.inputs)
        .map(|i| i.root.as_path())
        .collect();
    let roots: BTreeSet<PathBuf> = roots.into_iter().map(absolute).collect();
    for p in changed.iter().filter(|p| !p.exists()) {
        for root in roots.iter().filter(|r| p.starts_with(r)) {
            let input = Input {
                path: p.clone(),
                root: root.clone(),
            };
            rels.insert(rel_path(&input));
        }
    }
    // The changed pages, their mates, and the mates of those in turn,
    // until none is added: whether two pages group depends on every page
    // tied to them by path or identity (a key the English gives to two
    // paths groups by path only), so the selection is all of them, and a
    // group of the selection is the full run's.
    let ties: Vec<Vec<(String, Option<String>)>> = runs
        .iter()
        .map(|r| {
            r.inputs
                .par_iter()
                .map(|i| (rel_path(i), identity(&i.path)))
                .collect()
        })
        .collect();
    let tied = |rels: &BTreeSet<String>,
                ids: &BTreeSet<String>,
                rel: &String,
                id: &Option<String>,
                p: &PathBuf| {
        changed.contains(p) || rels.contains(rel) || id.as_ref().is_some_and(|id| ids.contains(id))
    };
    loop {
        let before = (rels.len(), ids.len());
        for (r, paths) in ties.iter().zip(&canon) {
            for ((rel, id), p) in r.iter().zip(paths) {
                if tied(&rels, &ids, rel, id, p) {
                    if !rels.contains(rel) {
                        rels.insert(rel.clone());
                    }
                    if let Some(id) = id.as_ref().filter(|id| !ids.contains(*id)) {
                        ids.insert(id.clone());
                    }
                }
            }
        }
        if (rels.len(), ids.len()) == before {
            break;
        }
    }
    for (r, paths) in ties.iter().zip(&canon) {
        sel.keep.push(
            r.iter()
                .zip(paths)
                .map(|((rel, id), p)| tied(&rels, &ids, rel, id, p))
                .collect(),
        );
    }
    sel
}

fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    // a deleted file: its directory may still exist
    match (p.parent(), p.file_name()) {
        (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => absolute(dir).join(name),
        _ => std::env::current_dir().map_or_else(|_| p.to_path_buf(), |d| d.join(p)),
    }
}

/// Canonical path of each input (the roots are resolved once).
fn canonical_paths(run: &Run) -> Vec<PathBuf> {
    let mut roots: std::collections::BTreeMap<&Path, PathBuf> = Default::default();
    run.inputs
        .iter()
        .map(|i| {
            let root = roots
                .entry(i.root.as_path())
                .or_insert_with(|| absolute(&i.root));
            match i.path.strip_prefix(&i.root) {
                Ok(rest) if !rest.as_os_str().is_empty() => root.join(rest),
                _ => absolute(&i.path),
            }
        })
        .collect()
}

/// The path of a page under its locale root (as documents compute it).
fn rel_path(i: &Input) -> String {
    let root = crate::locale::from_path(&i.path).map_or_else(|| i.root.clone(), |(_, r)| r);
    let rel = i
        .path
        .strip_prefix(&root)
        .unwrap_or(&i.path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if rel.is_empty() {
        i.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        rel
    }
}

/// How much of a file is read for its H1.
const HEAD: u64 = 16 * 1024;

/// The identity an H1 names: its `<a name="…">` anchor, else the slug of
/// its title. Reads the first kilobytes of the file only.
fn identity(path: &Path) -> Option<String> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(HEAD)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{feff}');
    let body = &text[crate::front_matter::body_start(text).min(text.len())..];
    let line = body.lines().find(|l| l.starts_with("# "))?;
    if let Some(i) = line.find("<a name=\"") {
        let rest = &line[i + 9..];
        let end = rest.find('"')?;
        return Some(rest[..end].to_string());
    }
    let title = crate::markdown::plain_inline(line[2..].trim());
    let slug = crate::markdown::slug(&title);
    (!slug.is_empty()).then_some(slug)
}
