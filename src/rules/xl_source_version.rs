//! ## What it does
//! Without an English page for the group, compares the English version each
//! translation of a page was made from: `ms.sourcegitcommit`, or for
//! span-pair pages without front matter the segment-id prefix (a hash of
//! the English file version: `b0a86-101` and `7578c-101` come from
//! different versions). Commits and prefixes are compared only among
//! themselves. The reference is the version of the translation with the
//! latest `ms.lasthandoff` date when there is one, else the version most
//! pages share; on a tie every page is flagged, each naming the other
//! version.
//!
//! With `--source`, `stale-translation` reports translations older than the
//! newest one instead.
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
use std::collections::BTreeMap;

pub const RULE: Rule = Rule {
    id: "xl-source-version",
    severity: Severity::Warning,
    summary: "Translations of a page were made from different English versions",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    if ctx.english.is_some() {
        return;
    }
    let mut by_kind: BTreeMap<&str, Vec<&PageSummary>> = BTreeMap::new();
    for m in ctx.translations() {
        if let Some((kind, _)) = xl::source_version(m) {
            by_kind.entry(kind).or_default().push(m);
        }
    }
    for members in by_kind.values() {
        // the newest translation (latest handoff, then smallest path)
        let newest = members
            .iter()
            .filter_map(|m| Some((xl::handoff(m)?, std::cmp::Reverse(m.path()), *m)))
            .max_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)))
            .map(|(_, _, m)| m);
        for d in xl::compare(members, newest, xl::source_version) {
            let message = format!(
                "{} translated from {} but {} from {}",
                xl::holders(ctx, members, &d.value, xl::source_version),
                xl::version_text(&d.value),
                xl::holders(ctx, members, &d.reference, xl::source_version),
                xl::version_text(&d.reference),
            );
            out.push(xl::finding(
                &RULE,
                ctx,
                d.member,
                1,
                "source-version",
                message,
            ));
        }
    }
}
