//! The permissions table: permission type per row, scopes or not supported.
//!
//! Row types are recognised without word lists: the English meaning of a
//! localized label comes from the span-pair vocabulary (or the label is
//! English already); failing that, from the shape of the table's labels
//! (the two delegated types share their first word and carry a qualifier,
//! `委任 (職場…)` / `委任 (個人用…)`, the application type does not); failing
//! that, the row's position (Graph docs always list delegated work/school,
//! delegated personal, application). Indented rows (`&nbsp; **Onboarding**`)
//! belong to the type above them. A cell with no scope-shaped token means
//! "not supported", in any language.

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

/// The permission type of each row of a permissions table: its label's
/// English meaning, else the table's shape, else its position; an indented
/// or unlabelled row has the type of the row above it (`None` before any).
pub fn row_kinds(
    rows: &[Vec<String>],
    lang: &str,
    vocab: &Lookup<'_>,
) -> Vec<Option<PermissionType>> {
    // per row: None for a row without cells, Some(None) for an indented one
    let labels: Vec<Option<Option<&str>>> = rows
        .iter()
        .map(|row| {
            let raw = row.first()?;
            let label = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
            Some((!is_sub_row(raw)).then_some(label))
        })
        .collect();
    let typed: Vec<&str> = labels.iter().flatten().flatten().copied().collect();
    let by_meaning: Vec<Option<PermissionType>> = typed
        .iter()
        .map(|l| classify_english(vocab.lookup(lang, l).unwrap_or(l)))
        .collect();
    let by_shape = if by_meaning.iter().all(Option::is_some) {
        None
    } else {
        by_shape(&typed)
    };
    let mut typed_kinds = typed.iter().enumerate().map(|(i, _)| {
        by_meaning[i]
            .or_else(|| by_shape.as_ref().map(|k| k[i]))
            .or_else(|| PermissionType::ALL.get(i).copied())
    });
    let mut current = None;
    labels
        .iter()
        .map(|label| match label {
            None => None,
            Some(Some(_)) => {
                current = typed_kinds.next().flatten();
                current
            }
            Some(None) => current,
        })
        .collect()
}

/// Is a permissions row with this first cell a sub-row of the row above:
/// unlabelled, or indented (a leading U+00A0, kept by the outline for
/// `&nbsp;`; or the entity itself, escaped by a translation as `&amp;nbsp;`)?
pub fn is_sub_row(label: &str) -> bool {
    let t = label.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    t.is_empty()
        || label.starts_with('\u{a0}')
        || t.starts_with("&nbsp;")
        || t.starts_with("&#160;")
}

/// The types of a table's labels from their shape alone, in any language:
/// the two delegated labels share their first word (`Delegated (work or
/// school account)`, `Delegated (personal Microsoft account)`), the work
/// one first, and carry a qualifier (parenthesis or dash); the application
/// label is the other one. None when the shape does not tell.
fn by_shape(labels: &[&str]) -> Option<Vec<PermissionType>> {
    use PermissionType::*;
    let share = |a: &str, b: &str| {
        let (a, b) = (head(a), head(b));
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let shorter = a.chars().count().min(b.chars().count());
        common >= 2 && common * 5 >= shorter * 3
    };
    // of the two delegated labels, the personal one names the personal
    // Microsoft account (a name most languages keep); else the work one
    // comes first
    let pair = |a: &str, b: &str| {
        if names_microsoft(a) && !names_microsoft(b) {
            [DelegatedPersonal, DelegatedWork]
        } else {
            [DelegatedWork, DelegatedPersonal]
        }
    };
    match labels {
        [a, b, c] => match (share(a, b), share(a, c), share(b, c)) {
            (true, false, false) => {
                let [x, y] = pair(a, b);
                Some(vec![x, y, Application])
            }
            (false, true, false) => {
                let [x, y] = pair(a, c);
                Some(vec![x, Application, y])
            }
            (false, false, true) => {
                let [x, y] = pair(b, c);
                Some(vec![Application, x, y])
            }
            _ => None,
        },
        [a, b] if share(a, b) => Some(pair(a, b).to_vec()),
        [a, b] => match (qualified(a), qualified(b)) {
            (true, false) => Some(vec![delegated_one(a), Application]),
            (false, true) => Some(vec![Application, delegated_one(b)]),
            _ => None,
        },
        [a] if qualified(a) => Some(vec![delegated_one(a)]),
        _ => None,
    }
}

fn delegated_one(label: &str) -> PermissionType {
    if names_microsoft(label) {
        PermissionType::DelegatedPersonal
    } else {
        PermissionType::DelegatedWork
    }
}

fn names_microsoft(label: &str) -> bool {
    label.to_ascii_lowercase().contains("microsoft")
}

/// The first word of a label, lower case: up to a space, parenthesis,
/// dash or colon (`委任 (職場…)` → `委任`, `委派（工作…）` → `委派`).
fn head(label: &str) -> String {
    let label = label.trim_start_matches(['[', '*', '_']);
    let end = label
        .find(|c: char| c.is_whitespace() || "(（-–—:：[]*_".contains(c))
        .unwrap_or(label.len());
    label[..end].to_lowercase()
}

/// Does a label carry a qualifier: a parenthesis or a dash between words?
fn qualified(label: &str) -> bool {
    label.contains(['(', '（']) || [" - ", " – ", " — "].iter().any(|d| label.contains(d))
}

/// Builds permissions from the rows of a permissions table.
pub fn from_table(rows: &[Vec<String>], lang: &str, vocab: &Lookup<'_>) -> Option<Permissions> {
    let mut perms = Permissions {
        delegated_work: None,
        delegated_personal: None,
        application: None,
    };
    let kinds = row_kinds(rows, lang, vocab);
    let mut labelled = false;
    for (row, kind) in rows.iter().zip(kinds) {
        let Some(kind) = kind else { continue };
        labelled = true;
        let value = row[1..].join(" ");
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
    labelled.then_some(perms)
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

    fn kinds(r: &[[&str; 2]]) -> Vec<Option<PermissionType>> {
        row_kinds(&rows(r), "xx", &Lookup::shared(&Default::default()))
    }

    #[test]
    fn two_rows_in_an_unseen_language_by_shape() {
        use PermissionType::*;
        // delegated work and application only: not work and personal by position
        let k = kinds(&[
            ["위임(회사 또는 학교 계정)", "A.B"],
            ["애플리케이션", "A.B.All"],
        ]);
        assert_eq!(k, [Some(DelegatedWork), Some(Application)]);
        // the two delegated labels share their first word
        let k = kinds(&[
            ["Delegado (cuenta profesional)", "A.B"],
            ["Delegado (cuenta personal de Microsoft)", "No admitido."],
        ]);
        assert_eq!(k, [Some(DelegatedWork), Some(DelegatedPersonal)]);
        // full-width parentheses, no space before them
        let k = kinds(&[["委派（工作或学校帐户）", "A.B"], ["应用程序", "A.B"]]);
        assert_eq!(k, [Some(DelegatedWork), Some(Application)]);
    }

    #[test]
    fn personal_and_application_rows_by_shape() {
        use PermissionType::*;
        let k = kinds(&[
            ["委任 (個人用 Microsoft アカウント)", "A.B"],
            ["アプリケーション", "A.B.All"],
        ]);
        assert_eq!(k, [Some(DelegatedPersonal), Some(Application)]);
        // a label escaped as `&amp;nbsp;` by a translation is indented too
        let k = kinds(&[
            ["Delegado (cuenta profesional)", ""],
            ["&nbsp;&nbsp;Onboarding", "A.B"],
        ]);
        assert_eq!(k, [Some(DelegatedWork), Some(DelegatedWork)]);
    }

    #[test]
    fn rows_out_of_order_by_shape() {
        use PermissionType::*;
        let k = kinds(&[
            ["Aplicación", "No admitido."],
            ["Delegado (cuenta personal de Microsoft)", "No admitido."],
            [
                "Delegado (cuenta profesional o educativa)",
                "Group.ReadWrite.All",
            ],
        ]);
        assert_eq!(
            k,
            [
                Some(Application),
                Some(DelegatedPersonal),
                Some(DelegatedWork)
            ]
        );
        // a table whose shape tells nothing falls back to the position
        let k = kinds(&[["Α", "A.B"], ["Β", "A.B"], ["Γ", "A.B"]]);
        assert_eq!(
            k,
            [
                Some(DelegatedWork),
                Some(DelegatedPersonal),
                Some(Application)
            ]
        );
    }

    #[test]
    fn indented_rows_belong_to_the_row_above() {
        // `| &nbsp; &nbsp; **Onboarding** | … |`: the cell keeps one U+00A0
        let p = from_table(
            &rows(&[
                ["Delegated (work or school account)", ""],
                [
                    "\u{a0}Onboarding",
                    "DeviceManagementManagedDevices.ReadWrite.All",
                ],
                ["Delegated (personal Microsoft account)", "Not supported."],
                ["Application", ""],
                [
                    "\u{a0}Onboarding",
                    "DeviceManagementManagedDevices.ReadWrite.All",
                ],
            ]),
            "en",
            &Lookup::shared(&Default::default()),
        )
        .unwrap();
        let scope = Some(Grant::Scopes(vec![
            "DeviceManagementManagedDevices.ReadWrite.All".into(),
        ]));
        assert_eq!(p.delegated_work, scope);
        assert_eq!(p.delegated_personal, Some(Grant::NotSupported));
        assert_eq!(p.application, scope);
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
