//! ## What it does
//! Checks that the placeholders of a segment's English half — `{token}`,
//! `<token>`, `&lt;token&gt;`, `%s`, `{0}`, `{{x}}` — appear unchanged in its
//! localized half.
//!
//! ## Why is this bad?
//! Placeholders are syntax: readers copy them into requests. A translated
//! placeholder (`{トークン}`, `{версия}`) or one turned into another form
//! (`{token}` → `&lt;トークン&gt;`) produces a wrong request.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-1">ベアラー &lt;トークン&gt;が必須。</span><span class="sxs-lookup"><span data-stu-id="a-1">Bearer {token}. Required.</span></span>
//! ```
//! Use instead:
//! ```markdown
//! <span data-ttu-id="a-1">Bearer {token}。必須。</span><span class="sxs-lookup"><span data-stu-id="a-1">Bearer {token}. Required.</span></span>
//! ```

use super::prelude::*;
use crate::lint::tokens;

pub const RULE: Rule = Rule {
    id: "placeholder-mismatch",
    severity: Severity::Error,
    summary: "A placeholder of the English half is missing or changed in the localized half",
    check: Check::Segment(check),
};

fn check(ctx: &SegCtx, out: &mut Vec<Finding>) {
    let src = tokens::placeholders(ctx.source);
    if src.is_empty() {
        return;
    }
    let tgt = tokens::placeholders(ctx.target);
    let lost = tokens::missing(&src, &tgt);
    if lost.is_empty() {
        return;
    }
    let added = tokens::missing(&tgt, &src);
    let msg = if added.is_empty() {
        format!("placeholder `{}` is missing from the localized half", lost.join("`, `"))
    } else {
        format!("placeholder `{}` became `{}` in the localized half", lost.join("`, `"), added.join("`, `"))
    };
    out.push(ctx.finding(&RULE, msg));
}
