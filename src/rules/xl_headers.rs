//! ## What it does
//! Compares the request header names (case-insensitively) of the
//! translations of one page with the reference: the English page with
//! `--source`, else the majority of the translations. A Request headers
//! section whose table lost its rows lists none; pages without the section
//! are left out.
//!
//! ## Why is this bad?
//! A header missing from one locale's page (`Content-Type`, `If-Match`,
//! `Prefer`) makes requests built from that page fail or behave differently.
//!
//! ## Example
//! English: `Authorization`, `Content-Type`; `ja-JP`: `Authorization` only.
//!
//! Use instead: the headers of the reference page.

use super::prelude::*;
use crate::lint::xl;

pub const RULE: Rule = Rule {
    id: "xl-headers",
    severity: Severity::Warning,
    summary: "Translations of a page list different request headers",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let en = xl::english(ctx);
    // header names as written (canonical), by their lower-cased form
    let written = |set: &std::collections::BTreeSet<String>| -> std::collections::BTreeSet<String> {
        set.iter()
            .map(|h| {
                ctx.members
                    .iter()
                    .flat_map(|m| &m.model.api.request_headers)
                    .find(|x| x.name.eq_ignore_ascii_case(h))
                    .map_or_else(|| h.clone(), |x| x.name.clone())
            })
            .collect()
    };
    for d in xl::compare(&ctx.members, en, xl::header_set) {
        let message = format!(
            "request headers of {} differ from those of {}: {}",
            xl::holders(ctx, &ctx.members, &d.value, xl::header_set),
            xl::holders(ctx, &ctx.members, &d.reference, xl::header_set),
            xl::set_delta(&written(&d.value), &written(&d.reference)),
        );
        let line = xl::line_of(d.member, xl::HEADER_SECTIONS);
        out.push(xl::finding(
            &RULE,
            ctx,
            d.member,
            line,
            "request-headers",
            message,
        ));
    }
}
