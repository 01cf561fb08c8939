//! ## What it does
//! Parses every ApiDoctor annotation — an HTML comment holding a JSON
//! object, `<!-- { "blockType": "request", "name": "get_user" } -->` — and
//! reports those whose JSON is invalid, whose keys or block type are a
//! typo of ApiDoctor's (`blockTyp`, `requst`), and request annotations that name
//! another example than the code snippets included after them
//! (`snippets/csharp/get-user-csharp-snippets.md` belongs to `get_user`;
//! they agree in 13,160 of the 13,160 annotated requests with snippets of
//! the span-pair corpus and the English tree, separators and numbered
//! duplicates aside). A trailing comma (`"truncated": true, }`), which
//! ApiDoctor's parser reads but JSON parsers reject, is reported as a
//! warning (251 of the 100,120 annotations of those trees have one).
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
use crate::source::LineIndex;

/// The example names of the code snippets a text includes:
/// `snippets/csharp/get-user-csharp-snippets.md` → `get-user` (what
/// `snippets/[A-Za-z0-9-]+/([^/)\s]+?)-[a-z]+-snippets\.md` captures).
fn snippet_names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut done = 0;
    for i in memchr::memmem::find_iter(text.as_bytes(), b"snippets/") {
        if i < done {
            continue;
        }
        let at = i + "snippets/".len();
        let rest = &text[at..];
        let dir = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let Some(file) = rest[dir..].strip_prefix('/').filter(|_| dir > 0) else {
            continue;
        };
        let file_at = at + dir + 1;
        // the name holds no `/`, `)` or white space
        let end = file
            .find(|c: char| c == '/' || c == ')' || c.is_whitespace())
            .unwrap_or(file.len());
        // the first `-snippets.md` after `NAME-LANG`, the shortest name
        let found = memchr::memmem::find_iter(&file.as_bytes()[..end], b"-snippets.md").find_map(|p| {
            let (name, lang) = file[..p].rsplit_once('-')?;
            (!name.is_empty() && !lang.is_empty() && lang.bytes().all(|b| b.is_ascii_lowercase()))
                .then_some((name, p))
        });
        if let Some((name, p)) = found {
            out.push(name);
            done = file_at + p + "-snippets.md".len();
        }
    }
    out
}

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
    // the lines of the localized text, for the snippet comparison: only on
    // pages that include snippets, indexed once
    let lines: std::cell::OnceCell<Option<LineIndex>> = std::cell::OnceCell::new();
    let index = || {
        lines
            .get_or_init(|| {
                memchr::memmem::find(ctx.localized.as_bytes(), b"snippets/")?;
                Some(LineIndex::new(ctx.localized))
            })
            .as_ref()
    };
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
                    check_snippets(ctx, &value, line, &index, out);
                    continue;
                }
                Err(e) => e,
            };
            let line = b.line + text[..start].matches('\n').count() as u32;
            let key = format!(
                "annotation:{}",
                body.chars().take(60).collect::<String>()
            );
            // ApiDoctor's parser reads a trailing comma; JSON does not
            if page::lenient_json(body) {
                let at = page::trailing_comma(body).unwrap_or(0);
                let mut f = ctx
                    .at_line(
                        &RULE,
                        line + body[..at].matches('\n').count() as u32,
                        "annotation is not valid JSON: a trailing comma before the closing brace or bracket (ApiDoctor reads it, JSON parsers do not)".into(),
                    )
                    .key(key);
                f.severity = Severity::Warning;
                out.push(f);
                continue;
            }
            out.push(
                ctx.at_line(
                    &RULE,
                    line + e.line().saturating_sub(1) as u32,
                    format!("annotation is not valid JSON: {e}"),
                )
                .key(key),
            );
        }
    }
}

/// The keys ApiDoctor reads in annotations (every key of the 99,611
/// annotations of the span-pair corpus and the English tree), sorted.
const KEYS: &[&str] = &[
    "@odata.annotations",
    "@odata.type",
    "@property.aka",
    "@type",
    "@type.aka",
    "abstract",
    "baseType",
    "blockType",
    "description",
    "displayName",
    "expectError",
    "id",
    "idempotent",
    "isAbstract",
    "isCollection",
    "isComposable",
    "isEmpty",
    "isMediaEntity",
    "keyProperty",
    "keywords",
    "name",
    "namespace",
    "opaqueUrl",
    "openType",
    "optionalProperties",
    "sampleIds",
    "sampleKeys",
    "scope",
    "scopes",
    "section",
    "suppressions",
    "tags",
    "target",
    "tocBookmarks",
    "tocIndex",
    "tocPath",
    "truncated",
    "type",
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
        if KEYS.binary_search(&key.as_str()).is_ok() {
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
fn check_snippets<'s>(
    ctx: &DocCtx,
    value: &serde_json::Value,
    line: u32,
    index: &dyn Fn() -> Option<&'s LineIndex>,
    out: &mut Vec<Finding>,
) {
    let (Some("request"), Some(name)) = (
        value.get("blockType").and_then(|v| v.as_str()),
        value.get("name").and_then(|v| v.as_str()),
    ) else {
        return;
    };
    let text = ctx.localized;
    // (most pages include no snippet: nothing to compare)
    let Some(at) = index().and_then(|i| i.line_start(line)) else {
        return;
    };
    let Some(rest) = text.get(at..) else {
        return;
    };
    // past this annotation, up to the next one
    let rest = rest.find("<!--").map_or("", |i| &rest[i..]);
    let rest = rest.find("-->").map_or("", |i| &rest[i + 3..]);
    let rest = rest.find("<!--").map_or(rest, |i| &rest[..i]);
    let snippets = snippet_names(rest);
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

#[cfg(test)]
mod tests {
    use regex::Regex;

    #[test]
    fn keys_are_sorted_for_binary_search() {
        assert!(super::KEYS.windows(2).all(|w| w[0] < w[1]));
    }

    proptest::proptest! {
        #[test]
        fn snippet_names_are_the_regex_captures(
            s in "[a-z/()\\- .]{0,12}(snippets/[a-zA-Z-]{0,6}/[a-z-]{0,10}(-[a-z]{0,6})?-snippets\\.md[) /]?){0,3}[a-z/)( -]{0,8}"
        ) {
            let re = Regex::new(r"snippets/[A-Za-z0-9-]+/([^/)\s]+?)-[a-z]+-snippets\.md").unwrap();
            let want: Vec<&str> = re.captures_iter(&s).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
            proptest::prop_assert_eq!(super::snippet_names(&s), want);
        }
    }
}
