//! ## What it does
//! Checks the permissions table of an API operation page: it must exist,
//! have rows, not state one permission type twice with different values,
//! and its cells must hold intact scopes: no permission type row may be
//! left empty (unless indented rows below it give its scopes). A scope is
//! broken when machine translation or an edit touched it: a localized dot
//! (`Mail。Read`), spaces inside it (`User. Read`) or for its dots
//! (`Group ReadWrite All`), a comma or colon for a dot (`User,Read.All`),
//! an empty part (`User.Read..All`), a trailing dot (`Files.ReadWrite.` in
//! a cell of scopes only), a half-translated scope
//! (`Bookings.すべて`; `Reports.Lesen.All` where the scope catalogue of
//! `concepts/permissions-reference.md` has `Reports.Read.All`), or, in
//! span-pair files, a
//! localized cell with other scopes than its English half (`予約。すべて`
//! for `Bookings.Manage.All`).
//!
//! ## Why is this bad?
//! Scopes are identifiers: an app registered with a translated or broken
//! scope name cannot call the API, and readers cannot tell which
//! permission is meant.
//!
//! ## Example
//! ```markdown
//! |Delegated (work or school account) | 予約。すべて |
//! ```
//! Use instead:
//! ```markdown
//! |Delegated (work or school account) | Bookings.Manage.All |
//! ```

use super::prelude::*;
use crate::markdown::{Block, Outline};
use crate::model::permissions::{is_sub_row, scope_spans};
use crate::model::vocabulary::normalize;
use regex::Regex;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "permissions-malformed",
    severity: Severity::Error,
    summary: "The permissions table is missing, contradicts itself or holds broken scopes",
    check: Check::Document(check),
};

/// An ASCII scope piece followed by a localized dot, or by a dot and a
/// non-ASCII letter: `Mail。Read`, `Bookings.すべて`.
static HALF_TRANSLATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Za-z][A-Za-z0-9]*(?:[。．｡]\s*\p{L}|\.[^\x00-\x7F\s.。．｡,、，])")
        .expect("regex")
});
/// Two pieces around a dot with spaces or a localized dot: `User .Read`,
/// `User. Read.All`, `Mail。Read`.
static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b([A-Z][A-Za-z0-9]*)(?:\s+[.。．｡]\s*|\.\s+|[。．｡])([A-Z][A-Za-z0-9]*)(\.[A-Za-z])?",
    )
    .expect("regex")
});
/// A scope-like word (internal capital) outside any scope: `EduAssignments`.
static CAMEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b").expect("regex"));
/// A scope with an empty part: `User.Read..All`, `User..Read`.
static EMPTY_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*\.{2,}[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*").expect("regex")
});
/// Capitalized ASCII words separated by single spaces: `Group ReadWrite All`.
static SPACED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)+$").expect("regex"));
/// A scope with a comma, semicolon, colon or middle dot for one of its
/// dots: `User,Read.All` (1: the scope, 2: the word after the mark, 3: the
/// dotted rest) or `User.Read,All` (4: the scope, 5: the access word).
static OTHER_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\w.,;:·])((?:[A-Z][A-Za-z0-9]*)[,;:·]([A-Z][A-Za-z0-9]*)((?:\.[A-Za-z0-9]+)*))(?:$|[^\w.])|(?:^|[^\w.])([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+[,;:·](All|Shared|Read|ReadWrite))(?:$|[^\w.])",
    )
    .expect("regex")
});

/// The access words that end or follow a scope's resource part.
const ACCESS: &[&str] = &[
    "All",
    "Read",
    "ReadWrite",
    "ReadBasic",
    "ReadWriteBasic",
    "Write",
    "Create",
    "Shared",
    "Manage",
    "Send",
    "AccessAsUser",
];

/// Localized words around a dot, no space: `予約。すべて`, `Почта.Чтение`.
static LOCAL_DOTTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}[.。．｡]\p{L}").expect("regex"));

/// The permissions table of a page and the index of its section.
fn permissions_table(o: &Outline) -> Option<(usize, &Vec<Vec<String>>)> {
    o.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let k = s.anchor.as_deref().unwrap_or(s.key());
            k == "permissions" || k == "prerequisites"
        })
        .find_map(|(i, s)| Some((i, first_table(&s.blocks)?)))
}

/// The rows of the first table with two columns or more.
fn first_table<'b>(blocks: impl IntoIterator<Item = &'b Block>) -> Option<&'b Vec<Vec<String>>> {
    blocks.into_iter().find_map(|b| match b {
        Block::Table { header, rows } if header.len() >= 2 => Some(rows),
        _ => None,
    })
}

fn scopes(cell: &str) -> BTreeSet<String> {
    crate::model::permissions::scopes(cell).into_iter().collect()
}

/// `cell` with each scope-shaped token replaced by a space.
fn without_scopes(cell: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut at = 0;
    for m in scope_spans(cell) {
        out.push_str(&cell[at..m.start]);
        out.push(' ');
        at = m.end;
    }
    if at == 0 {
        return Cow::Borrowed(cell);
    }
    out.push_str(&cell[at..]);
    Cow::Owned(out)
}

fn value(row: &[String]) -> String {
    row.get(1..).map(|v| v.join(" ")).unwrap_or_default()
}

/// Why a localized cell holds a broken scope, if it does.
fn broken<'p>(cell: &str, pieces: &dyn Fn() -> &'p BTreeSet<String>) -> Option<String> {
    let rest = without_scopes(cell);
    let rest = rest.trim();
    // each pattern needs a localized dot, or an ASCII dot with a
    // non-ASCII character after (HALF_TRANSLATED) or whitespace beside it
    // (SPLIT): most cells have neither
    let local_dot = |s: &str| s.contains(['。', '．', '｡']);
    let dot_beside = |s: &str, f: fn(char) -> bool| {
        s.match_indices('.').any(|(i, _)| {
            s[i + 1..].chars().next().is_some_and(f) || s[..i].chars().next_back().is_some_and(f)
        })
    };
    let half_translated = local_dot(rest) || dot_beside(rest, |c| !c.is_ascii());
    if let Some(m) = half_translated.then(|| HALF_TRANSLATED.find(rest)).flatten() {
        return Some(format!(
            "`{}` is a scope with a translated part",
            m.as_str().trim()
        ));
    }
    if local_dot(cell) || dot_beside(cell, char::is_whitespace) {
        for c in SPLIT.captures_iter(cell) {
            let whole = &c[0];
            let space_before_dot = whole.contains(" .") || whole.contains(" 。");
            // `User. Read.All`, `Files. ReadWrite` (an access word after
            // the dot), or two parts of the page's or catalogue's scopes
            let continues = c.get(3).is_some()
                || ACCESS.contains(&&c[2])
                || pieces().contains(&c[1]) && pieces().contains(&c[2]);
            if space_before_dot || continues || whole.contains(['。', '．', '｡']) {
                return Some(format!("`{}` is a broken scope", whole.trim()));
            }
        }
    }
    if cell.contains([',', ';', ':', '·']) {
        for c in OTHER_DOT.captures_iter(cell) {
            let (whole, access, dotted) = match (c.get(1), c.get(4)) {
                (Some(w), _) => (w.as_str(), &c[2], !c[3].is_empty()),
                (None, Some(w)) => (w.as_str(), &c[5], true),
                _ => continue,
            };
            // `Files,ReadWrite` needs its access word; `Sites,FullControl.All` has dots of its own
            if ACCESS.contains(&access) || dotted && access.len() > 3 {
                return Some(format!("`{whole}` is a scope with a punctuation mark for a dot"));
            }
        }
    }
    if cell.contains("..") {
        if let Some(m) = EMPTY_PART.find(cell) {
            return Some(format!("`{}` is a scope with an empty part", m.as_str()));
        }
    }
    // a scope of a list of scopes followed by a dot, at the end of the cell
    // or before the next scope: `Files.ReadWrite.`, `User.Read., Mail.Read`
    // (a cell with words besides its scopes may end a sentence there)
    if cell.contains('.') && !rest.chars().any(char::is_alphanumeric) {
        for m in scope_spans(cell) {
            let Some(after) = cell[m.end..].strip_prefix('.') else {
                continue;
            };
            let next = after.trim_start().chars().next();
            if next.is_none_or(|c| matches!(c, ',' | ';' | '、' | '，' | '；')) {
                return Some(format!(
                    "`{}.` is a scope with a trailing dot",
                    &cell[m.start..m.end]
                ));
            }
        }
    }
    // a list item of capitalized words with spaces for dots, an access
    // word (or a part of a known scope) after the first: `Group ReadWrite All`
    for item in rest.split([',', ';', '、', '，']) {
        let item = item.trim().trim_end_matches('.');
        let words: Vec<&str> = item.split(' ').collect();
        if words.len() >= 2
            && SPACED.find(item).is_some_and(|m| m.as_str() == item)
            && words[1..]
                .iter()
                .any(|w| ACCESS.contains(w) || pieces().contains(*w))
        {
            return Some(format!("`{item}` is a scope with spaces for its dots"));
        }
    }
    let localized = rest.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    if localized {
        if let Some(m) = CAMEL.find(rest) {
            return Some(format!(
                "`{}` is part of a scope mixed with translated text",
                m.as_str()
            ));
        }
    }
    let compact = rest.trim_end_matches(|c: char| !c.is_alphanumeric());
    if !compact.contains(char::is_whitespace)
        && compact.chars().count() <= 40
        && LOCAL_DOTTED.is_match(compact)
    {
        return Some(format!("`{compact}` looks like a translated scope"));
    }
    None
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let api = &ctx.model.api;
    if api.kind != PageKind::ApiOperation {
        return;
    }
    let section = ctx.section_line("permissions");
    let Some((index, rows)) = permissions_table(ctx.outline) else {
        if api.permissions.is_none() {
            out.push(
                ctx.at_line(&RULE, section, "the page has no permissions table".into())
                    .key("permissions:missing"),
            );
        }
        return;
    };
    let rows: Vec<&Vec<String>> = rows.iter().filter(|r| !r.is_empty()).collect();
    if rows.is_empty() {
        out.push(
            ctx.at_line(&RULE, section, "the permissions table has no rows".into())
                .key("permissions:empty"),
        );
        return;
    }
    let line_of = |cell: &str| {
        let l = ctx.line_of(cell.trim());
        if l > 1 {
            l
        } else {
            section
        }
    };
    // the same permission type twice with other values
    // the English of the table: from the lines of its section, else from
    // the whole English half
    let en_section = crate::lint::page::english_section(ctx, index);
    let en_rows = match &en_section {
        Some(o) => first_table(o.sections.iter().flat_map(|s| &s.blocks)),
        None => crate::lint::page::english_outline(ctx)
            .and_then(permissions_table)
            .map(|(_, rows)| rows),
    };
    let label_of = |i: usize, row: &[String]| -> String {
        let local = row.first().map(|l| normalize(l)).unwrap_or_default();
        match en_rows.and_then(|r| r.get(i)).and_then(|r| r.first()) {
            Some(en) if en_rows.is_some_and(|r| r.len() == rows.len()) => normalize(en),
            _ => local,
        }
    };
    let labels: Vec<String> = (0..rows.len()).map(|i| label_of(i, rows[i])).collect();
    for (i, li) in labels.iter().enumerate() {
        if li.is_empty() {
            continue;
        }
        if let Some(j) = (0..i).find(|&j| labels[j] == *li) {
            // several rows of one type list alternatives (one scope each);
            // "not supported" beside scopes is a contradiction
            if scopes(&value(rows[i])).is_empty() != scopes(&value(rows[j])).is_empty() {
                out.push(
                    ctx.at_line(
                        &RULE,
                        line_of(&value(rows[i])),
                        format!(
                            "permission type `{}` is listed twice, once as not supported",
                            rows[i][0]
                        ),
                    )
                    .key(format!("permissions:twice:{li}")),
                );
            }
        }
    }
    // broken scopes
    // the parts of known scopes, gathered only when a cell needs them
    let pieces_cell: std::cell::OnceCell<BTreeSet<String>> = std::cell::OnceCell::new();
    let pieces = || {
        pieces_cell.get_or_init(|| {
            let mut pieces: BTreeSet<String> = rows
                .iter()
                .flat_map(|r| scopes(&value(r)))
                .flat_map(|s| s.split('.').map(str::to_string).collect::<Vec<_>>())
                .collect();
            if let Some(c) = ctx.catalogue {
                pieces.extend(
                    c.iter()
                        .flat_map(|s| s.split('.').map(str::to_string).collect::<Vec<_>>()),
                );
            }
            pieces
        })
    };
    // a permission type row with an empty cell and no indented rows below
    let sub_row = |r: &Vec<String>| r.first().is_none_or(|l| is_sub_row(l));
    for (i, row) in rows.iter().enumerate() {
        let label = row.first().map_or("", |l| l.trim());
        if sub_row(row)
            || !value(row).trim().is_empty()
            || rows.get(i + 1).is_some_and(|r| sub_row(r))
        {
            continue;
        }
        out.push(
            ctx.at_line(
                &RULE,
                line_of(label),
                format!("permission type `{label}` has an empty cell: neither scopes nor \"not supported\""),
            )
            .key(format!("permissions:blank:{i}")),
        );
    }
    for (i, row) in rows.iter().enumerate() {
        let cell = value(row);
        let en_cell = en_rows
            .filter(|r| r.len() == rows.len())
            .and_then(|r| r.get(i))
            .map(|r| value(r));
        let why = match &en_cell {
            Some(en) if scopes(en) != scopes(&cell) => {
                let lost: Vec<String> = scopes(en).difference(&scopes(&cell)).cloned().collect();
                let added: Vec<String> = scopes(&cell).difference(&scopes(en)).cloned().collect();
                Some(if added.is_empty() {
                    format!(
                        "scope `{}` of the English half is missing",
                        lost.join("`, `")
                    )
                } else if lost.is_empty() {
                    format!("scope `{}` is not in the English half", added.join("`, `"))
                } else {
                    format!(
                        "scope `{}` became `{}`",
                        lost.join("`, `"),
                        added.join("`, `")
                    )
                })
            }
            _ => broken(&cell, &pieces).or_else(|| {
                ctx.catalogue
                    .and_then(|c| translated_part(&cell, c))
            }),
        };
        if let Some(why) = why {
            out.push(
                ctx.at_line(
                    &RULE,
                    line_of(&cell),
                    format!("permissions cell `{}`: {why}", cell.trim()),
                )
                .key(format!("permissions:cell:{i}")),
            );
        }
    }
}

/// A scope of the cell that the catalogue lacks, one part away from a
/// scope it has, the differing part being no part of any catalogue scope:
/// `Reports.Lesen.All` for `Reports.Read.All`.
fn translated_part(cell: &str, catalogue: &BTreeSet<String>) -> Option<String> {
    for scope in scopes(cell) {
        if catalogue.contains(&scope) {
            continue;
        }
        let parts: Vec<&str> = scope.split('.').collect();
        for (k, part) in parts.iter().enumerate() {
            // a translated access word is one word (`Lesen`, `Alle`), no
            // compound of API words (`ReadWriteForChat`, a newer scope)
            let known_part = catalogue
                .iter()
                .any(|c| c.split('.').any(|p| p == *part));
            if known_part || part.chars().skip(1).any(|c| c.is_ascii_uppercase()) {
                continue;
            }
            // (a misspelled part, `PriviligedOperation`, is no translation:
            // unknown-permission reports it)
            let near = catalogue.iter().find(|c| {
                let cp: Vec<&str> = c.split('.').collect();
                cp.len() == parts.len()
                    && ACCESS.contains(&cp[k])
                    && cp.iter().zip(&parts).enumerate().all(|(j, (a, b))| j == k || a == b)
                    && !crate::lint::tokens::near(
                        &cp[k].to_ascii_lowercase(),
                        &part.to_ascii_lowercase(),
                    )
            });
            if let Some(near) = near {
                return Some(format!(
                    "`{scope}` is a scope with a translated part (`{near}`?)"
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn without_scopes_is_the_regex_replacement(
            s in "[ABZaz09._ é約。\u{301}-]{0,16}"
        ) {
            let re = Regex::new(crate::model::permissions::SCOPE_PATTERN).unwrap();
            proptest::prop_assert_eq!(without_scopes(&s), re.replace_all(&s, " "));
        }
    }
}
