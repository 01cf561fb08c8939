//! ## What it does
//! Parses the JSON of the page's samples — ```` ```json ```` blocks and the
//! bodies of HTTP request and response examples — and reports those that
//! are not valid JSON. Samples shortened on purpose (`...`, `…`, `//`
//! comments, `{id}` and `<value>` placeholders) are checked only up to the
//! first such mark: an error before it (a key that lost its quote, a
//! missing comma) is still reported.
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

/// Where the sample is shortened or annotated on purpose, if it is: the
/// byte offset of the first ellipsis or comment outside strings, or
/// placeholder value (`{id}`, `<value>`). A parse error before it is a
/// real error (a dropped quote also makes a later `//` look like a comment).
fn shortened_at(text: &str) -> Option<usize> {
    let mut in_str = false;
    let mut escaped = false;
    let mut prev = (' ', 0usize);
    for (i, c) in text.char_indices() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            prev = (c, i);
            continue;
        }
        match c {
            '"' => in_str = true,
            '…' | '<' => return Some(i),
            '.' if prev.0 == '.' => return Some(prev.1),
            '/' if prev.0 == '/' => return Some(prev.1),
            '*' if prev.0 == '/' => return Some(prev.1),
            // `"id": {id}`, `{Raw bytes of the file}`: a placeholder in
            // braces, closed on its line without a colon or quote; `{
            // planId": …` is a key that lost its opening quote, `{ id: …`
            // one without quotes
            c if prev.0 == '{' && (c.is_alphanumeric() || c == '_') => {
                let line = &text[i..text[i..].find('\n').map_or(text.len(), |n| i + n)];
                let placeholder = line
                    .find('}')
                    .is_some_and(|end| !line[..end].contains([':', '"']));
                if placeholder {
                    return Some(prev.1);
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            prev = (c, i);
        }
    }
    None
}

/// The byte offset of a serde_json error's line and column in `text`.
fn error_offset(text: &str, e: &serde_json::Error) -> usize {
    let line = u32::try_from(e.line()).unwrap_or(u32::MAX);
    let line_start = crate::source::LineIndex::new(text)
        .line_start(line)
        .unwrap_or(text.len());
    (line_start + e.column().saturating_sub(1)).min(text.len())
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let scan = page::scan(ctx);
    for (i, b) in scan.blocks.iter().enumerate() {
        let page::Raw::Code { info, text } = &b.raw else {
            continue;
        };
        let bare = text.trim_start().starts_with(['{', '[']);
        let (json, offset) = if bare && info.eq_ignore_ascii_case("json") {
            (text.trim(), text.len() - text.trim_start().len())
        } else if page::is_request_info(info) {
            // an HTTP message, also in a block labelled `json` (the
            // pipeline labels many response examples so)
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
        if !json.starts_with(['{', '[']) {
            continue;
        }
        let Err(e) = serde_json::from_str::<Checked>(json) else {
            continue;
        };
        if shortened_at(json).is_some_and(|at| error_offset(json, &e) >= at) {
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

/// A JSON value parsed as [`serde_json::Value`] parses one (through
/// `deserialize_any`: the same checks, the same errors at the same places)
/// but kept nowhere: no tree is built for a sample that is only checked.
/// (`serde::de::IgnoredAny` takes serde_json's faster skipping path, which
/// checks less and fails elsewhere.)
struct Checked;

impl<'de> serde::Deserialize<'de> for Checked {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Checked)
    }
}

impl<'de> serde::de::Visitor<'de> for Checked {
    type Value = Checked;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_key::<Checked>()?.is_some() {
            map.next_value::<Checked>()?;
        }
        Ok(Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::{error_offset, shortened_at, Checked};

    /// `Checked` accepts and rejects what `serde_json::Value` does, with the
    /// same message at the same place.
    fn same(json: &str) -> Result<(), String> {
        let value = serde_json::from_str::<serde_json::Value>(json).map(drop);
        let checked = serde_json::from_str::<Checked>(json).map(drop);
        match (value, checked) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(a), Err(b)) if a.to_string() == b.to_string() => Ok(()),
            (a, b) => Err(format!("{json:?}: Value {a:?}, Checked {b:?}")),
        }
    }

    #[test]
    fn checks_as_value_does() {
        for json in [
            "{}", "[]", "{\"a\": [1, 2.5, -3e9, true, null, \"x\\u00e9\"]}", "{\"a\": }",
            "{\"a\" 1}", "[1, 2,]", "{\"a\": 1,}", "{\"a\": \"\\q\"}", "[\"\u{1}\"]",
            "[1e999]", "[18446744073709551616]", "[-0]", "{1: 2}", "[\"\\ud800\"]",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "{\"a\": 1} x", "", "[01]", "[.5]", "[1.]", "{\"a\":\"b\"}}",
        ] {
            same(json).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]
        #[test]
        fn fragments_check_as_value_does(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "{", "}", "[", "]", ",", ":", "\"", "\"k\"", "\"v\\n\"", "\\u12", "1", "-", "2.5",
                "e9", "true", "nul", "null", " ", "\n", "é", "\u{0}",
            ]), 0..16)
        ) {
            let json = parts.concat();
            proptest::prop_assert!(same(&json).is_ok(), "{}", same(&json).unwrap_err());
        }
    }

    /// Is the sample reported: the parse error comes before any mark of
    /// shortening?
    fn reported(json: &str) -> bool {
        let Err(e) = serde_json::from_str::<Checked>(json) else {
            return false;
        };
        shortened_at(json).is_none_or(|at| error_offset(json, &e) < at)
    }

    #[test]
    fn shortened_samples_are_not_reported() {
        for json in [
            "{\"id\": {id}}",
            "{\n  \"a\": 1,\n  ...\n}",
            "{\"a\": 1, // the rest\n}",
            "{\"a\": <value>}",
            "{\"a\": [ … ]}",
            "{Raw bytes of the file}",
            "{ id }",
        ] {
            assert!(!reported(json), "{json}");
        }
    }

    #[test]
    fn errors_before_the_shortening_are_reported() {
        for json in [
            // a key that lost its opening quote, before a URL's `//`
            "{\n  \"a\": 1,\n  b\": \"https://x\"\n}",
            // the first key lost it: not a `{placeholder}`
            "{ planId\": \"x\" }",
            // the first key without quotes
            "{\n  id: \"string (identifier)\"\n}",
            "{ key: \"objectId\", value: \"66E4\" }",
            // a missing comma before an ellipsis
            "{\n  \"a\": 1\n  \"b\": 2,\n  ...\n}",
        ] {
            assert!(reported(json), "{json}");
        }
    }

}
