//! ## What it does
//! Finds segments whose localized half is empty while the English half is not.
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
    if ctx.target.trim().is_empty() && !ctx.source.trim().is_empty() {
        out.push(ctx.finding(&RULE, "localized half is empty".into()));
    }
}
