//! ## What it does
//! With `--source`, compares the API facts of each translation with the
//! current English page: the endpoints, each permission type's grant and
//! the response codes. One finding per differing fact, naming both values.
//!
//! `xl-endpoints`, `xl-permissions` and `xl-response-code` compare the
//! translations with each other (with `--source`, a translation that
//! differs from the English page where another one agrees with it); this
//! rule holds each translation to the current English, which also finds
//! the facts every translation has kept from an older English version.
//! Facts a page does not state (no table, no request block) are unknown, not
//! different.
//!
//! ## Why is this bad?
//! The English page is what the service does today. A translation made from
//! an older English version documents an API that no longer exists in that
//! form: wrong permissions, endpoints, status codes.
//!
//! ## Example
//! English: `|Application|DeviceManagementManagedDevices.PrivilegedOperations.All|`;
//! `de-DE`: `|Anwendung|Nicht unterstützt|`.
//!
//! Use instead: retranslate the page from the current English source.

use super::prelude::*;
use crate::lint::xl;

pub const RULE: Rule = Rule {
    id: "source-facts-mismatch",
    severity: Severity::Error,
    summary:
        "A translation's endpoints, permissions or response codes disagree with the English page",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let Some(en) = xl::english(ctx) else { return };
    let reference = xl::Reference::English(en);
    xl::check_endpoints(&RULE, ctx, reference, out);
    xl::check_permissions(&RULE, ctx, reference, out);
    xl::check_response_codes(&RULE, ctx, reference, out);
}
