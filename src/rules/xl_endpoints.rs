//! ## What it does
//! Compares the endpoints (method and path of each request line of the
//! HTTP request section) of the translations of one page and flags the
//! translations that state a different set than the majority. Placeholder names (`{id}` / `{group-id}`) and
//! OData key syntax (`('{id}')`) are not differences.
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
//! Readers of one locale call endpoints the others do not document, or miss
//! ones that exist: typically a translation made from an old English version.
//!
//! ## Example
//! `ja-JP` states `POST /workbook/createSession` while `ru-RU` and `zh-CN`
//! state `POST /me/drive/items/{id}/workbook/createSession`.
//!
//! Use instead: retranslate the page from the current English source.

use super::prelude::*;
use crate::lint::xl;

pub const RULE: Rule = Rule {
    id: "xl-endpoints",
    severity: Severity::Error,
    summary: "Translations of a page state different endpoints",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let reference = xl::Reference::of_translations(ctx);
    xl::check_endpoints(&RULE, ctx, reference, out);
}
