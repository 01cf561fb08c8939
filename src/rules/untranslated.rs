//! ## What it does
//! Finds segments left in English: the localized half equals the English
//! half although the English has words to translate. Identifiers, scopes,
//! URLs, code, numbers and placeholders alone are not "untranslated".
//!
//! ## Why is this bad?
//! Readers of the locale get English prose in the middle of a localized page.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-1">Not supported.</span><span class="sxs-lookup"><span data-stu-id="a-1">Not supported.</span></span>
//! ```
//! Use instead:
//! ```markdown
//! <span data-ttu-id="a-1">サポートされていません。</span><span class="sxs-lookup"><span data-stu-id="a-1">Not supported.</span></span>
//! ```

use super::prelude::*;
use crate::lint::tokens;

pub const RULE: Rule = Rule {
    id: "untranslated",
    severity: Severity::Warning,
    summary: "A segment's localized half is still the English text",
    check: Check::Segment(check),
};

fn check(ctx: &SegCtx, out: &mut Vec<Finding>) {
    if ctx.lang == "en" || ctx.target.trim() != ctx.source.trim() || !tokens::has_translatable_words(ctx.source) {
        return;
    }
    out.push(ctx.finding(&RULE, format!("segment is not translated into `{}`", ctx.doc.locale.tag)));
}
