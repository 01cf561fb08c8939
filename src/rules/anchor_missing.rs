//! ## What it does
//! Checks that every link to a fragment of the same page (`#permissions`)
//! names an anchor of the page: an `<a name>` or `id` attribute, a heading
//! (its anchor or slug, in the localized or, for span-pair files, the
//! English text) or a code tab (`#tab/http`).
//!
//! ## Why is this bad?
//! The link goes nowhere. Translated fragments (`#アクセス許可`) and
//! anchors renamed in one locale are the usual causes.
//!
//! ## Example
//! ```markdown
//! See [permissions](#permisions).
//! ```
//! Use instead: `[permissions](#permissions)`.

use super::prelude::*;
use crate::lint::page;

pub const RULE: Rule = Rule {
    id: "anchor-missing",
    severity: Severity::Warning,
    summary: "A link to a fragment of the same page names no anchor of the page",
    check: Check::Document(check),
};

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let scan = page::scan(ctx);
    let mut links: Vec<&page::PageLink> = scan
        .links
        .iter()
        .filter(|l| l.dest.starts_with('#') && l.dest.len() > 1)
        .collect();
    if links.is_empty() {
        return;
    }
    // most fragments name a heading of the page: the other anchors (ids,
    // the English half) only for those that do not
    let mut headings = std::collections::BTreeSet::new();
    page::outline_anchors(ctx.outline, &mut headings);
    links.retain(|l| {
        let frag = page::fragment_key(&l.dest[1..]);
        !(frag.starts_with("tab/") || headings.contains(&frag))
    });
    if links.is_empty() {
        return;
    }
    let anchors = page::anchors(ctx);
    for l in links {
        let frag = page::fragment_key(&l.dest[1..]);
        if frag.starts_with("tab/") || anchors.contains(&frag) {
            continue;
        }
        let loose = page::loose_slug(&frag.replace('-', " "));
        if anchors
            .iter()
            .any(|a| page::loose_slug(&a.replace('-', " ")) == loose)
        {
            continue;
        }
        let mut f = Finding::new(
            &RULE,
            ctx.path(),
            (l.line, l.column),
            format!("`{}` is not an anchor of this page", l.dest),
        )
        .key(format!("anchor:{frag}"));
        f.end_column = 0;
        out.push(f);
    }
}
