//! Span pairs ("side-by-side" Markdown): parsing and extraction.
//!
//! A translated segment is written as
//! `<span data-ttu-id="ID">localized</span><span class="sxs-lookup"><span data-stu-id="ID">English</span></span>`.
//! [`parse`] finds every pair with byte ranges for both halves; malformed
//! input (unclosed or nested spans, mismatched ids, stray halves) becomes a
//! diagnostic with a position, never a panic. [`extract`] rebuilds the
//! document with each pair replaced by one of its halves.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;
use memchr::memmem;
use serde::Serialize;
use std::ops::Range;

/// One translated segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The id of the localized half (`data-ttu-id`), e.g. `b0a86-p101`.
    pub id: String,
    /// The id of the English half (`data-stu-id`) where it differs from
    /// `id` (see [`Segment::source_id`]): nothing to allocate for the
    /// pairs of a well-formed file.
    other_source_id: Option<String>,
    /// Byte range of the whole pair.
    pub range: Range<usize>,
    /// Byte range of the localized text.
    pub target: Range<usize>,
    /// Byte range of the English text; `None` when the `sxs-lookup` half is missing.
    pub source: Option<Range<usize>>,
    pub line: u32,
    pub column: u32,
}

impl Segment {
    /// The id of the English half (`data-stu-id`); equal to `id` when well
    /// formed, and taken to be `id` when the pair ends before it.
    pub fn source_id(&self) -> &str {
        self.other_source_id.as_deref().unwrap_or(&self.id)
    }

    /// The id prefix (the part before the last `-`), e.g. `b0a86`.
    pub fn prefix(&self) -> &str {
        self.id.rsplit_once('-').map_or("", |(p, _)| p)
    }

    pub fn target_text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.target.clone()]
    }

    /// The English half; the localized half when the English one is
    /// missing or empty (the localized half then holds untouched source).
    pub fn source_text<'t>(&self, text: &'t str) -> &'t str {
        match &self.source {
            Some(r) if !r.is_empty() => &text[r.clone()],
            _ => &text[self.target.clone()],
        }
    }
}

/// Which half of each pair [`extract`] keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The localized half (`data-ttu-id`).
    Target,
    /// The English half (`data-stu-id`).
    Source,
}

/// Quick test used by form detection: does the text contain span pairs?
pub fn has_pairs(text: &str) -> bool {
    memmem::find(text.as_bytes(), b"sxs-lookup").is_some()
}

/// Whether reading `text` may find span pairs (or broken ones): a text
/// for which this is false is read without parsing for pairs, and has none.
pub fn may_hold_pairs(text: &str) -> bool {
    has_pairs(text) || text.contains("data-ttu-id")
}

/// Finds every span pair of `src`.
pub fn parse(src: &Source) -> (Vec<Segment>, Vec<Diagnostic>) {
    let mut p = Parser {
        src,
        text: &src.text,
        segments: Vec::new(),
        diags: Vec::new(),
        lines: crate::source::LineCursor::new(&src.text),
    };
    p.run();
    // a spaced tag breaks its pair, which the run has reported
    if !p.diags.is_empty() {
        p.spaced_tags();
    }
    (p.segments, p.diags)
}

/// The pairs that fill a whole table cell (`| pair |`), and nothing else:
/// a fast scan for vocabulary learning over large trees. Malformed pairs
/// are skipped silently (the full [`parse`] reports them).
pub fn table_cell_pairs(src: &Source) -> Vec<Segment> {
    let text = src.text.as_str();
    let mut p = Parser {
        src,
        text,
        segments: Vec::new(),
        diags: Vec::new(),
        lines: crate::source::LineCursor::new(&src.text),
    };
    let finder = memmem::Finder::new(b"<span data-ttu-id=");
    let mut pos = 0;
    while let Some(i) = finder.find(&text.as_bytes()[pos..]).map(|i| i + pos) {
        pos = i + 18;
        if !text[..i].trim_end_matches([' ', '\t']).ends_with('|') {
            continue;
        }
        let Some(tag) = parse_tag(text, i) else {
            continue;
        };
        let Some(id) = tag.ttu.map(str::to_string) else {
            continue;
        };
        pos = p.pair(tag, id);
    }
    p.segments.retain(|s| {
        text[s.range.end..]
            .trim_start_matches([' ', '\t'])
            .starts_with('|')
    });
    p.segments
}

/// The document with every pair replaced by its `side` half, as the
/// publisher renders it (see [`extract_with`]).
pub fn extract(text: &str, segments: &[Segment], side: Side) -> String {
    extract_with(text, segments, side, None)
}

/// Like [`extract`]; `locale` is the document's locale, used to give URLs of
/// English halves back their `/en-us/` segment.
///
/// Rules, each measured on the publisher's twin files (see the book's
/// "Extraction fidelity" chapter):
/// - the translation tool escapes `*` and `` ` `` inside segments (`\*`);
///   the published files do not;
/// - an empty English half stands for the localized half, which then holds
///   untouched source (raw HTML, code);
/// - the tool rewrites `/en-us/` in URLs to the document's locale in both
///   halves; the English half gets `/en-us/` back;
/// - reference definitions outside pairs come in twins, localized label then
///   English label, same destination; each side keeps its own line.
pub fn extract_with(text: &str, segments: &[Segment], side: Side, locale: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len());
    push_extracted(&mut out, text, 0..text.len(), segments, side, locale);
    if segments.is_empty() || !has_reference_run(&out) {
        return out;
    }
    let english: String = segments.iter().map(|s| s.source_text(text)).collect();
    drop_reference_twins(&out, side, &english)
}

/// The `side` of the lines `lines` (a range of byte offsets at line
/// starts) of a document whose lines every side keeps: no pair spans a
/// line break and no line is a reference definition (whose twins
/// [`extract_with`] drops), so this is that part of the whole extraction.
/// None for other documents.
pub fn extract_lines(
    text: &str,
    segments: &[Segment],
    side: Side,
    locale: Option<&str>,
    lines: Range<usize>,
) -> Option<String> {
    let definitions = definitions(text).next().is_some();
    // a line starting with a half `[label]: …`, or `[…` whose label may
    // close after the pair, could become a definition; `[text](…)…` cannot
    let may_define =
        |half: &str| half.starts_with('[') && (half.contains("]:") || !half.contains(']'));
    let keeps_lines = !definitions
        && segments.iter().all(|s| {
            memchr::memchr(b'\n', &text.as_bytes()[s.range.clone()]).is_none()
                && !(s.column == 1
                    && (may_define(s.target_text(text)) || may_define(s.source_text(text))))
        });
    if !keeps_lines {
        return None;
    }
    let first = segments.partition_point(|s| s.range.start < lines.start);
    let last = segments.partition_point(|s| s.range.start < lines.end);
    let mut out = String::with_capacity(lines.len());
    push_extracted(&mut out, text, lines, &segments[first..last], side, locale);
    Some(out)
}

/// Appends `text[range]` with each of `segments` (inside the range, in
/// order) replaced by its `side` half.
fn push_extracted(
    out: &mut String,
    text: &str,
    range: Range<usize>,
    segments: &[Segment],
    side: Side,
    locale: Option<&str>,
) {
    let mut pos = range.start;
    for seg in segments {
        out.push_str(&text[pos..seg.range.start]);
        match side {
            Side::Target => push_half(out, seg.target_text(text)),
            Side::Source => {
                let english = seg.source_text(text);
                match locale {
                    Some(l) if english.contains('/') => push_half(out, &english_urls(english, l)),
                    _ => push_half(out, english),
                }
            }
        }
        pos = seg.range.end;
    }
    out.push_str(&text[pos..range.end]);
}

/// Appends one half with the tool's `\*` and `` \` `` escapes removed.
fn push_half(out: &mut String, half: &str) {
    // (searched with SIMD: every half of every page comes through here)
    if memchr::memchr(b'\\', half.as_bytes()).is_none() {
        out.push_str(half);
        return;
    }
    out.push_str(&half.replace("\\*", "*").replace("\\`", "`"));
}

/// `/de-DE/` → `/en-us/` inside URLs of an English half.
fn english_urls(half: &str, locale: &str) -> String {
    if locale.is_empty() || locale.eq_ignore_ascii_case("en-us") {
        return half.to_string();
    }
    let needle = format!("/{}/", locale.to_ascii_lowercase());
    let lower = half.to_ascii_lowercase();
    if !lower.contains(&needle) {
        return half.to_string();
    }
    let mut out = String::with_capacity(half.len());
    let mut pos = 0;
    for (i, _) in lower.match_indices(&needle) {
        out.push_str(&half[pos..i]);
        out.push_str("/en-us/");
        pos = i + needle.len();
    }
    out.push_str(&half[pos..]);
    out
}

/// The reference definitions of `text`: (start, end) of each line that is
/// one, and its destination. Only lines starting with `[` can be
/// definitions: they are found with `memchr` instead of walking every line.
fn definitions(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let bytes = text.as_bytes();
    let first = text.starts_with('[').then_some(0);
    first
        .into_iter()
        .chain(memmem::find_iter(bytes, b"\n[").map(|i| i + 1))
        .filter_map(move |start| {
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
            let dest = reference_destination(text[start..end].trim_end())?;
            Some((start, end, dest))
        })
}

/// Are there two consecutive reference definitions with one destination?
fn has_reference_run(text: &str) -> bool {
    // (end of the previous definition line, its destination)
    let mut prev: Option<(usize, &str)> = None;
    for (start, end, dest) in definitions(text) {
        if let Some((prev_end, prev_dest)) = prev {
            if prev_end + 1 == start && dest == prev_dest {
                return true;
            }
        }
        prev = Some((end, dest));
    }
    false
}

/// A Markdown reference definition: `[label]: destination …`.
fn reference_destination(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('[')?;
    let close = rest.find("]:")?;
    if close == 0 || rest[..close].contains(['[', ']']) {
        return None;
    }
    rest[close + 2..].split_whitespace().next()
}

/// Keeps one line of each twin pair of reference definitions: runs of
/// consecutive definitions with the same destination are paired from the
/// end (localized, English). A candidate whose two labels are both used by
/// the English halves is no twin but two English definitions, kept on both
/// sides like an odd first line.
fn drop_reference_twins(text: &str, side: Side, english: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut keep = vec![true; lines.len()];
    let mut in_fence = false;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let dest = if in_fence {
            None
        } else {
            reference_destination(lines[i].trim_end())
        };
        let Some(dest) = dest else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < lines.len() && reference_destination(lines[j].trim_end()) == Some(dest) {
            j += 1;
        }
        let mut k = j;
        while k >= i + 2 {
            let label = |l: &str| format!("{}]", l.trim_start().split(']').next().unwrap_or(""));
            let (first, second) = (label(lines[k - 2]), label(lines[k - 1]));
            if english.contains(&first) && english.contains(&second) {
                k -= 1;
                continue;
            }
            match side {
                Side::Target => keep[k - 1] = false,
                Side::Source => keep[k - 2] = false,
            }
            k -= 2;
        }
        i = j;
    }
    lines
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(l, _)| *l)
        .collect()
}

struct Parser<'s> {
    src: &'s Source,
    text: &'s str,
    segments: Vec<Segment>,
    diags: Vec<Diagnostic>,
    /// Positions of the segments, which come in document order.
    lines: crate::source::LineCursor<'s>,
}

/// A parsed `<span …>` or `</span>` tag, with the attributes the span-pair
/// format uses read once (names compare case-insensitively; the first
/// occurrence of a name counts).
#[derive(Debug, PartialEq)]
struct Tag<'t> {
    start: usize,
    end: usize,
    closing: bool,
    /// `data-ttu-id`: the id of a localized half.
    ttu: Option<&'t str>,
    /// `data-stu-id`: the id of an English half.
    stu: Option<&'t str>,
    /// `class` lists `sxs-lookup`: the wrapper of an English half.
    lookup: bool,
}

impl<'t> Tag<'t> {
    /// An opening tag at `at` with no attribute noted yet.
    fn opening(at: usize) -> Tag<'t> {
        Tag {
            start: at,
            end: at,
            closing: false,
            ttu: None,
            stu: None,
            lookup: false,
        }
    }

    fn closing(at: usize) -> Tag<'t> {
        Tag {
            start: at,
            end: at + 7,
            closing: true,
            ttu: None,
            stu: None,
            lookup: false,
        }
    }

    /// Notes an attribute of an opening tag (the first of each name counts).
    fn attribute(&mut self, class: &mut Option<&'t str>, name: &str, value: &'t str) {
        let slot = if name.eq_ignore_ascii_case("data-ttu-id") {
            &mut self.ttu
        } else if name.eq_ignore_ascii_case("data-stu-id") {
            &mut self.stu
        } else if name.eq_ignore_ascii_case("class") {
            if class.is_none() {
                *class = Some(value);
                self.lookup = value.split_ascii_whitespace().any(|c| c == "sxs-lookup");
            }
            return;
        } else {
            return;
        };
        slot.get_or_insert(value);
    }

    /// A span of the format itself: either half or the lookup wrapper.
    fn is_segment_span(&self) -> bool {
        self.ttu.is_some() || self.stu.is_some() || self.lookup
    }
}

impl<'s> Parser<'s> {
    fn diag(&mut self, at: usize, code: &'static str, msg: String) {
        let pos = self.src.line_col(at);
        self.diags.push(Diagnostic::new(
            &self.src.path,
            pos,
            Severity::Error,
            code,
            msg,
        ));
    }

    /// Span tags broken by a space after `<` (`< span data-ttu-id=…>`,
    /// `</ span>`): text to a browser, so the pair around them is broken.
    fn spaced_tags(&mut self) {
        let bytes = self.text.as_bytes();
        for pattern in [&b"< span"[..], b"</ span", b"< /span"] {
            let found: Vec<usize> = memmem::find_iter(bytes, pattern).collect();
            for i in found {
                let shown = &self.text[i..i + pattern.len()];
                self.diag(
                    i,
                    "sxs-malformed",
                    format!("`{shown}` is not a span tag (a space follows `<`)"),
                );
            }
        }
    }

    fn run(&mut self) {
        let finder = memmem::Finder::new(b"<span");
        let mut pos = 0;
        while let Some(i) = finder.find(&self.text.as_bytes()[pos..]).map(|i| i + pos) {
            let Some(tag) = parse_tag(self.text, i) else {
                let head = &self.text.as_bytes()[i..(i + 60).min(self.text.len())];
                if memmem::find(head, b"-id=").is_some()
                    || memmem::find(head, b"sxs-lookup").is_some()
                {
                    self.diag(i, "sxs-malformed", "span tag is not closed by `>`".into());
                }
                pos = i + 5;
                continue;
            };
            if let Some(id) = tag.ttu {
                let id = id.to_string();
                pos = self.pair(tag, id);
            } else if tag.lookup || tag.stu.is_some() {
                let end = tag.end;
                self.diag(
                    i,
                    "sxs-unpaired",
                    "English (`sxs-lookup`) half without a localized `data-ttu-id` half before it"
                        .into(),
                );
                pos = end;
            } else {
                pos = tag.end;
            }
        }
    }

    /// Parses a pair whose `data-ttu-id` tag is `open`; returns where to resume.
    fn pair(&mut self, open: Tag<'s>, id: String) -> usize {
        let start = open.start;
        let Some((target, after)) = self.inner(&open, &id) else {
            return open.end;
        };
        let (line, column) = self.lines.line_col(start);
        // a pair that ends before its English half's id keeps none of its
        // own: `source_id` answers the localized id
        let mut seg = Segment {
            other_source_id: None,
            id,
            range: start..after,
            target,
            source: None,
            line,
            column,
        };
        let lookup = parse_tag(self.text, after).filter(|t| !t.closing && t.lookup);
        let Some(lookup) = lookup else {
            self.diag(
                start,
                "sxs-unpaired",
                format!(
                    "localized half `{}` has no English `sxs-lookup` half after it",
                    seg.id
                ),
            );
            self.segments.push(seg);
            return after;
        };
        let stu = parse_tag(self.text, skip_ws(self.text, lookup.end))
            .filter(|t| !t.closing && t.stu.is_some());
        let Some(stu) = stu else {
            self.diag(
                lookup.start,
                "sxs-malformed",
                format!(
                    "`sxs-lookup` span of `{}` does not contain a `data-stu-id` span",
                    seg.id
                ),
            );
            self.segments.push(seg);
            return lookup.end;
        };
        let stu_id = stu.stu.unwrap_or_default();
        let Some((source, stu_after)) = self.inner(&stu, stu_id) else {
            self.segments.push(seg);
            return stu.end;
        };
        let close = parse_tag(self.text, skip_ws(self.text, stu_after)).filter(|t| t.closing);
        let Some(close) = close else {
            self.diag(
                lookup.start,
                "sxs-malformed",
                format!(
                    "`sxs-lookup` span of `{}` is not closed after its English half",
                    seg.id
                ),
            );
            seg.source = Some(source);
            seg.range = start..stu_after;
            self.segments.push(seg);
            return stu_after;
        };
        if stu_id != seg.id {
            self.diag(
                stu.start,
                "sxs-id-mismatch",
                format!(
                    "localized half is `{}` but its English half is `{stu_id}`",
                    seg.id
                ),
            );
            seg.other_source_id = Some(stu_id.to_string());
        }
        seg.source = Some(source);
        seg.range = start..close.end;
        self.segments.push(seg);
        close.end
    }

    /// The content of the span opened by `open`, up to its matching `</span>`,
    /// and the offset after that closing tag. A span may not cross a blank
    /// line: an unclosed span is reported there instead of swallowing the rest.
    fn inner(&mut self, open: &Tag<'s>, id: &str) -> Option<(Range<usize>, usize)> {
        let bytes = self.text.as_bytes();
        let mut depth = 0usize;
        let mut pos = open.end;
        while pos < bytes.len() {
            let Some(i) = memchr::memchr2(b'<', b'\n', &bytes[pos..]).map(|i| i + pos) else {
                break;
            };
            if bytes[i] == b'\n' {
                if is_blank_line_after(bytes, i + 1) {
                    break;
                }
                pos = i + 1;
                continue;
            }
            match parse_tag(self.text, i) {
                Some(t) if t.closing => {
                    if depth == 0 {
                        return Some((open.end..i, t.end));
                    }
                    depth -= 1;
                    pos = t.end;
                }
                Some(t) => {
                    let segment_span = t.is_segment_span();
                    if segment_span && depth == 0 {
                        // Recover: the span ends where the next segment span
                        // starts, so one missing `</span>` is one finding.
                        self.diag(
                            open.start,
                            "sxs-malformed",
                            format!("span of `{id}` is not closed before the next segment span"),
                        );
                        return Some((open.end..i, i));
                    }
                    if segment_span {
                        self.diag(
                            i,
                            "sxs-malformed",
                            format!("segment span nested inside the span of `{id}`"),
                        );
                    }
                    depth += 1;
                    pos = t.end;
                }
                None => pos = i + 1,
            }
        }
        self.diag(
            open.start,
            "sxs-malformed",
            format!(
                "span of `{id}` is never closed (no `</span>` before the end of the paragraph)"
            ),
        );
        None
    }
}

fn is_blank_line_after(bytes: &[u8], from: usize) -> bool {
    let rest = &bytes[from..];
    let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
    rest[..end].iter().all(|b| b.is_ascii_whitespace())
}

fn skip_ws(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let mut p = pos;
    while p < bytes.len() && matches!(bytes[p], b' ' | b'\t') {
        p += 1;
    }
    p
}

/// Parses `<span attr="v" …>` or `</span>` at `at`.
fn parse_tag(text: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = text.as_bytes();
    let rest = bytes.get(at..)?;
    if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"</span>") {
        return Some(Tag::closing(at));
    }
    if let Some(tag) = canonical_tag(text, at) {
        return Some(tag);
    }
    general_tag(text, at)
}

/// The three opening tags as the pipeline writes them, read without the
/// general attribute loop: `<span data-ttu-id="ID">`,
/// `<span data-stu-id="ID">` and `<span class="sxs-lookup">`.
fn canonical_tag(text: &str, at: usize) -> Option<Tag<'_>> {
    const LOOKUP: &[u8] = b"<span class=\"sxs-lookup\">";
    const TTU: &[u8] = b"<span data-ttu-id=\"";
    const STU: &[u8] = b"<span data-stu-id=\"";
    let rest = &text.as_bytes()[at..];
    let mut tag = Tag::opening(at);
    if rest.starts_with(LOOKUP) {
        tag.lookup = true;
        tag.end = at + LOOKUP.len();
        return Some(tag);
    }
    let (slot, name_len) = if rest.starts_with(TTU) {
        (&mut tag.ttu, TTU.len())
    } else if rest.starts_with(STU) {
        (&mut tag.stu, STU.len())
    } else {
        return None;
    };
    let value_start = at + name_len;
    let close = memchr::memchr(b'"', &rest[name_len..])? + value_start;
    if text.as_bytes().get(close + 1) != Some(&b'>') {
        return None;
    }
    *slot = Some(&text[value_start..close]);
    tag.end = close + 2;
    Some(tag)
}

/// [`parse_tag`] for any opening tag: one pass over its attributes.
fn general_tag(text: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = text.as_bytes();
    let rest = bytes.get(at..)?;
    if rest.len() < 6 || !rest[..5].eq_ignore_ascii_case(b"<span") {
        return None;
    }
    if !matches!(bytes[at + 5], b' ' | b'\t' | b'\n' | b'\r' | b'>') {
        return None;
    }
    let mut tag = Tag::opening(at);
    let mut class = None;
    // One pass over the attributes: validates them (names, `=`, quoted or
    // bare values) up to `>` or `/>`, and notes the ones the format uses.
    let mut p = at + 5;
    loop {
        while p < bytes.len() && bytes[p].is_ascii_whitespace() {
            p += 1;
        }
        match bytes.get(p)? {
            b'>' => break,
            b'/' if bytes.get(p + 1) == Some(&b'>') => {
                p += 1;
                break;
            }
            _ => {}
        }
        let name_start = p;
        while p < bytes.len() && is_name_byte(bytes[p]) {
            p += 1;
        }
        if p == name_start {
            return None;
        }
        let name = &text[name_start..p];
        if bytes.get(p) != Some(&b'=') {
            tag.attribute(&mut class, name, "");
            continue;
        }
        p += 1;
        let value = match bytes.get(p)? {
            q @ (b'"' | b'\'') => {
                let close = memchr::memchr(*q, &bytes[p + 1..])? + p + 1;
                let v = &text[p + 1..close];
                p = close + 1;
                v
            }
            _ => {
                let s = p;
                while p < bytes.len() && !bytes[p].is_ascii_whitespace() && bytes[p] != b'>' {
                    p += 1;
                }
                // a bare value right before `>` lends its trailing `/` to `/>`
                let v = &text[s..p];
                if bytes.get(p) == Some(&b'>') {
                    v.trim_end_matches('/')
                } else {
                    v
                }
            }
        };
        tag.attribute(&mut class, name, value);
    }
    tag.end = p + 1;
    Some(tag)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_tags_read_as_the_general_reader_reads_them() {
        let mut tags = vec![
            "<span class=\"sxs-lookup\">".to_string(),
            "<span class=\"sxs-lookup\" >".to_string(),
            "<span class=\"sxs-lookup other\">".to_string(),
            "<span data-ttu-id=\"\">".to_string(),
            "<span data-ttu-id=\"a\" data-stu-id=\"b\">".to_string(),
            "<span data-ttu-id=\"a\"/>".to_string(),
            "<span data-ttu-id=\"unclosed>".to_string(),
            "<span data-stu-id='q'>".to_string(),
            "<SPAN data-ttu-id=\"a\">".to_string(),
        ];
        for id in ["b0a86-101", "x>y", "ユーザー-1", " sp ace ", "a'b"] {
            tags.push(format!("<span data-ttu-id=\"{id}\">"));
            tags.push(format!("<span data-stu-id=\"{id}\">tail"));
        }
        let mut fast = 0;
        for t in &tags {
            if let Some(tag) = canonical_tag(t, 0) {
                fast += 1;
                assert_eq!(Some(tag), general_tag(t, 0), "{t}");
            }
            assert_eq!(parse_tag(t, 0), general_tag(t, 0), "{t}");
        }
        assert_eq!(fast, 12, "canonical forms read fast");
    }

    const PAIR: &str = r#"# <a name="x"></a><span data-ttu-id="b0a86-101">回復</span><span class="sxs-lookup"><span data-stu-id="b0a86-101">Recover</span></span>
"#;

    fn run(text: &str) -> (Vec<Segment>, Vec<Diagnostic>) {
        parse(&Source::from_text("t.md", text))
    }

    #[test]
    fn english_ids_of_pairs_whole_and_broken() {
        // the English half's id is the localized half's unless one is read
        for (text, ids) in [
            (PAIR, &[("b0a86-101", "b0a86-101")][..]),
            (
                "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">y</span></span>\n",
                &[("a-1", "a-2")],
            ),
            ("<span data-ttu-id=\"a-1\">x</span> alone\n", &[("a-1", "a-1")]),
            (
                "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\">y</span>\n",
                &[("a-1", "a-1")],
            ),
            (
                "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">y\n\nz",
                &[("a-1", "a-1")],
            ),
            (
                "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-3\">y</span> z\n",
                &[("a-1", "a-1")],
            ),
        ] {
            let (segs, _) = run(text);
            let got: Vec<(&str, &str)> = segs
                .iter()
                .map(|s| (s.id.as_str(), s.source_id()))
                .collect();
            assert_eq!(got, ids, "{text}");
        }
    }

    #[test]
    fn parses_a_pair_in_a_heading() {
        let (segs, diags) = run(PAIR);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].prefix(), "b0a86");
        assert_eq!(segs[0].target_text(PAIR), "回復");
        assert_eq!(segs[0].source_text(PAIR), "Recover");
        assert_eq!(
            extract(PAIR, &segs, Side::Target),
            "# <a name=\"x\"></a>回復\n"
        );
        assert_eq!(
            extract(PAIR, &segs, Side::Source),
            "# <a name=\"x\"></a>Recover\n"
        );
    }

    #[test]
    fn reference_twins_keep_one_side() {
        let t = "<span data-ttu-id=\"a-1\">x [Feldern][] [liste][]</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">X</span></span>\n\n[fieldValueSet]: a.md\n[Feldern]: a.md\n[fields]: a.md\n[liste]: l.md\n[list]: l.md\n";
        let (segs, _) = run(t);
        assert_eq!(
            extract(t, &segs, Side::Target),
            "x [Feldern][] [liste][]\n\n[fieldValueSet]: a.md\n[Feldern]: a.md\n[liste]: l.md\n"
        );
        assert_eq!(
            extract(t, &segs, Side::Source),
            "X\n\n[fieldValueSet]: a.md\n[fields]: a.md\n[list]: l.md\n"
        );
    }

    #[test]
    fn reference_runs_are_adjacent_definitions_with_one_destination() {
        assert!(has_reference_run("[a]: x.md\n[b]: x.md\n"));
        assert!(has_reference_run("t\r\n[a]: x.md\r\n[b]: x.md"));
        assert!(!has_reference_run("[a]: x.md\n\n[b]: x.md\n"));
        assert!(!has_reference_run("[a]: x.md\n[b]: y.md\n[c]: x.md\n"));
        assert!(!has_reference_run("[a]: x.md\n see [b]: x.md\n"));
        assert!(!has_reference_run("no definitions\n"));
    }

    #[test]
    fn tool_escapes_and_localized_urls() {
        let t = r#"<span data-ttu-id="a-1">\*注 [x](https://d.com/ja-JP/a)</span><span class="sxs-lookup"><span data-stu-id="a-1">\*Note [x](https://d.com/ja-JP/a)</span></span>"#;
        let (segs, _) = run(t);
        assert_eq!(
            extract_with(t, &segs, Side::Target, Some("ja-JP")),
            "*注 [x](https://d.com/ja-JP/a)"
        );
        assert_eq!(
            extract_with(t, &segs, Side::Source, Some("ja-JP")),
            "*Note [x](https://d.com/en-us/a)"
        );
    }

    #[test]
    fn nested_markup_inside_halves() {
        let t = r#"<span data-ttu-id="a-1">x <span class="k">y</span></span><span class="sxs-lookup"><span data-stu-id="a-1">X <b>Y</b></span></span>"#;
        let (segs, diags) = run(t);
        assert!(diags.is_empty());
        assert_eq!(segs[0].target_text(t), r#"x <span class="k">y</span>"#);
        assert_eq!(segs[0].source_text(t), "X <b>Y</b>");
    }

    #[test]
    fn malformed_input_is_diagnosed() {
        let cases = [
            (r#"<span data-ttu-id="a-1">never closed"#, "sxs-malformed"),
            (
                r#"<span data-ttu-id="a-1">x</span><span class="sxs-lookup"><span data-stu-id="a-2">X</span></span>"#,
                "sxs-id-mismatch",
            ),
            (r#"<span data-ttu-id="a-1">x</span> alone"#, "sxs-unpaired"),
            (
                r#"<span class="sxs-lookup"><span data-stu-id="a-1">X</span></span>"#,
                "sxs-unpaired",
            ),
            (
                "<span data-ttu-id=\"a-1\">x\n\nnext</span>",
                "sxs-malformed",
            ),
            ("<span data-ttu-id=\"a-1\"", "sxs-malformed"),
        ];
        for (text, code) in cases {
            let (_, diags) = run(text);
            assert!(diags.iter().any(|d| d.code == code), "{text}: {diags:?}");
        }
    }
}
