//! The permissions table: permission type per row, scopes or not supported.
//!
//! Row types are recognised without word lists: the English meaning of a
//! localized label comes from the span-pair vocabulary (or the label is
//! English already); failing that, the row's position (Graph docs always
//! list delegated work/school, delegated personal, application). A cell with
//! no scope-shaped token means "not supported", in any language.

use super::vocabulary::Lookup;
use super::{Grant, PermissionType, Permissions};
use std::ops::Range;

/// The scope-shaped tokens of `text` (`User.Read.All`), leftmost first: the
/// matches of `\b[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+\b` with Unicode word
/// boundaries, found without a regex. (The regex engine's fast automata
/// give up on a Unicode word boundary in text that is not ASCII, which
/// every localized cell is.)
///
/// A token is an uppercase ASCII letter with no word character before it,
/// its run of ASCII letters and digits, then one or more `.`-and-run
/// groups. It ends at the end of its last run when no word character
/// follows (`User.Read` in `User.Read。`), else, as the regex backtracks,
/// before its last group (`User.Read` in `User.Read.Allé`), else there is
/// no token at that start.
pub fn scope_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = text.as_bytes();
    let run_end = move |mut i: usize| {
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        i
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let start = i;
            if !b[start].is_ascii_uppercase() {
                i += 1;
                continue;
            }
            if start > 0 && word_before(text, start) {
                // no start inside a run: each of its letters follows a word character
                i = run_end(start + 1);
                continue;
            }
            let mut end = run_end(start + 1);
            let mut last_dot = None;
            while end + 1 < b.len() && b[end] == b'.' && b[end + 1].is_ascii_alphanumeric() {
                last_dot = Some((end, last_dot.is_some()));
                end = run_end(end + 1);
            }
            let token_end = match last_dot {
                None => None,
                Some(_) if !word_at(text, end) => Some(end),
                // with two groups or more, the token ends before the last
                Some((dot, true)) => Some(dot),
                Some((_, false)) => None,
            };
            match token_end {
                Some(e) => {
                    i = e;
                    return Some(start..e);
                }
                None => i = start + 1,
            }
        }
        None
    })
}

/// Is the character that ends before byte `i` a word character (regex's
/// Unicode `\w`)?
fn word_before(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(is_word)
}

/// Is the character at byte `i` a word character (false at the end)?
fn word_at(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(is_word)
}

fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

/// Scope-shaped tokens of a cell, in order, without repeats.
pub fn scopes(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in scope_spans(cell) {
        let s = &cell[m];
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

/// The pattern [`scope_spans`] matches, for the tests that compare it
/// with a regex.
#[cfg(test)]
pub const SCOPE_PATTERN: &str = r"\b[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+\b";

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn scope_spans_match_the_regex(
            s in "[ABZaz09._ é約。\u{301}\u{200d}\u{203f}\u{660}\u{2160}-]{0,16}"
        ) {
            let re = regex::Regex::new(SCOPE_PATTERN).unwrap();
            let expected: Vec<Range<usize>> = re.find_iter(&s).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(scope_spans(&s).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn scope_spans_in_cells() {
        let cell = "User.Read.All, Mail。Read, B.x.yé A.b_ Files.ReadWrite.md";
        let found: Vec<&str> = scope_spans(cell).map(|r| &cell[r]).collect();
        assert_eq!(found, ["User.Read.All", "B.x", "Files.ReadWrite.md"]);
    }

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
