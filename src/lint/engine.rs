//! Running the rules: documents in parallel (read → model → document and
//! segment rules → summary), then locale-wide rules, then cross-locale
//! groups; then configuration, suppressions and ordering.

use super::config::Config;
use super::{
    suppress, Check, DocCtx, EntryPage, Finding, GroupCtx, LocaleCtx, PageSummary, SegCtx,
    SegmentEntry,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Form};
use crate::markdown::{self, Block};
use crate::model::{self, compare, vocabulary, vocabulary::Lookup, Vocabulary};
use crate::rules::RULES;
use crate::timing::{Phase, Tally};
use crate::workspace::Run;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

/// What to lint.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    /// The English source tree: the reference for cross-locale rules.
    pub source: Option<PathBuf>,
    pub config: Config,
    /// Incremental run: lint only these files and the pages grouped with
    /// them across locales, and report only findings on those pages.
    pub changed: Option<Vec<PathBuf>>,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Problems reading inputs (not rule findings).
    pub diagnostics: Vec<Diagnostic>,
    /// Documents read.
    pub documents: usize,
}

/// Segments longer than this are not compared across a locale.
const MAX_ENTRY: usize = 300;

/// A checked document: where it came from (source tree?, input index),
/// its result, and the phrases it looked up in the (empty) run vocabulary.
struct Checked {
    input: (bool, usize),
    result: DocResult,
    queries: Vec<(String, String)>,
}

struct DocResult {
    findings: Vec<Finding>,
    diagnostics: Vec<Diagnostic>,
    summary: PageSummary,
    entries: PageEntries,
}

/// A page's segments for the locale rules, as a worker sends them: their
/// texts in one buffer, so that a text already kept by the run costs no
/// allocation (the calling thread shares the kept one).
#[derive(Default)]
struct PageEntries {
    page: std::sync::Arc<EntryPage>,
    /// The halves of the kept segments, one after another.
    texts: String,
    kept: Vec<Kept>,
}

/// A kept segment: (line, column), then where its id is in `page.ids` and
/// where its English and localized halves are in `texts`.
type Kept = ((u32, u32), (u32, u32), (u32, u32), (u32, u32));

/// Lints the documents of `opts`.
pub fn lint(opts: &Options) -> Outcome {
    lint_with(opts, Tables::Free)
}

/// [`lint`] for a process that exits once it has reported the outcome:
/// the run's tables (the pages' summaries and groups, the segments of the
/// locale rules, the run's vocabulary and caches: a million allocations on
/// a large tree) are left to the exit instead of freed one by one, which
/// took 0.1 s of two threads on the span-pair corpus.
pub fn lint_then_exit(opts: &Options) -> Outcome {
    lint_with(opts, Tables::LeaveToExit)
}

/// What becomes of a run's tables once its findings are complete.
#[derive(Clone, Copy)]
enum Tables {
    Free,
    LeaveToExit,
}

fn lint_with(opts: &Options, tables_after: Tables) -> Outcome {
    let phase = Phase::start("discover");
    // the two trees are walked side by side
    let (run, source_run) = rayon::join(
        || Run::discover(&opts.paths),
        || {
            opts.source
                .as_ref()
                .map(|s| Run::discover(std::slice::from_ref(s)))
        },
    );
    let mut out = Outcome::default();
    out.diagnostics.extend(run.diagnostics.iter().cloned());
    if let Some(s) = &source_run {
        out.diagnostics.extend(s.diagnostics.iter().cloned());
    }
    // rules switched off everywhere are not run at all
    let active: Vec<&'static super::Rule> = RULES
        .iter()
        .copied()
        .filter(|r| opts.config.enabled(r.id))
        .collect();
    let active = &active[..];
    let catalogue = catalogue(&run, source_run.as_ref());
    phase.end(format_args!(
        "{} inputs",
        run.inputs.len() + source_run.as_ref().map_or(0, |s| s.inputs.len())
    ));
    // incremental: the changed pages and their group mates only
    let (run, source_run, changed) = match &opts.changed {
        None => (run, source_run, None),
        Some(files) => {
            let mut runs = vec![&run];
            runs.extend(source_run.as_ref());
            let sel = super::changed::select(&runs, files);
            let pick = |r: &Run, keep: &[bool]| Run {
                inputs: r
                    .inputs
                    .iter()
                    .zip(keep)
                    .filter(|(_, k)| **k)
                    .map(|(i, _)| i.clone())
                    .collect(),
                diagnostics: Vec::new(),
            };
            let picked = pick(&run, &sel.keep[0]);
            let picked_source = source_run.as_ref().map(|s| pick(s, &sel.keep[1]));
            (picked, picked_source, Some(sel.changed))
        }
    };
    // One pass: each document is checked with its own span pairs while the
    // run's vocabulary is learned; a document is checked again at the end
    // only if a phrase it looked up past its own pairs is in that vocabulary.
    let phase = Phase::start("documents");
    let tally = tally(active);
    let mut shared = super::page::RunCache::default();
    let empty = Vocabulary::default();
    let mut learned = Vocabulary::default();
    // sized once: a run keeps one `Checked` per document until the end
    let mut done: Vec<Checked> =
        Vec::with_capacity(run.inputs.len() + source_run.as_ref().map_or(0, |s| s.inputs.len()));
    // segments for locale rules, by language, in input order; equal texts
    // share one allocation (they do not depend on the vocabulary)
    let mut entries: BTreeMap<String, Vec<SegmentEntry>> = BTreeMap::new();
    let mut kept_texts = Interner::default();
    let runs = [(Some(&run), false), (source_run.as_ref(), true)];
    for (r, english) in runs {
        let Some(r) = r else { continue };
        r.for_each_indexed(
            |i, doc| {
                doc.and_then(|mut d| {
                    // the page's own table-cell pairs: learned once, for its
                    // lookups and for the run's vocabulary
                    let mut own = Vocabulary::default();
                    if english {
                        d.set_english();
                    } else {
                        own.learn_labels(&d);
                    }
                    let lookup = Lookup::with_own(own, &empty);
                    let (res, queries) = guarded(&d, || {
                        check_document(&d, &lookup, catalogue.as_ref(), &shared, active, &tally)
                    })?;
                    Ok((i, res, queries, lookup.into_own().unwrap_or_default()))
                })
            },
            |res| match res {
                Err(d) => out.diagnostics.push(d),
                Ok((i, mut r, queries, v)) => {
                    learned.merge(v);
                    if !r.entries.kept.is_empty() {
                        let lang = r.summary.model.page.locale.language().to_string();
                        let list = entries.entry(lang).or_default();
                        let PageEntries { page, texts, kept } = std::mem::take(&mut r.entries);
                        let text = |(from, to): (u32, u32)| &texts[from as usize..to as usize];
                        list.extend(kept.into_iter().filter_map(|(at, id, source, target)| {
                            let halves = (
                                kept_texts.prose(text(source))?,
                                kept_texts.text(text(target)),
                            );
                            Some(SegmentEntry::new(page.clone(), at, id, halves))
                        }));
                    }
                    if queries.is_empty() {
                        // final: findings need not wait
                        out.findings.append(&mut r.findings);
                        out.diagnostics.append(&mut r.diagnostics);
                    }
                    done.push(Checked {
                        input: (english, i),
                        result: r,
                        queries,
                    });
                }
            },
        );
    }
    let again: Vec<usize> = (0..done.len())
        .filter(|&k| {
            !done[k].queries.is_empty() && vocabulary::answers_any(&learned, &done[k].queries)
        })
        .collect();
    let redone: Vec<Option<DocResult>> = again
        .par_iter()
        .map(|&k| {
            let (english, i) = done[k].input;
            let r = if english { source_run.as_ref()? } else { &run };
            let mut d = Document::read(&r.inputs[i]).ok()?;
            if english {
                d.set_english();
            }
            let lookup = Lookup::new(&d, &learned);
            guarded(&d, || {
                check_document(&d, &lookup, catalogue.as_ref(), &shared, active, &tally).0
            })
            .ok()
        })
        .collect();
    for (k, r) in again.iter().zip(redone) {
        if let Some(r) = r {
            done[*k].result = r;
        }
    }
    phase.end(format_args!(
        "{} of {} checked again with the run vocabulary, {} segments of {} texts kept for locale rules",
        again.len(),
        done.len(),
        entries.values().map(Vec::len).sum::<usize>(),
        kept_texts.texts.len()
    ));
    tally.print("documents");
    // (what the later phases do not read is freed before they allocate)
    drop((kept_texts, std::mem::take(&mut shared.segments)));
    for c in &mut done {
        out.documents += 1;
        out.findings.append(&mut c.result.findings);
        out.diagnostics.append(&mut c.result.diagnostics);
    }
    // in place: the summaries take over the checked documents' allocation
    let summaries: Vec<PageSummary> = done.into_iter().map(|c| c.result.summary).collect();
    // The locale rules (a few languages, one task each) and the group
    // rules run side by side: neither waits for the other's slowest task.
    let phase = Phase::start("locale and group rules");
    let tally = Tally::new(active.iter().map(|r| r.id).collect());
    let (locale_findings, (groups, group_findings)) = rayon::join(
        || locale_rules(&entries, active),
        || {
            let groups = compare::partition(summaries.iter().map(|s| &s.model));
            let found = group_rules(&groups, &summaries, source_run.is_some(), active, &tally);
            (groups, found)
        },
    );
    out.findings.extend(locale_findings);
    out.findings.extend(group_findings);
    phase.end(format_args!(
        "{} languages, {} groups",
        entries.len(),
        groups.len()
    ));
    tally.print("group rules");
    if let Some(changed) = &changed {
        // the changed pages and the members of their groups
        let mut report: BTreeSet<&str> = changed.iter().map(String::as_str).collect();
        for (_, members) in &groups {
            if members
                .iter()
                .any(|&i| changed.contains(summaries[i].path()))
            {
                report.extend(members.iter().map(|&i| summaries[i].path()));
            }
        }
        out.findings.retain(|f| report.contains(f.path.as_str()));
    }
    let phase = Phase::start("finish");
    finish(&mut out, &opts.config);
    phase.end(format_args!("{} findings", out.findings.len()));
    // the run's tables are freed on two threads (serially, freeing them
    // took half a second for the full corpus), before the caller reports:
    // freed while it reports, they would add to the peak memory; a caller
    // that exits after reporting leaves them to the exit
    let phase = Phase::start("free");
    let tables = (groups, summaries, entries, learned, shared);
    match tables_after {
        Tables::Free => {
            let (groups, summaries, entries, learned, shared) = tables;
            rayon::join(
                move || drop((groups, summaries)),
                move || drop((entries, learned, shared)),
            );
        }
        // (the memory is the process's until it exits, which gives it all
        // back at once)
        Tables::LeaveToExit => std::mem::forget(tables),
    }
    phase.end(format_args!(""));
    out
}

/// The findings of the locale rules, one language per task.
fn locale_rules(
    entries: &BTreeMap<String, Vec<SegmentEntry>>,
    active: &[&'static super::Rule],
) -> Vec<Finding> {
    let found: Vec<Vec<Finding>> = entries
        .par_iter()
        .map(|(lang, es)| {
            let ctx = LocaleCtx { lang, entries: es };
            let mut found = Vec::new();
            for rule in active {
                if let Check::Locale(f) = rule.check {
                    f(&ctx, &mut found);
                }
            }
            found
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// The findings of the group rules, one group per task.
fn group_rules(
    groups: &[(String, Vec<usize>)],
    summaries: &[PageSummary],
    has_source: bool,
    active: &[&'static super::Rule],
    tally: &Tally,
) -> Vec<Finding> {
    let locales: BTreeSet<String> = summaries
        .iter()
        .filter(|s| s.model.page.form != Form::English)
        .map(|s| s.model.page.locale.tag.clone())
        .collect();
    let links = super::xl::LinkTargets::default();
    let found: Vec<Vec<Finding>> = groups
        .par_iter()
        .map(|(key, members)| {
            let members: Vec<&PageSummary> = members.iter().map(|&i| &summaries[i]).collect();
            let english = members
                .iter()
                .position(|m| m.model.page.form == Form::English);
            let ctx = GroupCtx {
                key,
                members,
                english,
                has_source,
                locales: &locales,
                links: &links,
            };
            let mut found = Vec::new();
            for (k, rule) in active.iter().enumerate() {
                if let Check::Group(f) = rule.check {
                    tally.time(k, || f(&ctx, &mut found));
                }
            }
            found
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// Applies configuration (selection, severities, overrides) and sorts.
fn finish(out: &mut Outcome, config: &Config) {
    out.findings
        .retain_mut(|f| match config.effective(f.rule, f.severity, &f.path) {
            Some(s) => {
                f.severity = s;
                true
            }
            None => false,
        });
    // stable, as `sort`: the same order on any number of threads
    out.findings.par_sort();
    out.findings.dedup();
    out.diagnostics.sort();
    out.diagnostics.dedup();
}

/// Scopes of `concepts/permissions-reference.md` (source tree first).
fn catalogue(run: &Run, source: Option<&Run>) -> Option<BTreeSet<String>> {
    let input = source
        .into_iter()
        .chain([run])
        .flat_map(|r| &r.inputs)
        .find(|i| i.path.ends_with("concepts/permissions-reference.md"))?;
    let doc = Document::read(input).ok()?;
    let text = doc.localized_text();
    let outline = markdown::outline(&text, crate::front_matter::body_start(&text));
    let mut scopes = BTreeSet::new();
    for s in &outline.sections {
        for b in &s.blocks {
            if let Block::Table { rows, .. } = b {
                for r in rows {
                    if let Some(c) = r.first() {
                        let c = c.trim().trim_matches(['_', '*', '`']);
                        if !c.is_empty()
                            && !c.contains(' ')
                            && c.chars().all(|ch| {
                                ch.is_ascii_alphanumeric() || ch == '.' || ch == '_' || ch == '-'
                            })
                        {
                            scopes.insert(c.to_string());
                        }
                    }
                }
            }
        }
    }
    (scopes.len() > 10).then_some(scopes)
}

/// Runs the checks of one document so that a defect of locdoc itself (a
/// panic in a rule) costs that document's findings, not the run: the
/// document gets an `internal-error` diagnostic and the run goes on.
fn guarded<T>(doc: &Document, f: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|e| {
        let what = e
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Diagnostic::file(
            &doc.source.path,
            crate::diagnostic::Severity::Error,
            "internal-error",
            format!("locdoc failed on this file and skipped its checks (please report it): {what}"),
        )
    })
}

/// The steps of [`check_document`] timed with `LOCDOC_TIMING`: the
/// outline, the model, the summary, then each active rule.
fn tally(active: &[&'static super::Rule]) -> Tally {
    let mut names = vec!["(outline)", "(model)", "(summary)"];
    names.extend(active.iter().map(|r| r.id));
    Tally::new(names)
}

fn check_document(
    doc: &Document,
    lookup: &Lookup<'_>,
    catalogue: Option<&BTreeSet<String>>,
    shared: &super::page::RunCache,
    active: &[&'static super::Rule],
    tally: &Tally,
) -> (DocResult, Vec<(String, String)>) {
    let localized = doc.localized_text();
    let (outline, scan) = tally.time(0, || {
        markdown::outline_scanned(&localized, crate::front_matter::body_start(&localized))
    });
    let model = tally.time(1, || model::build_from(doc, &outline, lookup));
    let mut findings = Vec::new();
    let ctx = DocCtx {
        doc,
        model: &model,
        localized: &localized,
        outline: &outline,
        scan: &scan,
        lookup,
        catalogue,
        cache: Default::default(),
        files: &shared.files,
        languages: &shared.languages,
    };
    for (k, rule) in active.iter().enumerate() {
        if let Check::Document(f) = rule.check {
            tally.time(3 + k, || f(&ctx, &mut findings));
        }
    }
    if doc.form == Form::SpanPair && !doc.locale.is_english() {
        segment_checks(doc, active, &shared.segments, tally, &mut findings);
    }
    tally.time(2, || {
        summarize(doc, lookup, findings, &outline, scan, model, active)
    })
}

/// What the segment rules say about one segment, by its locale and halves
/// (`tag\0length of the English half\0English localized`): each rule
/// (its index among the run's active rules) and message. A segment rule is
/// a function of these alone (its finding's place is the segment's), and
/// most segments of a docs set repeat (in the span-pair corpus, 1.9 M
/// segments are 317 k distinct): the rules run once per distinct segment.
#[derive(Debug, Default)]
pub struct SegmentMemo(crate::hash::Memo<Box<str>, Vec<(usize, String)>>);

/// Segments whose halves are longer together are checked without the memo:
/// they seldom repeat, and would make most of its memory.
const MEMO_MAX_BYTES: usize = 320;

/// The findings of the segment rules on each segment of a translated
/// span-pair document.
fn segment_checks(
    doc: &Document,
    active: &[&'static super::Rule],
    memo: &SegmentMemo,
    tally: &Tally,
    findings: &mut Vec<Finding>,
) {
    let rules: Vec<(usize, super::SegmentCheck)> = active
        .iter()
        .enumerate()
        .filter_map(|(k, r)| match r.check {
            Check::Segment(f) => Some((k, f)),
            _ => None,
        })
        .collect();
    if rules.is_empty() {
        return;
    }
    let text = &doc.source.text;
    let (tag, lang) = (&doc.locale.tag, doc.locale.language());
    let mut key = String::new();
    for seg in &doc.segments {
        let ctx = SegCtx {
            doc,
            seg,
            target: seg.target_text(text),
            source: seg.source_text(text),
            lang,
        };
        // the findings of every segment rule, and each rule's messages
        // noted in `said` when given
        let check = |out: &mut Vec<Finding>, mut said: Option<&mut Vec<(usize, String)>>| {
            for &(k, f) in &rules {
                let from = out.len();
                tally.time(3 + k, || f(&ctx, out));
                if let Some(said) = said.as_deref_mut() {
                    for found in &out[from..] {
                        // a replay is the finding itself: a segment rule's
                        // finding is `SegCtx::finding` of its message
                        debug_assert_eq!(*found, ctx.finding(active[k], found.message.clone()));
                        said.push((k, found.message.clone()));
                    }
                }
            }
        };
        if ctx.source.len() + ctx.target.len() > MEMO_MAX_BYTES {
            check(findings, None);
            continue;
        }
        memo_key(&mut key, tag, ctx.source, ctx.target);
        let mut computed = None;
        let said = memo.0.get_or_insert_with(
            key.as_str(),
            |k: &str| Box::from(k),
            || {
                let (mut found, mut said) = (Vec::new(), Vec::new());
                check(&mut found, Some(&mut said));
                computed = Some(found);
                said
            },
        );
        match computed {
            Some(mut found) => findings.append(&mut found),
            None => findings.extend(
                said.into_iter()
                    .map(|(k, message)| ctx.finding(active[k], message)),
            ),
        }
    }
}

/// The [`SegmentMemo`] key of a segment, written into `key`. The English
/// half's length keeps it unambiguous when a half holds a NUL (`a\0b` +
/// `c` and `a` + `b\0c`).
fn memo_key(key: &mut String, tag: &str, source: &str, target: &str) {
    key.clear();
    let _ = write!(key, "{tag}\0{}\0", source.len());
    key.push_str(source);
    key.push_str(target);
}

/// The rest of [`check_document`]: reader diagnostics, suppressions, the
/// segments for the locale rules and the page's summary.
fn summarize(
    doc: &Document,
    lookup: &Lookup<'_>,
    mut findings: Vec<Finding>,
    outline: &markdown::Outline,
    scan: markdown::Scan,
    model: model::PageModel,
    active: &[&'static super::Rule],
) -> (DocResult, Vec<(String, String)>) {
    let text = &doc.source.text;
    let translated = doc.form == Form::SpanPair && !doc.locale.is_english();
    // Reader diagnostics whose code is a rule id are findings of that rule.
    let mut diagnostics = Vec::new();
    for d in &doc.diagnostics {
        match RULES.iter().find(|r| r.id == d.code) {
            Some(rule) => {
                let mut f = Finding::new(
                    rule,
                    &d.path,
                    (d.line.max(1), d.column.max(1)),
                    d.message.clone(),
                );
                f.key = format!("{}:{}", d.code, d.message);
                findings.push(f);
            }
            None => diagnostics.push(d.clone()),
        }
    }
    let mut sups = suppress::parse(text);
    if !sups.is_empty() {
        suppress::apply(&mut findings, &mut sups);
        if let Some(rule) = RULES.iter().find(|r| r.id == "unused-suppression") {
            for s in sups.iter().filter(|s| !s.used) {
                let what = if s.rules.is_empty() {
                    "every rule".to_string()
                } else {
                    s.rules.join(", ")
                };
                findings.push(
                    Finding::new(
                        rule,
                        &doc.source.path,
                        (s.line, s.column),
                        format!("suppression of {what} suppresses nothing"),
                    )
                    .key(format!(
                        "line-content:{}",
                        doc.source.line_text(s.line).trim()
                    )),
                );
            }
        }
    }
    let wants_entries = active.iter().any(|r| matches!(r.check, Check::Locale(_)));
    let entries = if translated && wants_entries {
        page_entries(doc)
    } else {
        PageEntries::default()
    };
    // aligned with `model.api.sections` (the sections under a heading)
    let section_lines = outline
        .sections
        .iter()
        .filter(|s| s.level > 0)
        .map(|s| s.line)
        .collect();
    let (mut tables, mut code) = (0, 0);
    for s in &outline.sections {
        for b in &s.blocks {
            match b {
                Block::Table { .. } => tables += 1,
                Block::Code { .. } => code += 1,
                Block::Paragraph { .. } | Block::Html { .. } => {}
            }
        }
    }
    // every link of the page, in paragraphs, lists and tables
    // (moved: the scan is not needed after this)
    let mut links: Vec<String> = scan.links.into_iter().map(|l| l.dest).collect();
    // cross-locale rules compare facts, not example payloads
    let mut model = model;
    model.api.annotations = Vec::new();
    for e in &mut model.api.examples {
        if let Some(r) = &mut e.response {
            r.body = None;
        }
    }
    let source_version = model
        .page
        .source_commit
        .clone()
        .or_else(|| doc.segments.first().map(|s| format!("sxs:{}", s.prefix())));
    let result = DocResult {
        findings,
        diagnostics,
        summary: PageSummary {
            source_version,
            endpoint_keys: super::xl::endpoint_keys(&model),
            model,
            section_lines,
            links: {
                links.sort_unstable();
                links
            },
            shape: (tables, code),
        },
        entries,
    };
    (result, lookup.shared_queries())
}

/// The segment texts kept for the locale rules: equal texts share one
/// allocation, and whether an English text has words to translate is
/// asked once per text.
#[derive(Default)]
struct Interner {
    /// Each kept text, and whether it has words to translate once asked.
    texts: crate::hash::Map<std::sync::Arc<str>, std::cell::Cell<Option<bool>>>,
}

impl Interner {
    /// The kept text equal to `t`.
    fn text(&mut self, t: &str) -> std::sync::Arc<str> {
        if let Some((kept, _)) = self.texts.get_key_value(t) {
            return kept.clone();
        }
        self.insert(t, None)
    }

    /// The kept English text equal to `t`; None when it has no word to
    /// translate (only identifiers, scopes, URLs, code or numbers): locale
    /// rules compare translations of prose.
    fn prose(&mut self, t: &str) -> Option<std::sync::Arc<str>> {
        let words = || super::tokens::has_translatable_line(t);
        if let Some((kept, prose)) = self.texts.get_key_value(t) {
            let answer = prose.get().unwrap_or_else(words);
            prose.set(Some(answer));
            return answer.then(|| kept.clone());
        }
        let answer = words();
        let kept = self.insert(t, Some(answer));
        answer.then_some(kept)
    }

    /// Keeps `t` (not kept yet).
    fn insert(&mut self, t: &str, prose: Option<bool>) -> std::sync::Arc<str> {
        let kept: std::sync::Arc<str> = t.into();
        self.texts.insert(kept.clone(), std::cell::Cell::new(prose));
        kept
    }
}

/// The segments of a translated page that the locale rules compare:
/// short ones whose halves differ and whose localized half is not empty
/// (identical halves are the segment rules' business).
fn page_entries(doc: &Document) -> PageEntries {
    let text = &doc.source.text;
    let mut e = PageEntries::default();
    let mut page = EntryPage {
        path: doc.source.path.clone(),
        ids: String::new(),
    };
    let at = |s: &String, from: usize| (from as u32, s.len() as u32);
    for s in &doc.segments {
        if s.target.len() > MAX_ENTRY {
            continue;
        }
        let (target, source) = (s.target_text(text).trim(), s.source_text(text).trim());
        if target.is_empty() || target == source {
            continue;
        }
        let from = page.ids.len();
        page.ids.push_str(&s.id);
        let id = at(&page.ids, from);
        let from = e.texts.len();
        e.texts.push_str(s.source_text(text));
        let source = at(&e.texts, from);
        let from = e.texts.len();
        e.texts.push_str(s.target_text(text));
        let target = at(&e.texts, from);
        e.kept.push(((s.line, s.column), id, source, target));
    }
    e.page = std::sync::Arc::new(page);
    e
}

/// Does any finding reach error level?
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::memo_key;

    #[test]
    fn memo_keys_tell_halves_apart() {
        let key = |tag: &str, source: &str, target: &str| {
            let mut k = String::new();
            memo_key(&mut k, tag, source, target);
            k
        };
        let cases = [
            ("ja-JP", "a\0b", "c"),
            ("ja-JP", "a", "b\0c"),
            ("ja-JP", "ab", "c"),
            ("ja-JP", "a", "bc"),
            ("ja-JP", "", "abc"),
            ("ja-JP", "abc", ""),
            ("zh-CN", "ab", "c"),
            ("ja-JP", "1\0ab", "c"),
        ];
        for (i, a) in cases.iter().enumerate() {
            for b in &cases[i + 1..] {
                assert_ne!(key(a.0, a.1, a.2), key(b.0, b.1, b.2), "{a:?} {b:?}");
            }
            assert_eq!(key(a.0, a.1, a.2), key(a.0, a.1, a.2));
        }
    }
}
