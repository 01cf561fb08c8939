//! Helpers shared by the segment QA rules: normalizing halves, protocol
//! tokens (header names, methods, media types, scopes, JSON properties),
//! number matching across notations, emphasis and entity markup, and a
//! prose sample for language detection.
//!
//! Nothing here is a word list of any language: the header names below are
//! HTTP protocol tokens, and the numeral multipliers are digit notation.

use crate::lint::tokens::{may_code, replace};
use crate::prose::is_letter;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static MEDIA_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:application|text|image|audio|video|multipart|message|font|model)/[A-Za-z0-9][A-Za-z0-9!#$&^_.+\-]*$")
        .expect("regex")
});
static SCOPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)+$").expect("regex"));
static CAMEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z]{2,}[a-z0-9]*(?:[A-Z][a-z0-9]+)+$").expect("regex"));
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`]*`").expect("regex"));
static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\([^)]*\)|https?://\S+").expect("regex"));
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]{1,8}|#[0-9]{1,6}|#x[0-9A-Fa-f]{1,6});").expect("regex")
});
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("regex"));
static MULTIPLIED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+(?:[.,]\d+)?)\s*([万萬만億亿억兆조千천])").expect("regex"));
static GROUPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[^\d.,])(\d{1,3}(?:[ \u{a0}\u{202f}\u{2009}'’]\d{3})+)(\D|$)").expect("regex")
});

// The token patterns of `crate::lint::tokens`, for the prose-only view.
/// The text of the prose only: inline code, link targets and placeholders
/// replaced by spaces (what [`crate::lint::tokens::numbers`] looks at).
pub fn prose_only(s: &str) -> String {
    crate::lint::tokens::prose_of(s, "]()").into_owned()
}

/// The half without surrounding emphasis, backticks and quotes:
/// `**Authorization**` → `Authorization`.
pub fn bare(s: &str) -> &str {
    s.trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '`' | '"' | '\''))
        .trim()
}

/// The canonical spelling of a known HTTP header name, case-insensitively.
pub fn header_name(s: &str) -> Option<&'static str> {
    crate::model::headers::canonical(bare(s))
}

/// Is `s` an HTTP field-name token (RFC 9110 `tchar`s only)?
pub fn is_http_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_|~".contains(c))
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// An HTTP method written alone (`GET`).
pub fn is_http_method(s: &str) -> bool {
    METHODS.contains(&s)
}

/// A bare media type (`application/json`).
pub fn is_media_type(s: &str) -> bool {
    s.contains('/') && MEDIA_TYPE.is_match(s)
}

/// A permission scope (`User.Read.All`).
pub fn is_scope(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.contains('.') && SCOPE.is_match(s)
}

/// A camelCase JSON property name (`displayName`, `createdDateTime`).
/// Brand names with a one-letter prefix (`iOS`, `eDiscovery`) are not.
pub fn is_json_property(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes().any(|b| b.is_ascii_uppercase())
        && CAMEL.is_match(s)
}

/// Header names that are also everyday words ("Date", "Accept", "From"):
/// only header names under a headers heading.
pub fn is_word_like_header(h: &str) -> bool {
    !h.contains('-') && h.chars().skip(1).all(|c| c.is_ascii_lowercase())
}

/// What kind of protocol token the English half is, with its canonical
/// form; `None` when the half is prose.
pub fn protocol_token(english: &str) -> Option<(&'static str, String)> {
    let b = bare(english);
    let b = b.trim_end_matches(['.', ':']);
    // no token holds a space (header names, methods, and what the media
    // type, scope and property patterns match): prose is answered at once
    let core = bare(b);
    if memchr::memchr(b' ', core.as_bytes()).is_some() {
        return None;
    }
    // (`header_name(b)`, with `b` bared once)
    if let Some(h) = crate::model::headers::canonical(core) {
        return Some(("header name", h.to_string()));
    }
    if is_http_method(b) {
        return Some(("HTTP method", b.to_string()));
    }
    if is_media_type(b) {
        return Some(("media type", b.to_string()));
    }
    if is_scope(b) {
        return Some(("permission scope", b.to_string()));
    }
    if is_json_property(b) {
        return Some(("JSON property name", b.to_string()));
    }
    None
}

/// Is `localized` the token `canonical` of `kind`, spelled as protocols
/// allow (header names and media types are case-insensitive)?
pub fn same_token(kind: &str, canonical: &str, localized: &str) -> bool {
    let l = bare(localized);
    let l = l.trim_end_matches(['.', ':', '。', '：']).trim();
    match kind {
        "header name" | "media type" => l.eq_ignore_ascii_case(canonical),
        _ => l == canonical,
    }
}

/// The English header a localized header row stands for, inferred from
/// its value: a bearer token is `Authorization`, a bare media type `Accept`.
pub fn header_from_value(value: &str) -> Option<&'static str> {
    let v = value.trim();
    let lower = v.to_lowercase();
    if lower.contains("bearer") || lower.contains("{token}") || lower.contains("<token>") {
        return Some("Authorization");
    }
    let b = bare(v).trim_end_matches('.');
    if is_media_type(b) {
        return Some("Accept");
    }
    // "application/json. Required." is what a Content-Type row carries.
    let first = b
        .split(|c: char| c.is_whitespace() || c == ';')
        .next()
        .unwrap_or("");
    is_media_type(first.trim_end_matches(['.', ',', '。'])).then_some("Content-Type")
}

/// Headings of a Markdown text outside code fences: (byte offset, line).
pub fn headings(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut at = 0;
    for line in crate::markdown::lines_inclusive(text) {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        } else if !in_fence && t.starts_with('#') {
            out.push((at, line.trim_end()));
        }
        at += line.len();
    }
    out
}

/// The heading line a byte offset falls under ("" before the first).
pub fn heading_at<'t>(headings: &[(usize, &'t str)], offset: usize) -> &'t str {
    let i = headings.partition_point(|(o, _)| *o <= offset);
    if i == 0 {
        ""
    } else {
        headings[i - 1].1
    }
}

/// The numbers of a text's prose as digit strings, one per number, in a
/// form that survives the notations of other locales: separators dropped
/// (`1,000`, `1 000`, `1.000` → `1000`; `2,5` and `2.5` → `25`), numeral
/// multipliers applied (`1 万` → `10000`) and lists split (`1,2,3` →
/// `1`, `2`, `3`, as `1、2、3` reads).
pub fn canonical_numbers(s: &str) -> Vec<String> {
    // every number starts with a digit (`\d`: a Unicode decimal digit)
    if !crate::lint::tokens::has_numeric(s) {
        return Vec::new();
    }
    let text = crate::lint::tokens::prose_of(s, "]()");
    // a number in other digits is the same number (`٥٠`, `５０`: `50`)
    let text = match ascii_digits(&text) {
        Cow::Owned(t) => Cow::Owned(t),
        Cow::Borrowed(_) => text,
    };
    // the multipliers are not ASCII
    let text = if text.is_ascii() {
        text
    } else {
        crate::lint::tokens::replace(&MULTIPLIED, text, |c: &regex::Captures| {
            let zeros = match &c[2] {
                "万" | "萬" | "만" => 4,
                "億" | "亿" | "억" => 8,
                "兆" | "조" => 12,
                _ => 3,
            };
            let n = c[1].replace(',', ".");
            let (int, frac) = n.split_once('.').unwrap_or((&n, ""));
            if frac.len() > zeros {
                return c[0].to_string();
            }
            let d = format!("{int}{frac}{}", "0".repeat(zeros - frac.len()));
            format!(" {} ", d.trim_start_matches('0'))
        })
    };
    let text = GROUPED.replace_all(&text, |c: &regex::Captures| {
        format!("{} {} {}", &c[1], only_digits(&c[2]), &c[3])
    });
    let mut v = Vec::new();
    for m in crate::lint::tokens::numbers_as_written(&text) {
        let runs: Vec<&str> = DIGITS.find_iter(&m).map(|r| r.as_str()).collect();
        // Lists (`1,2,3`), dates (`01.01.2017`) and versions: runs of
        // their own. Thousands groups (`1,000,000`) and decimals stay one.
        let split = runs.len() > 2 && runs.iter().skip(1).any(|r| r.len() != 3);
        if split {
            v.extend(runs.iter().map(|r| no_leading_zeros(r)));
        } else {
            v.push(no_leading_zeros(&only_digits(&m)));
        }
    }
    v.retain(|d| !d.is_empty());
    v
}

fn no_leading_zeros(d: &str) -> String {
    let t = d.trim_start_matches('0');
    if t.is_empty() && !d.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// `s` with the decimal digits of every script written as ASCII digits
/// (`٥٠`, `５０`, `๕๐` → `50`). A Unicode decimal digit's value is its
/// place in its run of ten (each run of the `Nd` category is 0 to 9 in
/// code point order, some runs back to back): the digits before it, mod 10.
pub fn ascii_digits(s: &str) -> Cow<'_, str> {
    static ND: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d$").expect("regex"));
    let decimal =
        |c: char| !c.is_ascii() && c.is_numeric() && ND.is_match(c.encode_utf8(&mut [0; 4]));
    if s.is_ascii() || !s.chars().any(decimal) {
        return Cow::Borrowed(s);
    }
    let value = |c: char| {
        let mut before = 0u32;
        let mut at = c as u32;
        while let Some(p) = at
            .checked_sub(1)
            .and_then(char::from_u32)
            .filter(|&p| decimal(p))
        {
            before += 1;
            at = p as u32;
        }
        char::from_digit(before % 10, 10).unwrap_or(c)
    };
    Cow::Owned(
        s.chars()
            .map(|c| if decimal(c) { value(c) } else { c })
            .collect(),
    )
}

pub fn only_digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Numbers of the prose written as part of a word (`v2.0`, `21Vianet`,
/// `1st`, `x64`), as written.
pub fn numbers_in_names(s: &str) -> Vec<String> {
    let text = prose_only(s);
    NUMBER_IN_WORD
        .captures_iter(&text)
        .filter(|c| c.get(1).is_some() || c.get(3).is_some())
        .map(|c| c[2].to_string())
        .collect()
}

static NUMBER_IN_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{L})?(\d+(?:[.,]\d+)*)(\p{L})?").expect("regex"));

/// Emphasis and entity tokens beyond [`crate::lint::tokens::markup`]:
/// single-`*` italics, `<br/>`-style tags in any spelling and HTML
/// entities other than the escapes of `<`, `>`, `&` and quotes.
pub fn extra_markup(s: &str) -> Vec<String> {
    let text = if may_code(s) {
        CODE.replace_all(s, " ")
    } else {
        Cow::Borrowed(s)
    };
    let text = if text.contains("](") || text.contains("http") {
        replace(&LINK_TARGET, text, " ")
    } else {
        text
    };
    let mut v = Vec::new();
    let italics = italic_count(&text);
    if italics > 0 {
        v.push(format!("* x{italics}"));
    }
    for m in ENTITY.find_iter(&text) {
        let e = m.as_str();
        if !matches!(e, "&lt;" | "&gt;" | "&amp;" | "&quot;" | "&#39;" | "&apos;") {
            v.push(e.to_string());
        }
    }
    v.sort();
    v
}

/// Single `*` delimiters (not `**`), counted in pairs.
fn italic_count(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'*' {
            let mut j = i;
            while j < b.len() && b[j] == b'*' {
                j += 1;
            }
            if (j - i) % 2 == 1 {
                n += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    n / 2
}

/// Letters of a prose sample (what detection has to go on).
pub fn letter_count(s: &str) -> usize {
    s.chars().filter(|&c| is_letter(c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(protocol_token("Authorization").unwrap().1, "Authorization");
        assert_eq!(protocol_token("application/json").unwrap().0, "media type");
        assert_eq!(
            protocol_token("User.Read.All").unwrap().0,
            "permission scope"
        );
        assert_eq!(
            protocol_token("displayName").unwrap().0,
            "JSON property name"
        );
        assert!(protocol_token("iOS").is_none());
        assert!(protocol_token("eDiscovery").is_none());
        assert!(protocol_token("Not supported.").is_none());
        assert!(same_token("header name", "Content-Type", "Content-type"));
        assert!(!same_token("header name", "Authorization", "承認"));
    }

    #[test]
    fn numbers_across_notations() {
        assert_eq!(
            canonical_numbers("最大 1 万件、1 000 строк, 2,5 % 1、2、3"),
            ["10000", "1000", "25", "1", "2", "3"]
        );
        assert_eq!(
            canonical_numbers("up to 10,000 or 1.5 and 1,2,3"),
            ["10000", "15", "1", "2", "3"]
        );
    }

    #[test]
    fn digits_of_other_scripts_are_numbers() {
        for (text, n) in [
            ("٥٠", "50"),
            ("۱۲۳", "123"),
            ("５０", "50"),
            ("๕๐", "50"),
            ("२०", "20"),
            ("\u{1d7d3}", "5"),
            ("0 and 9", "0 and 9"),
        ] {
            assert_eq!(ascii_digits(text), n, "{text}");
        }
        assert_eq!(
            canonical_numbers("حتى ٥٠ حرفًا"),
            canonical_numbers("up to 50 characters")
        );
    }

    #[test]
    fn ascii_digits_reads_every_decimal_digit() {
        // every `\d` of Unicode is one of 0–9 by its place in its run
        let nd = Regex::new(r"^\d$").unwrap();
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            if nd.is_match(c.encode_utf8(&mut [0; 4])) {
                let d = ascii_digits(c.encode_utf8(&mut [0; 4])).into_owned();
                assert!(
                    d.len() == 1 && d.as_bytes()[0].is_ascii_digit(),
                    "{c:?} → {d}"
                );
                if let Some(v) = c.to_digit(10) {
                    assert_eq!(d, v.to_string());
                }
            }
        }
    }

    #[test]
    fn italics() {
        assert_eq!(italic_count("**a** *b* c"), 1);
        assert_eq!(italic_count("*a* and *b*"), 2);
    }
}
