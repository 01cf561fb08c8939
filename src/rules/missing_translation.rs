//! ## What it does
//! With `--source`, flags an English page that has no translation into a
//! locale of the run (a locale with at least one translated page among the
//! linted paths). One finding per missing locale, on the English page.
//!
//! ## Why is this bad?
//! Readers of that locale fall back to English, or to a broken link.
//!
//! ## Example
//! `en-US/api-reference/v1.0/api/user-get.md` exists; `ja-JP/…` has other
//! pages but no translation of it.
//!
//! Use instead: hand the page off for translation, or exclude it from the
//! run if it is not meant to be translated.

use super::prelude::*;
use crate::lint::xl;

pub const RULE: Rule = Rule {
    id: "missing-translation",
    severity: Severity::Info,
    summary: "An English page has no translation in a locale of the run",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let Some(en) = xl::english(ctx) else { return };
    for locale in ctx.locales.iter() {
        if ctx
            .translations()
            .any(|m| xl::same_locale(m.locale(), locale))
        {
            continue;
        }
        let message =
            format!("no {locale} translation of this page (other {locale} pages are in the run)");
        out.push(xl::finding(
            &RULE,
            ctx,
            en,
            1,
            &format!("missing:{locale}"),
            message,
        ));
    }
}
