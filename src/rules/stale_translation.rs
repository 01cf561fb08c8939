//! ## What it does
//! With `--source`, flags a translation made from an older English version
//! than another translation of the same page: its `ms.sourcegitcommit`
//! differs from that of the translation with the latest `ms.lasthandoff`
//! date, and its own handoff is earlier. Pages without commit or handoff
//! date are not judged. (Without git history locdoc cannot date a commit;
//! the handoff date is what the localization pipeline records.)
//!
//! Whether the older version actually says something different is
//! `source-facts-mismatch`'s question.
//!
//! ## Why is this bad?
//! The English page changed since this translation was made, and another
//! locale already has the newer text: this locale's readers lag behind.
//!
//! ## Example
//! `de-DE`: `ms.sourcegitcommit: 873b99d9…`, `ms.lasthandoff: 02/26/2019`;
//! `ru-RU`: `ms.sourcegitcommit: 6c04234a…`, `ms.lasthandoff: 09/12/2021`.
//!
//! Use instead: hand the page off for translation again.

use super::prelude::*;
use crate::lint::xl;
use std::collections::BTreeSet;

pub const RULE: Rule = Rule {
    id: "stale-translation",
    severity: Severity::Info,
    summary: "A translation was made from an older English version than another locale's",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    if ctx.english.is_none() {
        return;
    }
    let dated: Vec<(&crate::lint::PageSummary, u32, String)> = ctx
        .translations()
        .filter_map(|m| {
            let c = m.model.page.source_commit.as_ref()?.to_ascii_lowercase();
            Some((m, xl::handoff(m)?, c))
        })
        .collect();
    let Some(newest) = dated.iter().map(|d| d.1).max() else {
        return;
    };
    let newest_commits: BTreeSet<&String> = dated
        .iter()
        .filter(|d| d.1 == newest)
        .map(|d| &d.2)
        .collect();
    let newest_pages = dated
        .iter()
        .filter(|d| d.1 == newest)
        .map(|d| xl::label(ctx, d.0))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect::<Vec<_>>()
        .join(", ");
    let newest_commit = newest_commits.iter().next().map_or("", |c| c.as_str());
    let date = |m: &crate::lint::PageSummary| m.model.page.handoff.clone().unwrap_or_default();
    let newest_date = dated
        .iter()
        .find(|d| d.1 == newest)
        .map(|d| date(d.0))
        .unwrap_or_default();
    for (m, when, commit) in &dated {
        if *when < newest && !newest_commits.contains(commit) {
            let message = format!(
                "{} was translated from English commit `{}` (handed off {}) but {} from `{}` (handed off {})",
                xl::label(ctx, m),
                &commit[..commit.len().min(8)],
                date(m),
                newest_pages,
                &newest_commit[..newest_commit.len().min(8)],
                newest_date,
            );
            out.push(xl::finding(&RULE, ctx, m, 1, "source-version", message));
        }
    }
}
