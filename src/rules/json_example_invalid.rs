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
        let Err(e) = serde_json::from_str::<Checked>(json) else {
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
    use super::Checked;

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
}
