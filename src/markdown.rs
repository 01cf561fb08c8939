//! Markdown structure: the blocks of a page grouped into sections, and the
//! Markdown context each span-pair segment sits in. Built on pulldown-cmark
//! with source offsets.

use crate::sxs::Segment;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::ops::Range;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A block of a page, as plain text (inline markup removed, entities decoded).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    Paragraph {
        text: String,
        /// Inline code spans of the paragraph, in order.
        code: Vec<String>,
        /// Link targets of the paragraph, in order.
        links: Vec<String>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Code {
        info: String,
        text: String,
    },
    Html {
        text: String,
    },
}

/// A heading and the blocks up to the next heading.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub level: u8,
    /// The `<a name="…">` anchor of the heading, if any.
    pub anchor: Option<String>,
    /// The heading's text without markup.
    pub title: String,
    /// For code-tab headings (`# [HTTP](#tab/http)`), the tab target
    /// (`tab/http`): the same in every locale, unlike their anchors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    pub line: u32,
    pub blocks: Vec<Block>,
    /// [`Section::key`], computed once the heading is read.
    #[serde(skip)]
    key: String,
}

impl Section {
    /// The language-neutral key: the tab target, else the anchor, else the
    /// slug of the title.
    pub fn key(&self) -> &str {
        &self.key
    }

    fn new(level: u8, line: u32) -> Section {
        Section {
            level,
            anchor: None,
            title: String::new(),
            tab: None,
            line,
            blocks: Vec::new(),
            key: String::new(),
        }
    }

    fn set_key(&mut self) {
        self.key = match (&self.tab, &self.anchor) {
            (Some(tab), _) => tab.clone(),
            (None, Some(anchor)) => anchor.clone(),
            (None, None) => slug(&self.title),
        };
    }
}

/// The sections of a page. Blocks before the first heading go to a section
/// of level 0 with an empty title.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outline {
    pub sections: Vec<Section>,
}

/// The slug docs sites give a heading: lower case, link targets dropped,
/// characters other than letters, digits, `-`, `_` and spaces removed,
/// spaces replaced by `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.trim().chars().flat_map(char::to_lowercase) {
        if crate::prose::is_letter_or_digit(c) || c == '-' || c == '_' {
            out.push(c);
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// A code or HTML block of a page, as the page checks read it.
#[derive(Debug, Clone)]
pub enum Raw {
    Code { info: String, text: String },
    Html { text: String },
}

/// A code or HTML block with its place in the page.
#[derive(Debug, Clone)]
pub struct PageBlock {
    pub raw: Raw,
    /// 1-based line of the block's first line (the fence for code).
    pub line: u32,
    /// Key of the enclosing section (`""` before the first heading).
    pub section: String,
    /// Index of the enclosing section in the outline.
    pub section_index: usize,
}

/// A link of the page with its position.
#[derive(Debug, Clone)]
pub struct PageLink {
    pub dest: String,
    pub line: u32,
    pub column: u32,
}

/// Where the code and HTML blocks and the links of a page are: what the
/// page checks read besides the outline, collected in the same parse.
#[derive(Debug, Default)]
pub struct Scan {
    pub blocks: Vec<PageBlock>,
    pub links: Vec<PageLink>,
}

/// Parses `text` (from `offset`, e.g. after front matter) into sections.
pub fn outline(text: &str, offset: usize) -> Outline {
    parse(text, offset, None)
}

/// [`outline`] and the [`Scan`] of the same text, from one parse.
pub fn outline_scanned(text: &str, offset: usize) -> (Outline, Scan) {
    let mut scan = Scan::default();
    let outline = parse(text, offset, Some(&mut scan));
    (outline, scan)
}

fn parse(text: &str, offset: usize, mut scan: Option<&mut Scan>) -> Outline {
    let body = &text[offset..];
    // lines are asked about front to back: counted on, not indexed
    let mut lines = crate::source::LineCursor::new(text);
    let mut sections = vec![Section::new(0, 1)];
    let mut b = BlockBuilder::default();
    // the scan's block in progress: (block, line)
    let mut current: Option<(Raw, u32)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Some(scan) = scan.as_deref_mut() {
            record(
                scan,
                &mut current,
                &event,
                || lines.line_col(offset + range.start),
                sections.len() - 1,
            );
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                b.flush(&mut sections);
                let line = lines.line_col(offset + range.start).0;
                sections.push(Section::new(level as u8, line));
                b.in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                b.in_heading = false;
                let title = squashed_copy(&b.text);
                b.text.clear();
                if let Some(s) = sections.last_mut() {
                    s.title = title;
                }
            }
            Event::Start(Tag::Paragraph) => b.start(Kind::Paragraph),
            Event::End(TagEnd::Paragraph) => b.flush(&mut sections),
            Event::Start(Tag::Table(_)) => b.start(Kind::Table),
            Event::End(TagEnd::Table) => b.flush(&mut sections),
            Event::Start(Tag::TableHead) => b.in_head = true,
            Event::End(TagEnd::TableHead) => {
                b.in_head = false;
                b.header = std::mem::take(&mut b.row);
            }
            Event::Start(Tag::TableRow) => b.row.clear(),
            Event::End(TagEnd::TableRow) => b.rows.push(std::mem::take(&mut b.row)),
            Event::Start(Tag::TableCell) => b.text.clear(),
            Event::End(TagEnd::TableCell) => {
                // a cell indented with non-breaking spaces (`&nbsp; **Onboarding**`:
                // a sub-row of the row above) keeps one to say so
                let indented = b.text.starts_with('\u{a0}');
                let mut cell = squashed_copy(&b.text);
                b.text.clear();
                if indented && !cell.is_empty() {
                    cell.insert(0, '\u{a0}');
                }
                b.row.push(cell);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                b.flush(&mut sections);
                b.kind = Some(Kind::Code);
                b.info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
            }
            Event::End(TagEnd::CodeBlock) => b.flush(&mut sections),
            Event::Start(Tag::HtmlBlock) => {
                b.flush(&mut sections);
                b.kind = Some(Kind::Html);
            }
            Event::End(TagEnd::HtmlBlock) => b.flush(&mut sections),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if b.in_heading && dest_url.starts_with("#tab/") {
                    if let Some(s) = sections.last_mut() {
                        s.tab = Some(dest_url[1..].to_string());
                    }
                }
                b.links.push(String::from(&*dest_url));
            }
            Event::Start(Tag::Item) if b.kind.is_none() => {}
            Event::Text(t) => b.text.push_str(&t),
            Event::Code(t) => {
                b.text.push_str(&t);
                b.code.push(String::from(&*t));
            }
            Event::Html(t) => b.text.push_str(&t),
            Event::InlineHtml(t) => {
                if b.in_heading {
                    if let Some(anchor) = anchor_name(&t) {
                        if let Some(s) = sections.last_mut() {
                            s.anchor.get_or_insert(anchor);
                        }
                        continue;
                    }
                }
                if t.eq_ignore_ascii_case("<br>")
                    || t.eq_ignore_ascii_case("<br/>")
                    || t.eq_ignore_ascii_case("<br />")
                {
                    b.text.push(' ');
                }
            }
            Event::SoftBreak | Event::HardBreak => b.text.push(if b.kind == Some(Kind::Code) {
                '\n'
            } else {
                ' '
            }),
            _ => {}
        }
    }
    b.flush(&mut sections);
    for s in &mut sections {
        s.set_key();
    }
    if let Some(scan) = scan {
        for block in &mut scan.blocks {
            if let Some(s) = sections.get(block.section_index).filter(|s| s.level > 0) {
                block.section = s.key().to_string();
            }
        }
    }
    Outline { sections }
}

/// Records `event` in the scan: code and HTML blocks with their line and
/// section, links with their position (`at` is called only for those:
/// a column counts characters).
fn record(
    scan: &mut Scan,
    current: &mut Option<(Raw, u32)>,
    event: &Event<'_>,
    mut at: impl FnMut() -> (u32, u32),
    section_index: usize,
) {
    match event {
        Event::Start(Tag::CodeBlock(kind)) => {
            let info = match kind {
                CodeBlockKind::Fenced(i) => i.trim().to_string(),
                CodeBlockKind::Indented => String::new(),
            };
            let raw = Raw::Code {
                info,
                text: String::new(),
            };
            *current = Some((raw, at().0));
        }
        Event::Start(Tag::HtmlBlock) => {
            let raw = Raw::Html {
                text: String::new(),
            };
            *current = Some((raw, at().0));
        }
        Event::Text(t) | Event::Html(t) => {
            if let Some((Raw::Code { text, .. } | Raw::Html { text }, _)) = current.as_mut() {
                text.push_str(t);
            }
        }
        Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
            if let Some((raw, line)) = current.take() {
                // the key is filled in once the outline is complete
                scan.blocks.push(PageBlock {
                    raw,
                    line,
                    section: String::new(),
                    section_index,
                });
            }
        }
        Event::Start(Tag::Link { dest_url, .. }) => {
            let (line, column) = at();
            scan.links.push(PageLink {
                dest: String::from(&**dest_url),
                line,
                column,
            });
        }
        _ => {}
    }
}

/// `name` of `<a name="x"></a>` / `<a id="x">`.
fn anchor_name(html: &str) -> Option<String> {
    let h = html.trim();
    if !h.starts_with("<a ") {
        return None;
    }
    for attr in ["name=", "id="] {
        if let Some(i) = h.find(attr) {
            let rest = &h[i + attr.len()..];
            let q = rest.chars().next()?;
            if q == '"' || q == '\'' {
                let end = rest[1..].find(q)?;
                return Some(rest[1..1 + end].to_string());
            }
        }
    }
    None
}

/// Whitespace runs to one space, trimmed (whitespace as in
/// [`str::split_whitespace`], without decoding every character).
pub fn squash(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = step(s, i);
        if space {
            if let Some(start) = word.take() {
                push_word(&mut out, &s[start..i]);
            }
        } else if word.is_none() {
            word = Some(i);
        }
        i += len;
    }
    if let Some(start) = word {
        push_word(&mut out, &s[start..]);
    }
    out
}

/// [`squash`] of an owned string, kept as it is (no copy) when it is
/// squashed already.
fn squash_owned(s: String) -> String {
    if is_squashed(&s) {
        s
    } else {
        squash(&s)
    }
}

/// [`squash`] of `s`, in a string of its own length.
fn squashed_copy(s: &str) -> String {
    if is_squashed(s) {
        s.to_owned()
    } else {
        squash(s)
    }
}

/// Is `s` as [`squash`] leaves it: single spaces between words, none at
/// the ends.
fn is_squashed(s: &str) -> bool {
    let bytes = s.as_bytes();
    // (a run cleared at once may end inside a character: its other bytes
    // step as bytes of no white space, which they are)
    let mut after_space = true;
    all_in_lanes(
        bytes,
        &mut after_space,
        |chunk, after_space| single_spaced(chunk, after_space, |_| false),
        |i, after_space| {
            let (space, len) = step(s, i);
            if space && (*after_space || bytes[i] != b' ') {
                return None;
            }
            *after_space = space;
            Some(len)
        },
    ) && (!after_space || s.is_empty())
}

/// Bytes [`all_in_lanes`] clears at once.
pub(crate) const LANES: usize = 16;

/// Whether every position of `bytes` passes, looked at [`LANES`] bytes at a
/// time: `clear` passes a run of them at once (or declines: `false`), else
/// `step` passes the positions of the run one after the other, saying how
/// far to go on (`None`: this one fails). Both keep `state` (what the
/// bytes before told).
#[inline(always)]
pub(crate) fn all_in_lanes<S>(
    bytes: &[u8],
    state: &mut S,
    clear: impl Fn(&[u8; LANES], &mut S) -> bool,
    mut step: impl FnMut(usize, &mut S) -> Option<usize>,
) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let chunk: Option<&[u8; LANES]> = bytes.get(i..i + LANES).and_then(|c| c.try_into().ok());
        let end = match chunk {
            Some(chunk) if clear(chunk, state) => {
                i += LANES;
                continue;
            }
            Some(_) => i + LANES,
            None => bytes.len(),
        };
        while i < end {
            match step(i, state) {
                Some(len) => i += len,
                None => return false,
            }
        }
    }
    true
}

/// Whether no byte of `chunk` can start white space other than the space,
/// none is `also_bad`, and no space follows a space (`after_space`: the
/// byte before the chunk is one, or the chunk starts the text); if so,
/// `after_space` tells of the chunk's last byte. Branch-free, so that it
/// compiles to vector instructions.
#[inline(always)]
pub(crate) fn single_spaced(
    chunk: &[u8; LANES],
    after_space: &mut bool,
    also_bad: impl Fn(u8) -> bool,
) -> bool {
    let mut bad = u8::from(*after_space) & u8::from(chunk[0] == b' ');
    for &x in chunk {
        let other_white = x.wrapping_sub(0x09) < 5;
        let lead = x == 0xc2 || x.wrapping_sub(0xe1) < 3;
        bad |= u8::from(other_white | lead | also_bad(x));
    }
    for w in chunk.windows(2) {
        bad |= u8::from(w[0] == b' ') & u8::from(w[1] == b' ');
    }
    if bad != 0 {
        return false;
    }
    *after_space = chunk[LANES - 1] == b' ';
    true
}

/// `text.split_inclusive('\n')`, each line found with SIMD.
pub(crate) fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i + 1);
        let line = &text[at..end];
        at = end;
        Some(line)
    })
}

/// `text.lines()`, each line found with SIMD.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    lines_inclusive(text).map(line_content)
}

/// A line of [`lines_inclusive`] without its line break: a line ends at
/// `\n` or `\r\n`; a `\r` alone is text.
pub(crate) fn line_content(line: &str) -> &str {
    match line.strip_suffix('\n') {
        Some(l) => l.strip_suffix('\r').unwrap_or(l),
        None => line,
    }
}

/// The pieces of `s` between whitespace characters and the ASCII bytes
/// `delimiter` accepts, empty pieces left out: `s.split(|c| c.is_whitespace()
/// || delimiter(c)).filter(|w| !w.is_empty())`, without decoding the
/// characters that cannot be whitespace.
pub(crate) fn words_split(s: &str, delimiter: impl Fn(u8) -> bool) -> impl Iterator<Item = &str> {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while i < bytes.len() {
            let b = bytes[i];
            let (end, len) = if b < 0x80 {
                (delimiter(b) || (b as char).is_whitespace(), 1)
            } else {
                step(s, i)
            };
            if end {
                if let Some(from) = start {
                    let word = &s[from..i];
                    i += len;
                    return Some(word);
                }
            } else if start.is_none() {
                start = Some(i);
            }
            i += len;
        }
        start.map(|from| &s[from..])
    })
}

/// [`whitespace_at`] for the character at byte `i`, asked only of the
/// characters whose first byte can start whitespace.
fn step(s: &str, i: usize) -> (bool, usize) {
    let class = CLASS[s.as_bytes()[i] as usize];
    if class & MAY_START_SPACE == 0 {
        (false, usize::from(class))
    } else {
        whitespace_at(s, i)
    }
}

/// [`CLASS`] flag: the byte can start a whitespace character.
const MAY_START_SPACE: u8 = 0x80;

/// Per byte: the length of the character it starts (1 for continuation
/// bytes, which a walk by characters never lands on), with
/// [`MAY_START_SPACE`] for the first bytes of whitespace.
static CLASS: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut b = 0xc0;
    while b < 256 {
        t[b] = if b >= 0xf0 {
            4
        } else if b >= 0xe0 {
            3
        } else {
            2
        };
        b += 1;
    }
    let starts: [u8; 10] = [
        b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c, 0xc2, 0xe1, 0xe2, 0xe3,
    ];
    let mut k = 0;
    while k < starts.len() {
        t[starts[k] as usize] |= MAY_START_SPACE;
        k += 1;
    }
    t
};

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// Is there a whitespace character at byte `i`, and how far to step. The
/// non-ASCII whitespace of Unicode (U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000) is recognised by its bytes,
/// without decoding; the step is the length of the character at `i`.
pub(crate) fn whitespace_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let space = match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return (true, 1),
        0xc2 => matches!(next(1), 0x85 | 0xa0),
        0xe1 => (next(1), next(2)) == (0x9a, 0x80),
        0xe2 => matches!(
            (next(1), next(2)),
            (0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) | (0x81, 0x9f)
        ),
        0xe3 => (next(1), next(2)) == (0x80, 0x80),
        _ => false,
    };
    // the length of the character from its lead byte
    let len = match b[i] {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    };
    (space, len)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Paragraph,
    Table,
    Code,
    Html,
}

#[derive(Default)]
struct BlockBuilder {
    kind: Option<Kind>,
    text: String,
    info: String,
    code: Vec<String>,
    links: Vec<String>,
    header: Vec<String>,
    row: Vec<String>,
    rows: Vec<Vec<String>>,
    in_head: bool,
    in_heading: bool,
}

impl BlockBuilder {
    fn start(&mut self, kind: Kind) {
        if self.kind != Some(Kind::Table) {
            self.kind = Some(kind);
        }
    }

    fn flush(&mut self, sections: &mut [Section]) {
        let Some(kind) = self.kind.take() else {
            self.text.clear();
            return;
        };
        // copied at its length: the builder's buffer keeps its room for
        // the next block, and the page keeps no more than its text
        let text = match kind {
            Kind::Paragraph => squashed_copy(&self.text),
            Kind::Code | Kind::Html => self.text.as_str().to_owned(),
            Kind::Table => String::new(),
        };
        self.text.clear();
        let block = match kind {
            Kind::Paragraph => Block::Paragraph {
                text,
                code: std::mem::take(&mut self.code),
                links: std::mem::take(&mut self.links),
            },
            Kind::Table => Block::Table {
                header: std::mem::take(&mut self.header),
                rows: std::mem::take(&mut self.rows),
            },
            Kind::Code => Block::Code {
                info: std::mem::take(&mut self.info),
                text,
            },
            Kind::Html => Block::Html { text },
        };
        self.code.clear();
        self.links.clear();
        // `sections` starts with the root section and never shrinks
        if let Some(s) = sections.last_mut() {
            s.blocks.push(block);
        }
    }
}

/// The block a segment sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockContext {
    Heading,
    Paragraph,
    TableCell,
    HtmlBlock,
    Other,
}

/// Where a segment sits in the Markdown structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Context {
    pub block: BlockContext,
    /// Heading level when `block` is a heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_level: Option<u8>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub list_item: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub blockquote: bool,
    /// Inside link text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub link: bool,
    /// Inside image alt text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub image: bool,
}

/// The Markdown context of every segment (same order as `segments`).
pub fn contexts(text: &str, segments: &[Segment]) -> Vec<Context> {
    let mut out = Vec::with_capacity(segments.len());
    let mut stack: Vec<(Tag<'_>, Range<usize>)> = Vec::new();
    let mut next = 0;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &event {
            Event::Start(tag) => stack.push((tag.clone(), range.clone())),
            Event::End(_) => {
                stack.pop();
            }
            _ => {}
        }
        if matches!(event, Event::Start(_) | Event::End(_)) {
            continue;
        }
        while next < segments.len() && segments[next].range.start < range.end {
            out.push(context_of(&stack));
            next += 1;
        }
        if next == segments.len() {
            break;
        }
    }
    while out.len() < segments.len() {
        out.push(context_of(&[]));
    }
    out
}

fn context_of(stack: &[(Tag<'_>, Range<usize>)]) -> Context {
    let mut c = Context {
        block: BlockContext::Other,
        heading_level: None,
        list_item: false,
        blockquote: false,
        link: false,
        image: false,
    };
    for (tag, _) in stack {
        match tag {
            Tag::Heading { level, .. } => {
                c.block = BlockContext::Heading;
                c.heading_level = Some(*level as u8);
            }
            Tag::Paragraph => c.block = BlockContext::Paragraph,
            Tag::TableCell => c.block = BlockContext::TableCell,
            Tag::HtmlBlock => c.block = BlockContext::HtmlBlock,
            Tag::Item => c.list_item = true,
            Tag::BlockQuote(_) => c.blockquote = true,
            Tag::Link { .. } => c.link = true,
            Tag::Image { .. } => c.image = true,
            _ => {}
        }
    }
    c
}

/// The plain text of an inline Markdown fragment: emphasis and link
/// targets dropped, entities decoded, whitespace squashed.
pub fn plain_inline(fragment: &str) -> String {
    // (the marks are ASCII: looked for byte by byte, not decoded)
    if !fragment
        .bytes()
        .any(|b| matches!(b, b'*' | b'_' | b'[' | b'`' | b'&' | b'<' | b'\\'))
    {
        return squashed_copy(fragment);
    }
    let mut out = String::with_capacity(fragment.len());
    for event in Parser::new_ext(fragment, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    squash_owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_table_cells_keep_one_nbsp() {
        let o = outline(
            "# T\n\n|a|b|\n|-|-|\n| &nbsp; &nbsp; **Onboarding** | x |\n| y | z |\n",
            0,
        );
        let Block::Table { rows, .. } = &o.sections[1].blocks[0] else {
            panic!("no table: {o:?}");
        };
        assert_eq!(rows[0], ["\u{a0}Onboarding", "x"]);
        assert_eq!(rows[1], ["y", "z"]);
    }

    #[test]
    fn sections_by_anchor() {
        let t = "# <a name=\"get-user\"></a>Get user\n\nIntro `x`.\n\n## <a name=\"http-request\"></a>HTTP-Anforderung\n```http\nGET /users/{id}\n```\n|A|B|\n|-|-|\n|1|2|\n";
        let o = outline(t, 0);
        assert_eq!(o.sections[1].key(), "get-user");
        assert_eq!(o.sections[2].key(), "http-request");
        assert_eq!(o.sections[2].title, "HTTP-Anforderung");
        assert!(
            matches!(&o.sections[2].blocks[0], Block::Code { info, text } if info == "http" && text.starts_with("GET"))
        );
        assert!(
            matches!(&o.sections[2].blocks[1], Block::Table { rows, .. } if rows[0] == ["1", "2"])
        );
    }

    #[test]
    fn squash_like_split_whitespace() {
        for s in [
            "",
            "  a  b\t\nc ",
            "委任\u{3000}（職場）\u{a0}x\u{2009}y\u{85}z\u{1680}",
            "é à\u{200b}ü", // U+200B is not whitespace
            "\u{e3}\u{3042}",
        ] {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash(s), expected, "{s:?}");
            assert_eq!(squash_owned(s.to_string()), expected, "{s:?}");
        }
    }

    #[test]
    fn squash_knows_every_whitespace_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("a{c}{c}b{c}");
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash(&s), expected, "U+{:04X}", c as u32);
            assert_eq!(squash_owned(s), expected, "U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_match_std(s in "[a\r\né]{0,12}") {
            proptest::prop_assert_eq!(
                lines_inclusive(&s).collect::<Vec<_>>(),
                s.split_inclusive('\n').collect::<Vec<_>>()
            );
            proptest::prop_assert_eq!(lines(&s).collect::<Vec<_>>(), s.lines().collect::<Vec<_>>());
        }

        #[test]
        fn squashed_copy_is_squash(
            s in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{1c}-\u{1f}a-zé日¢ぁ、。\u{1f600}]{0,70}"
        ) {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(is_squashed(&s), s == expected);
            proptest::prop_assert_eq!(squashed_copy(&s), expected);
        }

        #[test]
        fn single_spaced_words_are_squashed(
            words in proptest::collection::vec("[a-zé日¢ぁ、。\u{1f600}\u{200b}\u{e3}\u{2060}]{1,9}", 0..12)
        ) {
            let s = words.join(" ");
            proptest::prop_assert!(is_squashed(&s));
            proptest::prop_assert_eq!(squashed_copy(&s), s);
        }

        #[test]
        fn words_split_matches_split(
            s in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{1c}-\u{1f}\u{180e}\u{feff}a-zé日¢ぁ\u{1f600}\u{10ffff}|#*.]{0,24}"
        ) {
            let delimiter = |b: u8| matches!(b, b'|' | b'#' | b'*');
            let expected: Vec<&str> = s
                .split(|c: char| c.is_whitespace() || (c.is_ascii() && delimiter(c as u8)))
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words_split(&s, delimiter).collect::<Vec<_>>(), expected);
        }

        #[test]
        fn squash_matches_split_whitespace(
            s in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}a-zé日¢ぁ]{0,24}"
        ) {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(squash(&s), expected.clone());
            proptest::prop_assert_eq!(squash_owned(s), expected);
        }
    }

    #[test]
    fn slug_like_docs() {
        assert_eq!(slug("recoverPasscode action"), "recoverpasscode-action");
        assert_eq!(slug("Request headers"), "request-headers");
    }
}
