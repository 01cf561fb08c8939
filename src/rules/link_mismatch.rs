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
    // targets compared as publishing normalizes them, each normalized once
    let (src_norm, tgt_norm): (Vec<String>, Vec<String>) = (
        src.iter().map(|s| norm(s)).collect(),
        tgt.iter().map(|t| norm(t)).collect(),
    );
    let mut lost: Vec<&String> = src
        .iter()
        .zip(&src_norm)
        .filter(|(_, n)| !tgt_norm.contains(n))
        .map(|(s, _)| s)
        .collect();
    lost.dedup();
    if lost.is_empty() {
        return;
    }
    let added: Vec<&String> = tgt
        .iter()
        .zip(&tgt_norm)
        .filter(|(_, n)| !src_norm.contains(n))
        .map(|(t, _)| t)
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

/// A target as it is compared: trimmed, without trailing slashes, spaces
/// and ampersands unescaped (`%20`, `&amp;`), lower-cased (publishing
/// changes case, slashes and escapes, not the target).
fn norm(s: &str) -> String {
    let s = s.trim().trim_end_matches('/');
    let mut s = std::borrow::Cow::Borrowed(s);
    if s.contains('%') {
        s = s.replace("%20", " ").into();
    }
    if s.contains('&') {
        s = s.replace("&amp;", "&").into();
    }
    s.to_ascii_lowercase()
}
