//! Comparing neutral models: field-level differences, and grouping pages
//! that describe the same API across locales.

use super::{ApiModel, PageModel};
use serde::Serialize;
use serde_json::Value;

/// The key pages are grouped by across locales: the identity plus the API
/// version the page documents (v1.0 and beta pages share anchors).
pub fn group_key(m: &PageModel) -> String {
    let version = api_version(&m.api, &m.page.rel_path);
    match version {
        Some(v) => format!("{}@{v}", m.api.identity),
        None => m.api.identity.clone(),
    }
}

/// The API version a page documents: that of its example requests, else
/// the version directory it is filed under (`beta`, `v1.0`).
pub fn api_version(api: &ApiModel, rel_path: &str) -> Option<String> {
    api.examples
        .iter()
        .find_map(|e| e.request.as_ref()?.version.clone())
        .or_else(|| {
            rel_path
                .split('/')
                .find(|s| *s == "beta" || *s == "v1.0")
                .map(str::to_string)
        })
}

/// One field on which the members of a group disagree.
#[derive(Debug, Clone, Serialize)]
pub struct FieldDifference {
    /// JSON path of the field, e.g. `permissions.application`.
    pub field: String,
    /// The value each member states (members that do not state it are left out).
    pub values: Vec<(String, Value)>,
}

/// Pages describing the same API, and where their neutral parts differ.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub key: String,
    /// Index into the model list, for each member.
    #[serde(skip)]
    pub members: Vec<usize>,
    pub pages: Vec<String>,
    pub differences: Vec<FieldDifference>,
}

/// Partitions pages into groups describing the same API: the same path
/// under their locale roots, or the same [`group_key`] (a heading kept
/// while the file was renamed, pages under hash names), or the same
/// identity where one side states no version and the other side only one.
/// A group never holds two reference pages (English, or of one locale and
/// form when the run has no English) at different paths: a key that the
/// reference gives to pages at different paths (two English pages titled
/// "Get user", one of a user, one of an education user) names no single
/// API, and a key joins no group that has another such page (the path is
/// the stronger tie).
/// Returns `(key, member indexes)` sorted by key.
pub fn partition<'m>(models: impl IntoIterator<Item = &'m PageModel>) -> Vec<(String, Vec<usize>)> {
    use rayon::prelude::*;
    let models: Vec<&PageModel> = models.into_iter().collect();
    let keys: Vec<String> = models.par_iter().map(|m| group_key(m)).collect();
    let places: Vec<Place<'_>> = models
        .iter()
        .zip(&keys)
        .map(|(m, key)| Place {
            key,
            identity: &m.api.identity,
            lane: (&m.page.locale.tag, m.page.form),
            rel_path: &m.page.rel_path,
        })
        .collect();
    partition_places(&places)
}

/// What [`partition`] reads of a page.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// Its [`group_key`].
    pub key: &'a str,
    /// The identity of its model.
    pub identity: &'a str,
    /// Its locale tag and form: a group has one path in each lane of
    /// the reference (see [`partition`]).
    pub lane: Lane<'a>,
    /// Its path under its locale root.
    pub rel_path: &'a str,
}

/// [`partition`] of pages described by their [`Place`]s.
pub fn partition_places(places: &[Place<'_>]) -> Vec<(String, Vec<usize>)> {
    // The reference tells what one API is: the English pages when the run
    // has any, else every locale's. (Two translations of one API in a
    // locale, a copy under a hash name or one left behind by a rename, may
    // share a group; two English pages may not.)
    let english = places
        .iter()
        .any(|p| p.lane.1 == crate::document::Form::English);
    let reference = |p: &Place<'_>| !english || p.lane.1 == crate::document::Form::English;
    let mut sets = Groups::new(
        places
            .iter()
            .map(|p| reference(p).then_some((p.lane, p.rel_path)))
            .collect(),
    );
    let mut path_of_key: crate::hash::Map<(&str, Lane<'_>), &str> = crate::hash::Map::default();
    let mut ambiguous: crate::hash::Set<&str> = crate::hash::Set::default();
    for p in places.iter().filter(|p| reference(p)) {
        if *path_of_key.entry((p.key, p.lane)).or_insert(p.rel_path) != p.rel_path {
            ambiguous.insert(p.key);
        }
    }
    // first by path, then by key (unions are the same whatever the order
    // of the maps: they are only looked up)
    let mut first_by_path: crate::hash::Map<&str, usize> = crate::hash::Map::default();
    for (i, p) in places.iter().enumerate() {
        if p.rel_path.contains('/') {
            let j = *first_by_path.entry(p.rel_path).or_insert(i);
            sets.union(i, j);
        }
    }
    let mut first_by_key: crate::hash::Map<&str, usize> = crate::hash::Map::default();
    for (i, p) in places.iter().enumerate() {
        if !ambiguous.contains(p.key) {
            let j = *first_by_key.entry(p.key).or_insert(i);
            sets.union_apart(i, j);
        }
    }
    // a page that says no version (a resource page under a hash name, no
    // example, no `v1.0/` in its path) joins its identity's one version
    let mut versions: crate::hash::Map<&str, Vec<&str>> = crate::hash::Map::default();
    for p in places {
        if p.key.len() > p.identity.len() {
            let v = versions.entry(p.identity).or_default();
            if !v.contains(&p.key) {
                v.push(p.key);
            }
        }
    }
    for (i, p) in places.iter().enumerate() {
        if p.key.len() > p.identity.len() || ambiguous.contains(p.key) {
            continue;
        }
        if let Some([only]) = versions.get(p.identity).map(Vec::as_slice) {
            if let Some(&j) = first_by_key.get(only) {
                sets.union_apart(i, j);
            }
        }
    }
    // members by root, roots in index order
    let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); places.len()];
    for i in 0..places.len() {
        let r = sets.find(i);
        by_root[r].push(i);
    }
    let mut groups: Vec<(String, Vec<usize>)> = by_root
        .into_iter()
        .filter(|members| !members.is_empty())
        .map(|members| {
            let mut ks: Vec<&str> = members.iter().map(|&i| places[i].key).collect();
            ks.sort_unstable();
            ks.dedup();
            (ks.join(" | "), members)
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
}

/// A locale tag and a form: a group has one path in each lane of the
/// reference (see [`partition`]).
pub type Lane<'m> = (&'m str, crate::document::Form);

/// Union-find over pages, each set knowing the lanes and paths of its
/// reference pages.
struct Groups<'m> {
    parent: Vec<usize>,
    /// The distinct (lane, path) of each root's reference pages.
    places: Vec<Vec<(Lane<'m>, &'m str)>>,
}

impl<'m> Groups<'m> {
    /// One set per page, knowing its place when it is of the reference.
    fn new(places: Vec<Option<(Lane<'m>, &'m str)>>) -> Self {
        Groups {
            parent: (0..places.len()).collect(),
            places: places
                .into_iter()
                .map(|p| p.into_iter().collect())
                .collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the sets of `i` and `j` (the lower root stays).
    fn union(&mut self, i: usize, j: usize) {
        let (a, b) = (self.find(i), self.find(j));
        if a == b {
            return;
        }
        let (root, other) = (a.min(b), a.max(b));
        self.parent[other] = root;
        let moved = std::mem::take(&mut self.places[other]);
        for p in moved {
            if !self.places[root].contains(&p) {
                self.places[root].push(p);
            }
        }
    }

    /// [`union`](Self::union), unless a lane has pages at different
    /// paths in the two sets.
    fn union_apart(&mut self, i: usize, j: usize) {
        let (a, b) = (self.find(i), self.find(j));
        let clash = self.places[a]
            .iter()
            .any(|(lane, path)| self.places[b].iter().any(|(l, p)| l == lane && p != path));
        if !clash {
            self.union(a, b);
        }
    }
}

/// Groups pages (see [`partition`]) and compares each group.
pub fn group(models: &[PageModel]) -> Vec<Group> {
    partition(models)
        .into_iter()
        .map(|(key, members)| {
            let labelled: Vec<(String, &ApiModel)> = members
                .iter()
                .map(|&i| (label(&models[i]), &models[i].api))
                .collect();
            Group {
                key,
                pages: labelled.iter().map(|(l, _)| l.clone()).collect(),
                differences: differences(&labelled),
                members,
            }
        })
        .collect()
}

fn label(m: &PageModel) -> String {
    format!("{} ({})", m.page.path, m.page.locale.tag)
}

/// Fields whose stated values differ between the models. A field a model
/// does not state (null or absent) is "unknown" there, not a difference;
/// section lists are structure, compared by the oracle, not here.
pub fn differences(models: &[(String, &ApiModel)]) -> Vec<FieldDifference> {
    let values: Vec<(String, Value)> = models
        .iter()
        .map(|(l, m)| (l.clone(), serde_json::to_value(m).unwrap_or(Value::Null)))
        .collect();
    let mut fields: Vec<String> = Vec::new();
    for (_, v) in &values {
        collect_fields(v, "", &mut fields);
    }
    fields.sort();
    fields.dedup();
    let mut out = Vec::new();
    for field in fields {
        if field == "sections" {
            continue;
        }
        let stated: Vec<(String, Value)> = values
            .iter()
            .filter_map(|(l, v)| {
                lookup(v, &field)
                    .filter(|v| !v.is_null())
                    .map(|x| (l.clone(), x.clone()))
            })
            .collect();
        if stated.windows(2).any(|w| w[0].1 != w[1].1) {
            out.push(FieldDifference {
                field,
                values: stated,
            });
        }
    }
    out
}

/// Comparison granularity: one level into objects (e.g. each permission type).
fn collect_fields(v: &Value, prefix: &str, out: &mut Vec<String>) {
    if let Value::Object(map) = v {
        for (k, child) in map {
            let path = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            if prefix.is_empty() && matches!(child, Value::Object(_)) {
                collect_fields(child, &path, out);
            } else {
                out.push(path);
            }
        }
    }
}

fn lookup<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

#[cfg(test)]
mod tests {
    use super::partition;
    use crate::document::Document;
    use crate::model::{self, Vocabulary};

    /// A page whose heading has the anchor of `title` (as localized pages
    /// keep it).
    fn page(path: &str, title: &str, endpoint: &str) -> crate::model::PageModel {
        let anchor = title.to_lowercase().replace(' ', "-");
        let text = format!(
            "# <a name=\"{anchor}\"></a>{title}\n\n## HTTP request\n\n```http\nGET {endpoint}\n```\n"
        );
        let mut doc = Document::from_text(path, &text);
        if path.starts_with("en-US/") {
            doc.set_english();
        }
        model::build(&doc, &Vocabulary::default())
    }

    fn groups(models: &[crate::model::PageModel]) -> Vec<Vec<&str>> {
        let mut out: Vec<Vec<&str>> = partition(models)
            .into_iter()
            .map(|(_, members)| {
                members
                    .iter()
                    .map(|&i| models[i].page.path.as_str())
                    .collect()
            })
            .collect();
        out.sort();
        out
    }

    /// Two English pages titled alike are two APIs: each groups with its
    /// translations by path, and a translation filed under another path
    /// joins neither.
    #[test]
    fn pages_titled_alike_group_by_path() {
        let models = [
            page("en-US/v1.0/api/user-get.md", "Get user", "/users/{id}"),
            page(
                "en-US/v1.0/api/educationuser-get.md",
                "Get user",
                "/education/users/{id}",
            ),
            page("ja-JP/v1.0/api/user-get.md", "Get user", "/users/{id}"),
            page(
                "ja-JP/v1.0/api/educationuser-get.md",
                "Get user",
                "/education/users/{id}",
            ),
            page("ja-JP/v1.0/api/old-user-get.md", "Get user", "/users/{id}"),
        ];
        assert_eq!(models[0].api.identity, models[1].api.identity);
        assert_eq!(
            groups(&models),
            [
                vec![
                    "en-US/v1.0/api/educationuser-get.md",
                    "ja-JP/v1.0/api/educationuser-get.md"
                ],
                vec!["en-US/v1.0/api/user-get.md", "ja-JP/v1.0/api/user-get.md"],
                vec!["ja-JP/v1.0/api/old-user-get.md"],
            ]
        );
    }

    /// Two translations of one API in a locale (a copy under a hash name)
    /// share its group: the English pages tell what one API is.
    #[test]
    fn translations_of_one_api_share_its_group() {
        let models = [
            page("en-US/v1.0/api/user-get.md", "Get user", "/users/{id}"),
            page("ja-JP/v1.0/api/user-get.md", "Get user", "/users/{id}"),
            page("ja-JP/seeds/0a1b2c.md", "Get user", "/users/{id}"),
        ];
        assert_eq!(groups(&models).len(), 1, "{:?}", groups(&models));
        // without English, the locale itself is the reference
        assert_eq!(groups(&models[1..]).len(), 2);
    }

    /// A heading kept while a file was renamed groups the pages by key,
    /// unless that would put two English pages at different paths in a
    /// group.
    #[test]
    fn a_key_joins_a_group_without_a_page_of_its_lane() {
        let models = [
            page("en-US/v1.0/api/team-post.md", "Create team", "/teams"),
            page(
                "en-US/v1.0/api/team-put-teams.md",
                "Create team from group",
                "/groups/{id}/team",
            ),
            page(
                "de-DE/v1.0/api/team-put-teams.md",
                "Create team",
                "/groups/{id}/team",
            ),
            page("ja-JP/v1.0/api/renamed.md", "Create team", "/teams"),
        ];
        assert_eq!(
            groups(&models),
            [
                vec!["en-US/v1.0/api/team-post.md", "ja-JP/v1.0/api/renamed.md"],
                vec![
                    "en-US/v1.0/api/team-put-teams.md",
                    "de-DE/v1.0/api/team-put-teams.md"
                ],
            ]
        );
    }
}
