//! ## What it does
//! Finds segments left in English: the localized half equals the English
//! half (spacing and letter case aside: `HTTP Request`) although the English has words to translate — two
//! prose words, or a short phrase such as `HTTP request`. Identifiers, scopes,
//! URLs, code, numbers and placeholders alone are not "untranslated", and
//! neither are product names (every longer word capitalized: `Skype for
//! Business`) or API titles (`TableColumn: DataBodyRange`).
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
    // the same words, whatever the spacing between them and their case
    // (`HTTP Request` for `HTTP request`; most translations differ from
    // their first letter)
    let first = |s: &str| s.trim_start().chars().next().map(|c| c.to_lowercase().next());
    let same = first(ctx.target) == first(ctx.source)
        && (ctx.target.trim() == ctx.source.trim()
            || lowered_words(ctx.target).eq(lowered_words(ctx.source)));
    if ctx.lang == "en"
        || !same
        || !(tokens::has_translatable_words(ctx.source) || short_phrase(ctx.source))
    {
        return;
    }
    // API titles such as `TableColumn: DataBodyRange` or `Filter: clear`
    // name a resource and a method; they stay in English.
    if let Some((resource, _)) = ctx.source.split_once(": ") {
        if !resource.contains(' ') && resource.chars().next().is_some_and(char::is_uppercase) && resource.chars().skip(1).any(char::is_uppercase) || !resource.contains(' ') && resource.chars().all(|c| c.is_ascii_alphabetic()) && resource.len() > 1 && ctx.source.split_whitespace().count() <= 3 {
            return;
        }
    }
    // Product and feature names (`Skype for Business`, `Microsoft Graph`):
    // every word of four letters or more is capitalized.
    let proper_name = ctx
        .source
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
    if proper_name {
        return;
    }
    out.push(ctx.finding(&RULE, format!("segment is not translated into `{}`", ctx.doc.locale.tag)));
}

/// The words of `s`, lower-cased, each followed by a space (no copy).
fn lowered_words(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace()
        .flat_map(|w| w.chars().chain([' ']))
        .flat_map(char::to_lowercase)
}

/// A short phrase of an acronym and common words: `HTTP request`, `JSON
/// representation` (two to four words of letters only, none an identifier
/// but acronyms, one a lowercase word of four letters or more).
fn short_phrase(source: &str) -> bool {
    let words: Vec<&str> = source
        .split_whitespace()
        .map(|w| w.trim_end_matches(['.', ',', ':', ';']))
        .collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_alphabetic() || c == '-')
                && (!tokens::is_identifier(w) || w.chars().all(|c| c.is_ascii_uppercase()))
        })
        && words
            .iter()
            .any(|w| w.chars().count() >= 4 && w.chars().all(char::is_lowercase))
}
