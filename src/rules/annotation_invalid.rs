//! ## What it does
//! Parses every ApiDoctor annotation — an HTML comment holding a JSON
//! object, `<!-- { "blockType": "request", "name": "get_user" } -->` — and
//! reports those whose JSON is invalid.
//!
//! ## Why is this bad?
//! The annotations drive the docs' test tooling (request/response pairing,
//! truncation, types). A broken annotation (a lost quote or comma, a
//! translated key) silently drops the example from validation.
//!
//! ## Example
//! ```markdown
//! <!-- { "blockType": "request", "name": "get_user } -->
//! ```
//! Use instead:
//! ```markdown
//! <!-- { "blockType": "request", "name": "get_user" } -->
//! ```

use super::prelude::*;
use crate::lint::page;

pub const RULE: Rule = Rule {
    id: "annotation-invalid",
    severity: Severity::Error,
    summary: "An ApiDoctor annotation comment is not valid JSON",
    check: Check::Document(check),
};

/// The comments of an HTML block: (byte offset of `<!--`, the text
/// between `<!--` and the first `-->` after it).
fn comments(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = pos + text.get(pos..)?.find("<!--")?;
        let body = start + 4;
        let end = body + text[body..].find("-->")?;
        pos = end + 3;
        Some((start, &text[body..end]))
    })
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let scan = page::scan(ctx);
    for b in &scan.blocks {
        let page::Raw::Html { text } = &b.raw else {
            continue;
        };
        if !text.trim_start().starts_with("<!--") {
            continue;
        }
        for (start, body) in comments(text) {
            let body = body.trim();
            let annotation = body.contains("\"blockType\"")
                || body.starts_with('{') && body.contains("\"type\"");
            if !annotation {
                continue;
            }
            let Err(e) = serde_json::from_str::<serde_json::Value>(body) else {
                continue;
            };
            if page::lenient_json(body) {
                continue;
            }
            let line = b.line + text[..start].matches('\n').count() as u32;
            out.push(
                ctx.at_line(
                    &RULE,
                    line + e.line().saturating_sub(1) as u32,
                    format!("annotation is not valid JSON: {e}"),
                )
                .key(format!(
                    "annotation:{}",
                    body.chars().take(60).collect::<String>()
                )),
            );
        }
    }
}
