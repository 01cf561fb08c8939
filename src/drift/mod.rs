//! Translation drift: which translated pages are stale against the current
//! English, by how much, which segments changed, and which API facts are
//! now wrong in the translation.
//!
//! A span-pair page carries the English it was translated from in its
//! `sxs-lookup` halves; aligning those with the current English gives the
//! segment drift, and comparing the model of its English half with the model
//! of the current English gives the facts drift. A plain page carries only
//! `ms.sourcegitcommit`: without the English history its facts are compared
//! with the current English directly.

pub mod align;
pub mod dashboard;
pub mod export;
pub mod history;
pub mod report;
pub mod since;

use crate::discover::Input;
use crate::document::{Document, Form};
use crate::model::{self, vocabulary, ApiModel, Vocabulary};
use crate::timing::Phase;
use crate::workspace::Run;
use align::{Added, Aligned, SegmentStatus};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Status of a page in a locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageStatus {
    /// The API facts of the translation no longer match the English.
    StaleFacts,
    /// Prose changed in English since the translation.
    StaleProse,
    /// The English page has no translation in this locale.
    Missing,
    /// The translation's English page is gone.
    Orphan,
    /// Plain translation without span pairs or English history: facts agree,
    /// prose cannot be compared.
    UnknownSource,
    Current,
}

/// One API fact that changed between the English a page was translated
/// from and the current English.
#[derive(Debug, Clone, Serialize)]
pub struct FactChange {
    /// Model field, e.g. `permissions.application`.
    pub field: String,
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// Drift of one page in one locale.
#[derive(Debug, Clone, Serialize)]
pub struct PageDrift {
    pub locale: String,
    /// Path relative to the locale root.
    pub page: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub status: PageStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_commit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localization_priority: Option<String>,
    /// Commits and days from the source commit to the current English
    /// (when the English tree is a git repository).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commits_behind: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_behind: Option<i64>,
    pub facts: Vec<FactChange>,
    pub unchanged: usize,
    pub changed: usize,
    pub removed: usize,
    /// English words to (re)translate: changed and added segments.
    pub words: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Aligned>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<Added>,
}

impl PageDrift {
    /// A page with nothing counted yet.
    pub fn new(locale: String, page: String, status: PageStatus) -> PageDrift {
        PageDrift {
            locale,
            page,
            path: None,
            status,
            source_commit: None,
            localization_priority: None,
            commits_behind: None,
            days_behind: None,
            facts: Vec::new(),
            unchanged: 0,
            changed: 0,
            removed: 0,
            words: 0,
            segments: Vec::new(),
            added: Vec::new(),
        }
    }

    /// `ms.localizationpriority` as a rank: high first, low last, pages
    /// without one in the middle.
    pub fn priority_rank(&self) -> u8 {
        match self
            .localization_priority
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("high" | "priority") => 0,
            Some("low") => 2,
            _ => 1,
        }
    }
}

/// Per-locale totals.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LocaleSummary {
    pub locale: String,
    pub pages: usize,
    pub current: usize,
    pub stale_prose: usize,
    pub stale_facts: usize,
    pub missing: usize,
    pub orphan: usize,
    pub unknown_source: usize,
    pub words: usize,
    /// Words to re-translate on stale pages of high localization priority.
    pub high_priority_words: usize,
}

impl LocaleSummary {
    pub fn current_percent(&self) -> f64 {
        let base = self.pages - self.orphan;
        if base == 0 {
            100.0
        } else {
            100.0 * self.current as f64 / base as f64
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    /// Set by [`since::restrict`]: the report covers only the pages whose
    /// English changed on or after this date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<since::Since>,
    pub locales: Vec<LocaleSummary>,
    pub pages: Vec<PageDrift>,
}

/// Facts compared for drift, in ranking order.
const FACT_FIELDS: &[&str] = &[
    "endpoints",
    "permissions",
    "response_codes",
    "request_headers",
    "request_body",
];

/// The [`FACT_FIELDS`] of a model as its JSON serialization has them
/// (fields it skips are absent), without serializing the rest (examples
/// can be large).
fn facts_value(m: &ApiModel) -> serde_json::Value {
    let mut o = serde_json::Map::new();
    let mut put = |k: &str, v: serde_json::Result<serde_json::Value>| {
        o.insert(k.to_string(), v.unwrap_or_default());
    };
    if !m.endpoints.is_empty() {
        put("endpoints", serde_json::to_value(&m.endpoints));
    }
    if let Some(p) = &m.permissions {
        put("permissions", serde_json::to_value(p));
    }
    if !m.response_codes.is_empty() {
        put("response_codes", serde_json::to_value(&m.response_codes));
    }
    if !m.request_headers.is_empty() {
        put("request_headers", serde_json::to_value(&m.request_headers));
    }
    if let Some(b) = &m.request_body {
        put("request_body", serde_json::to_value(b));
    }
    serde_json::Value::Object(o)
}

/// Field-level differences of the facts of two models (permissions per type).
pub fn fact_changes(before: &ApiModel, after: &ApiModel) -> Vec<FactChange> {
    fact_changes_to(before, &facts_value(after))
}

/// [`fact_changes`] against facts already in their JSON form
/// ([`facts_value`] of the current English, computed once per page).
fn fact_changes_to(before: &ApiModel, b: &serde_json::Value) -> Vec<FactChange> {
    fact_changes_between(&facts_value(before), b)
}

/// Field-level differences of two [`facts_value`]s.
fn fact_changes_between(a: &serde_json::Value, b: &serde_json::Value) -> Vec<FactChange> {
    let mut out = Vec::new();
    for field in FACT_FIELDS {
        let (x, y) = (
            a.get(*field).cloned().unwrap_or_default(),
            b.get(*field).cloned().unwrap_or_default(),
        );
        if x == y {
            continue;
        }
        if let (Some(xo), Some(yo)) = (x.as_object(), y.as_object()) {
            let keys: BTreeSet<&String> = xo.keys().chain(yo.keys()).collect();
            for k in keys {
                let (p, q) = (
                    xo.get(k).cloned().unwrap_or_default(),
                    yo.get(k).cloned().unwrap_or_default(),
                );
                if p != q {
                    out.push(FactChange {
                        field: format!("{field}.{k}"),
                        before: p,
                        after: q,
                    });
                }
            }
        } else {
            out.push(FactChange {
                field: field.to_string(),
                before: x,
                after: y,
            });
        }
    }
    out
}

/// Computes the drift of the translations under `locales` against the
/// English tree `source`.
pub fn drift(source: &PathBuf, locales: &[PathBuf]) -> Report {
    let phase = Phase::start("English");
    // every tree is walked at once, side by side
    let (english_run, locale_runs) = rayon::join(
        || Run::discover(std::slice::from_ref(source)),
        || {
            locales
                .par_iter()
                .map(|l| Run::discover(std::slice::from_ref(l)))
                .collect::<Vec<Run>>()
        },
    );
    let history = history::History::open(source).map(std::sync::Mutex::new);
    let vocab = Vocabulary::default();
    let english: EnglishPages = english_run
        .inputs
        .par_iter()
        .filter_map(|i| {
            let mut d = Document::read(i).ok()?;
            d.set_english();
            let m = model::build(&d, &vocab).api;
            let rel = rel(i);
            let prepared =
                align::Prepared::with_front_matter(&d.source.text, d.front_matter.as_ref());
            // counted now so that the text need not be kept (memory)
            let words = align::unit_words(&d.source.text);
            let version = crate::model::compare::api_version(&m, &rel);
            Some((
                rel,
                EnglishPage {
                    facts: facts_value(&m),
                    version,
                    identity: m.identity,
                    prepared,
                    words,
                },
            ))
        })
        .collect();
    phase.end(format_args!("{} pages", english.len()));
    // English pages by identity, for translations whose path differs
    let mut by_identity: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (rel, e) in &english {
        by_identity
            .entry(e.identity.clone())
            .or_default()
            .push(rel.clone());
    }
    let mut pages: Vec<PageDrift> = Vec::new();
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // locales laid out as a parallel tree of the English (some page matched
    // by path): only there is an untranslated English page "missing"
    let mut parallel: BTreeSet<String> = BTreeSet::new();
    let diffs = align::WordDiffs::default();
    let cx = Context {
        english: &english,
        by_identity: &by_identity,
        history: history.as_ref(),
        diffs: &diffs,
        halves: &HalfChanges::default(),
        alignments: &align::Alignments::default(),
    };
    // One pass over the pages of every locale at once (no locale waits for
    // the slowest page of the one before): pages are compared with an
    // empty vocabulary while each locale's vocabulary is learned; a page is
    // compared again only if a phrase its model looked up is in the
    // vocabulary of its locale.
    let phase = Phase::start("locales");
    let empty = Vocabulary::default();
    // (locale, input) of every page; each locale's vocabulary is merged as
    // its pages are read, so that no page keeps what it taught
    let inputs: Vec<(usize, &Input)> = locale_runs
        .iter()
        .enumerate()
        .flat_map(|(k, r)| r.inputs.iter().map(move |i| (k, i)))
        .collect();
    let taught: Vec<std::sync::Mutex<Vocabulary>> =
        locale_runs.iter().map(|_| Default::default()).collect();
    let mut first: Vec<(Matched, Queries)> = inputs
        .par_iter()
        .map(|&(k, i)| {
            let Ok(doc) = Document::read(i) else {
                return (None, Vec::new());
            };
            let mut v = Vocabulary::default();
            v.learn_labels(&doc);
            let (p, queries) = locale_page(&doc, &cx, &empty);
            if !v.is_empty() {
                if let Ok(mut t) = taught[k].lock() {
                    t.merge(v);
                }
            }
            (p, queries)
        })
        .collect();
    let mut start = 0;
    for (run, vocab) in locale_runs.iter().zip(taught) {
        let end = start + run.inputs.len();
        let vocab = vocab.into_inner().unwrap_or_default();
        redo_with_vocabulary(&mut first[start..end], &run.inputs, &vocab, &cx);
        start = end;
    }
    for (p, by_path) in first.into_iter().filter_map(|(p, _)| p) {
        if by_path {
            parallel.insert(p.locale.clone());
        }
        seen.entry(p.locale.clone())
            .or_default()
            .insert(p.page.clone());
        pages.push(p);
    }
    phase.end(format_args!(
        "{} locales, {} alignments and {} fact changes remembered",
        locales.len(),
        cx.alignments.0.len(),
        cx.halves.0.len()
    ));
    let phase = Phase::start("rank");
    let missing: Vec<(&String, &String)> = seen
        .iter()
        .filter(|(l, _)| parallel.contains(*l))
        .flat_map(|(locale, have)| {
            english
                .keys()
                .filter(|p| !have.contains(*p))
                .map(move |page| (locale, page))
        })
        .collect();
    pages.par_extend(missing.into_par_iter().map(|(locale, page)| PageDrift {
        words: english[page].words,
        ..PageDrift::new(locale.clone(), page.clone(), PageStatus::Missing)
    }));
    // Sorted by locale, status, priority, words (most first) and page: the
    // key but the page computed once per page (the priority lowercases),
    // the locale as its place among the locales (`seen` holds every page's
    // locale, in order); a stable sort has one result.
    let locale_place: std::collections::HashMap<&str, usize> = seen
        .keys()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    type Key = (usize, PageStatus, u8, std::cmp::Reverse<usize>);
    let mut ranked: Vec<(Key, PageDrift)> = pages
        .into_iter()
        .map(|p| {
            let place = locale_place.get(p.locale.as_str()).copied();
            let key = (
                place.unwrap_or(usize::MAX),
                p.status,
                p.priority_rank(),
                std::cmp::Reverse(p.words),
            );
            (key, p)
        })
        .collect();
    ranked.par_sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.page.cmp(&b.page)));
    let pages: Vec<PageDrift> = ranked.into_iter().map(|(_, p)| p).collect();
    phase.end(format_args!("{} pages", pages.len()));
    Report {
        version: 1,
        since: None,
        locales: summarize(&pages),
        pages,
    }
}

/// The second look at the pages of one locale (`results`, read from
/// `inputs`): the locale's vocabulary `vocab` matters only to pages that
/// looked a phrase up; those whose phrases it answers are compared again
/// with it.
fn redo_with_vocabulary(
    results: &mut [(Matched, Queries)],
    inputs: &[Input],
    vocab: &Vocabulary,
    cx: &Context<'_>,
) {
    let again: Vec<usize> = (0..results.len())
        .filter(|&k| {
            let q = &results[k].1;
            !q.is_empty() && vocabulary::answers_any(vocab, q)
        })
        .collect();
    let redone: Vec<Matched> = again
        .par_iter()
        .map(|&k| {
            let doc = Document::read(&inputs[k]).ok()?;
            locale_page(&doc, cx, vocab).0
        })
        .collect();
    for (k, p) in again.into_iter().zip(redone) {
        results[k].0 = p;
    }
}

/// Per-locale totals of `pages`, by locale.
pub fn summarize(pages: &[PageDrift]) -> Vec<LocaleSummary> {
    let mut summaries: BTreeMap<String, LocaleSummary> = BTreeMap::new();
    for p in pages {
        let s = match summaries.get_mut(&p.locale) {
            Some(s) => s,
            None => summaries
                .entry(p.locale.clone())
                .or_insert_with(|| LocaleSummary {
                    locale: p.locale.clone(),
                    ..Default::default()
                }),
        };
        s.pages += 1;
        s.words += p.words;
        if p.priority_rank() == 0 {
            s.high_priority_words += p.words;
        }
        match p.status {
            PageStatus::Current => s.current += 1,
            PageStatus::StaleProse => s.stale_prose += 1,
            PageStatus::StaleFacts => s.stale_facts += 1,
            PageStatus::Missing => s.missing += 1,
            PageStatus::Orphan => s.orphan += 1,
            PageStatus::UnknownSource => s.unknown_source += 1,
        }
    }
    summaries.into_values().collect()
}

/// English pages by path relative to the locale root.
type EnglishPages = BTreeMap<String, EnglishPage>;

/// A current English page as translations are compared with it.
struct EnglishPage {
    /// Identity of its model (translations found by identity).
    identity: String,
    /// The API version it documents.
    version: Option<String>,
    /// [`facts_value`] of its model.
    facts: serde_json::Value,
    /// The text prepared for alignment.
    prepared: align::Prepared,
    /// Words to translate where the page has no translation.
    words: usize,
}

/// Phrases looked up in the shared vocabulary: `(language, localized)`.
type Queries = Vec<(String, String)>;

/// What the pages of every locale are compared with.
struct Context<'a> {
    english: &'a EnglishPages,
    /// English pages by identity, for translations whose path differs.
    by_identity: &'a BTreeMap<String, Vec<String>>,
    history: Option<&'a std::sync::Mutex<history::History>>,
    /// Word diffs shared by all pages.
    diffs: &'a align::WordDiffs,
    /// Fact changes of the English halves compared so far.
    halves: &'a HalfChanges,
    /// Alignments of the English halves computed so far.
    alignments: &'a align::Alignments,
}

/// The fact changes of the English halves of span-pair pages against
/// their current English page, computed so far in the run, by a 128-bit
/// SipHash of the English page's path and the half's Markdown body. A
/// page's translations into several locales often hold the same English (a
/// third of the span-pair corpus), and the facts of an English half without
/// span pairs of its own depend on its body alone: the model reads them
/// from the outline of the body, with an empty vocabulary and no pairs to
/// learn labels from. The front matter, which differs between locales, is
/// not part of the key. A half that still holds pairs (a pair nested in an
/// English half) learns labels from its whole text, front matter included,
/// and is compared every time. The changes are remembered, not the facts:
/// most are none, and a run remembers one entry for each distinct pair of
/// English page and half body (the facts of all the halves of the corpus
/// took 130 MB).
#[derive(Default)]
struct HalfChanges(crate::hash::Memo<u128, Vec<FactChange>>);

impl HalfChanges {
    /// The fact changes from the English half of `doc` (`text`, its text
    /// with every pair replaced by its English half, see
    /// [`Document::english_half`]) to `current`, the English page at `rel`.
    /// The half is read as a document only when its facts are computed,
    /// or when it may hold pairs of its own.
    #[cfg(test)]
    fn of(
        &self,
        doc: &Document,
        text: &str,
        rel: &str,
        current: &serde_json::Value,
    ) -> Vec<FactChange> {
        self.of_keyed(doc, text, half_key(rel, text), current)
    }

    /// [`of`](Self::of) with the [`half_key`] of `rel` and `text`.
    fn of_keyed(
        &self,
        doc: &Document,
        text: &str,
        key: u128,
        current: &serde_json::Value,
    ) -> Vec<FactChange> {
        let changes = |half: &Document| {
            let facts = facts_value(&model::build(half, &Vocabulary::default()).api);
            fact_changes_between(&facts, current)
        };
        if crate::sxs::may_hold_pairs(text) {
            let half = doc.english_half_of(text);
            if !half.segments.is_empty() {
                return changes(&half);
            }
        }
        self.0
            .get_or_insert_with(&key, |k| *k, || changes(&doc.english_half_of(text)))
    }
}

/// A 128-bit SipHash of the English page's path and of the body of the
/// English a translation was made from (`text`, front matter left out):
/// the key of what is remembered about that English ([`HalfChanges`],
/// [`align::Alignments`]).
fn half_key(rel: &str, text: &str) -> u128 {
    use std::hash::Hasher as _;
    let mut h = siphasher::sip128::SipHasher13::new();
    // the path, its length first so that no path and body run together
    h.write_usize(rel.len());
    h.write(rel.as_bytes());
    h.write(&text.as_bytes()[crate::front_matter::body_start(text)..]);
    siphasher::sip128::Hasher128::finish128(&h).as_u128()
}

/// A page's drift and whether it matched its English page by path.
type Matched = Option<(PageDrift, bool)>;

/// The drift of one read page of a locale (`None` for English pages), with
/// `(PageDrift, matched by path)`, and the phrases its model looked up in
/// `vocab`.
fn locale_page(doc: &Document, cx: &Context<'_>, vocab: &Vocabulary) -> (Matched, Queries) {
    let english = cx.english;
    if doc.form == Form::English {
        return (None, Vec::new());
    }
    // the page's own model, built at most once (identity, facts of plain pages)
    let own: std::cell::OnceCell<(ApiModel, Vec<(String, String)>)> = std::cell::OnceCell::new();
    let own_model = || {
        &own.get_or_init(|| {
            let (m, q) = model::build_queries(doc, vocab);
            (m.api, q)
        })
        .0
    };
    let counterpart = english
        .get(&doc.rel_path)
        .map(|e| (doc.rel_path.clone(), e))
        .or_else(|| {
            // the one English page of that identity and API version (one of
            // several pages titled alike is no match)
            let own = own_model();
            let version = crate::model::compare::api_version(own, &doc.rel_path);
            let rels = cx.by_identity.get(&own.identity)?;
            let mut same = rels.iter().filter(|r| {
                let theirs = &english[*r].version;
                version.is_none() || theirs.is_none() || *theirs == version
            });
            match (same.next(), same.next()) {
                (Some(rel), None) => Some((rel.clone(), &english[rel])),
                _ => None,
            }
        });
    let mut p = page_drift(
        doc,
        counterpart.as_ref().map(|(rel, e)| (rel.as_str(), *e)),
        &own_model,
        cx,
    );
    let by_path = english.contains_key(&doc.rel_path);
    if let Some((rel, _)) = counterpart {
        p.page = rel;
    }
    let queries = own.into_inner().map(|(_, q)| q).unwrap_or_default();
    (Some((p, by_path)), queries)
}

fn rel(i: &Input) -> String {
    let root = crate::locale::from_path(&i.path).map_or_else(|| i.root.clone(), |(_, r)| r);
    i.path
        .strip_prefix(&root)
        .unwrap_or(&i.path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn page_drift<'m>(
    doc: &Document,
    english: Option<(&str, &EnglishPage)>,
    own_model: &dyn Fn() -> &'m ApiModel,
    cx: &Context<'_>,
) -> PageDrift {
    let fm = doc.front_matter.as_ref();
    let mut p = PageDrift {
        path: Some(doc.source.path.clone()),
        source_commit: fm.and_then(|f| f.get_str("ms.sourcegitcommit")),
        localization_priority: fm.and_then(|f| {
            f.get_str("ms.localizationpriority")
                .or_else(|| f.get_str("localization_priority"))
        }),
        ..PageDrift::new(
            doc.locale.tag.clone(),
            doc.rel_path.clone(),
            PageStatus::Current,
        )
    };
    let Some((rel, current)) = english else {
        p.status = PageStatus::Orphan;
        return p;
    };
    // the English at the source commit, when the English tree has history
    let at_commit = match (
        cx.history.and_then(|h| h.lock().ok()),
        p.source_commit.clone(),
    ) {
        (Some(mut h), Some(commit)) => {
            if let Some((commits, days)) = h.behind(&commit) {
                p.commits_behind = Some(commits);
                p.days_behind = Some(days);
            }
            h.file_at(&commit, rel)
        }
        _ => None,
    };
    if doc.segments.is_empty() {
        let Some(old) = at_commit else {
            // no English history: only the facts can be compared
            p.facts = fact_changes_to(own_model(), &current.facts);
            p.status = if p.facts.is_empty() {
                PageStatus::UnknownSource
            } else {
                PageStatus::StaleFacts
            };
            return p;
        };
        let mut old_doc = Document::from_text(&doc.source.path, &old);
        old_doc.set_english();
        p.facts = fact_changes_to(
            &model::build(&old_doc, &Vocabulary::default()).api,
            &current.facts,
        );
        // the English lines a plain page was translated from are its segments
        let body = crate::front_matter::body_start(&old);
        let first_line = old[..body].lines().count();
        let mut in_fence = false;
        let ids: Vec<String> = (0..old.lines().count())
            .map(|i| format!("line-{}", i + 1))
            .collect();
        let segs: Vec<align::Segment<'_>> = old
            .lines()
            .enumerate()
            .skip(first_line)
            .filter(|(_, l)| {
                if l.trim_start().starts_with("```") {
                    in_fence = !in_fence;
                    return false;
                }
                !in_fence && l.chars().any(char::is_alphanumeric)
            })
            .map(|(i, l)| align::Segment {
                id: &ids[i],
                line: i as u32 + 1,
                english: l,
            })
            .collect();
        let (aligned, added) = align::align_with(&segs, &old, &current.prepared, cx.diffs);
        // the English front matter it was translated from is known
        let front = align::front_matter_added(&current.prepared, &segs, |key| {
            old_doc
                .front_matter
                .as_ref()
                .and_then(|f| f.get_str(key))
                .map_or(align::FrontValue::Missing, align::FrontValue::English)
        });
        settle(&mut p, aligned, [front, added].concat());
        return p;
    }
    let half = doc.extract(crate::sxs::Side::Source);
    let key = half_key(rel, &half);
    p.facts = cx.halves.of_keyed(doc, &half, key, &current.facts);
    let segs = align::segments_of(doc);
    let (aligned, added) = cx
        .alignments
        .align(key, &segs, &half, &current.prepared, cx.diffs);
    // a span-pair page's front matter holds its translated values only
    let front = align::front_matter_added(&current.prepared, &segs, |key| {
        match doc.front_matter.as_ref().and_then(|f| f.get_str(key)) {
            Some(_) => align::FrontValue::Translated,
            None => align::FrontValue::Missing,
        }
    });
    settle(&mut p, aligned, [front, added].concat());
    // the translations of the segments reported (unchanged ones are not)
    if !p.segments.is_empty() {
        let text = &doc.source.text;
        // first segment of an id wins (ids repeat only in malformed files)
        let targets: std::collections::HashMap<&str, &str> = doc
            .segments
            .iter()
            .rev()
            .map(|s| (s.id.as_str(), s.target_text(text)))
            .collect();
        for a in &mut p.segments {
            a.translation = targets.get(a.id.as_str()).map(|t| t.to_string());
        }
    }
    p
}

/// Counts, words to translate and status from an alignment.
fn settle(p: &mut PageDrift, aligned: Vec<Aligned>, added: Vec<Added>) {
    // segments merged into one sentence became the same text: its words
    // are to translate once
    let mut counted = std::collections::HashSet::new();
    for a in &aligned {
        match a.status {
            SegmentStatus::Unchanged => p.unchanged += 1,
            SegmentStatus::Changed => {
                p.changed += 1;
                let after = a.after.as_deref().unwrap_or("");
                if counted.insert(after) {
                    p.words += align::words(after);
                }
            }
            SegmentStatus::Removed => p.removed += 1,
        }
    }
    p.words += added.iter().map(|a| a.words).sum::<usize>();
    p.status = if !p.facts.is_empty() {
        PageStatus::StaleFacts
    } else if p.changed + p.removed + added.len() > 0 {
        PageStatus::StaleProse
    } else {
        PageStatus::Current
    };
    p.segments = aligned
        .into_iter()
        .filter(|a| a.status != SegmentStatus::Unchanged)
        .collect();
    // (collected in place: without this, a page kept for the report would
    // keep room for every segment of the page, unchanged ones included)
    p.segments.shrink_to_fit();
    p.added = added;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(name: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
        std::fs::read_to_string(dir.join(name)).expect("seed")
    }

    #[test]
    fn english_half_changes_depend_on_the_body_and_the_english_page_alone() {
        // seed 002 has front matter, 000 none
        for name in ["002.md", "000.md"] {
            let text = seed(name);
            let other = match text.strip_prefix("---\n") {
                // another locale's front matter, a line longer
                Some(rest) => format!(
                    "---\nms.contentlocale: de-DE\ndoc_type: conceptualPageType\n{}",
                    rest.replacen("ms.contentlocale: ja-JP\n", "", 1)
                ),
                None => text.clone(),
            };
            let direct = |t: &str| {
                let half = Document::from_text(name, t).english_half();
                facts_value(&model::build(&half, &Vocabulary::default()).api)
            };
            let facts = direct(&text);
            assert!(facts.get("endpoints").is_some(), "{name}: {facts}");
            assert_eq!(direct(&other), facts, "{name}");
            // the current English: a method changed, so there are changes
            let edited = text.replacen("POST /", "PATCH /", 1);
            assert_ne!(edited, text);
            let current = direct(&edited);
            let changes = fact_changes_between(&facts, &current);
            assert!(!changes.is_empty(), "{name}");
            let json = |c: &[FactChange]| serde_json::to_string(c).unwrap();
            let memo = HalfChanges::default();
            let of = |t: &str, rel: &str, current: &serde_json::Value| {
                let doc = Document::from_text(name, t);
                json(&memo.of(&doc, &doc.extract(crate::sxs::Side::Source), rel, current))
            };
            for t in [&text, &other, &text] {
                assert_eq!(of(t, "a.md", &current), json(&changes), "{name}");
            }
            assert_eq!(memo.0.len(), 1, "{name}");
            // another body, or another English page, is another entry
            assert_eq!(of(&edited, "a.md", &current), "[]", "{name}");
            assert_eq!(of(&text, "b.md", &facts), "[]", "{name}");
            assert_eq!(memo.0.len(), 3, "{name}");
        }
    }

    #[test]
    fn english_halves_with_pairs_of_their_own_are_not_remembered() {
        // a pair nested in an English half stays a pair in the half, and
        // the half learns labels from its whole text, front matter included
        let nested = |label: &str| {
            format!(
                "---\nx: <span data-ttu-id=\"o\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"o\"><span>\n\
                 | <span data-ttu-id=\"1\">{label}</span><span class=\"sxs-lookup\"><span data-stu-id=\"1\">Application</span></span> |\n\
                 </span></span></span>\n---\n# <a name=\"a\"></a>A\n\n\
                 ## <a name=\"permissions\"></a>Permissions\n\n\
                 | Permission type | Permissions |\n|:--|:--|\n| Anwendung | User.Read.All |\n"
            )
        };
        let memo = HalfChanges::default();
        let none = serde_json::Value::Object(Default::default());
        for label in ["Anwendung", "Other"] {
            let text = nested(label);
            let half = Document::from_text("p.md", &text).english_half();
            let direct = facts_value(&model::build(&half, &Vocabulary::default()).api);
            assert!(!half.segments.is_empty(), "{label}: the nested pair stays");
            let changes = serde_json::to_string(&fact_changes_between(&direct, &none)).unwrap();
            assert_ne!(changes, "[]", "{label}");
            let doc = Document::from_text("p.md", &text);
            let half_text = doc.extract(crate::sxs::Side::Source);
            assert_eq!(
                serde_json::to_string(&memo.of(&doc, &half_text, "p.md", &none)).unwrap(),
                changes,
                "{label}"
            );
            assert_eq!(memo.0.len(), 0, "{label}");
        }
    }

    /// Segments merged into one sentence changed into the same text: its
    /// words are to translate once.
    #[test]
    fn a_sentence_two_segments_became_counts_once() {
        let changed = |id: &str| Aligned {
            id: id.to_string(),
            status: SegmentStatus::Changed,
            before: String::new(),
            after: Some("Sign in first, then call the API.".to_string()),
            diff: None,
            translation: None,
        };
        let mut p = PageDrift::new("de-DE".into(), "a.md".into(), PageStatus::Current);
        settle(&mut p, vec![changed("m-1"), changed("m-2")], Vec::new());
        assert_eq!((p.changed, p.words), (2, 7));
    }
}
