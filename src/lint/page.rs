//! Helpers shared by the page checks (API consistency of one page).
//!
//! The model ([`crate::model::ApiModel`]) keeps the neutral facts; the page
//! checks need a little more: where each block is, the body of example
//! requests, link targets with their lines, the anchors of the page. All of
//! it is read from the localized Markdown ([`DocCtx::localized`]), whose
//! lines are those of the source for span-pair files (pairs sit inside a
//! line).

use super::DocCtx;
use crate::markdown::{self, Block};
use crate::model::http;
use crate::sxs::Side;
use pulldown_cmark::{Event, Options, Parser, Tag};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

pub use crate::markdown::{PageBlock, PageLink, Raw, Scan};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The code and HTML blocks and the links of the localized text of `ctx`.
pub fn scan<'c>(ctx: &'c DocCtx) -> &'c Scan {
    ctx.scan
}

/// The English half of a span-pair document, as an outline (None for
/// plain documents; once per document).
pub fn english_outline<'c>(ctx: &'c DocCtx) -> Option<&'c markdown::Outline> {
    ctx.cache
        .english_outline
        .get_or_init(|| english_outline_of(ctx))
        .as_ref()
}

fn english_outline_of(ctx: &DocCtx) -> Option<markdown::Outline> {
    if ctx.doc.segments.is_empty() {
        return None;
    }
    let text = ctx.doc.extract(Side::Source);
    Some(markdown::outline(
        &text,
        crate::front_matter::body_start(&text),
    ))
}

/// The English half of the lines of section `index` of the localized
/// outline (its heading up to the next heading), as an outline of its own:
/// what a rule comparing one section with its English needs, without
/// parsing the whole English half. None for plain documents, and for pages
/// whose halves do not keep the lines of the page (a half with a line
/// break of its own): [`english_outline`] is the answer there.
pub fn english_section(ctx: &DocCtx, index: usize) -> Option<markdown::Outline> {
    if ctx.doc.segments.is_empty() {
        return None;
    }
    let sections = &ctx.outline.sections;
    let first = sections.get(index)?.line;
    let end = sections.get(index + 1).map(|s| s.line);
    // most pages keep their lines on both sides: the English of these
    // lines alone
    let text = &ctx.doc.source.text;
    let start_of = |n: u32| ctx.doc.source.line_start(n).unwrap_or(text.len());
    let from = start_of(first);
    let to = end.map_or(text.len(), start_of).max(from);
    if let Some(english) = ctx.doc.extract_lines(Side::Source, from..to) {
        return Some(markdown::outline(&english, 0));
    }
    let english = ctx.doc.extract(Side::Source);
    let lines = |t: &str| memchr::memchr_iter(b'\n', t.as_bytes()).count();
    if lines(&english) != lines(ctx.localized) {
        return None;
    }
    // byte offset of the start of 1-based line `n`
    let start_of = |n: u32| -> usize {
        if n <= 1 {
            return 0;
        }
        memchr::memchr_iter(b'\n', english.as_bytes())
            .nth(n as usize - 2)
            .map_or(english.len(), |i| i + 1)
    };
    let from = start_of(first);
    let to = end.map_or(english.len(), start_of).max(from);
    Some(markdown::outline(&english[from..to], 0))
}

/// Is this section (or a section nested in it) one of the example sections?
/// Examples start at the first section whose key starts with `example`.
pub fn example_start(ctx: &DocCtx) -> Option<usize> {
    ctx.outline
        .sections
        .iter()
        .position(|s| s.level > 0 && s.key().starts_with("example"))
}

/// `^\s*[A-Za-z][A-Za-z0-9\-]*\s*:`: a header name and its colon.
fn header_line(line: &str) -> bool {
    let t = line.trim_start();
    let name = t
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    t.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && t[name..].trim_start().starts_with(':')
}

/// An HTTP message of a code block: start line, headers, body.
#[derive(Debug, Clone)]
pub struct Message {
    /// `GET` … for requests; `None` for responses.
    pub method: Option<String>,
    /// The URL of a request line.
    pub url: String,
    /// Status of a response.
    pub status: Option<u16>,
    pub headers: Vec<String>,
    /// The body (trimmed), empty when none.
    pub body: String,
    /// Line offset of the body's first line inside the block text (0-based).
    pub body_offset: usize,
}

/// Parses an HTTP request or response in a code block.
pub fn message(code: &str) -> Option<Message> {
    let lines: Vec<&str> = crate::markdown::lines(code).collect();
    let start = lines.iter().position(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with("//") && !t.starts_with('#')
    })?;
    let first = lines[start];
    let (method, url, status) = if let Some((method, url)) = http::request_line(first) {
        (Some(method.to_string()), url.to_string(), None)
    } else if let Some(code) = http::status_code(first) {
        (None, String::new(), code.parse().ok())
    } else {
        return None;
    };
    let mut headers = Vec::new();
    let mut i = start + 1;
    while i < lines.len() {
        let l = lines[i];
        let t = l.trim();
        if t.is_empty() {
            i += 1;
            break;
        }
        if t.starts_with(['{', '[', '<', '"']) || !header_line(l) {
            break;
        }
        headers.push(t.to_string());
        i += 1;
    }
    let body_offset = i.min(lines.len());
    let body = lines[body_offset..].join("\n").trim().to_string();
    Some(Message {
        method,
        url,
        status,
        headers,
        body,
        body_offset,
    })
}

/// The HTTP message of block `i` of the page scan: [`message`] of its
/// code, parsed once per document whichever rules ask.
pub fn block_message<'c>(ctx: &'c DocCtx, i: usize) -> Option<&'c Message> {
    let blocks = &scan(ctx).blocks;
    let cells = ctx.cache.messages.get_or_init(|| {
        std::iter::repeat_with(std::cell::OnceCell::new)
            .take(blocks.len())
            .collect()
    });
    cells
        .get(i)?
        .get_or_init(|| match &blocks[i].raw {
            Raw::Code { text, .. } => message(text),
            Raw::Html { .. } => None,
        })
        .as_ref()
}

/// Does the code block info name an HTTP or JSON sample?
pub fn is_http_info(info: &str) -> bool {
    let i = info.to_ascii_lowercase();
    i.is_empty() || i == "http" || i == "msgraph-interactive"
}

/// May a code block with this info hold an example request? HTTP blocks,
/// and the blocks the pipeline labels otherwise though they start with a
/// request line (`json`, `no-highlight`, `html`: 230 in the span-pair
/// corpus); the request line itself decides.
pub fn is_request_info(info: &str) -> bool {
    is_http_info(info)
        || ["json", "no-highlight", "html"]
            .iter()
            .any(|i| info.eq_ignore_ascii_case(i))
}

// ---------------------------------------------------------------- paths

static VERSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(v\d+(?:\.\d+)?|beta)$").expect("regex"));
static VERSION_PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\{(ver|version)[^}]*\}$").expect("regex"));

/// Normalized path segments of a request URL or endpoint template: scheme,
/// host, version, query and fragment dropped; `/me` becomes `users/{me}`;
/// drive paths `root:/a/b:` become one `:` segment; arguments of function
/// calls dropped; lower case.
pub fn segments(url: &str) -> Vec<String> {
    let mut u = url.trim();
    if let Some((_, after)) = u.split_once("://") {
        u = after.find('/').map_or("", |i| &after[i..]);
    }
    // the query starts at the first `?` outside parentheses
    let mut depth = 0i32;
    let mut end = u.len();
    for (i, c) in u.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '?' | '#' if depth <= 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let mut path = u[..end].to_string();
    // drive item paths: `root:/folder/file.txt:/content` → `root:` `content`
    // (each from past the last: `root:/a:/workbook/…` keeps `/workbook/…`)
    let mut from = 0;
    while let Some(i) = path
        .get(from..)
        .and_then(|p| p.find(":/"))
        .map(|j| from + j)
    {
        let rest = &path[i + 2..];
        let close = rest.find(':').map_or(path.len(), |j| i + 2 + j + 1);
        path.replace_range(i..close, ":");
        from = i + 1;
    }
    let mut segs: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in path.chars() {
        match c {
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            '/' if depth <= 0 => segs.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    segs.push(cur);
    let mut segs: Vec<String> = segs
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if segs
        .first()
        .is_some_and(|s| VERSION.is_match(s) || VERSION_PLACEHOLDER.is_match(s))
    {
        segs.remove(0);
    }
    let mut out: Vec<String> = Vec::new();
    for s in segs {
        // a drive item by path is a drive item: `root:` / `root` / `items/{id}`
        if let Some(item) = s.strip_suffix(':') {
            if item.eq_ignore_ascii_case("root") || item.contains('{') {
                out.push("{item}".to_string());
                continue;
            }
        }
        if s.eq_ignore_ascii_case("root") && out.last().is_some_and(|l| l == "drive") {
            out.push("{item}".to_string());
            continue;
        }
        let name = if s.contains('{') || s.contains('<') {
            // a placeholder, possibly with text around it
            let head = s.split(['(', '{', '<']).next().unwrap_or("");
            if s.starts_with('{') || s.starts_with('<') || head.is_empty() {
                "{}".to_string()
            } else if s.contains('(') {
                head.to_lowercase()
            } else {
                "{}".to_string()
            }
        } else {
            s.split('(').next().unwrap_or(&s).to_lowercase()
        };
        out.push(name);
    }
    // `items/{id}` → `{item}`
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i] == "items" && out[i + 1] == "{}" && i > 0 && out[i - 1] == "drive" {
            out[i] = "{item}".to_string();
            out.remove(i + 1);
        }
        i += 1;
    }
    if out.first().is_some_and(|s| s == "me") {
        out[0] = "users".to_string();
        out.insert(1, "{}".to_string());
    }
    out
}

/// Does an example request's path match an endpoint template? Placeholders
/// of either side match any one segment.
pub fn path_matches(template: &[String], example: &[String]) -> bool {
    let same = |t: &[String], e: &[String]| {
        t.len() == e.len()
            && t.iter()
                .zip(e)
                .all(|(t, e)| t == "{}" || e == "{}" || t == e || strip_ns(t) == strip_ns(e))
    };
    if same(template, example) {
        return true;
    }
    // workbook templates are relative to a drive item (`/workbook/…`): the
    // example's prefix must address one
    template.first().is_some_and(|t| t == "workbook")
        && example.len() > template.len()
        && same(template, &example[example.len() - template.len()..])
        && is_drive_item(&example[..example.len() - template.len()])
}

/// `users/{}/drive/{item}`, `drives/{}/{item}`, `groups/{}/drive/{item}`,
/// `sites/{}/drive/{item}`, `drives/{}/items/{}` …
fn is_drive_item(prefix: &[String]) -> bool {
    // an owner's drive (`users/{}/drive`) or a drive (`drives/{}`)
    let owner = match prefix.first().map(String::as_str) {
        Some("drives") => true,
        Some("users" | "groups" | "sites") => prefix.get(2).is_some_and(|s| s == "drive"),
        _ => false,
    };
    let item = prefix.last().is_some_and(|l| l == "{item}")
        || (prefix.len() >= 2
            && prefix[prefix.len() - 2] == "items"
            && prefix[prefix.len() - 1] == "{}");
    owner && item
}

/// `microsoft.graph.recoverPasscode` → `recoverpasscode`.
pub fn strip_ns(s: &str) -> &str {
    s.rsplit_once("microsoft.graph.").map_or(s, |(_, r)| r)
}

// ------------------------------------------------------------- anchors

static ID_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<[a-z][a-z0-9]*\b[^>]*?\b(?:name|id)\s*=\s*["']([^"']+)["']"#).expect("regex")
});

/// Anchors of the page: `<a name>` / `id` attributes anywhere, section keys,
/// heading slugs (localized and, for span-pair files, English), tab targets.
pub fn anchors(ctx: &DocCtx) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in ID_ATTR.captures_iter(ctx.localized) {
        out.insert(c[1].to_lowercase());
    }
    outline_anchors(ctx.outline, &mut out);
    if let Some(en) = english_outline(ctx) {
        outline_anchors(en, &mut out);
        let text = ctx.doc.extract(Side::Source);
        for c in ID_ATTR.captures_iter(&text) {
            out.insert(c[1].to_lowercase());
        }
    }
    out
}

/// The anchors of the headings of an outline (part of [`anchors`]).
pub fn outline_anchors(o: &markdown::Outline, out: &mut BTreeSet<String>) {
    for s in &o.sections {
        if s.level == 0 {
            continue;
        }
        out.insert(s.key().to_lowercase());
        // a section without tab or anchor has its slug for key
        let slug = if s.tab.is_none() && s.anchor.is_none() {
            s.key().to_string()
        } else {
            markdown::slug(&s.title)
        };
        out.insert(loose(&slug));
        out.insert(slug);
        if let Some(a) = &s.anchor {
            out.insert(a.to_lowercase());
        }
        if let Some(t) = &s.tab {
            out.insert(t.to_lowercase());
        }
    }
}

/// Slug without any punctuation (`a.b` → `ab`).
pub fn loose_slug(title: &str) -> String {
    loose(&markdown::slug(title))
}

/// A slug without its punctuation (part of [`loose_slug`]).
fn loose(slug: &str) -> String {
    slug.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect()
}

/// Normalizes a fragment for comparison with [`anchors`].
pub fn fragment_key(frag: &str) -> String {
    let f = frag.trim();
    let decoded = percent_decode(f);
    decoded.to_lowercase()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// --------------------------------------------------------- request body

/// Text of the paragraphs of a section.
pub fn paragraphs(section: &markdown::Section) -> Vec<&Block> {
    section
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .collect()
}

/// Is `url` a Microsoft Graph URL (or a path)?
pub fn graph_url(url: &str) -> bool {
    match url.trim().split_once("://") {
        Some((_, after)) => {
            let host = after.split('/').next().unwrap_or("").to_ascii_lowercase();
            host.contains("graph.microsoft") || host.contains("microsoftgraph")
        }
        None => url.trim_start().starts_with('/'),
    }
}

/// A comma before a closing brace or bracket.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",(\s*[}\]])").expect("regex"));

/// Does `text` parse as JSON once the liberties ApiDoctor's parser takes
/// are allowed (trailing commas)?
pub fn lenient_json(text: &str) -> bool {
    let t = TRAILING.replace_all(text, "$1");
    serde_json::from_str::<serde_json::Value>(&t).is_ok()
}

/// The byte offset of the first trailing comma of `text` (see
/// [`lenient_json`]).
pub fn trailing_comma(text: &str) -> Option<usize> {
    TRAILING.find(text).map(|m| m.start())
}

/// The file part of a relative link to a Markdown file (`../a/b.md#x` →
/// `../a/b.md`, percent-decoded); None for URLs, site paths and others.
pub fn relative_md(dest: &str) -> Option<String> {
    let d = dest.trim().trim_start_matches('<').trim_end_matches('>');
    // (a `:` also rules out `scheme://` URLs)
    if d.is_empty() || d.starts_with(['/', '#', '\\']) || d.contains(':') {
        return None;
    }
    let file = &d[..d.find(['#', '?']).unwrap_or(d.len())];
    // without escapes the name is its own decoding: most links are not
    // to Markdown files and need no copy to tell
    if !file.contains('%') {
        return ends_with_md(file).then(|| file.to_string());
    }
    let file = percent_decode(file);
    ends_with_md(&file).then_some(file)
}

/// Does `name` end with `.md`, in any case?
fn ends_with_md(name: &str) -> bool {
    name.len() >= 3
        && name.is_char_boundary(name.len() - 3)
        && name[name.len() - 3..].eq_ignore_ascii_case(".md")
}

/// Why a link to a missing file is certainly broken, even in a partial copy
/// of the docs tree: a file name with non-ASCII characters or spaces
/// (translated), a directory or file name one or two edits away from an
/// existing one (a typo).
pub fn certainly_broken(
    target: &str,
    resolved: &std::path::Path,
    files: &FileCache,
) -> Option<String> {
    if target.chars().any(|c| !c.is_ascii() || c.is_whitespace()) {
        return Some("the file name is not ASCII".into());
    }
    // pages of a directory link to the same missing files
    FileCache::cached(&files.near, resolved, |r| nearest(r, files))
}

/// The typo answer of [`certainly_broken`] for a path that does not exist.
fn nearest(resolved: &std::path::Path, files: &FileCache) -> Option<String> {
    // walk down the existing part of the path
    let mut cur = std::path::PathBuf::new();
    for comp in resolved.components() {
        let next = cur.join(comp);
        if files.exists(&next) {
            cur = next;
            continue;
        }
        let name = comp.as_os_str().to_string_lossy().to_lowercase();
        if name == ".." || name == "." {
            return None;
        }
        let names = files.names(&cur)?;
        // only the letter case differs: a 404 on a case-sensitive server
        if names.iter().any(|(other, _)| *other == name) {
            return Some(format!(
                "`{}` differs from an existing name in letter case only",
                comp.as_os_str().to_string_lossy()
            ));
        }
        let sa = separators(&name);
        let near = names
            .iter()
            .find(|(other, sb)| typo_with((&name, sa), (other, *sb)))
            .map(|(other, _)| other.clone());
        return near.map(|n| format!("did you mean `{n}`?"));
    }
    None
}

/// What the documents of one run share: the file system's answers and the
/// languages detected in their prose.
#[derive(Debug, Default)]
pub struct RunCache {
    pub files: FileCache,
    pub languages: crate::locale::Memo,
    /// The segment rules' findings by segment.
    pub segments: super::engine::SegmentMemo,
}

/// What the file system answered during one run: whether paths exist, are
/// files, and the (lower-cased) names in directories, in the order
/// `read_dir` gives them, and the near names of missing files. Pages of
/// one directory link to the same files.
#[derive(Debug, Default)]
pub struct FileCache {
    exists: Memo<bool>,
    is_file: Memo<bool>,
    /// The kinds of a directory's entries by name (None when it cannot be
    /// read): a link target's directory answers for all its files.
    kinds: Memo<Option<Kinds>>,
    /// How many paths of each directory [`FileCache::is_file`] was asked
    /// about.
    asked: std::sync::Mutex<crate::hash::Map<std::ffi::OsString, u32>>,
    names: Memo<Option<Names>>,
    /// [`certainly_broken`]'s answers by resolved path.
    near: Memo<Option<String>>,
}

/// Paths asked about in a directory before [`FileCache::is_file`] reads
/// them from its listing.
const LIST_AFTER: u32 = 16;

/// Whether each entry of a directory is a regular file (`Some(true)`), a
/// directory (`Some(false)`), or something only the file system can say
/// (`None`: a symbolic link, a FIFO, a socket, a device, an entry whose type
/// could not be read), by name.
pub type Kinds = std::sync::Arc<crate::hash::Map<std::ffi::OsString, Option<bool>>>;

/// The lower-cased names of a directory's entries, each with its count of
/// `separators`.
pub type Names = std::sync::Arc<Vec<(String, usize)>>;

/// Answers by path, keyed by the path as spelled (hashing bytes is cheaper
/// than hashing path components).
type Memo<V> = crate::hash::Memo<std::ffi::OsString, V>;

impl FileCache {
    /// The answer for `path` in `map`, from `probe` the first time.
    fn cached<V: Clone>(
        map: &Memo<V>,
        path: &std::path::Path,
        probe: impl FnOnce(&std::path::Path) -> V,
    ) -> V {
        map.get_or_insert_with(path.as_os_str(), ToOwned::to_owned, || probe(path))
    }

    /// `path.exists()`.
    pub fn exists(&self, path: &std::path::Path) -> bool {
        Self::cached(&self.exists, path, std::path::Path::exists)
    }

    /// `path.is_file()`.
    pub fn is_file(&self, path: &std::path::Path) -> bool {
        Self::cached(&self.is_file, path, |p| {
            self.listed_file(p).unwrap_or_else(|| p.is_file())
        })
    }

    /// `path.is_file()` from the listing of its directory, as it was when
    /// first listed in the run: None when the listing cannot tell (no
    /// listing, a directory that cannot be searched, a name not listed, a
    /// symbolic link, a name such as `..`, a trailing `/`), for the file
    /// system to answer.
    fn listed_file(&self, path: &std::path::Path) -> Option<bool> {
        // `a.md/` and `a.md/.` name `a.md` as a directory: `file_name` does
        // not say so, the file system does
        let spelled = path.as_os_str().as_encoded_bytes();
        if spelled.ends_with(b"/") || spelled.ends_with(b"/.") {
            return None;
        }
        let (dir, name) = (path.parent()?, path.file_name()?);
        // a directory is listed once it has been asked about a few times: a
        // listing costs about as much as that many questions
        let asked = self.asked.lock().ok().map_or(0, |mut m| {
            let n = m.entry(dir.as_os_str().to_owned()).or_insert(0u32);
            *n += 1;
            *n
        });
        if asked < LIST_AFTER {
            return None;
        }
        let kinds = Self::cached(&self.kinds, dir, |dir| {
            let list = std::fs::read_dir(if dir.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                dir
            })
            .ok()?;
            let kinds: crate::hash::Map<_, _> = list
                .filter_map(Result::ok)
                .map(|e| {
                    let kind = match e.file_type() {
                        Ok(t) if t.is_file() => Some(true),
                        Ok(t) if t.is_dir() => Some(false),
                        _ => None,
                    };
                    (e.file_name(), kind)
                })
                .collect();
            // a directory that can be listed but not searched (`r--`) has
            // entries whose metadata cannot be read: its listing answers
            // nothing
            if let Some(name) = kinds.keys().next() {
                std::fs::symlink_metadata(dir.join(name)).ok()?;
            }
            Some(std::sync::Arc::new(kinds))
        })?;
        // a name not listed may still be there under another spelling on
        // a file system that folds case or normalizes names
        kinds.get(name).copied().flatten()
    }

    /// The lower-cased names of the entries of a directory, each with its
    /// count of `separators` (None when it cannot be read).
    pub fn names(&self, dir: &std::path::Path) -> Option<Names> {
        Self::cached(&self.names, dir, |dir| {
            std::fs::read_dir(dir).ok().map(|rd| {
                std::sync::Arc::new(
                    rd.filter_map(Result::ok)
                        .map(|e| {
                            let name = e.file_name().to_string_lossy().to_lowercase();
                            let seps = separators(&name);
                            (name, seps)
                        })
                        .collect(),
                )
            })
        })
    }
}

/// The word separators (`-`, `.`, `_`) of a file name.
fn separators(name: &str) -> usize {
    name.bytes()
        .filter(|b| matches!(b, b'-' | b'.' | b'_'))
        .count()
}

/// Is `a` a typo of `b`? Names are hyphenated words (`group-list-members`):
/// the same words but one, one edit away (two in words of six letters or
/// more). `list`/`post` are two words, not a typo.
pub fn typo(a: &str, b: &str) -> bool {
    typo_with((a, separators(a)), (b, separators(b)))
}

/// [`typo`] of names given with their [`separators`] (counted once for a
/// whole directory).
fn typo_with((a, sa): (&str, usize), (b, sb): (&str, usize)) -> bool {
    if a == b {
        return false;
    }
    // called for every name of a directory: no allocation until the one
    // differing word is known
    let is_sep = |c: char| matches!(c, '-' | '.' | '_');
    if sa != sb {
        // a dropped or doubled separator: `usermanagement` / `user-management`
        return a.len() - sa == b.len() - sb
            && a.chars()
                .filter(|c| !is_sep(*c))
                .eq(b.chars().filter(|c| !is_sep(*c)));
    }
    // one word differs by at most two edits of (at most 4-byte) characters
    if a.len().abs_diff(b.len()) > 8 {
        return false;
    }
    // and what lies between the common start and end is inside that word
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let head = ab.iter().zip(bb).take_while(|(x, y)| x == y).count();
    let tail = ab[head..]
        .iter()
        .rev()
        .zip(bb[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let is_sep_byte = |b: &u8| matches!(b, b'-' | b'.' | b'_');
    if ab[head..ab.len() - tail].iter().any(is_sep_byte)
        || bb[head..bb.len() - tail].iter().any(is_sep_byte)
    {
        return false;
    }
    let mut diff = a.split(is_sep).zip(b.split(is_sep)).filter(|(x, y)| x != y);
    let (Some((x, y)), None) = (diff.next(), diff.next()) else {
        return false;
    };
    // an edit changes the length by at most one character
    let (nx, ny) = (x.chars().count(), y.chars().count());
    if nx.abs_diff(ny) > 2 {
        return false;
    }
    let d = distance_within(x, y, 2);
    d == 1 && x.len().max(y.len()) >= 3 || d == 2 && x.len().min(y.len()) >= 6
}

/// [`edit_distance`] when it is at most `limit`, else `limit + 1`: the
/// common start and end are skipped, and rows stop once all of a row
/// exceeds the limit (the distance is at least the minimum of any row).
fn distance_within(a: &str, b: &str, limit: usize) -> usize {
    // the common start and end in bytes, cut back to whole characters
    // (equal bytes at a character start start a character on both sides)
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let mut head = ab.iter().zip(bb).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(head) {
        head -= 1;
    }
    let (a, b) = (&a[head..], &b[head..]);
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let mut tail = ab
        .iter()
        .rev()
        .zip(bb.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - tail) {
        tail -= 1;
    }
    let a: Vec<char> = a[..a.len() - tail].chars().collect();
    let b: Vec<char> = b[..b.len() - tail].chars().collect();
    let (a, b) = (&a[..], &b[..]);
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().all(|&d| d > limit) {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(limit + 1)
}

/// Levenshtein distance (characters).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Link destinations of a Markdown text.
pub fn link_targets(text: &str) -> Vec<String> {
    Parser::new_ext(text, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// An example request of the page that calls Graph: the request, its
/// method, the line of its block and the block's index in the page scan.
pub struct ExampleCall<'c> {
    pub message: &'c Message,
    pub method: &'c str,
    pub line: u32,
    pub block: usize,
}

/// The example requests (after the first example section) that use a method
/// of the page's endpoints and a Graph URL.
pub fn example_calls<'c>(ctx: &'c DocCtx) -> Vec<ExampleCall<'c>> {
    let methods: Vec<&str> = ctx
        .model
        .api
        .endpoints
        .iter()
        .map(|e| e.method.as_str())
        .collect();
    example_requests(ctx)
        .into_iter()
        .filter(|c| methods.contains(&c.method))
        .collect()
}

/// The example requests (after the first example section) to a Graph URL,
/// whatever their method.
pub fn example_requests<'c>(ctx: &'c DocCtx) -> Vec<ExampleCall<'c>> {
    let Some(start) = example_start(ctx) else {
        return Vec::new();
    };
    let scan = scan(ctx);
    let mut out = Vec::new();
    for (i, b) in scan.blocks.iter().enumerate() {
        let Raw::Code { info, .. } = &b.raw else {
            continue;
        };
        if b.section_index < start || !is_request_info(info) {
            continue;
        }
        let Some(message) = block_message(ctx, i) else {
            continue;
        };
        let Some(method) = &message.method else {
            continue;
        };
        if graph_url(&message.url) {
            out.push(ExampleCall {
                message,
                method,
                line: b.line,
                block: i,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drive_paths_keep_what_follows_them() {
        assert_eq!(
            segments("/me/drive/root:/{item-path}:/workbook/tables/{id}/range"),
            ["users", "{}", "drive", "{item}", "workbook", "tables", "{}", "range"]
        );
        assert_eq!(
            segments("/drives/{drive-id}/items/{parent-id}:/{filename}:/content"),
            ["drives", "{}", "items", "{item}", "content"]
        );
    }

    #[test]
    fn workbook_templates_need_a_drive_item_before_them() {
        let template = segments("/workbook/worksheets/{id|name}/charts");
        for (example, matches) in [
            (
                "/me/drive/items/{id}/workbook/worksheets/{id|name}/charts",
                true,
            ),
            (
                "/me/drive/root:/book.xlsx:/workbook/worksheets/Sheet1/charts",
                true,
            ),
            (
                "/drives/{d}/items/{id}/workbook/worksheets/{id|name}/charts",
                true,
            ),
            (
                "/sites/{s}/drive/items/{id}/workbook/worksheets/x/charts",
                true,
            ),
            (
                "/me/Anzeigename/items/{id}/workbook/worksheets/{id|name}/charts",
                false,
            ),
            ("/me/items/{id}/workbook/worksheets/{id|name}/charts", false),
            ("/workbook/worksheets/{id|name}/chart", false),
        ] {
            assert_eq!(
                path_matches(&template, &segments(example)),
                matches,
                "{example}"
            );
        }
    }

    #[test]
    fn listed_files_answer_as_the_file_system() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("a.md"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("a.md", d.join("link.md")).unwrap();
            std::os::unix::fs::symlink("sub", d.join("dirlink")).unwrap();
            std::os::unix::fs::symlink("none.md", d.join("dangling.md")).unwrap();
        }
        let files = FileCache::default();
        // past the questions after which the directory is listed
        for k in 0..LIST_AFTER {
            let p = d.join(format!("missing-{k}.md"));
            assert!(!files.is_file(&p));
        }
        for name in [
            "a.md",
            "sub",
            "link.md",
            "dirlink",
            "dangling.md",
            "none.md",
            "sub/../a.md",
            "sub/..",
            "none/a.md",
            "a.md/x",
            ".",
            "a.md/",
            "a.md/.",
            "sub/",
            "A.MD",
        ] {
            let p = d.join(name);
            assert_eq!(files.is_file(&p), p.is_file(), "{name}");
            assert_eq!(files.is_file(&p), p.is_file(), "{name}, asked again");
        }
    }

    #[test]
    fn typos() {
        assert!(typo("usermanagement.md", "user-management.md"));
        assert!(typo("resource", "resources"));
        assert!(typo("group-lst-members.md", "group-list-members.md"));
        assert!(typo("applicaton-get.md", "application-get.md"));
        assert!(typo("x-appliction-y", "x-applicaton-y"));
        assert!(!typo("user-get.md", "user-get.md"));
        assert!(!typo("list", "post"));
        assert!(!typo("ab-c", "a-bc"));
        assert!(!typo("user-lst-get.md", "user-list-gt.md"));
        assert!(!typo("user-get.md", "user-gte.md"));
    }

    #[test]
    fn bounded_distance() {
        for (a, b) in [
            ("kitten", "sitting"),
            ("abc", "abc"),
            ("", "ab"),
            ("resource", "resources"),
            ("abcdef", "bcdefa"),
            ("ユーザー", "ユーザ"),
            ("applicaton", "application"),
            ("completelydifferent", "nothingalike"),
            // characters sharing their last or first bytes
            ("é", "©"),
            ("xé", "x©"),
            ("éx", "©x"),
            ("aa", "a"),
            ("ユーザー", "ユーサー"),
        ] {
            assert_eq!(
                distance_within(a, b, 2),
                edit_distance(a, b).min(3),
                "{a} {b}"
            );
        }
    }
}
