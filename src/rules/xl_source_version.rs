//! ## What it does
//! Compares the English version each translation of a page was made from:
//! `ms.sourcegitcommit`, or for span-pair pages without front matter the
//! segment-id prefix (a hash of the English file version: `b0a86-101` and
//! `7578c-101` come from different versions). Commits and prefixes are
//! compared only among themselves. When they differ, the translations made
//! from another version than the one most of them share are reported;
//! when no version is shared by more translations than any other, every
//! translation is, naming the versions of the others (the newest
//! translation's, by `ms.lasthandoff`, first). With `--source`,
//! `stale-translation` also tells which translations lag behind.
//!
//! ## Why is this bad?
//! Translations of different English versions say different things; their
//! readers get different facts, and every other cross-locale difference of
//! the page is likely a consequence.
//!
//! ## Example
//! `ja` (`b0a86-…` ids) and `zh` (`7578c-…` ids) translations of
//! `recoverPasscode`.
//!
//! Use instead: retranslate the lagging locales from one English version.

use super::prelude::*;
use crate::lint::xl;
use crate::lint::PageSummary;
use std::collections::{BTreeMap, BTreeSet};

pub const RULE: Rule = Rule {
    id: "xl-source-version",
    severity: Severity::Warning,
    summary: "Translations of a page were made from different English versions",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let mut by_kind: BTreeMap<&str, Vec<&PageSummary>> = BTreeMap::new();
    for m in ctx.translations() {
        if let Some((kind, _)) = xl::source_version(m) {
            by_kind.entry(kind).or_default().push(m);
        }
    }
    for members in by_kind.values() {
        let versions: BTreeSet<(&str, String)> =
            members.iter().filter_map(|m| xl::source_version(m)).collect();
        if versions.len() < 2 {
            continue;
        }
        // every translation is told which versions the others come from,
        // the newest (latest handoff) first
        let newest = members
            .iter()
            .filter_map(|m| Some((xl::handoff(m)?, std::cmp::Reverse(m.path()), *m)))
            .max_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)))
            .and_then(|(_, _, m)| xl::source_version(m));
        let mut order: Vec<&(&str, String)> = versions.iter().collect();
        order.sort_by_key(|v| Some(*v) != newest.as_ref());
        // the version most translations share, when one does; else none,
        // and every translation is reported
        let count = |v: &(&str, String)| {
            members
                .iter()
                .filter(|m| xl::source_version(m).as_ref() == Some(v))
                .count()
        };
        let most = versions.iter().map(count).max().unwrap_or(0);
        let shared: Vec<&(&str, String)> = versions.iter().filter(|v| count(v) == most).collect();
        let reference = (most >= 2 && shared.len() == 1).then(|| shared[0]);
        for m in members {
            let Some(own) = xl::source_version(m) else {
                continue;
            };
            if reference == Some(&own) {
                continue;
            }
            let others: Vec<String> = order
                .iter()
                .filter(|v| ***v != own && reference.is_none_or(|r| r == **v))
                .map(|v| {
                    format!(
                        "{} from {}",
                        xl::holders(ctx, members, *v, xl::source_version),
                        xl::version_text(v)
                    )
                })
                .collect();
            let message = format!(
                "{} translated from {} but {}",
                xl::holders(ctx, members, &own, xl::source_version),
                xl::version_text(&own),
                others.join("; "),
            );
            out.push(xl::finding(
                &RULE,
                ctx,
                m,
                1,
                "source-version",
                message,
            ));
        }
    }
}
