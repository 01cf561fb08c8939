//! ## What it does
//! Compares the endpoints (method and path of each request line of the
//! HTTP request section) of the translations of one page, when no English
//! page is given for it, and flags the translations that state a different
//! set than the majority. Placeholder names (`{id}` / `{group-id}`) and
//! OData key syntax (`('{id}')`) are not differences.
//!
//! With `--source`, the translations are compared with the English page by
//! `source-facts-mismatch` instead (one difference, one finding).
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
    if ctx.english.is_none() {
        xl::check_endpoints(&RULE, ctx, None, out);
    }
}
