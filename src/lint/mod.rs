//! The linter: runs the rules of `crate::rules` over documents, locales and
//! cross-locale groups, and applies configuration, inline suppressions and
//! the baseline.
//!
//! Rules are plain functions over a context ([`DocCtx`], [`SegCtx`],
//! [`LocaleCtx`], [`GroupCtx`]); the engine knows nothing about any rule.

pub mod baseline;
pub mod changed;
pub mod config;
pub mod engine;
pub mod page;
pub mod report;
pub mod segment;
pub mod suppress;
pub mod tokens;
pub mod xl;

use crate::diagnostic::Severity;
use crate::document::Document;
use crate::markdown::Outline;
use crate::model::vocabulary::Lookup;
use crate::model::PageModel;
use crate::sxs::Segment;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A lint rule: metadata and its check.
pub struct Rule {
    /// Stable id, e.g. `placeholder-mismatch`.
    pub id: &'static str,
    pub severity: Severity,
    /// One line for `locdoc rules`.
    pub summary: &'static str,
    pub check: Check,
}

/// What a rule looks at.
pub enum Check {
    /// One document (its model, outline and text).
    Document(fn(&DocCtx, &mut Vec<Finding>)),
    /// One span-pair segment.
    Segment(SegmentCheck),
    /// All segments of one language.
    Locale(fn(&LocaleCtx, &mut Vec<Finding>)),
    /// Pages describing the same API across locales.
    Group(fn(&GroupCtx, &mut Vec<Finding>)),
    /// Reported by the engine itself (e.g. unused suppressions).
    Engine,
}

/// A segment rule's check.
pub type SegmentCheck = fn(&SegCtx, &mut Vec<Finding>);

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    pub path: String,
    pub line: u32,
    pub column: u32,
    /// Column after the flagged text on `line` (0 when unknown).
    pub end_column: u32,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// For span-pair findings: the localized half.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// For span-pair findings: the English half.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Language-neutral location (segment id, model field, …) used by the
    /// baseline fingerprint instead of line numbers.
    pub key: String,
}

impl Finding {
    pub fn new(rule: &Rule, path: &str, (line, column): (u32, u32), message: String) -> Finding {
        Finding {
            path: path.to_string(),
            line,
            column,
            end_column: 0,
            rule: rule.id,
            severity: rule.severity,
            message,
            target: None,
            source: None,
            key: String::new(),
        }
    }

    pub fn key(mut self, key: impl Into<String>) -> Finding {
        self.key = key.into();
        self
    }
}

/// Context of document rules.
pub struct DocCtx<'a> {
    pub doc: &'a Document,
    pub model: &'a PageModel,
    /// The localized Markdown (localized halves for span-pair files).
    pub localized: &'a str,
    pub outline: &'a Outline,
    /// The code and HTML blocks and the links of the localized Markdown,
    /// from the outline's parse.
    pub scan: &'a page::Scan,
    pub lookup: &'a Lookup<'a>,
    /// Scopes of `concepts/permissions-reference.md`, when in the tree.
    pub catalogue: Option<&'a BTreeSet<String>>,
    /// Views of the document computed once for all rules.
    pub cache: DocCache,
    /// File system answers shared by the documents of a run.
    pub files: &'a page::FileCache,
    /// Language detections shared by the documents of a run.
    pub languages: &'a crate::locale::Memo,
}

/// Views of a document that several rules need, computed on first use.
#[derive(Default)]
pub struct DocCache {
    pub english_outline: std::cell::OnceCell<Option<Outline>>,
    /// The HTTP message of each code block of the scan, parsed on first use.
    pub messages: std::cell::OnceCell<Vec<std::cell::OnceCell<Option<page::Message>>>>,
}

impl DocCtx<'_> {
    pub fn path(&self) -> &str {
        &self.doc.source.path
    }

    /// A finding at a 1-based line of the document (column 1).
    pub fn at_line(&self, rule: &Rule, line: u32, message: String) -> Finding {
        Finding::new(rule, self.path(), (line.max(1), 1), message)
    }

    /// The line of the first section with `key`, else 1.
    pub fn section_line(&self, key: &str) -> u32 {
        self.outline
            .sections
            .iter()
            .find(|s| s.key() == key)
            .map_or(1, |s| s.line)
    }

    /// The line of the first line of the source text containing `needle`.
    pub fn line_of(&self, needle: &str) -> u32 {
        self.doc
            .source
            .text
            .find(needle)
            .map_or(1, |i| self.doc.source.line_col(i).0)
    }
}

/// Context of segment rules.
pub struct SegCtx<'a> {
    pub doc: &'a Document,
    pub seg: &'a Segment,
    /// The localized half.
    pub target: &'a str,
    /// The English half.
    pub source: &'a str,
    /// Language of the document (`ja`).
    pub lang: &'a str,
}

impl SegCtx<'_> {
    /// A finding on this segment, with both halves attached.
    pub fn finding(&self, rule: &Rule, message: String) -> Finding {
        let mut f = Finding::new(
            rule,
            &self.doc.source.path,
            (self.seg.line, self.seg.column),
            message,
        )
        .key(self.seg.id.clone());
        let len = self.doc.source.text[self.seg.range.clone()].chars().count() as u32;
        let line_len = self.doc.source.line_text(self.seg.line).chars().count() as u32;
        f.end_column = (self.seg.column + len).min(line_len + 1);
        f.target = Some(self.target.to_string());
        f.source = Some(self.source.to_string());
        f
    }
}

/// One segment, kept for locale-wide rules: a segment whose halves differ
/// (white space at their ends aside) and whose localized half is not
/// empty.
#[derive(Debug, Clone)]
pub struct SegmentEntry {
    /// The page's path and segment ids, shared by the page's entries.
    pub page: std::sync::Arc<EntryPage>,
    pub line: u32,
    pub column: u32,
    /// Where the segment's id is in `page.ids`.
    id: (u32, u32),
    /// The halves; equal texts share one allocation across the run.
    pub source: std::sync::Arc<str>,
    pub target: std::sync::Arc<str>,
}

impl SegmentEntry {
    pub fn new(
        page: std::sync::Arc<EntryPage>,
        (line, column): (u32, u32),
        id: (u32, u32),
        (source, target): (std::sync::Arc<str>, std::sync::Arc<str>),
    ) -> SegmentEntry {
        SegmentEntry {
            page,
            line,
            column,
            id,
            source,
            target,
        }
    }

    pub fn path(&self) -> &str {
        &self.page.path
    }

    /// The segment's id (`data-ttu-id`).
    pub fn id(&self) -> &str {
        self.page
            .ids
            .get(self.id.0 as usize..self.id.1 as usize)
            .unwrap_or_default()
    }
}

/// What the entries of one page share: one allocation per page, not one
/// per segment.
#[derive(Debug, Default)]
pub struct EntryPage {
    pub path: String,
    /// The ids of the page's entries, one after another.
    pub ids: String,
}

/// Context of locale rules: every short segment of one language.
pub struct LocaleCtx<'a> {
    pub lang: &'a str,
    pub entries: &'a [SegmentEntry],
}

/// What the engine keeps of each page for cross-locale rules: the neutral
/// model without example payloads and annotations, and fingerprints of
/// the page's structure.
#[derive(Debug, Clone)]
pub struct PageSummary {
    pub model: PageModel,
    /// Line of each heading's section, in the order of `model.api.sections`
    /// (the keys are not stored twice).
    pub section_lines: Vec<u32>,
    /// Link targets of the page (paragraphs, lists, tables) as written,
    /// sorted, with their repeats (how often a target is linked tells a
    /// changed link from an added one).
    pub links: Vec<String>,
    /// Markdown structure counts: (tables, code blocks).
    pub shape: (usize, usize),
    /// The English version the page was translated from: `ms.sourcegitcommit`
    /// when known, else `sxs:<id prefix>` for span-pair pages (the prefix is
    /// derived from the source file version, so equal pages translated from
    /// different English versions carry different prefixes).
    pub source_version: Option<String>,
    /// The comparable endpoint set ([`xl::endpoint_keys`]), compared by
    /// every group rule on endpoints.
    pub endpoint_keys: Option<std::sync::Arc<std::collections::BTreeSet<String>>>,
}

impl PageSummary {
    pub fn path(&self) -> &str {
        &self.model.page.path
    }

    pub fn locale(&self) -> &str {
        &self.model.page.locale.tag
    }

    /// The line of the first section with heading key `key`, if any. Only
    /// sections under a heading have a key here: the text before a page's
    /// first heading is not found by any key.
    pub fn section_line(&self, key: &str) -> Option<u32> {
        let i = self.model.api.sections.iter().position(|k| k == key)?;
        self.section_lines.get(i).copied()
    }

    /// [`PageSummary::section_line`], else 1.
    pub fn line(&self, key: &str) -> u32 {
        self.section_line(key).unwrap_or(1)
    }
}

/// Context of cross-locale rules.
pub struct GroupCtx<'a> {
    pub key: &'a str,
    pub members: Vec<&'a PageSummary>,
    /// Index in `members` of the English page, when `--source` gave one.
    pub english: Option<usize>,
    /// Was an English source tree given?
    pub has_source: bool,
    /// Every translation locale of the run (tags), sorted.
    pub locales: &'a BTreeSet<String>,
    /// Link targets resolved in the run (see [`xl::LinkTargets`]).
    pub links: &'a xl::LinkTargets,
}

impl GroupCtx<'_> {
    pub fn finding(
        &self,
        rule: &Rule,
        member: &PageSummary,
        key: &str,
        message: String,
    ) -> Finding {
        Finding::new(rule, member.path(), (member.line(key), 1), message)
            .key(format!("{}:{key}", self.key))
    }

    /// Translations only (English reference excluded).
    pub fn translations(&self) -> impl Iterator<Item = &PageSummary> + '_ {
        self.members
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != self.english)
            .map(|(_, m)| *m)
    }

    /// The reference value of a field: the English page's when given, else
    /// the value most members state (ties: the smallest, for determinism).
    pub fn reference<T: Ord + Clone>(
        &self,
        value: impl Fn(&PageSummary) -> Option<T>,
    ) -> Option<T> {
        if let Some(e) = self.english {
            return value(self.members[e]);
        }
        let mut counts: BTreeMap<T, usize> = BTreeMap::new();
        for m in &self.members {
            if let Some(v) = value(m) {
                *counts.entry(v).or_default() += 1;
            }
        }
        let max = counts.values().copied().max()?;
        counts.into_iter().find(|(_, n)| *n == max).map(|(v, _)| v)
    }

    /// "ja-JP, zh-CN" for the members stating `v`.
    pub fn locales_with<T: PartialEq>(
        &self,
        v: &T,
        value: impl Fn(&PageSummary) -> Option<T>,
    ) -> String {
        let mut l: Vec<&str> = self
            .members
            .iter()
            .filter(|m| value(m).as_ref() == Some(v))
            .map(|m| m.locale())
            .collect();
        l.sort();
        l.dedup();
        l.join(", ")
    }
}
