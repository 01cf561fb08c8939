//! Comparing neutral models: field-level differences, and grouping pages
//! that describe the same API across locales.

use super::{ApiModel, PageModel};
use serde::Serialize;
use serde_json::Value;

/// The key pages are grouped by across locales: the identity plus the API
/// version the page documents (v1.0 and beta pages share anchors).
pub fn group_key(m: &PageModel) -> String {
    let version = m
        .api
        .examples
        .iter()
        .find_map(|e| e.request.as_ref()?.version.clone())
        .or_else(|| {
            m.page
                .rel_path
                .split('/')
                .find(|s| *s == "beta" || *s == "v1.0")
                .map(str::to_string)
        });
    match version {
        Some(v) => format!("{}@{v}", m.api.identity),
        None => m.api.identity.clone(),
    }
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

/// Partitions pages into groups describing the same API: same
/// [`group_key`], or the same path under their locale roots (a heading
/// renamed in a later English version changes the anchor, not the file),
/// or the same identity where one side states no version and the other
/// side only one.
/// Returns `(key, member indexes)` sorted by key.
pub fn partition<'m>(models: impl IntoIterator<Item = &'m PageModel>) -> Vec<(String, Vec<usize>)> {
    use rayon::prelude::*;
    let models: Vec<&PageModel> = models.into_iter().collect();
    let mut parent: Vec<usize> = (0..models.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    fn union(parent: &mut [usize], i: usize, j: usize) {
        let (a, b) = (find(parent, i), find(parent, j));
        parent[a.max(b)] = a.min(b);
    }
    let keys: Vec<String> = models.par_iter().map(|m| group_key(m)).collect();
    // the first page of each key and of each path (unions are the same
    // whatever the order of the maps: they are only looked up)
    let mut first_by_key: crate::hash::Map<&str, usize> = crate::hash::Map::default();
    let mut first_by_path: crate::hash::Map<&str, usize> = crate::hash::Map::default();
    for (i, m) in models.iter().enumerate() {
        let j = *first_by_key.entry(keys[i].as_str()).or_insert(i);
        union(&mut parent, i, j);
        if m.page.rel_path.contains('/') {
            let j = *first_by_path.entry(m.page.rel_path.as_str()).or_insert(i);
            union(&mut parent, i, j);
        }
    }
    // a page that says no version (a resource page under a hash name, no
    // example, no `v1.0/` in its path) joins its identity's one version
    let mut versions: crate::hash::Map<&str, Vec<&str>> = crate::hash::Map::default();
    for (i, m) in models.iter().enumerate() {
        if keys[i].len() > m.api.identity.len() {
            let v = versions.entry(m.api.identity.as_str()).or_default();
            if !v.contains(&keys[i].as_str()) {
                v.push(keys[i].as_str());
            }
        }
    }
    for (i, m) in models.iter().enumerate() {
        if keys[i].len() > m.api.identity.len() {
            continue;
        }
        if let Some([only]) = versions.get(m.api.identity.as_str()).map(Vec::as_slice) {
            if let Some(&j) = first_by_key.get(only) {
                union(&mut parent, i, j);
            }
        }
    }
    // members by root, roots in index order
    let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); models.len()];
    for i in 0..models.len() {
        let r = find(&mut parent, i);
        by_root[r].push(i);
    }
    let mut groups: Vec<(String, Vec<usize>)> = by_root
        .into_iter()
        .filter(|members| !members.is_empty())
        .map(|members| {
            let mut ks: Vec<&str> = members.iter().map(|&i| keys[i].as_str()).collect();
            ks.sort_unstable();
            ks.dedup();
            (ks.join(" | "), members)
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups
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
