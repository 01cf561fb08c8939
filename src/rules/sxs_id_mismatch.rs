//! ## What it does
//! Finds pairs whose localized half (`data-ttu-id`) and English half (`data-stu-id`) carry different ids.
//!
//! ## Why is this bad?
//! The id ties a translation to its source segment in the translation memory; a mismatch attaches the translation to the wrong English text.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="b0a86-101">回復</span><span class="sxs-lookup"><span data-stu-id="b0a86-102">Recover</span></span>
//! ```
//! Use instead: the same id in both halves.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sxs-id-mismatch",
    severity: Severity::Error,
    summary: "The ids of a pair's two halves differ",
    check: Check::Engine,
};
