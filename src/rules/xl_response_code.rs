//! ## What it does
//! Compares the success (2xx) status codes named in the Response section of the
//! translations of one page, when no English page is given for it, and flags
//! the translations that name different codes than the majority.
//!
//! With `--source`, the translations are compared with the English page by
//! `source-facts-mismatch` instead (one difference, one finding).
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
    if ctx.english.is_none() {
        xl::check_response_codes(&RULE, ctx, None, out);
    }
}
