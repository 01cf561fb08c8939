//! ## What it does
//! Finds a `data-ttu-id` span not followed by its `sxs-lookup` English half, and an `sxs-lookup` half with no localized half before it.
//!
//! ## Why is this bad?
//! Tools that read side-by-side files (review tools, extraction to plain Markdown) pair the halves by position; an unpaired half shifts or loses a segment.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="b0a86-101">回復</span> and nothing after it
//! ```
//! Use instead:
//! ```markdown
//! <span data-ttu-id="b0a86-101">回復</span><span class="sxs-lookup"><span data-stu-id="b0a86-101">Recover</span></span>
//! ```

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sxs-unpaired",
    severity: Severity::Error,
    summary: "A localized half without its English half, or the reverse",
    check: Check::Engine,
};
