//! ## What it does
//! Checks that every link target of a segment's English half appears in its
//! localized half. Locale segments of URLs (`/en-us/` vs `/ja-jp/`) do not
//! count as a difference; link texts are translated and are not compared.
//!
//! ## Why is this bad?
//! A dropped or altered link target sends readers of the locale to a
//! missing page, another page or nowhere.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-1">詳細については、「[アクセス許可](../concepts/permission.md)」を参照してください。</span><span class="sxs-lookup"><span data-stu-id="a-1">To learn more, see [Permissions](../concepts/permissions_reference.md).</span></span>
//! ```
//! Use instead:
//! ```markdown
//! <span data-ttu-id="a-1">詳細については、「[アクセス許可](../concepts/permissions_reference.md)」を参照してください。</span><span class="sxs-lookup"><span data-stu-id="a-1">To learn more, see [Permissions](../concepts/permissions_reference.md).</span></span>
//! ```

use super::prelude::*;
use crate::lint::tokens;

pub const RULE: Rule = Rule {
    id: "link-mismatch",
    severity: Severity::Error,
    summary: "A link target of the English half is missing or changed in the localized half",
    check: Check::Segment(check),
};

fn check(ctx: &SegCtx, out: &mut Vec<Finding>) {
    let src = tokens::links(ctx.source);
    if src.is_empty() {
        return;
    }
    let tgt = tokens::links(ctx.target);
    let mut lost: Vec<&String> = src
        .iter()
        .filter(|s| !tgt.iter().any(|t| same_target(s, t)))
        .collect();
    lost.dedup();
    if lost.is_empty() {
        return;
    }
    let added: Vec<&String> = tgt
        .iter()
        .filter(|t| !src.iter().any(|s| same_target(s, t)))
        .collect();
    let list = |v: &[&String]| {
        v.iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let msg = if added.is_empty() {
        format!(
            "link target {} is missing from the localized half",
            list(&lost)
        )
    } else {
        format!(
            "link target {} became {} in the localized half",
            list(&lost),
            list(&added)
        )
    };
    out.push(ctx.finding(&RULE, msg));
}

/// Equal targets, ignoring what publishing normalizes: the scheme's case,
/// a trailing slash and the escaping of spaces.
fn same_target(a: &str, b: &str) -> bool {
    norm(a) == norm(b)
}

fn norm(s: &str) -> String {
    s.trim()
        .trim_end_matches('/')
        .replace("%20", " ")
        .replace("&amp;", "&")
        .to_ascii_lowercase()
}
