//! ## What it does
//! Checks that the numbers of a segment's English prose appear in its
//! localized half. Only digits are compared: thousands separators
//! (`1,000`, `1 000`, `1.000`), decimal commas and numeral multipliers
//! (`1 万` for `10,000`) are the same number. Numbers in code, link targets
//! and placeholders are left to the rules for those.
//!
//! ## Why is this bad?
//! Limits, sizes, versions and status codes are facts of the API; a changed
//! number (`20` → `200`) states a different limit in one locale only.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-1">1 回の要求で最大 200 件の項目を返します。</span><span class="sxs-lookup"><span data-stu-id="a-1">Returns up to 20 items per request.</span></span>
//! ```
//! Use instead:
//! ```markdown
//! <span data-ttu-id="a-1">1 回の要求で最大 20 件の項目を返します。</span><span class="sxs-lookup"><span data-stu-id="a-1">Returns up to 20 items per request.</span></span>
//! ```

use super::prelude::*;
use crate::lint::{segment, tokens};

pub const RULE: Rule = Rule {
    id: "number-mismatch",
    severity: Severity::Warning,
    summary: "A number of the English prose is missing or changed in the localized half",
    check: Check::Segment(check),
};

fn check(ctx: &SegCtx, out: &mut Vec<Finding>) {
    let src = segment::canonical_numbers(ctx.source);
    if src.is_empty() {
        return;
    }
    let tgt = segment::canonical_numbers(ctx.target);
    let lost = tokens::missing(&src, &tgt);
    if lost.is_empty() {
        return;
    }
    let added = tokens::missing(&tgt, &src);
    // Without a number in its place, a lost number may be written out in
    // words ("2" → "zwei", "1st" → "первый"), be said once for two
    // mentions, or belong to a name the translation renders differently
    // ("21Vianet", "Azure AD v2.0").
    if added.is_empty() {
        let named: Vec<String> = segment::numbers_in_names(ctx.source)
            .iter()
            .map(|n| segment::only_digits(n))
            .collect();
        if lost
            .iter()
            .all(|n| n.len() == 1 || named.contains(n) || tgt.contains(n))
        {
            return;
        }
    }
    let list = |v: &[String]| {
        v.iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let msg = if added.is_empty() {
        format!("number {} is missing from the localized half", list(&lost))
    } else {
        format!(
            "number {} became {} in the localized half",
            list(&lost),
            list(&added)
        )
    };
    out.push(ctx.finding(&RULE, msg));
}
