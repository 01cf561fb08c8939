//! ## What it does
//! Finds span-pair files whose segment ids use more than one prefix.
//!
//! ## Why is this bad?
//! A file's ids share one prefix (`b0a86-101`, `b0a86-p102`); a second
//! prefix means segments were pasted from another file, and their
//! translation-memory entries belong to that file.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="b0a86-101">…</span>…
//! <span data-ttu-id="7578c-102">…</span>…
//! ```

use super::prelude::*;
use std::collections::BTreeMap;

pub const RULE: Rule = Rule {
    id: "sxs-id-prefix",
    severity: Severity::Warning,
    summary: "Segment ids of one file with different prefixes",
    check: Check::Document(check),
};

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for seg in &ctx.doc.segments {
        *counts.entry(seg.prefix()).or_default() += 1;
    }
    if counts.len() < 2 {
        return;
    }
    let main = counts.iter().max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p))).map(|(p, _)| *p).unwrap_or("");
    for seg in ctx.doc.segments.iter().filter(|s| s.prefix() != main) {
        out.push(
            Finding::new(
                &RULE,
                ctx.path(),
                (seg.line, seg.column),
                format!("segment `{}` has prefix `{}`; the file's other segments use `{main}`", seg.id, seg.prefix()),
            )
            .key(seg.id.clone()),
        );
    }
}
