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

/// Why an extraction or model differs from its twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// The English half is an older translation-memory segment than the
    /// English file at the source commit (the publisher reused a match).
    StaleTranslationMemory,
    /// The publisher's plain file differs only in whitespace (trailing
    /// spaces, blank lines, line joins).
    PublisherWhitespace,
    /// The publisher's plain file escapes or unescapes HTML entities
    /// differently from the span-pair file.
    PublisherEscaping,
    /// Not explained by any known cause.
    Unexplained,
}

/// One comparison that did not match.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub path: String,
    pub cause: Cause,
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
            r.target = Some(compare_text(rel, &extracted, &plain.source.text, false));
            let pm = model::build(&plain, vocab);
            r.model_target = Some(compare_models(rel, &model.api, &pm.api));
        }
    }
    if let Some(dir) = &layout.english_at_source {
        if let Some(mut english) = read_twin(dir, locale, rel) {
            english.set_english();
            let half = doc.english_half();
            r.source = Some(compare_text(
                rel,
                &half.source.text,
                &english.source.text,
                true,
            ));
            let hm = model::build(&half, vocab);
            let em = model::build(&english, vocab);
            r.model_source = Some(compare_models(rel, &hm.api, &em.api));
        }
    }
    r
}

static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<a name="[^"]*"></a> ?"#).expect("regex"));

/// The body of an English text for fact 2: front matter and anchors removed.
fn english_body(text: &str) -> String {
    let body = &text[crate::front_matter::body_start(text)..];
    ANCHOR.replace_all(body, "").trim().to_string()
}

fn compare_text(rel: &str, ours: &str, theirs: &str, english: bool) -> Option<Mismatch> {
    let (a, b) = if english {
        (english_body(ours), english_body(theirs))
    } else {
        (ours.to_string(), theirs.to_string())
    };
    if a == b {
        return None;
    }
    let (la, lb) = first_difference(&a, &b);
    let cause = classify_text(&a, &b);
    Some(Mismatch {
        path: rel.to_string(),
        cause,
        detail: format!("ours: {la}\ntheirs: {lb}"),
    })
}

fn first_difference(a: &str, b: &str) -> (String, String) {
    let mut la = a.lines();
    let mut lb = b.lines();
    loop {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (x, y) => {
                return (
                    x.unwrap_or("<end>").to_string(),
                    y.unwrap_or("<end>").to_string(),
                )
            }
        }
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn classify_text(ours: &str, theirs: &str) -> Cause {
    if squash(ours) == squash(theirs) {
        Cause::PublisherWhitespace
    } else if squash(&unescape(ours)) == squash(&unescape(theirs)) {
        Cause::PublisherEscaping
    } else {
        Cause::Unexplained
    }
}

fn compare_models(rel: &str, ours: &model::ApiModel, theirs: &model::ApiModel) -> Option<Mismatch> {
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
    Some(Mismatch {
        path: rel.to_string(),
        cause: Cause::Unexplained,
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
