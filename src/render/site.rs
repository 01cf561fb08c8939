//! The plan of a site: which page goes where, which pages are the same
//! page in other locales (grouped by model identity, not file name), and
//! how a relative `.md` link of one page becomes a link to a rendered page.
//! Output paths are built only from sanitized pieces, so nothing a page
//! says can place a file outside the output directory.

use super::page::{LinkResolver, LinkTarget};
use crate::model::PageKind;
use std::collections::{BTreeMap, BTreeSet};

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index of the input the page is read from.
    pub input: usize,
    /// Locale directory of the output (sanitized tag).
    pub locale: String,
    /// The language of the content (the English tag for fallback pages).
    pub content_locale: String,
    /// Path of the source file relative to its locale root.
    pub rel_path: String,
    /// Output path relative to the output directory, `/`-separated.
    pub out: String,
    /// The pages of one API across locales share it: the [`group_key`]
    /// as planned, a group of [`Site::regroup`] after.
    ///
    /// [`group_key`]: crate::model::compare::group_key
    pub group: String,
    /// The identity of the page's model.
    pub identity: String,
    pub kind: PageKind,
    pub namespace: Option<String>,
    pub title: String,
    /// An English page standing in for a missing translation.
    pub fallback: bool,
    /// A page of the English source tree.
    pub english: bool,
}

/// Every page of the site and the lookups between them.
#[derive(Debug, Default)]
pub struct Site {
    pub entries: Vec<Entry>,
    /// locale → source-relative path → entry index.
    by_path: BTreeMap<String, BTreeMap<String, usize>>,
    /// group key → entry indexes of real (not fallback) pages.
    by_group: BTreeMap<String, Vec<usize>>,
}

impl Site {
    /// Adds `entry` unless its locale already has a page at that output
    /// path; returns whether it was added.
    pub fn add(&mut self, entry: Entry) -> bool {
        let paths = self.by_path.entry(entry.locale.clone()).or_default();
        if paths.contains_key(&entry.rel_path) {
            return false;
        }
        let i = self.entries.len();
        paths.insert(entry.rel_path.clone(), i);
        if !entry.fallback {
            self.by_group
                .entry(entry.group.clone())
                .or_default()
                .push(i);
        }
        self.entries.push(entry);
        true
    }

    /// Groups the real pages as the cross-locale checks do
    /// ([`partition_places`]): the same path, or the same key where that
    /// names one API (two English pages titled alike name two). Each
    /// page's `group` becomes its group's number and keys.
    ///
    /// [`partition_places`]: crate::model::compare::partition_places
    pub fn regroup(&mut self) {
        use crate::document::Form;
        use crate::model::compare::{partition_places, Place};
        let real: Vec<usize> = (0..self.entries.len())
            .filter(|&i| !self.entries[i].fallback)
            .collect();
        let places: Vec<Place<'_>> = real
            .iter()
            .map(|&i| {
                let e = &self.entries[i];
                // (one page per locale and path: the form tells no more)
                let form = if e.english {
                    Form::English
                } else {
                    Form::Plain
                };
                Place {
                    key: &e.group,
                    identity: &e.identity,
                    lane: (&e.locale, form),
                    rel_path: &e.rel_path,
                }
            })
            .collect();
        let groups = partition_places(&places);
        let mut group_of = vec![String::new(); real.len()];
        for (n, (key, members)) in groups.into_iter().enumerate() {
            for k in members {
                group_of[k] = format!("{n}:{key}");
            }
        }
        self.by_group.clear();
        for (k, i) in real.into_iter().enumerate() {
            let group = std::mem::take(&mut group_of[k]);
            self.by_group.entry(group.clone()).or_default().push(i);
            self.entries[i].group = group;
        }
    }

    /// Locales with at least one page, sorted.
    pub fn locales(&self) -> Vec<String> {
        self.by_path.keys().cloned().collect()
    }

    /// Whether `locale` has a real page in `group`.
    pub fn has_group(&self, locale: &str, group: &str) -> bool {
        self.by_group
            .get(group)
            .is_some_and(|v| v.iter().any(|&i| self.entries[i].locale == locale))
    }

    /// Whether `locale` has a page at `rel_path`.
    pub fn has_path(&self, locale: &str, rel_path: &str) -> bool {
        self.by_path
            .get(locale)
            .is_some_and(|m| m.contains_key(rel_path))
    }

    /// The real pages of the same group as entry `i` (itself included),
    /// sorted by locale.
    pub fn alternates(&self, i: usize) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .by_group
            .get(&self.entries[i].group)
            .map(|g| g.iter().map(|&j| &self.entries[j]).collect())
            .unwrap_or_default();
        v.sort_by(|a, b| a.locale.cmp(&b.locale).then(a.out.cmp(&b.out)));
        v.dedup_by(|a, b| a.locale == b.locale);
        v
    }

    /// The entry of `locale` at `rel_path`, if any.
    pub fn at(&self, locale: &str, rel_path: &str) -> Option<&Entry> {
        let i = *self.by_path.get(locale)?.get(rel_path)?;
        Some(&self.entries[i])
    }

    /// Locales laid out as a tree parallel to the English one: some page
    /// has the same relative path as an English page.
    pub fn parallel_locales(&self, english: &str) -> BTreeSet<String> {
        let Some(en) = self.by_path.get(english) else {
            return BTreeSet::new();
        };
        self.by_path
            .iter()
            .filter(|(l, m)| l.as_str() != english && m.keys().any(|p| en.contains_key(p)))
            .map(|(l, _)| l.clone())
            .collect()
    }
}

/// A locale tag as a directory name: letters, digits, `-` and `_` only.
pub fn locale_dir(tag: &str) -> String {
    let s: String = tag
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if s.is_empty() {
        "und".to_string()
    } else {
        s
    }
}

/// A source-relative path as a safe relative output path with extension
/// `ext`: `..`, root and empty components are refused.
pub fn out_path(locale: &str, rel_path: &str, ext: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in rel_path.split(['/', '\\']) {
        match part {
            "" | "." => continue,
            ".." => return None,
            p if p.contains(':') || p.chars().any(char::is_control) => return None,
            p => parts.push(p),
        }
    }
    let last = parts.pop()?;
    let stem = last
        .strip_suffix(".md")
        .or_else(|| last.strip_suffix(".markdown"))
        .unwrap_or(last);
    if stem.is_empty() {
        return None;
    }
    parts.push(stem);
    Some(format!("{}/{}{ext}", locale, parts.join("/")))
}

/// The URL of `to` relative to the page at `from` (both output paths).
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut url = "../".repeat(from_dirs.len() - common);
    url.push_str(&to_parts[common..].join("/"));
    url
}

/// The prefix that leads from the page at `from` to the output root.
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// Normalizes `base_dir/link` (a `/`-separated relative path); `None` when
/// it climbs above the root.
fn join(base_dir: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in link.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Resolves the links of one page against the site.
pub struct Links<'s> {
    pub site: &'s Site,
    /// Directory of the page's source file (images are found from there).
    pub source_dir: &'s std::path::Path,
    pub locale: &'s str,
    pub rel_path: &'s str,
    pub out: &'s str,
}

impl LinkResolver for Links<'_> {
    fn image(&self, dest: &str) -> Option<(std::path::PathBuf, String)> {
        if dest.contains("://")
            || dest.starts_with('/')
            || dest.starts_with("data:")
            || dest.contains(':')
        {
            return None;
        }
        let path = dest.split(['#', '?']).next()?;
        let base = self.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
        // inside the locale root only, so the relative URL stays valid
        let target = join(base, path)?;
        if target.is_empty() {
            return None;
        }
        let file = self.source_dir.join(path);
        file.is_file()
            .then(|| (file, format!("{}/{target}", self.locale)))
    }

    fn resolve(&self, dest: &str) -> LinkTarget {
        let external = dest.starts_with('/')
            || dest.starts_with('#')
            || dest.contains("://")
            || dest.starts_with("mailto:")
            || dest.starts_with("//");
        if external || dest.is_empty() {
            return LinkTarget::Keep;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        if !(path.ends_with(".md") || path.ends_with(".markdown")) {
            return LinkTarget::Keep;
        }
        let base = self.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
        let Some(target) = join(base, path) else {
            return LinkTarget::Unresolved;
        };
        match self.site.at(self.locale, &target) {
            Some(e) => {
                let mut url = relative_url(self.out, &e.out);
                if let Some(f) = fragment {
                    url.push('#');
                    url.push_str(f);
                }
                LinkTarget::Rewrite(url)
            }
            None => LinkTarget::Unresolved,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_never_escape() {
        assert_eq!(
            out_path("ja-JP", "api/user-get.md", ".html").as_deref(),
            Some("ja-JP/api/user-get.html")
        );
        assert_eq!(out_path("ja-JP", "../../etc/passwd", ".html"), None);
        assert_eq!(out_path("ja-JP", "a/../../b.md", ".html"), None);
        assert_eq!(
            out_path("ja-JP", "/abs/x.md", ".html").as_deref(),
            Some("ja-JP/abs/x.html")
        );
        assert_eq!(out_path("ja-JP", "C:/x.md", ".html"), None);
        assert_eq!(locale_dir("../ja"), "ja");
        assert_eq!(locale_dir(""), "und");
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("ja/api/a.html", "ja/api/b.html"), "b.html");
        assert_eq!(
            relative_url("ja/api/a.html", "ja/resources/r.html"),
            "../resources/r.html"
        );
        assert_eq!(
            relative_url("ja/api/a.html", "ru/api/a.html"),
            "../../ru/api/a.html"
        );
        assert_eq!(relative_url("ja/index.html", "ja/api/a.html"), "api/a.html");
        assert_eq!(relative_url("index.html", "ja/index.html"), "ja/index.html");
        assert_eq!(root_of("ja/api/a.html"), "../../");
        assert_eq!(
            join("api", "../resources/user.md").as_deref(),
            Some("resources/user.md")
        );
        assert_eq!(join("api", "../../x.md"), None);
    }
}
