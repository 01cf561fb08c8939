//! ## What it does
//! Finds front matter blocks that do not parse as a YAML mapping (locdoc
//! still salvages simple `key: value` lines), a key given twice, and an
//! opening `---` line with no closing one (the whole file is then read as
//! Markdown).
//!
//! ## Why is this bad?
//! The publishing pipeline reads the locale, source commit and metadata from the front matter; an invalid block loses them.
//!
//! ## Example
//! ```markdown
//! ---
//! title: [unclosed
//! ---
//! ```

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "frontmatter-invalid",
    severity: Severity::Error,
    summary: "Front matter that is not valid YAML",
    check: Check::Engine,
};
