//! ## What it does
//! Compares the success (2xx) status codes named in the Response section of the
//! translations of one page and flags the translations that name different
//! codes than the majority.
//!
//! With `--source`, the English page is the reference: a translation is
//! flagged when it differs from the English page while another translation
//! states what the English page does (the translations disagree among
//! themselves). `source-facts-mismatch` compares every translation with
//! the English page, so it reports these too, and alone a fact that every
//! translation states otherwise than the current English (stale, not
//! inconsistent). Where no translation states what the English page does
//! (or the English page states nothing), the translations are compared
//! with their majority: one that deviates from the others still disagrees
//! with them.
//!
//! ## Why is this bad?
//! Clients check the status code; a page promising `200 OK` where the API
//! answers `204 No Content` breaks them.
//!
//! ## Example
//! `de-DE`: "this method returns a `200 OK` response code"; `ja-JP`,
//! `zh-CN`: "… returns `204 No Content`".
//!
//! Use instead: the code of the current English page.

use super::prelude::*;
use crate::lint::xl;

pub const RULE: Rule = Rule {
    id: "xl-response-code",
    severity: Severity::Error,
    summary: "Translations of a page name different response codes",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let reference = xl::Reference::of_translations(ctx);
    xl::check_response_codes(&RULE, ctx, reference, out);
}
