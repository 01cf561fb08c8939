//! ## What it does
//! Compares the permissions table of the translations of one page, per
//! permission type (delegated work or school account, delegated personal
//! Microsoft account, application):
//! "not supported" against scopes, or different scope sets (order aside),
//! or a permission type whose row one table lacks while every other
//! translation's table lists it. One finding per permission type and
//! deviating page, against the majority of the translations.
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
//! A permission is a contract: an app built from one locale's page requests
//! the wrong scopes, or believes application access impossible.
//!
//! ## Example
//! ```markdown
//! |Application|Not supported.|                                          (ja-JP, zh-CN, de-DE)
//! |Application|DeviceManagementManagedDevices.PriviligedOperation.All|  (ru-RU)
//! ```
//! Use instead: the grant of the current English page in every locale.

use super::prelude::*;
use crate::lint::xl;

pub const RULE: Rule = Rule {
    id: "xl-permissions",
    severity: Severity::Error,
    summary: "Translations of a page grant different permissions",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let reference = xl::Reference::of_translations(ctx);
    xl::check_permissions(&RULE, ctx, reference, out);
}
