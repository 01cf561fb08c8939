//! YAML front matter: finding the block and parsing it.
//!
//! This is the only module that knows about `serde_yaml` (archived upstream):
//! switching to a maintained fork touches this file alone. Values are kept as
//! JSON values so unknown keys survive untouched.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;
use serde_json::{Map, Value};
use std::ops::Range;

/// A front matter block at the start of a document.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Byte range of the whole block, both `---` lines included.
    pub range: Range<usize>,
    /// Byte range of the YAML between the delimiters.
    pub yaml: Range<usize>,
    /// Every key, known or not. Empty when the YAML was invalid.
    pub fields: Map<String, Value>,
    /// The YAML could not be parsed (a diagnostic says why).
    pub invalid: bool,
}

impl FrontMatter {
    /// A value as a string (numbers and booleans are formatted).
    pub fn get_str(&self, key: &str) -> Option<String> {
        match self.fields.get(key)? {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Byte offset where the Markdown body of `text` starts: after a closed
/// front matter block, else 0.
pub fn body_start(text: &str) -> usize {
    find_block(text).map_or(0, |(_, end)| end)
}

/// The YAML range and the end of a front matter block opening `text`.
fn find_block(text: &str) -> Option<(Range<usize>, usize)> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Some((first_end..pos, end));
        }
        pos = end;
    }
    None
}

/// Finds and parses the front matter of `source`. Returns `None` when the
/// document has none. Invalid YAML yields a diagnostic with the line of the
/// error; the block's range is still returned so the body can be read.
pub fn parse(source: &Source, diags: &mut Vec<Diagnostic>) -> Option<FrontMatter> {
    let text = source.text.as_str();
    if let Some((yaml, end)) = find_block(text) {
        let mut fm = FrontMatter {
            range: 0..end,
            yaml: yaml.clone(),
            ..FrontMatter::default()
        };
        parse_yaml(source, yaml, &mut fm, diags);
        return Some(fm);
    }
    if !text.starts_with("---") || text.lines().next().map(str::trim_end) != Some("---") {
        return None;
    }
    // front matter that lost its closing line goes on with `key: value`
    // lines; a file that opens with a thematic break goes on with Markdown
    let yaml_next = text
        .lines()
        .skip(1)
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.contains(':') && is_key(l.split(':').next().unwrap_or("")));
    if yaml_next {
        diags.push(invalid(
            source,
            (1, 1),
            "a `---` line opens front matter but no closing `---` follows; read as Markdown",
        ));
    }
    None
}

/// A `frontmatter-invalid` diagnostic of `source` at `at`.
fn invalid(source: &Source, at: (u32, u32), message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        &source.path,
        at,
        Severity::Error,
        "frontmatter-invalid",
        message,
    )
}

fn parse_yaml(
    source: &Source,
    yaml: Range<usize>,
    fm: &mut FrontMatter,
    diags: &mut Vec<Diagnostic>,
) {
    let text = &source.text[yaml.clone()];
    if text.trim().is_empty() {
        return;
    }
    // flat front matter without a key given twice is most pages'
    if let Some(fields) = flat(text) {
        fm.fields = fields;
        return;
    }
    if let Some((at, key)) = duplicate_key(text) {
        diags.push(invalid(
            source,
            source.line_col(yaml.start + at),
            format!("duplicate key `{key}` in front matter (YAML keys are unique; the later value wins in some tools, the earlier in others)"),
        ));
    }
    if let Some((at, why)) = too_complex(text) {
        fm.invalid = true;
        fm.fields = salvage(text);
        diags.push(invalid(
            source,
            source.line_col(yaml.start + at),
            format!("front matter not parsed: {why}"),
        ));
        return;
    }
    match serde_yaml::from_str::<Value>(text) {
        Ok(Value::Object(map)) => fm.fields = map,
        Ok(Value::Null) => {}
        Ok(_) => {
            fm.invalid = true;
            diags.push(invalid(
                source,
                source.line_col(yaml.start),
                "front matter is not a mapping of keys to values",
            ));
        }
        Err(err) => {
            fm.invalid = true;
            fm.fields = salvage(text);
            let at = err
                .location()
                .map_or(0, |l| yaml_offset(text, l.line(), l.column()));
            let pos = source.line_col(yaml.start + at);
            let msg = err.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg);
            diags.push(invalid(
                source,
                pos,
                format!("invalid YAML in front matter: {msg}"),
            ));
        }
    }
}

/// Front matter is a few lines of keys; the YAML parser takes quadratic
/// time on deeply nested flow collections (`[[[[…`) and would reject more
/// than 128 levels after that anyway. Blocks beyond these bounds are refused
/// up front: the offset and the reason.
const MAX_YAML_BYTES: usize = 1 << 20;
const MAX_YAML_DEPTH: usize = 64;

fn too_complex(yaml: &str) -> Option<(usize, String)> {
    if yaml.len() > MAX_YAML_BYTES {
        return Some((
            0,
            format!(
                "{} bytes of YAML (at most {MAX_YAML_BYTES} are read)",
                yaml.len()
            ),
        ));
    }
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (i, b) in yaml.bytes().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), b'\n') => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_YAML_DEPTH {
                    return Some((
                        i,
                        format!("collections nested more than {MAX_YAML_DEPTH} levels deep"),
                    ));
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The byte offset in `yaml` of the 1-based `line` and `column` (in
/// characters) the YAML parser reports. YAML also breaks lines at a lone
/// `\r`, NEL, LS and PS, which the rest of locdoc does not: counting them
/// here keeps the position inside the text and on the right character.
fn yaml_offset(yaml: &str, line: usize, column: usize) -> usize {
    let mut chars = yaml.char_indices().peekable();
    let mut current = 1;
    while current < line {
        match chars.next() {
            None => return yaml.len(),
            Some((_, '\r')) => {
                if chars.peek().is_some_and(|&(_, c)| c == '\n') {
                    chars.next();
                }
                current += 1;
            }
            Some((_, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')) => current += 1,
            Some(_) => {}
        }
    }
    let line_start = chars.peek().map_or(yaml.len(), |&(i, _)| i);
    chars
        .take_while(|&(_, c)| !matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}'))
        .nth(column.saturating_sub(1))
        .map_or_else(
            || {
                let rest = &yaml[line_start..];
                line_start + rest.find(['\r', '\n']).unwrap_or(rest.len())
            },
            |(i, _)| i,
        )
}

/// A key of the flat `key: value` lines locdoc reads: ASCII letters,
/// digits, `_`, `.`, `-`.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// The offset and name of a top-level key that appears a second time.
fn duplicate_key(yaml: &str) -> Option<(usize, &str)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut at = 0;
    for line in yaml.split_inclusive('\n') {
        let start = at;
        at += line.len();
        // top-level keys only: no indentation, no list item, no comment
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim_end();
        if !is_key(key) || !(rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n'])) {
            continue;
        }
        if seen.contains(&key) {
            return Some((start, key));
        }
        seen.push(key);
    }
    None
}

/// Front matter is almost always flat `key: value` lines with plain or
/// simply quoted scalars. Those are read directly (the YAML parser is the
/// costly part of reading a page); anything else goes to the YAML parser.
/// Plain scalars stay strings, as [`FrontMatter::get_str`] reads them.
fn flat(yaml: &str) -> Option<Map<String, Value>> {
    let mut map = Map::new();
    for line in yaml.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        if !is_key(key) {
            return None;
        }
        if !(value.is_empty() || value.starts_with(' ')) {
            return None;
        }
        let v = value.trim();
        let v = match v.as_bytes().first() {
            None => return None,
            Some(b'"') => {
                let inner = v.strip_prefix('"')?.strip_suffix('"')?;
                if inner.contains(['"', '\\']) {
                    return None;
                }
                inner
            }
            Some(b'\'') => {
                let inner = v.strip_prefix('\'')?.strip_suffix('\'')?;
                if inner.contains('\'') {
                    return None;
                }
                inner
            }
            Some(
                b'[' | b'{' | b'|' | b'>' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'#' | b'-'
                | b'?',
            ) => return None,
            // a plain scalar ends at a comment, and `: ` would nest a map
            // (single characters are looked for first: most values have neither)
            Some(_)
                if (v.contains('#') && v.contains(" #"))
                    || (v.contains(':') && (v.contains(": ") || v.ends_with(':'))) =>
            {
                return None
            }
            Some(_) => v,
        };
        if map
            .insert(key.to_string(), Value::String(v.to_string()))
            .is_some()
        {
            return None;
        }
    }
    Some(map)
}

/// Best-effort `key: value` lines of a block that is not valid YAML, so that
/// the locale and source commit of a page with a typo elsewhere still count.
fn salvage(yaml: &str) -> Map<String, Value> {
    yaml.lines()
        .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
        .filter_map(|l| l.split_once(": "))
        .filter(|(k, v)| {
            !k.is_empty() && !k.contains(' ') && !v.trim_start().starts_with(['[', '{', '"', '\''])
        })
        .map(|(k, v)| (k.to_string(), Value::String(v.trim().to_string())))
        .collect()
}

/// Serializes any value as YAML (used by `--format yaml` outputs, so that
/// the YAML library stays behind this module).
pub fn to_yaml<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let src = Source::from_text("t.md", text);
        let mut d = Vec::new();
        (parse(&src, &mut d), d)
    }

    #[test]
    fn keeps_unknown_keys() {
        let (f, d) = fm("---\nms.contentlocale: ja-JP\nx-custom: [1, 2]\n---\n# T\n");
        let f = f.unwrap();
        assert!(d.is_empty());
        assert_eq!(f.get_str("ms.contentlocale").as_deref(), Some("ja-JP"));
        assert!(f.fields.contains_key("x-custom"));
        assert_eq!(
            &"---\nms.contentlocale: ja-JP\nx-custom: [1, 2]\n---\n# T\n"[f.range.end..],
            "# T\n"
        );
    }

    #[test]
    fn invalid_yaml_reports_line() {
        let (f, d) = fm("---\ntitle: ok\nbad: [unclosed\n---\nbody\n");
        assert!(f.unwrap().invalid);
        assert_eq!(d[0].code, "frontmatter-invalid");
        assert!(d[0].line >= 3, "{:?}", d[0]);
    }

    #[test]
    fn flat_and_yaml_agree_on_real_front_matter() {
        let yaml = "title: resetPasscode アクション\ndescription: パスコードのリセット\nlocalization_priority: Normal\nms.openlocfilehash: 5e5d532fe6dff8fccbbb647f6d801fc92e888308\nms.lasthandoff: 02/26/2019\nms.locfileid: \"30256421\"\nauthor: 'x y'\n";
        let fast = flat(yaml).unwrap();
        let full: Value = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(Value::Object(fast), full);
        assert!(flat("keywords:\n  - a\n").is_none());
        assert!(flat("a: [1, 2]\n").is_none());
        // quoted values may hold what would end or nest a plain one
        for yaml in [
            "title: \"accessReviewInstance: acceptRecommendations\"\n",
            "title: 'a: b #c'\n",
            "title: \"x\" # note\n",
            "title: a: b\n",
            "title: a #b\n",
        ] {
            if let Some(fast) = flat(yaml) {
                assert_eq!(
                    Some(Value::Object(fast)),
                    serde_yaml::from_str(yaml).ok(),
                    "{yaml}"
                );
            }
        }
        assert!(flat("title: \"accessReviewInstance: acceptRecommendations\"\n").is_some());
    }

    /// Every front matter of the sample and the seeds: where the flat
    /// reader answers, it answers as serde_yaml does.
    #[test]
    fn flat_agrees_with_yaml_on_the_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut answered = 0;
        for e in walkdir::WalkDir::new(root).sort_by_file_name() {
            let e = e.unwrap();
            if e.path().extension().is_none_or(|x| x != "md") {
                continue;
            }
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            let Some((yaml, _)) = find_block(&text) else {
                continue;
            };
            let yaml = &text[yaml];
            if let Some(fast) = flat(yaml) {
                answered += 1;
                let full: Value = serde_yaml::from_str(yaml).unwrap();
                assert_eq!(Value::Object(fast), full, "{}", e.path().display());
            }
        }
        assert!(answered > 100, "{answered}");
    }

    #[test]
    fn yaml_positions_count_every_yaml_line_break() {
        assert_eq!(yaml_offset("a: 1\nb: [\n", 2, 4), 8);
        assert_eq!(yaml_offset("a\rb\r\nc", 3, 1), 5);
        assert_eq!(yaml_offset("a\u{85}bc", 2, 2), 4);
        assert_eq!(yaml_offset("ab", 9, 9), 2);
        assert_eq!(yaml_offset("ab\ncd", 1, 9), 2);
        // a lone `\r` is a YAML line break, not a line of the file
        let (_, d) = fm("---\ntitle: x\ra: b\rc: [\n---\nbody\n");
        assert_eq!(d[0].code, "frontmatter-invalid");
        assert!((2..=3).contains(&d[0].line), "{d:?}");
    }

    #[test]
    fn deep_or_huge_yaml_is_refused_quickly() {
        let deep = format!("---\nkey: {}\n---\n", "[".repeat(100_000));
        let start = std::time::Instant::now();
        let (f, d) = fm(&deep);
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(f.unwrap().invalid);
        assert_eq!((d[0].code, d[0].line), ("frontmatter-invalid", 2), "{d:?}");
        assert!(d[0].message.contains("nested more than"), "{d:?}");
        // quoted brackets are text
        let (f, d) = fm(&format!("---\nk: \"{}\"\nl: [1]\n---\n", "[".repeat(100)));
        assert!(d.is_empty() && !f.unwrap().invalid, "{d:?}");
        let huge = format!("---\nk: [1]\nv: {}\n---\n", "x".repeat(MAX_YAML_BYTES));
        let (_, d) = fm(&huge);
        assert!(d[0].message.contains("bytes of YAML"), "{d:?}");
    }

    #[test]
    fn no_front_matter() {
        assert!(fm("# Title\n---\n").0.is_none());
    }

    #[test]
    fn duplicate_top_level_keys_are_invalid() {
        let (_, d) = fm("---\ntitle: x\nms.date: 1\nms.date: 2\n---\n# T\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].code, d[0].line), ("frontmatter-invalid", 4));
        assert!(d[0].message.contains("`ms.date`"), "{}", d[0].message);
        for quiet in [
            "---\ntitle: x\nauthor: y\n---\n",
            "---\na:\n  b: 1\nc:\n  b: 2\n---\n",
            "---\nlist:\n- a: 1\n- a: 2\n---\n",
            "---\ntitle: \"a: b\"\nx: title: y\n---\n",
        ] {
            let (_, d) = fm(quiet);
            assert!(
                d.iter().all(|d| !d.message.contains("duplicate")),
                "{quiet}: {d:?}"
            );
        }
    }

    #[test]
    fn unclosed_front_matter_is_invalid_but_a_thematic_break_is_not() {
        let (f, d) = fm("---\ntitle: x\nms.contentlocale: de-DE\n# T\n");
        assert!(f.is_none());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].code, d[0].line), ("frontmatter-invalid", 1));
        let (f, d) = fm("---\n\n# Title\n\nText: with a colon.\n");
        assert!(f.is_none() && d.is_empty(), "{d:?}");
    }
}
