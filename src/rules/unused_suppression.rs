//! ## What it does
//! Finds `<!-- locdoc-disable … -->` and `<!-- locdoc-disable-next-line … -->` comments that suppress no finding.
//!
//! ## Why is this bad?
//! Stale suppressions hide future problems and clutter the page.
//!
//! ## Example
//! ```markdown
//! <!-- locdoc-disable-next-line untranslated -->
//! A line with nothing to suppress.
//! ```

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "unused-suppression",
    severity: Severity::Warning,
    summary: "A locdoc-disable comment that suppresses nothing",
    check: Check::Engine,
};
