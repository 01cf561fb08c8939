//! ## What it does
//! Checks that the inline code spans (`` `code` ``) of a segment's English
//! half appear unchanged in its localized half, as many times as in English.
//! Spans are compared as CommonMark renders them: `` ` a ` `` is `a`, but
//! `` `200 OK ` `` keeps its trailing space.
//!
//! ## Why is this bad?
//! Inline code is what readers type: property names, values, status codes,
//! query options. A translated, dropped or altered code span teaches a name
//! or value the API does not know.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-1">成功した場合、このメソッドは `204 コンテンツなし` 応答コードを返します。</span><span class="sxs-lookup"><span data-stu-id="a-1">If successful, this method returns a `204 No Content` response code.</span></span>
//! ```
//! Use instead:
//! ```markdown
//! <span data-ttu-id="a-1">成功した場合、このメソッドは `204 No Content` 応答コードを返します。</span><span class="sxs-lookup"><span data-stu-id="a-1">If successful, this method returns a `204 No Content` response code.</span></span>
//! ```

use super::prelude::*;
use crate::lint::tokens;

pub const RULE: Rule = Rule {
    id: "inline-code-mismatch",
    severity: Severity::Error,
    summary: "The inline code spans of the English half differ from the localized half's",
    check: Check::Segment(check),
};

fn check(ctx: &SegCtx, out: &mut Vec<Finding>) {
    let src = tokens::inline_code(ctx.source);
    let tgt = tokens::inline_code(ctx.target);
    if src.is_empty() && tgt.is_empty() {
        return;
    }
    // An English half whose code spans the publishing tool dropped
    // ("returns the  property of .") is not the translation's fault.
    if src.is_empty() && english_lost_code(ctx.source) {
        return;
    }
    let lost = tokens::missing(&src, &tgt);
    let added = tokens::missing(&tgt, &src);
    if lost.is_empty() && added.is_empty() {
        return;
    }
    let list = |v: &[String]| {
        v.iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let msg = match (lost.is_empty(), added.is_empty()) {
        (false, true) => format!(
            "inline code {} is missing from the localized half",
            list(&lost)
        ),
        (true, false) => format!(
            "inline code {} of the localized half is not in the English half",
            list(&added)
        ),
        _ => format!(
            "inline code {} became {} in the localized half",
            list(&lost),
            list(&added)
        ),
    };
    out.push(ctx.finding(&RULE, msg));
}

/// Gaps an English half shows where its code spans were removed: two
/// spaces in a row, or a space before a punctuation mark.
fn english_lost_code(s: &str) -> bool {
    let s = s.trim();
    s.contains("  ") || [" .", " ,", " ;", " :", " )"].iter().any(|p| s.contains(p))
}
