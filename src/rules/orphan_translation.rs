//! ## What it does
//! With `--source`, flags a translated page that matches no English page:
//! neither its identity (the English anchor of its title, with the API
//! version) nor its path under the locale root exists in the source tree.
//!
//! ## Why is this bad?
//! The English page was deleted or renamed; the translation documents an
//! API or a page that no longer exists, and keeps being published.
//!
//! ## Example
//! `ja-JP/api-reference/beta/api/intune-…-create.md` while the English
//! source has no such page any more.
//!
//! Use instead: delete the translation, or move it to the English page's
//! new path.

use super::prelude::*;
use crate::lint::xl;

pub const RULE: Rule = Rule {
    id: "orphan-translation",
    severity: Severity::Warning,
    summary: "A translation has no English page in the source tree",
    check: Check::Group(check),
};

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    if !ctx.has_source || ctx.english.is_some() {
        return;
    }
    for m in ctx.translations() {
        let message = format!(
            "no English page matches this {} page (`{}`, identity `{}`)",
            xl::label(ctx, m),
            m.model.page.rel_path,
            ctx.key
        );
        out.push(xl::finding(&RULE, ctx, m, 1, "orphan", message));
    }
}
