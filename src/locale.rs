//! Which locale a document is written in: front matter, then the path, then
//! language detection on its localized prose.
//!
//! Nothing here is specific to one language: path segments are recognised by
//! the shape of a BCP 47 tag, and detection uses `whatlang` with ISO 639
//! codes from `isolang`.

use serde::Serialize;
use std::path::Path;

/// Where a document's locale came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LocaleOrigin {
    /// Given by the caller (e.g. files under `--source` are English).
    Given,
    FrontMatter,
    Path,
    Detected,
    Unknown,
}

/// The locale of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Locale {
    /// A BCP 47 tag: `ja-JP` from front matter or path, `de` from detection.
    pub tag: String,
    pub origin: LocaleOrigin,
    /// Detection confidence in 0..=1 (1 for front matter and path).
    pub confidence: f64,
}

/// Confidence under which a detected locale is flagged as uncertain.
pub const LOW_CONFIDENCE: f64 = 0.5;

impl Locale {
    pub fn unknown() -> Self {
        Locale {
            tag: "und".into(),
            origin: LocaleOrigin::Unknown,
            confidence: 0.0,
        }
    }

    /// The primary language subtag, lower case: `ja` for `ja-JP`.
    pub fn language(&self) -> &str {
        primary(&self.tag)
    }

    pub fn is_english(&self) -> bool {
        self.language() == "en"
    }

    pub fn is_uncertain(&self) -> bool {
        self.origin == LocaleOrigin::Detected && self.confidence < LOW_CONFIDENCE
    }
}

/// The primary language subtag of a tag, lower-cased (`pt-BR` → `pt`).
pub fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// Normalizes the case of a BCP 47 tag: `ja-jp` → `ja-JP`, `zh-hans-cn` → `zh-Hans-CN`.
pub fn normalize_tag(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    for (i, part) in tag.trim().split(['-', '_']).enumerate() {
        if i > 0 {
            out.push('-');
        }
        if i == 0 {
            out.push_str(&part.to_ascii_lowercase());
        } else if part.len() == 4 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
            out.push_str(&part[..1].to_ascii_uppercase());
            out.push_str(&part[1..].to_ascii_lowercase());
        } else if part.len() == 2 || part.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&part.to_ascii_uppercase());
        } else {
            out.push_str(&part.to_ascii_lowercase());
        }
    }
    out
}

/// Is `segment` shaped like a locale directory (`ja-JP`, `de-de`, `zh-Hans`,
/// `pt-BR`, `sr-Latn-RS`)? A bare language code (`de`) is accepted only when
/// it is a real ISO 639-1 code, and never for common path words.
pub fn is_locale_segment(segment: &str) -> bool {
    // the shape first (no allocation), the language registry last
    if segment.len() > 16 {
        return false;
    }
    let mut parts = segment.split(['-', '_']);
    let lang = parts.next().unwrap_or("");
    let lang_ok = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_alphabetic());
    if !lang_ok {
        return false;
    }
    let mut subtags = 0;
    for p in parts {
        subtags += 1;
        let shaped = (p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            || (p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()));
        if !shaped || subtags > 2 {
            return false;
        }
    }
    // bare `de/`: only two-letter codes, lower case
    if subtags == 0 && !(lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase())) {
        return false;
    }
    let lower = lang.to_ascii_lowercase();
    isolang::Language::from_639_1(&lower).is_some()
        || (lang.len() == 3 && isolang::Language::from_639_3(&lower).is_some())
}

/// The locale named by the last locale-shaped directory of `path`, and the
/// directory itself (the locale root).
pub fn from_path(path: &Path) -> Option<(String, std::path::PathBuf)> {
    let parent = path.parent()?;
    // files come directory by directory: each thread keeps the answer for
    // the last directory it was asked about
    thread_local! {
        static LAST: std::cell::RefCell<Option<(std::ffi::OsString, DirLocale)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| match last {
        Some((dir, answer)) if dir.as_os_str() == parent.as_os_str() => answer.clone(),
        _ => {
            let answer = dir_locale(parent);
            *last = Some((parent.as_os_str().to_owned(), answer.clone()));
            answer
        }
    })
}

/// A locale tag and its root directory.
type DirLocale = Option<(String, std::path::PathBuf)>;

/// [`from_path`] of a file in `parent`.
fn dir_locale(parent: &Path) -> DirLocale {
    // the innermost locale directory, then its path (built once)
    let (at, tag) = parent
        .components()
        .enumerate()
        .filter_map(|(i, c)| Some((i, c.as_os_str().to_str()?)))
        .filter(|(_, s)| is_locale_segment(s))
        .last()?;
    let root: std::path::PathBuf = parent.components().take(at + 1).collect();
    Some((normalize_tag(tag), root))
}

/// Detects the language of localized prose. Returns the ISO 639-1 code (or
/// 639-3 where there is none) and the detector's confidence.
pub fn detect(prose: &str) -> Option<(String, f64)> {
    let info = whatlang::detect(prose)?;
    let code3 = info.lang().code();
    // whatlang names written Chinese by its spoken standard (Mandarin, `cmn`);
    // BCP 47 tags written Chinese as `zh`.
    let code3 = if code3 == "cmn" { "zho" } else { code3 };
    let tag = isolang::Language::from_639_3(code3)
        .and_then(|l| l.to_639_1())
        .map_or_else(|| code3.to_string(), str::to_string);
    Some((tag, info.confidence()))
}

/// [`detect`] remembered by prose, for the pages of one run: pages of a
/// docs set often open with the same sentences (in a lint of the span-pair
/// corpus, 13k of the 37k samples detected had been detected before).
#[derive(Debug, Default)]
pub struct Memo(crate::hash::Memo<Box<str>, Option<Detected>>);

/// A detected language and the detector's confidence ([`detect`]).
type Detected = (String, f64);

impl Memo {
    /// [`detect`], from the memo when the same prose was detected before.
    pub fn detect(&self, prose: &str) -> Option<(String, f64)> {
        self.0
            .get_or_insert_with(prose, |p| p.into(), || detect(prose))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_segments() {
        for ok in [
            "ja-JP",
            "de-de",
            "pt-BR",
            "zh-Hans",
            "sr-Latn-RS",
            "es-419",
            "de",
            "ko-kr",
        ] {
            assert!(is_locale_segment(ok), "{ok}");
        }
        for no in [
            "api",
            "beta",
            "v1.0",
            "en-at-source",
            "concepts",
            "api-reference",
            "API",
            "xx-YY",
        ] {
            assert!(!is_locale_segment(no), "{no}");
        }
    }

    #[test]
    fn path_locale_is_the_same_asked_again() {
        let files = [
            "d/ja-jp/a/x.md",
            "d/ja-jp/a/y.md",
            "d/a/x.md",
            "d/ja-jp/a/z.md",
            "x.md",
        ];
        for f in files.iter().chain(&files) {
            let f = Path::new(f);
            assert_eq!(from_path(f), dir_locale(f.parent().unwrap()), "{f:?}");
        }
        assert_eq!(from_path(Path::new("/")), None);
    }

    #[test]
    fn path_locale_is_the_innermost() {
        let (tag, root) = from_path(Path::new("docs/ja-jp/api/de-DE/x.md")).unwrap();
        assert_eq!(tag, "de-DE");
        assert_eq!(root, Path::new("docs/ja-jp/api/de-DE"));
    }

    #[test]
    fn detects_german() {
        let (tag, conf) = detect(
            "Eine der nachfolgenden Berechtigungen ist erforderlich, um diese API aufrufen zu können.",
        )
        .unwrap();
        assert_eq!(tag, "de");
        assert!(conf > 0.5);
    }

    #[test]
    fn memo_answers_as_detect() {
        let memo = Memo::default();
        for prose in [
            "Eine der nachfolgenden Berechtigungen ist erforderlich, um diese API aufrufen zu können.",
            "Для вызова этого API требуется одно из указанных ниже разрешений.",
            "Eine der nachfolgenden Berechtigungen ist erforderlich, um diese API aufrufen zu können.",
            "",
        ] {
            assert_eq!(memo.detect(prose), detect(prose), "{prose}");
        }
        assert_eq!(memo.0.len(), 3);
    }
}
