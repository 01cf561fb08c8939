//! The publisher's twin files as a test oracle.
//!
//! The localization pipeline publishes every page twice: span-pair
//! (`live-sxs/<locale>/<path>`) and plain (`live/<locale>/<path>`), and keeps
//! the English it translated (`en-at-source/<locale>/<path>`). Two facts
//! follow, and this module checks them without hand-written expectations:
//!
//! 1. where both twins carry the same `ms.openlocfilehash`, the plain file is
//!    the span-pair file with every pair replaced by its localized half;
//! 2. replacing every pair by its English half gives back the English body
//!    (front matter and `<a name>` anchors aside).
//!
//! The same twins must produce equal neutral models. Every mismatch is
//! classified by a named [`Cause`]; `Unexplained` is what tests forbid.

use crate::discover::Input;
use crate::document::Document;
use crate::model::{self, Vocabulary};
use crate::sxs::Side;
use rayon::prelude::*;
use regex::Regex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Why an extraction or model differs from its twin. Each cause is a
/// publisher-side behaviour that cannot be derived from the span-pair file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// The plain twin republished front matter metadata (commit, hand-off
    /// date, ids) while keeping the same content hash; bodies are equal.
    FrontMatterRepublished,
    /// Whitespace only: the tool joins soft line breaks inside segments,
    /// trims or adds spaces at segment ends, and some publisher versions
    /// drop the newline-and-indent that starts a list item's segment.
    Whitespace,
    /// The publisher kept a `\*` / `` \` `` escape that it usually removes
    /// (or the English source has an escape the tool did not add).
    EscapeKept,
    /// The 2021 tool adds a space between closing emphasis and punctuation
    /// (`**event** ,`).
    EmphasisSpacing,
    /// A URL's locale segment differs (`/en-us/` vs `/ja-JP/`).
    UrlLocale,
    /// HTML entities decoded or encoded differently inside HTML blocks.
    Entities,
    /// Image alt text is translated in place, outside pairs, and the twin
    /// carries another text.
    AltTextOutsidePairs,
    /// The plain twin reverted a segment to its English text.
    RevertedToEnglish,
    /// The plain twin carries another translation of a segment than the
    /// span-pair file (updated translation, same hash).
    Retranslated,
    /// The English half is not the English at the source commit: a reused
    /// translation-memory segment from another English version.
    EnglishHalfNotSource,
    /// A run of reference definitions where the tool wrote a single line
    /// for a label that is the same in both languages, next to an unrelated
    /// definition with the same destination: not distinguishable from a
    /// localized/English twin pair in the span-pair file.
    ReferenceTwinAmbiguous,
    /// Not explained by any known cause.
    Unexplained,
}

/// One comparison that did not match.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub path: String,
    /// The most specific cause (the last of `causes`).
    pub cause: Cause,
    /// Every cause found among the differing hunks, sorted.
    pub causes: Vec<Cause>,
    /// First differing line, both sides.
    pub detail: String,
}

/// Counts of one kind of comparison.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub compared: usize,
    pub exact: usize,
    pub mismatches: Vec<Mismatch>,
}

impl Tally {
    /// Share of exact comparisons (1.0 when nothing was compared).
    pub fn rate(&self) -> f64 {
        if self.compared == 0 {
            1.0
        } else {
            self.exact as f64 / self.compared as f64
        }
    }

    fn add(&mut self, outcome: Option<Option<Mismatch>>) {
        let Some(outcome) = outcome else { return };
        self.compared += 1;
        match outcome {
            None => self.exact += 1,
            Some(m) => self.mismatches.push(m),
        }
    }

    pub fn unexplained(&self) -> impl Iterator<Item = &Mismatch> {
        self.mismatches
            .iter()
            .filter(|m| m.cause == Cause::Unexplained)
    }
}

/// Results for one locale.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LocaleReport {
    /// Fact 1: target extraction equals the plain twin (same hash).
    pub target: Tally,
    /// Fact 2: source extraction equals the English at the source commit.
    pub source: Tally,
    /// Neutral model of the span-pair file equals the plain twin's (same hash).
    pub model_target: Tally,
    /// Neutral model of the English half equals the English file's.
    pub model_source: Tally,
    /// `model_target` restricted to API operation pages.
    pub model_target_api: Tally,
    /// `model_source` restricted to API operation pages.
    pub model_source_api: Tally,
}

/// Where the twins live: `<sxs>/<locale>/…`, `<plain>/<locale>/…` and
/// optionally `<english>/<locale>/…`.
#[derive(Debug, Clone)]
pub struct Layout {
    pub sxs: PathBuf,
    pub plain: PathBuf,
    pub english_at_source: Option<PathBuf>,
}

impl Layout {
    /// The layout of the shared `sample/` directory.
    pub fn sample(root: &Path) -> Layout {
        Layout {
            sxs: root.join("live-sxs"),
            plain: root.join("live"),
            english_at_source: Some(root.join("en-at-source")),
        }
    }

    /// Locale directories of the span-pair tree, sorted.
    pub fn locales(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.sxs)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

/// Runs every check for one locale.
pub fn check_locale(layout: &Layout, locale: &str) -> LocaleReport {
    let root = layout.sxs.join(locale);
    let (inputs, _) = crate::discover::discover(std::slice::from_ref(&root));
    let docs: Vec<Document> = inputs
        .par_iter()
        .filter_map(|i| Document::read(i).ok())
        .collect();
    let vocab = Vocabulary::from_documents(&docs);
    let results: Vec<_> = docs
        .par_iter()
        .map(|doc| check_document(layout, locale, doc, &vocab))
        .collect();
    let mut report = LocaleReport::default();
    for r in results {
        report.target.add(r.target);
        report.source.add(r.source);
        report.model_target.add(r.model_target.clone());
        report.model_source.add(r.model_source.clone());
        if r.is_api {
            report.model_target_api.add(r.model_target);
            report.model_source_api.add(r.model_source);
        }
    }
    report
}

struct DocResult {
    is_api: bool,
    target: Option<Option<Mismatch>>,
    source: Option<Option<Mismatch>>,
    model_target: Option<Option<Mismatch>>,
    model_source: Option<Option<Mismatch>>,
}

fn read_twin(dir: &Path, locale: &str, rel: &str) -> Option<Document> {
    let root = dir.join(locale);
    let path = root.join(rel);
    path.is_file()
        .then(|| Document::read(&Input { path, root }).ok())
        .flatten()
}

fn hash(d: &Document) -> Option<String> {
    d.front_matter.as_ref()?.get_str("ms.openlocfilehash")
}

fn check_document(layout: &Layout, locale: &str, doc: &Document, vocab: &Vocabulary) -> DocResult {
    let rel = doc.rel_path.as_str();
    let model = model::build(doc, vocab);
    let mut r = DocResult {
        is_api: model.api.kind == model::PageKind::ApiOperation,
        target: None,
        source: None,
        model_target: None,
        model_source: None,
    };
    if let Some(plain) = read_twin(&layout.plain, locale, rel) {
        if hash(doc).is_some() && hash(doc) == hash(&plain) {
            let extracted = doc.extract(Side::Target);
            r.target = Some(compare_text(doc, &extracted, &plain.source.text, false));
            let pm = model::build(&plain, vocab);
            r.model_target = Some(compare_models(rel, &model.api, &pm.api, r.target.as_ref()));
        }
    }
    if let Some(dir) = &layout.english_at_source {
        if let Some(mut english) = read_twin(dir, locale, rel) {
            english.set_english();
            let half = doc.english_half();
            r.source = Some(compare_text(
                doc,
                &half.source.text,
                &english.source.text,
                true,
            ));
            let hm = model::build(&half, vocab);
            let em = model::build(&english, vocab);
            r.model_source = Some(compare_models(rel, &hm.api, &em.api, r.source.as_ref()));
        }
    }
    r
}

static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<a name="[^"]*"></a> ?"#).expect("regex"));
static URL_LOCALE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)/[a-z]{2}-[a-z]{2,4}/").expect("regex"));
static EMPHASIS_SPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([*_]) ([,.;:)!?])").expect("regex"));
static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\(([^)]*)\)").expect("regex"));

/// The body of an English text for fact 2: front matter, anchors and
/// leading blank lines removed, trailing whitespace of lines trimmed.
fn english_body(text: &str, expand: bool) -> String {
    let body = &text[crate::front_matter::body_start(text)..];
    let body = ANCHOR.replace_all(body, "");
    let mut out = String::with_capacity(body.len());
    for line in body.trim_start_matches(['\n', '\r']).lines() {
        if expand && line.contains('\t') {
            out.push_str(expand_tabs(line).trim_end());
        } else {
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Tabs to 4-column stops, as the translation tool does.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += 1;
        }
    }
    out
}

fn compare_text(doc: &Document, ours: &str, theirs: &str, english: bool) -> Option<Mismatch> {
    let rel = doc.rel_path.as_str();
    if ours == theirs {
        return None;
    }
    let (a, b) = if english {
        (english_body(ours, false), english_body(theirs, true))
    } else {
        let (ba, bb) = (
            &ours[crate::front_matter::body_start(ours)..],
            &theirs[crate::front_matter::body_start(theirs)..],
        );
        if ba == bb {
            return Some(Mismatch {
                path: rel.to_string(),
                cause: Cause::FrontMatterRepublished,
                causes: vec![Cause::FrontMatterRepublished],
                detail: String::new(),
            });
        }
        (ba.to_string(), bb.to_string())
    };
    if a == b {
        return None;
    }
    let diff = similar::TextDiff::from_lines(&a, &b);
    let mut causes = Vec::new();
    let mut detail = String::new();
    for op in diff.ops() {
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        let old: String = diff.old_slices()[op.old_range()].concat();
        let new: String = diff.new_slices()[op.new_range()].concat();
        let cause = classify_hunk(doc, &old, &new, english);
        if detail.is_empty() || cause == Cause::Unexplained {
            detail = format!("ours: {}\ntheirs: {}", old.trim_end(), new.trim_end());
        }
        causes.push(cause);
    }
    causes.sort();
    causes.dedup();
    let cause = if causes.contains(&Cause::Unexplained) {
        Cause::Unexplained
    } else {
        *causes.last().unwrap_or(&Cause::Whitespace)
    };
    Some(Mismatch {
        path: rel.to_string(),
        cause,
        causes,
        detail,
    })
}

fn unescape_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The cause of one differing hunk: the first normalization (applied
/// cumulatively, in order) under which both sides agree, else a content
/// cause checked against the document's segments.
fn classify_hunk(doc: &Document, ours: &str, theirs: &str, english: bool) -> Cause {
    type Norm = fn(&str) -> String;
    let steps: [(Cause, Norm); 5] = [
        (Cause::Whitespace, crate::markdown::squash),
        (Cause::EscapeKept, |s| {
            s.replace("\\*", "*").replace("\\`", "`")
        }),
        (Cause::EmphasisSpacing, |s| {
            EMPHASIS_SPACE.replace_all(s, "$1$2").into_owned()
        }),
        (Cause::UrlLocale, |s| {
            URL_LOCALE.replace_all(s, "/en-us/").into_owned()
        }),
        (Cause::Entities, unescape_entities),
    ];
    let (mut a, mut b) = (ours.to_string(), theirs.to_string());
    for (cause, norm) in steps {
        a = norm(&a);
        b = norm(&b);
        if a == b {
            return cause;
        }
    }
    let only_definitions = |s: &str| {
        s.lines()
            .all(|l| l.trim().is_empty() || (l.starts_with('[') && l.contains("]: ")))
    };
    if only_definitions(ours) && only_definitions(theirs) {
        return Cause::ReferenceTwinAmbiguous;
    }
    let images =
        |s: &str| -> Vec<String> { IMAGE.captures_iter(s).map(|c| c[1].to_string()).collect() };
    let (ia, ib) = (images(&a), images(&b));
    if !ia.is_empty() && ia == ib && IMAGE.replace_all(&a, "") == IMAGE.replace_all(&b, "") {
        return Cause::AltTextOutsidePairs;
    }
    let text = &doc.source.text;
    let in_segment = |hunk: &str, english_half: bool| {
        doc.segments.iter().any(|s| {
            let half = if english_half {
                s.source_text(text)
            } else {
                s.target_text(text)
            };
            let t = crate::markdown::squash(half);
            t.chars().count() >= 4 && hunk.contains(&t)
        })
    };
    if english {
        if in_segment(&a, true) {
            return Cause::EnglishHalfNotSource;
        }
    } else {
        if in_segment(&b, true) && !in_segment(&b, false) {
            return Cause::RevertedToEnglish;
        }
        if in_segment(&a, false) {
            return Cause::Retranslated;
        }
    }
    Cause::Unexplained
}

/// Compares two models. A difference is explained by the causes of the
/// difference between the texts the models were read from (the model then
/// faithfully reflects different text); between equal texts it is not.
fn compare_models(
    rel: &str,
    ours: &model::ApiModel,
    theirs: &model::ApiModel,
    text: Option<&Option<Mismatch>>,
) -> Option<Mismatch> {
    if ours == theirs {
        return None;
    }
    let a = serde_json::to_value(ours).unwrap_or_default();
    let b = serde_json::to_value(theirs).unwrap_or_default();
    let field = a
        .as_object()
        .into_iter()
        .flatten()
        .find(|(k, v)| b.get(k.as_str()) != Some(v))
        .map(|(k, v)| {
            format!(
                "{k}: ours {v}, theirs {}",
                b.get(k.as_str()).cloned().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    let causes: Vec<Cause> = text
        .and_then(|t| t.as_ref())
        .map(|m| m.causes.clone())
        .filter(|c| !c.is_empty() && c != &[Cause::FrontMatterRepublished])
        .unwrap_or_else(|| vec![Cause::Unexplained]);
    Some(Mismatch {
        path: rel.to_string(),
        cause: *causes.last().unwrap_or(&Cause::Unexplained),
        causes,
        detail: field,
    })
}

/// Runs every locale of a layout.
pub fn check(layout: &Layout) -> BTreeMap<String, LocaleReport> {
    layout
        .locales()
        .into_iter()
        .map(|l| {
            let r = check_locale(layout, &l);
            (l, r)
        })
        .collect()
}
