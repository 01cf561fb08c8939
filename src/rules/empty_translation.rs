//! ## What it does
//! Finds segments whose localized half is empty (or only `&nbsp;`) while the
//! English half is not.
//!
//! ## Why is this bad?
//! The published page loses the sentence entirely.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-1"></span><span class="sxs-lookup"><span data-stu-id="a-1">Recover passcode</span></span>
//! ```

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "empty-translation",
    severity: Severity::Error,
    summary: "A segment's localized half is empty",
    check: Check::Segment(check),
};

fn check(ctx: &SegCtx, out: &mut Vec<Finding>) {
    // spaces written as entities are no translation either
    let blank = |t: &str| {
        t.replace("&nbsp;", " ")
            .replace("&#160;", " ")
            .replace("&#xa0;", " ")
            .trim()
            .is_empty()
    };
    let target = ctx.target.trim();
    let empty = target.is_empty() || target.starts_with('&') && blank(target);
    if empty && !blank(ctx.source) {
        out.push(ctx.finding(&RULE, "localized half is empty".into()));
    }
}
