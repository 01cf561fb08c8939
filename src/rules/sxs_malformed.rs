//! ## What it does
//! Finds span-pair markup that cannot be parsed: a span never closed before the end of its paragraph, a segment span nested inside another, a span tag without `>` or with a space after `<` (`< span`), an `sxs-lookup` span without its `data-stu-id` span.
//!
//! ## Why is this bad?
//! Broken markup makes the rest of the paragraph unreadable to every tool, and renders as raw HTML.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-1">never closed
//! ```

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sxs-malformed",
    severity: Severity::Error,
    summary: "A span pair that is not well formed (unclosed, nested, broken tag)",
    check: Check::Engine,
};
