//! ## What it does
//! Parses every ApiDoctor annotation — an HTML comment holding a JSON
//! object, `<!-- { "blockType": "request", "name": "get_user" } -->` — and
//! reports those whose JSON is invalid, whose keys or block type are a
//! typo of ApiDoctor's (`blockTyp`, `requst`), and request annotations that name
//! another example than the code snippets included after them
//! (`snippets/csharp/get-user-csharp-snippets.md` belongs to `get_user`;
//! they agree in 13,160 of the 13,160 annotated requests with snippets of
//! the span-pair corpus and the English tree, separators and numbered
//! duplicates aside).
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
use regex::Regex;
use std::sync::LazyLock;

/// The example name of an included code snippet:
/// `snippets/csharp/get-user-csharp-snippets.md` → `get-user`.
static SNIPPET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"snippets/[A-Za-z0-9-]+/([^/)\s]+?)-[a-z]+-snippets\.md").expect("regex")
});

pub const RULE: Rule = Rule {
    id: "annotation-invalid",
    severity: Severity::Error,
    summary: "An ApiDoctor annotation is not valid JSON, or names another example than its code snippets",
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
                || body.starts_with('{') && (body.contains("\"type\"") || body.ends_with('}'));
            if !annotation {
                continue;
            }
            let e = match serde_json::from_str::<serde_json::Value>(body) {
                Ok(value) => {
                    let line = b.line + text[..start].matches('\n').count() as u32;
                    check_keys(ctx, &value, line, out);
                    check_snippets(ctx, &value, line, out);
                    continue;
                }
                Err(e) => e,
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

/// The keys ApiDoctor reads in annotations (every key of the 99,611
/// annotations of the span-pair corpus and the English tree).
const KEYS: &[&str] = &[
    "blockType", "@odata.type", "name", "type", "section", "tocPath", "description",
    "keywords", "truncated", "suppressions", "optionalProperties", "keyProperty",
    "isCollection", "baseType", "openType", "sampleKeys", "scopes", "isComposable",
    "@type", "tags", "@odata.annotations", "target", "idempotent", "@type.aka",
    "abstract", "opaqueUrl", "tocBookmarks", "isEmpty", "scope", "@property.aka",
    "isMediaEntity", "namespace", "id", "tocIndex", "expectError", "isAbstract",
    "sampleIds", "displayName",
];

/// The block types of annotations.
const BLOCK_TYPES: &[&str] = &[
    "request", "response", "resource", "ignored", "example", "samples",
    "throttlinggenstart", "throttlinggenend",
];

/// Keys and block types a small edit away from ApiDoctor's own
/// (`blockTyp`, `"blockType": "requst"`): the annotation is silently
/// ignored by the tooling.
fn check_keys(ctx: &DocCtx, value: &serde_json::Value, line: u32, out: &mut Vec<Finding>) {
    let Some(map) = value.as_object() else { return };
    let mut report = |what: String, key: String| {
        out.push(ctx.at_line(&RULE, line, what).key(format!("annotation-key:{key}")));
    };
    for key in map.keys() {
        if KEYS.contains(&key.as_str()) {
            continue;
        }
        if let Some(known) = KEYS.iter().find(|k| crate::lint::tokens::near(key, k)) {
            report(format!("annotation key `{key}` is not ApiDoctor's: `{known}`?"), key.clone());
        }
    }
    if let Some(t) = map.get("blockType").and_then(|v| v.as_str()) {
        if !BLOCK_TYPES.contains(&t) {
            if let Some(known) = BLOCK_TYPES.iter().find(|k| crate::lint::tokens::near(t, k)) {
                report(format!("annotation block type `{t}` is not ApiDoctor's: `{known}`?"), t.to_string());
            }
        }
    }
}

/// A name reduced to what snippet file names keep of it: letters and
/// digits, lower case, without a numbered duplicate's suffix
/// (`get_conversation_member_2` → `getconversationmember`).
fn name_key(name: &str) -> String {
    let k: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    k.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
}

/// A request annotation's `name` against the snippets included between it
/// and the next annotation (`line`: the 1-based line of its `<!--`).
fn check_snippets(ctx: &DocCtx, value: &serde_json::Value, line: u32, out: &mut Vec<Finding>) {
    let (Some("request"), Some(name)) = (
        value.get("blockType").and_then(|v| v.as_str()),
        value.get("name").and_then(|v| v.as_str()),
    ) else {
        return;
    };
    let text = ctx.localized;
    // most pages include no snippet: nothing to compare
    if memchr::memmem::find(text.as_bytes(), b"snippets/").is_none() {
        return;
    }
    let at: usize = crate::markdown::lines_inclusive(text)
        .take((line as usize).saturating_sub(1))
        .map(str::len)
        .sum();
    let Some(rest) = text.get(at..) else {
        return;
    };
    // past this annotation, up to the next one
    let rest = rest.find("<!--").map_or("", |i| &rest[i..]);
    let rest = rest.find("-->").map_or("", |i| &rest[i + 3..]);
    let rest = rest.find("<!--").map_or(rest, |i| &rest[..i]);
    let snippets: Vec<&str> = SNIPPET
        .captures_iter(rest)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .collect();
    let Some(first) = snippets.first() else {
        return;
    };
    let key = name_key(name);
    if snippets.iter().any(|s| name_key(s) == key) {
        return;
    }
    out.push(
        ctx.at_line(
            &RULE,
            line,
            format!(
                "the request annotation is named `{name}` but the code snippets after it are those of `{first}`"
            ),
        )
        .key(format!("annotation-name:{name}")),
    );
}
