//! ## What it does
//! Checks that a segment's localized half has the markup of its English
//! half: bold (`**`), italics (`*`, `_Title_`), HTML elements (`<br/>`, `<b>`, …) and
//! character entities (`&nbsp;`, `&#124;`).
//!
//! ## Why is this bad?
//! Markup carries meaning the reader relies on: a dropped `<br/>` joins two
//! values of a table cell, a lost `**Note:**` hides a warning, an unbalanced
//! `**` turns the rest of the paragraph bold.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-1">注: この API はベータ版です。</span><span class="sxs-lookup"><span data-stu-id="a-1">**Note:** This API is in beta.</span></span>
//! ```
//! Use instead:
//! ```markdown
//! <span data-ttu-id="a-1">**注:** この API はベータ版です。</span><span class="sxs-lookup"><span data-stu-id="a-1">**Note:** This API is in beta.</span></span>
//! ```

use super::prelude::*;
use crate::lint::{segment, tokens};
use regex::Regex;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "markup-mismatch",
    severity: Severity::Warning,
    summary: "Bold, italics, HTML elements or entities differ between the halves",
    check: Check::Segment(check),
};

fn markup(s: &str) -> Vec<String> {
    // Escaped delimiters (`\*`) are text, not emphasis.
    let s = if s.contains('\\') {
        std::borrow::Cow::Owned(s.replace("\\*", "").replace("\\_", ""))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    let mut v = tokens::markup(&s);
    v.extend(segment::extra_markup(&s));
    v.sort();
    v
}

/// Quotation marks translators use in place of emphasis.
const QUOTES: &[char] = &[
    '“', '”', '「', '」', '『', '』', '«', '»', '„', '"', '《', '》',
];

static QUOTED_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[「“„«"『]?\[[^\]]*\]\([^)]*\)[」”“»"』]?"#).expect("regex"));

/// Quotation marks of a half, not counting those around links
/// (「[Permissions](…)」 is how some locales write a link).
fn quotes(s: &str) -> usize {
    QUOTED_LINK
        .replace_all(s, " ")
        .chars()
        .filter(|c| QUOTES.contains(c))
        .count()
}

fn check(ctx: &SegCtx, out: &mut Vec<Finding>) {
    // `\*\*\*\*` in the English half: the publishing tool emptied its
    // emphasis, the halves cannot be compared.
    if ctx.source.contains('\\') && ctx.source.contains("\\*\\*") {
        return;
    }
    // markup needs `*`, `<`, `&` or `_`: halves without any have none
    let plain = |t: &str| {
        memchr::memchr3(b'*', b'<', b'&', t.as_bytes()).is_none()
            && memchr::memchr(b'_', t.as_bytes()).is_none()
    };
    if plain(ctx.source) && plain(ctx.target) {
        return;
    }
    let src = markup(ctx.source);
    let mut tgt = markup(ctx.target);
    if src == tgt {
        return;
    }
    // Emphasis rendered as quotation marks ("**Available**" → "“可用”").
    let bold = |v: &[String]| {
        v.iter()
            .find_map(|t| t.strip_prefix("** x"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let dropped = bold(&src).saturating_sub(bold(&tgt));
    let quoted = quotes(ctx.target).saturating_sub(quotes(ctx.source)) / 2;
    if dropped > 0 && quoted > 0 && quoted * 2 >= dropped {
        tgt.retain(|t| !t.starts_with("** x"));
        tgt.extend(src.iter().filter(|t| t.starts_with("** x")).cloned());
        tgt.sort();
        if src == tgt {
            return;
        }
    }
    let lost = tokens::missing(&src, &tgt);
    let added = tokens::missing(&tgt, &src);
    let list = |v: &[String]| {
        v.iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let msg = match (lost.is_empty(), added.is_empty()) {
        (false, true) => format!("markup {} is missing from the localized half", list(&lost)),
        (true, false) => format!(
            "markup {} of the localized half is not in the English half",
            list(&added)
        ),
        _ => format!(
            "markup {} became {} in the localized half",
            list(&lost),
            list(&added)
        ),
    };
    out.push(ctx.finding(&RULE, msg));
}
