//! ## What it does
//! Compares the request body of the translations of one page with the
//! reference (the English page with `--source`, else the majority of the
//! translations): a resource representation, or the set of properties of
//! the body table. Bodies locdoc does not read (prose only, code only, or a
//! section stating no body) are left out.
//!
//! ## Why is this bad?
//! Properties missing from a locale's page cannot be set by its readers; a
//! property name translated by mistake (`Einstellung` for `setting`) is sent
//! as is and rejected by the service.
//!
//! ## Example
//! English: properties `setting`, `state`; `de-DE`: `Einstellung`, `state`.
//!
//! Use instead: the body of the reference page, property names untranslated.

use super::prelude::*;
use crate::lint::xl;

pub const RULE: Rule = Rule {
    id: "xl-request-body",
    severity: Severity::Warning,
    summary: "Translations of a page describe different request bodies",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let en = xl::english(ctx);
    for d in xl::compare(&ctx.members, en, xl::body) {
        let (mine, theirs) = (
            xl::holders(ctx, &ctx.members, &d.value, xl::body),
            xl::holders(ctx, &ctx.members, &d.reference, xl::body),
        );
        let message = if d.value.0 == 2 && d.reference.0 == 2 {
            format!(
                "request body properties of {mine} differ from those of {theirs}: {}",
                xl::set_delta(&d.value.1, &d.reference.1)
            )
        } else {
            format!(
                "request body is {} in {mine} but {} in {theirs}",
                xl::body_text(&d.value),
                xl::body_text(&d.reference)
            )
        };
        let line = xl::line_of(d.member, xl::BODY_SECTIONS);
        out.push(xl::finding(
            &RULE,
            ctx,
            d.member,
            line,
            "request-body",
            message,
        ));
    }
}
