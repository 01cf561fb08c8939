//! Localized prose of a document, for language detection: the words a
//! reader reads, without code, markup, link targets, URLs and identifiers.

use crate::document::Document;
use crate::lint::tokens::replace;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`]*`").expect("regex"));
static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\([^)]*\)|https?://\S+").expect("regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>]*>").expect("regex"));
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]{1,8}|#[0-9]{1,6}|#x[0-9A-Fa-f]{1,6});").expect("regex")
});

/// [`char::is_alphabetic`], answered without Unicode's tables for the
/// letters prose is mostly made of (ASCII, Cyrillic, kana, the unified
/// Han ideographs: ranges in which every character is alphabetic).
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{0410}'..='\u{044f}' | '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}' => true,
        '\u{4e00}'..='\u{9fff}' => true,
        _ => c.is_alphabetic(),
    }
}

/// [`char::is_alphanumeric`] with [`is_letter`]'s shortcuts.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

/// Localized prose of a document for language detection: localized halves
/// that differ from their English half, or the body outside code fences,
/// without code, tags, link targets, URLs and identifiers.
pub fn sample(doc: &Document) -> String {
    // whatlang is confident well before this; detection cost grows with length
    sample_within(doc, 2500)
}

/// [`sample`] that stops once it is longer than `limit` bytes (a prefix of
/// the full sample, at a segment or line boundary).
pub fn sample_within(doc: &Document, limit: usize) -> String {
    let text = &doc.source.text;
    let mut out = String::new();
    if !doc.segments.is_empty() {
        for s in &doc.segments {
            let t = s.target_text(text);
            if s.source_text(text).trim() == t.trim() {
                continue;
            }
            push_words(t, &mut out);
            out.push(' ');
            if out.len() > limit {
                break;
            }
        }
        return out;
    }
    let mut in_fence = false;
    for line in crate::markdown::lines(&text[doc.body_start()..]) {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || t.starts_with("<!--") {
            continue;
        }
        push_words(line, &mut out);
        out.push(' ');
        if out.len() > limit {
            break;
        }
    }
    out
}

/// A Markdown line reduced to its words.
pub fn words_of(line: &str) -> String {
    let mut out = String::new();
    push_words(line, &mut out);
    out
}

/// [`words_of`] appended to `out`.
fn push_words(line: &str, out: &mut String) {
    // each pattern is run only where the characters it starts with occur
    let t = if crate::lint::tokens::may_code(line) {
        CODE.replace_all(line, " ")
    } else {
        Cow::Borrowed(line)
    };
    let t = if crate::lint::tokens::may_link_target(&t) {
        replace(&LINK_TARGET, t, "]")
    } else {
        t
    };
    let t = if memchr::memchr(b'<', t.as_bytes()).is_some() {
        replace(&TAG, t, " ")
    } else {
        t
    };
    let t = if memchr::memchr(b'&', t.as_bytes()).is_some() {
        replace(&ENTITY, t, " ")
    } else {
        t
    };
    let words = crate::markdown::words_split(&t, |b| {
        matches!(
            b,
            b'|' | b'#' | b'*' | b'_' | b'[' | b']' | b'>' | b'{' | b'}' | b'(' | b')'
        )
    })
    .filter(|w| {
        let w = w.trim_end_matches(['.', ',', ':', ';']);
        !w.bytes()
            .any(|b| matches!(b, b'.' | b'/' | b'=' | b'&' | b'@' | b'$'))
            && !crate::lint::tokens::is_identifier(w)
            && w.chars().any(is_letter)
    });
    for (i, w) in words.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Is `c` a letter of the Latin script?
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{c0}'..='\u{24f}').contains(&c)
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

/// The part of a prose sample that tells its language. Localized pages
/// are full of Latin-script names (products, identifiers); when words of
/// another script make up a fair share of the letters, they are the
/// language and the Latin words are dropped. Otherwise the words of other
/// scripts are the noise.
pub fn language_sample(sample: &str) -> String {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in sample.chars().filter(|&c| is_letter(c)) {
        if is_latin(c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    let keep_other = other * 100 >= (latin + other) * 15;
    sample
        .split_whitespace()
        .filter(|w| {
            let has_other = w.chars().any(|c| is_letter(c) && !is_latin(c));
            has_other == keep_other
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
