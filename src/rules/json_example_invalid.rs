//! ## What it does
//! Parses the JSON of the page's samples — ```` ```json ```` blocks and the
//! bodies of HTTP request and response examples — and reports those that
//! are not valid JSON. Samples shortened on purpose (`...`, `…`, `//`
//! comments) are not checked.
//!
//! ## Why is this bad?
//! Readers and SDK generators copy the samples. A lost comma, quote or
//! brace (often an editing or translation accident) makes the sample
//! unusable and hides what the API really returns.
//!
//! ## Example
//! ````markdown
//! ```json
//! { "displayName": "Section name" "id": "1" }
//! ```
//! ````
//! Use instead: `{ "displayName": "Section name", "id": "1" }`.

use super::prelude::*;
use crate::lint::page;

pub const RULE: Rule = Rule {
    id: "json-example-invalid",
    severity: Severity::Warning,
    summary: "A JSON sample or example body is not valid JSON",
    check: Check::Document(check),
};

/// Is the sample shortened or annotated on purpose: an ellipsis or a
/// comment outside strings, or a placeholder value (`{id}`, `<value>`)?
fn shortened(text: &str) -> bool {
    let mut in_str = false;
    let mut escaped = false;
    let mut prev = ' ';
    for c in text.chars() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            prev = c;
            continue;
        }
        match c {
            '"' => in_str = true,
            '…' | '<' => return true,
            '.' if prev == '.' => return true,
            '/' if prev == '/' => return true,
            '*' if prev == '/' => return true,
            // `"id": {id}`: a brace opening an object holds a key or `}`
            c if prev == '{' && (c.is_alphanumeric() || c == '_') => return true,
            _ => {}
        }
        if !c.is_whitespace() {
            prev = c;
        }
    }
    false
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let scan = page::scan(ctx);
    for (i, b) in scan.blocks.iter().enumerate() {
        let page::Raw::Code { info, text } = &b.raw else {
            continue;
        };
        let info_l = info.to_ascii_lowercase();
        let (json, offset) = if info_l == "json" {
            (text.trim(), text.len() - text.trim_start().len())
        } else if page::is_http_info(info) {
            let Some(m) = page::block_message(ctx, i) else {
                continue;
            };
            let json_type = m.headers.iter().all(|h| {
                let h = h.to_ascii_lowercase();
                !h.starts_with("content-type") || h.contains("json")
            });
            if !json_type {
                continue;
            }
            let skipped: usize = text.lines().take(m.body_offset).map(|l| l.len() + 1).sum();
            let rest = text.get(skipped.min(text.len())..).unwrap_or("");
            (m.body.as_str(), skipped + rest.len() - rest.trim_start().len())
        } else {
            continue;
        };
        if !json.starts_with(['{', '[']) || shortened(json) {
            continue;
        }
        let Err(e) = serde_json::from_str::<serde_json::Value>(json) else {
            continue;
        };
        if page::lenient_json(json) {
            continue;
        }
        let start_line = text[..offset.min(text.len())].matches('\n').count() as u32;
        out.push(
            ctx.at_line(
                &RULE,
                b.line + 1 + start_line + e.line().saturating_sub(1) as u32,
                format!("the JSON sample does not parse: {e}"),
            )
            .key(format!(
                "json:{}",
                json.chars().take(60).collect::<String>()
            )),
        );
    }
}
