//! Helpers shared by the cross-locale rules (`xl-*`, translation status).
//!
//! **The split between `xl-*` and `source-facts-mismatch`.** The API facts
//! (endpoints, permissions, response codes) are compared once:
//!
//! - when the group has an English page (`--source`), each translation is
//!   compared with it by `source-facts-mismatch`;
//! - otherwise (no `--source`, or no English page for this group) the
//!   translations are compared with each other by `xl-endpoints`,
//!   `xl-permissions` and `xl-response-code`, against the majority.
//!
//! The other `xl-*` rules (headers, request body, links, structure) always
//! compare with [`GroupCtx::reference`]'s choice: the English page when
//! given, else the majority.

use crate::document::Form;
use crate::lint::{Finding, GroupCtx, PageSummary, Rule};
use crate::model::{Grant, PermissionType, RequestBody};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One page that deviates: its value and the value it is compared with.
pub struct Deviation<'a, T> {
    pub member: &'a PageSummary,
    pub value: T,
    pub reference: T,
}

/// Compares `value` across `members`. With `english`, the English value is
/// the reference and only other pages deviate. Otherwise the value most
/// pages state is the reference; on a tie every page deviates, each from
/// the first tied value it does not state (deterministic, and both sides of
/// the disagreement get a finding). Pages that do not state the value are
/// left out (unknown, not different).
pub fn compare<'a, T: Ord + Clone>(
    members: &[&'a PageSummary],
    english: Option<&'a PageSummary>,
    value: impl Fn(&PageSummary) -> Option<T>,
) -> Vec<Deviation<'a, T>> {
    let mut out = Vec::new();
    if let Some(e) = english {
        let Some(r) = value(e) else { return out };
        for m in members {
            if std::ptr::eq(*m, e) {
                continue;
            }
            if let Some(v) = value(m) {
                if v != r {
                    out.push(Deviation {
                        member: m,
                        value: v,
                        reference: r.clone(),
                    });
                }
            }
        }
        return out;
    }
    let stated: Vec<(&PageSummary, T)> = members
        .iter()
        .filter_map(|m| value(m).map(|v| (*m, v)))
        .collect();
    let mut counts: BTreeMap<&T, usize> = BTreeMap::new();
    for (_, v) in &stated {
        *counts.entry(v).or_default() += 1;
    }
    if counts.len() < 2 {
        return out;
    }
    let max = counts.values().copied().max().unwrap_or(0);
    let winners: Vec<&T> = counts
        .iter()
        .filter(|(_, n)| **n == max)
        .map(|(v, _)| *v)
        .collect();
    for (m, v) in &stated {
        if winners.len() == 1 && *winners[0] == *v {
            continue;
        }
        if let Some(r) = winners.iter().find(|w| **w != v) {
            out.push(Deviation {
                member: m,
                value: v.clone(),
                reference: (*r).clone(),
            });
        }
    }
    out
}

/// The name of a page in messages: its locale tag, with `(span-pair)` or
/// `(plain)` when the group holds pages of that locale in both forms.
pub fn label(ctx: &GroupCtx, m: &PageSummary) -> String {
    let tag = m.locale();
    let ambiguous = ctx
        .members
        .iter()
        .any(|o| o.locale() == tag && o.model.page.form != m.model.page.form);
    if !ambiguous {
        return tag.to_string();
    }
    match m.model.page.form {
        Form::SpanPair => format!("{tag} (span-pair)"),
        Form::Plain => format!("{tag} (plain)"),
        Form::English => format!("{tag} (English)"),
    }
}

/// Labels of the members of `within` whose value equals `v`, sorted, joined.
pub fn holders<T: PartialEq>(
    ctx: &GroupCtx,
    within: &[&PageSummary],
    v: &T,
    value: impl Fn(&PageSummary) -> Option<T>,
) -> String {
    let l: BTreeSet<String> = within
        .iter()
        .filter(|m| value(m).as_ref() == Some(v))
        .map(|m| label(ctx, m))
        .collect();
    l.into_iter().collect::<Vec<_>>().join(", ")
}

/// The line of the first of `keys` the page has as a section, else 1.
pub fn line_of(m: &PageSummary, keys: &[&str]) -> u32 {
    keys.iter().find_map(|k| m.section_line(k)).unwrap_or(1)
}

/// A finding on `m` at `line`, keyed by the group and `field` (stable across
/// line changes, distinct per field for the baseline).
pub fn finding(
    rule: &Rule,
    ctx: &GroupCtx,
    m: &PageSummary,
    line: u32,
    field: &str,
    message: String,
) -> Finding {
    Finding::new(rule, m.path(), (line.max(1), 1), message).key(format!("{}:{field}", ctx.key))
}

/// The English page of the group, if any.
pub fn english<'a>(ctx: &GroupCtx<'a>) -> Option<&'a PageSummary> {
    ctx.english.map(|i| ctx.members[i])
}

/// Joins at most `n` items as `` `a`, `b` `` and "(+k more)".
pub fn code_list<S: AsRef<str>>(items: &[S], n: usize) -> String {
    let mut s = items
        .iter()
        .take(n)
        .map(|i| format!("`{}`", i.as_ref()))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > n {
        s.push_str(&format!(" (+{} more)", items.len() - n));
    }
    s
}

// ---- facts ------------------------------------------------------------

/// Section keys of the facts, for finding lines.
pub const ENDPOINT_SECTIONS: &[&str] = &["http-request"];
pub const PERMISSION_SECTIONS: &[&str] = &["permissions", "prerequisites"];
pub const RESPONSE_SECTIONS: &[&str] = &["response"];
pub const HEADER_SECTIONS: &[&str] = &["request-headers"];
pub const BODY_SECTIONS: &[&str] = &["request-body"];

/// An endpoint in comparable form: method upper-cased, path lower-cased,
/// placeholders and OData key syntax unified (`('{id}')`, `{user-id}`,
/// `<id>` → `/{}`), quotes dropped, no trailing slash. Placeholder names change between English versions
/// without changing the API.
pub fn endpoint_key(method: &str, path: &str) -> String {
    let mut p = String::with_capacity(path.len());
    let mut chars = path.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' if matches!(chars.peek(), Some('\'') | Some('{')) => {
                // `('{id}')` / `({id})`: an OData key → a path segment
                let mut inner = String::new();
                for d in chars.by_ref() {
                    if d == ')' {
                        break;
                    }
                    inner.push(d);
                }
                let inner = inner.trim_matches('\'');
                if inner.starts_with('{') {
                    p.push_str("/{}");
                } else {
                    p.push('(');
                    p.push_str(&inner.to_lowercase());
                    p.push(')');
                }
            }
            '{' | '<' => {
                let close = if c == '{' { '}' } else { '>' };
                for d in chars.by_ref() {
                    if d == close {
                        break;
                    }
                }
                p.push_str("{}");
            }
            c if c.is_whitespace() || c == '\'' || c == '"' => {}
            c => p.extend(c.to_lowercase()),
        }
    }
    let p = p.trim_end_matches('/');
    format!("{} {p}", method.trim().to_ascii_uppercase())
}

/// The page's endpoints: comparable key → displayed form. `None` when the
/// page states none.
pub fn endpoints(m: &PageSummary) -> Option<BTreeMap<String, String>> {
    let e = &m.model.api.endpoints;
    (!e.is_empty()).then(|| {
        e.iter()
            .map(|e| {
                (
                    endpoint_key(&e.method, &e.path),
                    format!("{} {}", e.method, e.path),
                )
            })
            .collect()
    })
}

/// The comparable endpoint set of a page (computed once, with its summary).
pub fn endpoint_set(m: &PageSummary) -> Option<Arc<BTreeSet<String>>> {
    m.endpoint_keys.clone()
}

/// The comparable endpoint set of a model: the keys of [`endpoints`].
pub fn endpoint_keys(m: &crate::model::PageModel) -> Option<Arc<BTreeSet<String>>> {
    let e = &m.api.endpoints;
    (!e.is_empty()).then(|| Arc::new(e.iter().map(|e| endpoint_key(&e.method, &e.path)).collect()))
}

/// "missing `POST /a`; extra `POST /b`" for a page's endpoints against the
/// reference page's.
pub fn endpoint_delta(m: &PageSummary, reference: &[&PageSummary]) -> String {
    let mine = endpoints(m).unwrap_or_default();
    let mut theirs: BTreeMap<String, String> = BTreeMap::new();
    for r in reference {
        for (k, v) in endpoints(r).unwrap_or_default() {
            theirs.entry(k).or_insert(v);
        }
    }
    let missing: Vec<&String> = theirs
        .iter()
        .filter(|(k, _)| !mine.contains_key(*k))
        .map(|(_, v)| v)
        .collect();
    let extra: Vec<&String> = mine
        .iter()
        .filter(|(k, _)| !theirs.contains_key(*k))
        .map(|(_, v)| v)
        .collect();
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing {}", code_list(&missing, 2)));
    }
    if !extra.is_empty() {
        parts.push(format!("extra {}", code_list(&extra, 2)));
    }
    parts.join("; ")
}

/// A grant in comparable form: `None` = not supported, else the sorted
/// scope set (order is "least to most privileged", not a fact).
pub fn grant(m: &PageSummary, t: PermissionType) -> Option<Option<BTreeSet<String>>> {
    match m.model.api.permissions.as_ref()?.get(t)? {
        Grant::NotSupported => Some(None),
        Grant::Scopes(s) if s.is_empty() => None,
        Grant::Scopes(s) => Some(Some(s.iter().cloned().collect())),
    }
}

pub fn grant_text(g: &Option<BTreeSet<String>>) -> String {
    match g {
        None => "\"not supported\"".to_string(),
        Some(s) => s
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

pub fn permission_type_name(t: PermissionType) -> &'static str {
    match t {
        PermissionType::DelegatedWork => "delegated (work or school account) permission",
        PermissionType::DelegatedPersonal => "delegated (personal Microsoft account) permission",
        PermissionType::Application => "application permission",
    }
}

pub fn permission_field(t: PermissionType) -> &'static str {
    match t {
        PermissionType::DelegatedWork => "permissions.delegated-work",
        PermissionType::DelegatedPersonal => "permissions.delegated-personal",
        PermissionType::Application => "permissions.application",
    }
}

/// The success (2xx) response codes a page states, `None` when none. Error
/// codes named in the prose ("… or `404 Not Found`") are left out: newer
/// English versions add them without changing the API's contract.
pub fn response_codes(m: &PageSummary) -> Option<BTreeSet<u16>> {
    let c: BTreeSet<u16> = m
        .model
        .api
        .response_codes
        .iter()
        .copied()
        .filter(|c| (200..300).contains(c))
        .collect();
    (!c.is_empty()).then_some(c)
}

pub fn codes_text(c: &BTreeSet<u16>) -> String {
    c.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
}

/// Request header names, lower-cased; `None` when the page names none.
pub fn header_set(m: &PageSummary) -> Option<BTreeSet<String>> {
    let h = &m.model.api.request_headers;
    // a Request headers section that lists none states an empty set
    (!h.is_empty() || m.section_line("request-headers").is_some())
        .then(|| h.iter().map(|h| h.name.to_ascii_lowercase()).collect())
}

/// The request body in comparable form; `None` when not stated or not in a
/// form locdoc reads (`Described`). The model's `RequestBody::None` is left
/// out too: it also stands for prose the model does not read (a body
/// resource named through a broken reference link), so "no body" cannot be
/// told from "not understood".
pub fn body(m: &PageSummary) -> Option<(u8, BTreeSet<String>)> {
    Some(match m.model.api.request_body.as_ref()? {
        RequestBody::None => return None,
        RequestBody::Resource(r) => (1, [r.to_ascii_lowercase()].into()),
        RequestBody::Properties(p) if p.is_empty() => return None,
        RequestBody::Properties(p) => (2, p.iter().cloned().collect()),
        RequestBody::Described => return None,
    })
}

pub fn body_text(b: &(u8, BTreeSet<String>)) -> String {
    match b.0 {
        0 => "none".to_string(),
        1 => format!(
            "a JSON representation of a `{}`",
            b.1.iter().next().map_or("", String::as_str)
        ),
        _ => {
            let v: Vec<&String> = b.1.iter().collect();
            format!("properties {}", code_list(&v, 4))
        }
    }
}

/// "missing `a`; extra `b`" between two sets.
pub fn set_delta(mine: &BTreeSet<String>, theirs: &BTreeSet<String>) -> String {
    let missing: Vec<&String> = theirs.difference(mine).collect();
    let extra: Vec<&String> = mine.difference(theirs).collect();
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing {}", code_list(&missing, 3)));
    }
    if !extra.is_empty() {
        parts.push(format!("extra {}", code_list(&extra, 3)));
    }
    parts.join("; ")
}

// ---- links ------------------------------------------------------------

/// A link target in comparable form: lower-cased (the docs site's URLs
/// are case-insensitive), locale segments (`/en-us/`) removed, the docs
/// site's own hosts (`docs.microsoft.com`, `learn.microsoft.com`) read as
/// site-absolute paths, fragment dropped, no trailing slash.
pub fn link_target(url: &str) -> String {
    let url = url.trim().trim_matches(['<', '>']).to_lowercase();
    let url = url.split('#').next().unwrap_or("");
    let (head, rest) = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            let end = after.find('/').map_or(url.len(), |j| i + 3 + j);
            let host = &url[i + 3..end];
            if host == "docs.microsoft.com" || host == "learn.microsoft.com" {
                ("", &url[end..])
            } else {
                (&url[..end], &url[end..])
            }
        }
        None => ("", url),
    };
    let (path, query) = match rest.find('?') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path: Vec<&str> = path
        .split('/')
        .filter(|s| !(s.contains('-') && crate::locale::is_locale_segment(s)))
        .collect();
    let path = path.join("/");
    let path = path.trim_end_matches('/');
    format!("{head}{path}{query}")
}

/// A relative link as seen from a directory named `dir`: `group.md` and
/// `../resources/group.md` from `resources` are both `resources/group.md`;
/// a `..` above `dir` stays. Other links are returned as they are.
pub fn from_directory(dir: &str, dest: &str) -> String {
    let d = dest.trim();
    if dir.is_empty() || d.is_empty() || d.starts_with(['/', '#', '<']) || d.contains(':') {
        return dest.to_string();
    }
    let mut parts: Vec<&str> = vec![dir];
    let mut above = 0;
    for seg in d.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    above += 1;
                }
            }
            s => parts.push(s),
        }
    }
    let mut out = "../".repeat(above);
    out.push_str(&parts.join("/"));
    out
}

/// What a link points at, whatever the form of its target: the last path
/// segment without `.md`, lower-cased, `_` read as `-`, plus the query
/// (`fwlink?linkid=…`). Relative, absolute and docs-site links to one page
/// share it. `None` for in-page anchors and empty targets.
pub fn link_destination(url: &str) -> Option<String> {
    destination(&link_target(url))
}

/// [`link_destination`] of a target already made comparable by
/// [`link_target`] (lower-cased).
fn destination(t: &str) -> Option<String> {
    if t.is_empty() || t.starts_with("mailto:") {
        return None;
    }
    let (path, query) = match t.find('?') {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let last = path.rsplit('/').find(|s| !s.is_empty())?;
    let last = last.strip_suffix(".md").unwrap_or(last);
    if last.contains("://") || last.is_empty() || last == "." || last == ".." {
        return None;
    }
    Some(format!("{}{query}", last.replace('_', "-")))
}

/// A page's links by destination: destination → comparable target → the
/// target as written (the first, in sorted order); and how many links reach
/// each destination. Borrowed from the page's [`ResolvedLinks`].
pub type DestinationLinks<'r> = (
    BTreeMap<&'r str, BTreeMap<&'r str, &'r str>>,
    BTreeMap<&'r str, usize>,
);

/// What a link as written comes to: its comparable target
/// ([`link_target`]) and its destination.
pub type Resolved = std::sync::Arc<(String, String)>;

/// What links as written come to, by the name of the linking page's
/// directory and the link (`name\0link`): [`Resolved`], None for no
/// destination. The pages of a run link the same targets from directories
/// of the same names.
pub type LinkTargets = crate::hash::Memo<String, Option<Resolved>>;

/// A page's distinct links that have a destination: what each comes to,
/// as written, and how many times it is written.
pub type ResolvedLinks<'m> = Vec<(Resolved, &'m str, usize)>;

/// [`ResolvedLinks`] of a page, each distinct target read once (and
/// remembered in `memo` for the run).
pub fn resolve_links<'m>(m: &'m PageSummary, memo: &LinkTargets) -> ResolvedLinks<'m> {
    // relative targets as seen from the page's directory (`group.md` and
    // `../resources/group.md` are one target from `resources/`)
    let parent = std::path::Path::new(m.path())
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // the links are sorted: repeats are runs
    let mut key = String::new();
    m.links
        .chunk_by(|a, b| a == b)
        .filter_map(|run| {
            let written = &run[0];
            key.clear();
            key.push_str(&parent);
            key.push('\0');
            key.push_str(written);
            let resolved = memo.get_or_insert_with(key.as_str(), str::to_string, || {
                let target = link_target(&from_directory(&parent, written));
                destination(&target).map(|d| std::sync::Arc::new((target, d)))
            })?;
            Some((resolved, written.as_str(), run.len()))
        })
        .collect()
}

/// [`DestinationLinks`] of a page's [`ResolvedLinks`].
pub fn links_by_destination<'r>(links: &'r ResolvedLinks<'_>) -> DestinationLinks<'r> {
    let mut out: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (resolved, written, n) in links {
        let (target, d) = (resolved.0.as_str(), resolved.1.as_str());
        *counts.entry(d).or_default() += n;
        out.entry(d).or_default().entry(target).or_insert(written);
    }
    (out, counts)
}

// ---- source versions --------------------------------------------------

/// The English version a page was translated from, split in its kind
/// (`commit` or `sxs`, whose values are comparable only within a kind) and
/// value.
pub fn source_version(m: &PageSummary) -> Option<(&'static str, String)> {
    if m.model.page.form == Form::English {
        return None;
    }
    if let Some(c) = &m.model.page.source_commit {
        return Some(("commit", c.to_ascii_lowercase()));
    }
    let v = m.source_version.as_deref()?;
    match v.strip_prefix("sxs:") {
        Some(p) if !p.is_empty() => Some(("sxs", p.to_string())),
        Some(_) => None,
        None => Some(("commit", v.to_ascii_lowercase())),
    }
}

/// "commit `6c04234a`" / "span-pair id prefix `b0a86`".
pub fn version_text((kind, v): &(&'static str, String)) -> String {
    match *kind {
        "commit" => format!("English commit `{}`", &v[..v.len().min(8)]),
        _ => format!("the English version with span-pair id prefix `{v}`"),
    }
}

/// `ms.lasthandoff` (`MM/DD/YYYY`) as a sortable `YYYYMMDD`.
pub fn handoff(m: &PageSummary) -> Option<u32> {
    let h = m.model.page.handoff.as_deref()?.trim().trim_matches('"');
    let mut it = h.split('/').map(|p| p.trim().parse::<u32>().ok());
    let (mo, d, y) = (it.next()??, it.next()??, it.next()??);
    ((1..=12).contains(&mo) && (1..=31).contains(&d) && y > 1900)
        .then_some(y * 10000 + mo * 100 + d)
}

/// Does a page of locale `have` count as a translation into `want`? Equal
/// tags, or a bare language on either side matching the other's language.
pub fn same_locale(have: &str, want: &str) -> bool {
    if have.eq_ignore_ascii_case(want) {
        return true;
    }
    let (ph, pw) = (crate::locale::primary(have), crate::locale::primary(want));
    ph.eq_ignore_ascii_case(pw) && (ph.len() == have.len() || pw.len() == want.len())
}

// ---- fact checks (shared by xl-* and source-facts-mismatch) -------------

/// What the fact checks compare a translation with.
#[derive(Debug, Clone, Copy)]
pub enum Reference<'a> {
    /// The majority of the translations (no English page in the group).
    Majority,
    /// The English page: every translation that differs from it
    /// (`source-facts-mismatch`).
    English(&'a PageSummary),
    /// The English page, where the translations disagree among themselves:
    /// a translation that differs from it while another translation states
    /// what it does (the `xl-*` rules with `--source`). A fact every
    /// translation states otherwise than the current English is stale, not
    /// a disagreement between locales; there (and where the English page
    /// states nothing) the translations' majority is the reference.
    AmongTranslations(&'a PageSummary),
}

impl<'a> Reference<'a> {
    /// The reference of the `xl-*` fact rules: the group's English page,
    /// for the translations' disagreements, else their majority.
    pub fn of_translations(ctx: &GroupCtx<'a>) -> Self {
        match english(ctx) {
            Some(en) => Reference::AmongTranslations(en),
            None => Reference::Majority,
        }
    }

    fn english(self) -> Option<&'a PageSummary> {
        match self {
            Reference::Majority => None,
            Reference::English(e) | Reference::AmongTranslations(e) => Some(e),
        }
    }

    /// The pages whose `value` deviates from this reference's. For
    /// [`Reference::AmongTranslations`]: from the English value where a
    /// translation states it, else (every translation states an older value,
    /// or the English page states none) from the majority of the
    /// translations, which still disagree among themselves when one of
    /// them deviates.
    fn deviations<T: Ord + Clone>(
        self,
        ctx: &GroupCtx<'a>,
        value: impl Fn(&PageSummary) -> Option<T> + Copy,
    ) -> Vec<Deviation<'a, T>> {
        if let Reference::AmongTranslations(e) = self {
            let translations: Vec<&'a PageSummary> = ctx
                .members
                .iter()
                .copied()
                .filter(|o| !std::ptr::eq(*o, e) && o.model.page.form != Form::English)
                .collect();
            let english = value(e);
            if english.is_none() || !translations.iter().any(|o| value(o) == english) {
                return compare(&translations, None, value);
            }
        }
        compare(&ctx.members, self.english(), value)
            .into_iter()
            .filter(|d| self.counts(ctx, d.member, &d.reference, value))
            .collect()
    }

    /// Does the deviation of `member` from `reference` count: always, but
    /// for [`Reference::AmongTranslations`] only when a translation other
    /// than `member` has the reference's value (an English page is no
    /// translation, also when the English tree is linted too).
    fn counts<T: PartialEq>(
        self,
        ctx: &GroupCtx,
        member: &PageSummary,
        reference: &T,
        value: impl Fn(&PageSummary) -> Option<T>,
    ) -> bool {
        let Reference::AmongTranslations(e) = self else {
            return true;
        };
        ctx.members.iter().any(|o| {
            !std::ptr::eq(*o, e)
                && !std::ptr::eq(*o, member)
                && o.model.page.form != Form::English
                && value(o).as_ref() == Some(reference)
        })
    }
}

/// Endpoint sets: one finding per deviating page.
pub fn check_endpoints(rule: &Rule, ctx: &GroupCtx, reference: Reference, out: &mut Vec<Finding>) {
    for d in reference.deviations(ctx, endpoint_set) {
        let refs: Vec<&PageSummary> = ctx
            .members
            .iter()
            .filter(|m| endpoint_set(m).as_ref() == Some(&d.reference))
            .copied()
            .collect();
        let message = format!(
            "endpoints of {} differ from those of {}: {}",
            holders(ctx, &ctx.members, &d.value, endpoint_set),
            holders(ctx, &ctx.members, &d.reference, endpoint_set),
            endpoint_delta(d.member, &refs),
        );
        let line = line_of(d.member, ENDPOINT_SECTIONS);
        out.push(finding(rule, ctx, d.member, line, "endpoints", message));
    }
}

/// Permission grants: one finding per permission type per deviating page.
pub fn check_permissions(
    rule: &Rule,
    ctx: &GroupCtx,
    reference: Reference,
    out: &mut Vec<Finding>,
) {
    for t in PermissionType::ALL {
        let value = |m: &PageSummary| grant(m, t);
        for d in reference.deviations(ctx, value) {
            let message = format!(
                "{} is {} in {} but {} in {}",
                permission_type_name(t),
                grant_text(&d.value),
                holders(ctx, &ctx.members, &d.value, value),
                grant_text(&d.reference),
                holders(ctx, &ctx.members, &d.reference, value),
            );
            let line = line_of(d.member, PERMISSION_SECTIONS);
            out.push(finding(
                rule,
                ctx,
                d.member,
                line,
                permission_field(t),
                message,
            ));
        }
    }
    check_missing_rows(rule, ctx, reference, out);
}

/// A permission type the permissions table of `m` does not list at all
/// (its row dropped), while the reference lists it: the English page, else
/// every other translation with a permissions table (two at least).
fn check_missing_rows(rule: &Rule, ctx: &GroupCtx, reference: Reference, out: &mut Vec<Finding>) {
    let english = reference.english();
    let table = |m: &PageSummary| m.model.api.permissions.is_some();
    let lists = |m: &PageSummary, t| {
        m.model
            .api
            .permissions
            .as_ref()
            .is_some_and(|p| p.get(t).is_some())
    };
    let with_table: Vec<&PageSummary> = ctx.members.iter().copied().filter(|m| table(m)).collect();
    for t in PermissionType::ALL {
        for m in &with_table {
            if lists(m, t) || english.is_some_and(|e| std::ptr::eq(*m, e)) {
                continue;
            }
            let listing: Vec<&PageSummary> = match english {
                Some(e)
                    if lists(e, t) && reference.counts(ctx, m, &true, |o| Some(lists(o, t))) =>
                {
                    vec![e]
                }
                Some(_) => continue,
                None => {
                    let others: Vec<&PageSummary> = with_table
                        .iter()
                        .copied()
                        .filter(|o| !std::ptr::eq(*o, *m))
                        .collect();
                    if others.len() < 2 || !others.iter().all(|o| lists(o, t)) {
                        continue;
                    }
                    others
                }
            };
            let names: BTreeSet<String> = listing.iter().map(|o| label(ctx, o)).collect();
            let message = format!(
                "the {} row is missing from the permissions table in {} but listed in {}",
                permission_type_name(t),
                label(ctx, m),
                names.into_iter().collect::<Vec<_>>().join(", "),
            );
            let line = line_of(m, PERMISSION_SECTIONS);
            out.push(finding(
                rule,
                ctx,
                m,
                line,
                &format!("{}:missing", permission_field(t)),
                message,
            ));
        }
    }
}

/// Response codes: one finding per deviating page.
pub fn check_response_codes(
    rule: &Rule,
    ctx: &GroupCtx,
    reference: Reference,
    out: &mut Vec<Finding>,
) {
    for d in reference.deviations(ctx, response_codes) {
        let plural = |c: &BTreeSet<u16>| if c.len() == 1 { "code" } else { "codes" };
        let message = format!(
            "response {} {} in {} but {} in {}",
            plural(&d.value),
            codes_text(&d.value),
            holders(ctx, &ctx.members, &d.value, response_codes),
            codes_text(&d.reference),
            holders(ctx, &ctx.members, &d.reference, response_codes),
        );
        let line = line_of(d.member, RESPONSE_SECTIONS);
        out.push(finding(
            rule,
            ctx,
            d.member,
            line,
            "response-codes",
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn relative_links_from_a_directory() {
        use super::from_directory as f;
        assert_eq!(f("resources", "group.md"), "resources/group.md");
        assert_eq!(
            f("resources", "../resources/group.md"),
            "resources/group.md"
        );
        assert_eq!(f("resources", "./group.md#x"), "resources/group.md#x");
        assert_eq!(f("api", "../../concepts/a.md"), "../concepts/a.md");
        assert_eq!(f("api", "/graph/x"), "/graph/x");
        assert_eq!(f("api", "https://a.b/c.md"), "https://a.b/c.md");
        assert_eq!(f("api", "#permissions"), "#permissions");
    }

    use super::*;

    #[test]
    fn endpoint_keys_ignore_placeholder_names() {
        assert_eq!(
            endpoint_key("POST", "/groups/{id}/members/$ref"),
            endpoint_key("post", "/groups/{group-id}/members/$ref")
        );
        assert_eq!(
            endpoint_key(
                "GET",
                "/financials/companies('{id}')/paymentMethods('{id}')"
            ),
            endpoint_key("GET", "/financials/companies/{id}/paymentMethods/{id}")
        );
        assert_eq!(
            endpoint_key("GET", "/worksheets/{id}/range(address='<address>')"),
            endpoint_key("GET", "/worksheets/{id|name}/range(address={address})")
        );
        assert_ne!(
            endpoint_key("GET", "/workbook/worksheets/{id}/charts"),
            endpoint_key(
                "GET",
                "/me/drive/items/{id}/workbook/worksheets/{id}/charts"
            )
        );
    }

    #[test]
    fn links() {
        assert_eq!(
            link_target("https://docs.microsoft.com/en-us/graph/x#a"),
            link_target("https://docs.microsoft.com/ja-JP/graph/x")
        );
        assert_eq!(
            link_target("https://docs.microsoft.com/graph/query-parameters"),
            link_target("/graph/query-parameters")
        );
        let d = |u| link_destination(u).unwrap();
        assert_eq!(
            d("../../../concepts/permissions_reference.md"),
            "permissions-reference"
        );
        assert_eq!(d("/graph/permissions-reference"), "permissions-reference");
        assert_eq!(
            d("https://go.microsoft.com/fwlink/?linkid=839381"),
            "fwlink?linkid=839381"
        );
        assert_eq!(link_destination("#request"), None);
    }

    #[test]
    fn locales() {
        assert!(same_locale("de", "de-DE"));
        assert!(same_locale("ja-JP", "ja-jp"));
        assert!(!same_locale("zh-TW", "zh-CN"));
    }
}
