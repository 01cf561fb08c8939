//! ## What it does
//! Compares how the translations of one page link the same destination
//! (the same target page, whatever the form of the link: relative `.md`
//! path, site-absolute path, docs URL) with the reference: the English page
//! with `--source`, else the majority of the pages linking it. Locale
//! segments (`/en-us/`, `/ja-jp/`) and fragments are not differences; a
//! link only some locales have is not compared (prose changes add and drop
//! links), except when it stands for another: a page that alone links
//! `outlookcategory-x.md`, and links `outlookcategory.md` less often than
//! the English page does (with `--source`; else than most other pages),
//! the two names two edits apart or one the other with a short suffix
//! (`-v2`), changed that link's target. One finding per deviating page,
//! listing its differing links.
//!
//! ## Why is this bad?
//! One of the forms is usually stale: a relative path into a folder that was
//! moved, or a file renamed since (`permissions_reference.md` →
//! `permissions-reference.md`). Readers of that locale get a broken link.
//!
//! ## Example
//! `ja-JP`, `zh-CN`: `[Permissions](../../../concepts/permissions_reference.md)`;
//! `ru-RU`: `[Разрешения](/graph/permissions-reference)`.
//!
//! Use instead: the link target of the current English page.

use super::prelude::*;
use crate::lint::xl;
use crate::lint::PageSummary;
use std::collections::{BTreeMap, BTreeSet};

pub const RULE: Rule = Rule {
    id: "xl-links",
    severity: Severity::Warning,
    summary: "Translations of a page link the same destination with different targets",
    check: Check::Group(check),
};

/// Differences shown per finding.
const SHOWN: usize = 3;

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let resolved: Vec<xl::ResolvedLinks> = ctx
        .members
        .iter()
        .map(|m| xl::resolve_links(m, ctx.links))
        .collect();
    let (by_member, counts): (Vec<_>, Vec<_>) =
        resolved.iter().map(xl::links_by_destination).unzip();
    let index = |m: &PageSummary| {
        ctx.members
            .iter()
            .position(|o| std::ptr::eq(*o, m))
            .unwrap_or(0)
    };
    let destinations: BTreeSet<&str> = by_member.iter().flat_map(|l| l.keys().copied()).collect();
    let en = xl::english(ctx);
    // page index → its differing links, described
    let mut found: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for dest in destinations {
        let value = |m: &PageSummary| {
            by_member[index(m)]
                .get(dest)
                .map(|t| t.keys().copied().collect::<BTreeSet<&str>>())
        };
        // as written, for messages
        let written = |target: &str| {
            by_member
                .iter()
                .find_map(|l| l.get(dest)?.get(target).copied())
                .unwrap_or(target)
                .to_string()
        };
        let show = |s: &BTreeSet<&str>| {
            s.iter()
                .map(|t| format!("`{}`", written(t)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let reference = en.filter(|e| value(e).is_some());
        for d in xl::compare(&ctx.members, reference, value) {
            // a link the page lacks is prose, not a different target
            if d.value.is_subset(&d.reference) {
                continue;
            }
            found.entry(index(d.member)).or_default().push(format!(
                "{} in {} but {} in {}",
                show(&d.value),
                xl::holders(ctx, &ctx.members, &d.value, value),
                show(&d.reference),
                xl::holders(ctx, &ctx.members, &d.reference, value),
            ));
        }
    }
    // a link that only one page has, for one that the English page (with
    // --source), else most other pages, link more often than it does, a
    // small edit away: its target changed
    let count = |j: usize, d: &str| counts[j].get(d).copied().unwrap_or(0);
    let linking: Vec<usize> = (0..ctx.members.len())
        .filter(|&i| !counts[i].is_empty())
        .collect();
    let en_index = en.map(index);
    for &i in &linking {
        let others: Vec<usize> = linking.iter().copied().filter(|&j| j != i).collect();
        if others.len() < 2 || en_index.is_some_and(|e| !others.contains(&e)) {
            continue;
        }
        let only_here = |d: &str| others.iter().all(|&j| count(j, d) == 0);
        let fewer = |d: &str| match en_index {
            Some(e) => count(i, d) < count(e, d),
            None => 2 * others.iter().filter(|&&j| count(i, d) < count(j, d)).count() > others.len(),
        };
        // (generated code snippets are renamed with each English version)
        for own in counts[i]
            .keys()
            .filter(|d| only_here(d) && !d.ends_with("-snippets"))
        {
            let theirs = others
                .iter()
                .flat_map(|&j| counts[j].keys())
                .find(|d| fewer(d) && (crate::lint::tokens::near(own, d) || suffixed(own, d)));
            let Some(theirs) = theirs else { continue };
            let written = |d: &str| {
                by_member
                    .iter()
                    .find_map(|l| l.get(d)?.values().next().copied())
                    .unwrap_or(d)
                    .to_string()
            };
            found.entry(i).or_default().push(format!(
                "`{}` in {} but `{}` in {}",
                written(own),
                xl::label(ctx, ctx.members[i]),
                written(theirs),
                if en_index.is_some() { "the English page" } else { "most other translations" }
            ));
        }
    }
    for (i, diffs) in found {
        let m = ctx.members[i];
        let mut message = format!(
            "link targets differ: {}",
            diffs[..diffs.len().min(SHOWN)].join("; ")
        );
        if diffs.len() > SHOWN {
            message.push_str(&format!(" (+{} more)", diffs.len() - SHOWN));
        }
        out.push(xl::finding(&RULE, ctx, m, 1, "links", message));
    }
}

/// One name is the other with a short suffix after a hyphen
/// (`bookingbusiness-v2`, `user-old`): a renamed link target.
fn suffixed(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    short.len() >= 5
        && long
            .strip_prefix(short)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|suffix| (1..=4).contains(&suffix.len()))
}
