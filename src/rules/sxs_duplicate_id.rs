//! ## What it does
//! Finds segment ids used by more than one span pair in a file.
//!
//! ## Why is this bad?
//! The id is the key of a segment in the translation memory; two segments
//! with one id overwrite each other when the file is processed again.
//!
//! ## Example
//! ```markdown
//! <span data-ttu-id="a-101">x</span><span class="sxs-lookup"><span data-stu-id="a-101">X</span></span>
//! <span data-ttu-id="a-101">y</span><span class="sxs-lookup"><span data-stu-id="a-101">Y</span></span>
//! ```
//! Use instead: a distinct id per segment.

use super::prelude::*;
use crate::hash::Map as HashMap;

pub const RULE: Rule = Rule {
    id: "sxs-duplicate-id",
    severity: Severity::Error,
    summary: "Two span pairs of a file share an id",
    check: Check::Document(check),
};

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let mut first: HashMap<&str, u32> = HashMap::default();
    for seg in &ctx.doc.segments {
        if let Some(line) = first.get(seg.id.as_str()) {
            out.push(
                Finding::new(
                    &RULE,
                    ctx.path(),
                    (seg.line, seg.column),
                    format!("segment id `{}` is already used on line {line}", seg.id),
                )
                .key(seg.id.clone()),
            );
        } else {
            first.insert(&seg.id, seg.line);
        }
    }
}
