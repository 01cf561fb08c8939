//! ## What it does
//! Compares the structure of translations made from the same English
//! version (same `ms.sourcegitcommit`, or for span-pair pages without front
//! matter the same segment-id prefix): the number of sections, tables and
//! code blocks. Translations of different English versions are not compared
//! (English pages gain and lose sections over time), nor is the English
//! page itself. Counts, not section keys, are compared: headings without an
//! explicit anchor have a localized key.
//!
//! ## Why is this bad?
//! Two translations of one English text must have its shape. A missing
//! section, table or code block is content lost in translation, or Markdown
//! broken by it (a table whose separator row was translated is a
//! paragraph).
//!
//! ## Example
//! `ja-JP` (span-pair) and `ja-JP` (plain), both from commit `873b99d9`:
//! 9 sections, 3 tables, 4 code blocks against 9 sections, 2 tables, 4 code
//! blocks.
//!
//! Use instead: restore the missing block from the English source.

use super::prelude::*;
use crate::lint::xl;
use crate::lint::PageSummary;
use std::collections::BTreeMap;

pub const RULE: Rule = Rule {
    id: "xl-structure",
    severity: Severity::Warning,
    summary: "Translations of one English version differ in sections, tables or code blocks",
    check: Check::Group(check),
};

fn shape(m: &PageSummary) -> Option<(usize, usize, usize)> {
    Some((m.model.api.sections.len(), m.shape.0, m.shape.1))
}

fn text((s, t, c): &(usize, usize, usize)) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        n(*s, "section", "sections"),
        n(*t, "table", "tables"),
        n(*c, "code block", "code blocks")
    )
}

fn check(ctx: &GroupCtx, out: &mut Vec<Finding>) {
    let mut by_version: BTreeMap<(&str, String), Vec<&PageSummary>> = BTreeMap::new();
    for m in ctx.translations() {
        if let Some(v) = xl::source_version(m) {
            by_version.entry(v).or_default().push(m);
        }
    }
    for (version, members) in by_version {
        if members.len() < 2 {
            continue;
        }
        for d in xl::compare(&members, None, shape) {
            let message = format!(
                "{} in {} but {} in {}, translated from the same {}",
                text(&d.value),
                xl::holders(ctx, &members, &d.value, shape),
                text(&d.reference),
                xl::holders(ctx, &members, &d.reference, shape),
                xl::version_text(&version).trim_start_matches("the "),
            );
            out.push(xl::finding(&RULE, ctx, d.member, 1, "structure", message));
        }
    }
}
