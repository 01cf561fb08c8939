//! The permissions table: permission type per row, scopes or not supported.
//!
//! Row types are recognised without word lists: the English meaning of a
//! localized label comes from the span-pair vocabulary (or the label is
//! English already); failing that, the row's position (Graph docs always
//! list delegated work/school, delegated personal, application). A cell with
//! no scope-shaped token means "not supported", in any language.

use super::vocabulary::Lookup;
use super::{Grant, PermissionType, Permissions};
use regex::Regex;
use std::sync::LazyLock;

static SCOPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+\b").expect("regex"));

/// Scope-shaped tokens of a cell, in order, without repeats.
pub fn scopes(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in SCOPE.find_iter(cell) {
        let s = m.as_str();
        if s.ends_with(".md") || out.iter().any(|o| o == s) {
            continue;
        }
        out.push(s.to_string());
    }
    out
}

/// The permission type an English label names.
pub fn classify_english(label: &str) -> Option<PermissionType> {
    let l = label.to_lowercase();
    if l.contains("personal") {
        Some(PermissionType::DelegatedPersonal)
    } else if l.contains("application") || l.contains("app-only") {
        Some(PermissionType::Application)
    } else if l.contains("work or school") || l.starts_with("delegated") {
        Some(PermissionType::DelegatedWork)
    } else {
        None
    }
}

/// Builds permissions from the rows of a permissions table.
pub fn from_table(rows: &[Vec<String>], lang: &str, vocab: &Lookup<'_>) -> Option<Permissions> {
    let mut perms = Permissions {
        delegated_work: None,
        delegated_personal: None,
        application: None,
    };
    let mut labelled = 0usize;
    let mut current: Option<PermissionType> = None;
    for row in rows {
        let Some(label) = row.first() else { continue };
        let value = row[1..].join(" ");
        let label = label.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        let sub_row = label.is_empty() || row.first().is_some_and(|l| l.starts_with('\u{a0}'));
        let kind = if sub_row {
            current
        } else {
            let english = vocab.lookup(lang, label).unwrap_or(label);
            let by_position = PermissionType::ALL.get(labelled).copied();
            labelled += 1;
            classify_english(english).or(by_position)
        };
        let Some(kind) = kind else { continue };
        current = Some(kind);
        let found = scopes(&value);
        let slot = perms.slot(kind);
        *slot = Some(match (slot.take(), found.is_empty()) {
            (Some(Grant::Scopes(mut have)), false) => {
                for s in found {
                    if !have.contains(&s) {
                        have.push(s);
                    }
                }
                Grant::Scopes(have)
            }
            (Some(Grant::Scopes(have)), true) => Grant::Scopes(have),
            (_, false) => Grant::Scopes(found),
            (_, true) => Grant::NotSupported,
        });
    }
    (labelled > 0).then_some(perms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[[&str; 2]]) -> Vec<Vec<String>> {
        r.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn not_supported_in_any_language_by_position() {
        let p = from_table(
            &rows(&[
                ["Делегированные (рабочая)", "User.Read, User.ReadWrite.All"],
                ["Делегированные (личная)", "Не поддерживается."],
                ["Для приложений", "User.Read.All"],
            ]),
            "ru",
            &Lookup::shared(&Default::default()),
        )
        .unwrap();
        assert_eq!(
            p.delegated_work,
            Some(Grant::Scopes(vec![
                "User.Read".into(),
                "User.ReadWrite.All".into()
            ]))
        );
        assert_eq!(p.delegated_personal, Some(Grant::NotSupported));
        assert_eq!(
            p.application,
            Some(Grant::Scopes(vec!["User.Read.All".into()]))
        );
    }

    #[test]
    fn english_labels_beat_position() {
        let p = from_table(
            &rows(&[["Application", "Not supported."]]),
            "en",
            &Lookup::shared(&Default::default()),
        )
        .unwrap();
        assert_eq!(p.application, Some(Grant::NotSupported));
        assert_eq!(p.delegated_work, None);
    }
}
