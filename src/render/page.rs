//! One page as the templates see it: the localized Markdown cut into
//! sections at its headings, each section a list of parts. Prose parts are
//! pulldown-cmark HTML (sanitized, links rewritten); on API operation pages
//! the permissions table, the HTTP request block and the request-headers
//! table become structured parts built from the neutral model, labelled
//! with the page's own translated cells.

use super::highlight;
use super::sanitize;
use crate::document::Document;
use crate::markdown;
use crate::model::headers;
use crate::model::permissions;
use crate::model::vocabulary::Lookup;
use crate::model::{ApiModel, Grant, PageKind, PermissionType};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<a\s+(?:name|id)\s*=\s*["']([^"']+)["']\s*/?>\s*(?:</a>)?"#).expect("regex")
});

/// A page ready for a template.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The H1 as HTML (sanitized), empty when the page has none.
    pub title_html: String,
    /// The H1 as plain text (or the front-matter title).
    pub title: String,
    /// Plain text of the first paragraph, for descriptions and search.
    pub summary: String,
    /// Sections in document order; the first (level 0) holds what precedes
    /// the first heading below the H1.
    pub sections: Vec<SectionView>,
    /// Images to copy next to the page: (source file, output path).
    #[serde(skip)]
    pub images: Vec<(std::path::PathBuf, String)>,
}

/// A heading and what follows it up to the next heading.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// 0 for the lead section, else the heading level (2–6).
    pub level: u8,
    /// The `id` of the heading: its anchor, else the slug of its text.
    pub id: String,
    /// Further ids the heading answers to (the slug when an anchor exists).
    pub aliases: Vec<String>,
    pub title_html: String,
    pub parts: Vec<Part>,
}

/// A piece of a section.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Part {
    /// Rendered Markdown.
    Html { html: String },
    /// The permissions table, from the model.
    Permissions {
        header: Vec<Label>,
        rows: Vec<PermissionRow>,
    },
    /// The HTTP request block, from the model's endpoints.
    HttpRequest { endpoints: Vec<EndpointView> },
    /// The request-headers table, header names from the model.
    RequestHeaders {
        header: Vec<Label>,
        rows: Vec<HeaderRow>,
    },
}

/// A localized phrase, or the English one where the page lacks it.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub html: String,
    /// True when the page had no phrase and English is shown instead.
    pub fallback: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PermissionRow {
    /// `delegated-work`, `delegated-personal` or `application`.
    pub kind: String,
    pub label: Label,
    pub not_supported: bool,
    /// The localized "not supported" phrase (when `not_supported`).
    pub not_supported_label: Option<Label>,
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndpointView {
    pub method: String,
    /// The path cut into literal text and `{parameter}` pieces.
    pub pieces: Vec<PathPiece>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathPiece {
    pub text: String,
    pub parameter: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeaderRow {
    /// Canonical header name.
    pub name: String,
    /// What the page wrote, when it differs from the canonical name
    /// (a translated header name).
    pub written: Option<String>,
    pub cells_html: Vec<String>,
}

/// How links of a page are rewritten: `Some(url)` for a target the site
/// has, `None` to render the link text unlinked.
pub trait LinkResolver {
    fn resolve(&self, dest: &str) -> LinkTarget;
    /// For an image the page shows: the file to copy and its output path
    /// (relative to the output directory), when the source tree has it.
    fn image(&self, dest: &str) -> Option<(std::path::PathBuf, String)>;
}

/// What a Markdown link becomes.
pub enum LinkTarget {
    /// Keep the destination as written (external, absolute, fragment).
    Keep,
    /// Point to this URL instead.
    Rewrite(String),
    /// The target is a page the site does not have: text only.
    Unresolved,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Builds the view of `doc` (its localized text) with `model` and `links`.
pub fn view(
    doc: &Document,
    model: &ApiModel,
    vocab: &Lookup<'_>,
    links: &dyn LinkResolver,
) -> PageView {
    let text = doc.localized_text();
    let body = &text[crate::front_matter::body_start(&text)..];
    let mut b = Builder {
        model,
        lang: doc.locale.language().to_string(),
        vocab,
        links,
        operation: model.kind == PageKind::ApiOperation,
        sections: vec![SectionView {
            level: 0,
            id: String::new(),
            aliases: Vec::new(),
            title_html: String::new(),
            parts: Vec::new(),
        }],
        pending: Vec::new(),
        title_html: String::new(),
        title: String::new(),
        summary: String::new(),
        endpoints_done: false,
        seen_ids: Vec::new(),
        images: std::cell::RefCell::new(Vec::new()),
    };
    b.run(body);
    let title = if b.title.is_empty() {
        doc.front_matter
            .as_ref()
            .and_then(|f| f.get_str("title"))
            .unwrap_or_else(|| doc.rel_path.clone())
    } else {
        b.title.clone()
    };
    let mut sections = b.sections;
    if sections.len() > 1 && sections[0].parts.is_empty() {
        sections.remove(0);
    }
    PageView {
        title_html: b.title_html,
        title,
        summary: b.summary,
        sections,
        images: b.images.into_inner(),
    }
}

struct Builder<'a> {
    model: &'a ApiModel,
    lang: String,
    vocab: &'a Lookup<'a>,
    links: &'a dyn LinkResolver,
    operation: bool,
    sections: Vec<SectionView>,
    /// Events of the prose part being collected.
    pending: Vec<Event<'a>>,
    title_html: String,
    title: String,
    summary: String,
    endpoints_done: bool,
    seen_ids: Vec<String>,
    images: std::cell::RefCell<Vec<(std::path::PathBuf, String)>>,
}

impl<'a> Builder<'a> {
    fn run(&mut self, body: &'a str) {
        let mut events = Parser::new_ext(body, options()).peekable();
        let mut in_comment = false;
        while let Some(event) = events.next() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let inner =
                        take_until(&mut events, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                    self.heading(level as u8, inner);
                }
                Event::Start(Tag::Table(align)) => {
                    let inner = take_until(&mut events, |e| matches!(e, Event::End(TagEnd::Table)));
                    self.table(align, inner);
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let inner =
                        take_until(&mut events, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                    self.code_block(kind, inner);
                }
                Event::Start(Tag::Paragraph) if self.summary.is_empty() => {
                    let inner =
                        take_until(&mut events, |e| matches!(e, Event::End(TagEnd::Paragraph)));
                    let text = plain(&inner);
                    if text.chars().count() > 20 {
                        self.summary = truncate(&text, 300);
                    }
                    self.pending.push(Event::Start(Tag::Paragraph));
                    self.pending.extend(inner);
                    self.pending.push(Event::End(TagEnd::Paragraph));
                }
                // HTML comments (ApiDoctor annotations among them) are not
                // shown: dropped here rather than by the sanitizer
                Event::Html(h) if in_comment || h.trim_start().starts_with("<!--") => {
                    let rest = if in_comment {
                        h.as_ref()
                    } else {
                        &h.trim_start()[4..]
                    };
                    match rest.find("-->") {
                        Some(end) => {
                            in_comment = false;
                            let after = rest[end + 3..].trim();
                            if !after.is_empty() {
                                self.pending
                                    .push(Event::Html(CowStr::from(after.to_string())));
                            }
                        }
                        None => in_comment = true,
                    }
                }
                other => self.pending.push(other),
            }
        }
        self.flush();
    }

    /// Turns the collected prose events into an HTML part.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let events = std::mem::take(&mut self.pending);
        let html = self.html(events);
        if !html.trim().is_empty() {
            self.push(Part::Html { html });
        }
    }

    fn push(&mut self, part: Part) {
        if let Some(s) = self.sections.last_mut() {
            s.parts.push(part);
        }
    }

    /// Renders events to sanitized HTML, links rewritten. Events without
    /// raw HTML and with safe URLs render safe HTML by construction
    /// (pulldown-cmark escapes text and attributes); only the others go
    /// through the sanitizer.
    fn html(&self, events: Vec<Event<'a>>) -> String {
        let raw = events.iter().any(|e| match e {
            Event::Html(_) | Event::InlineHtml(_) => true,
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => !sanitize::safe_url(dest_url),
            _ => false,
        });
        let mut out = String::new();
        let mut unresolved = false;
        let events = events.into_iter().map(|e| match e {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match self.links.resolve(&dest_url) {
                LinkTarget::Keep => Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }),
                LinkTarget::Rewrite(url) => Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(url),
                    title,
                    id,
                }),
                LinkTarget::Unresolved => {
                    unresolved = true;
                    Event::Html(CowStr::from(
                        "<span class=\"unresolved-link\" title=\"not in this site\">",
                    ))
                }
            },
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                if let Some(copy) = self.links.image(dest_url) {
                    self.images.borrow_mut().push(copy);
                }
                e
            }
            Event::End(TagEnd::Link) if unresolved => {
                unresolved = false;
                Event::Html(CowStr::from("</span>"))
            }
            other => other,
        });
        pulldown_cmark::html::push_html(&mut out, events);
        if raw {
            sanitize::clean(&out)
        } else {
            out
        }
    }

    fn heading(&mut self, level: u8, inner: Vec<Event<'a>>) {
        self.flush();
        // code-tab headings (`# [HTTP](#tab/http)`) answer to their target
        let mut anchors: Vec<String> = inner
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    dest_url.strip_prefix("#tab/").map(|t| format!("tab/{t}"))
                }
                _ => None,
            })
            .collect();
        let inner: Vec<Event<'a>> = inner
            .into_iter()
            .filter_map(|e| match &e {
                Event::InlineHtml(h) | Event::Html(h) => {
                    let found: Vec<String> =
                        ANCHOR.captures_iter(h).map(|c| c[1].to_string()).collect();
                    if found.is_empty() {
                        Some(e)
                    } else {
                        anchors.extend(found);
                        let rest = ANCHOR.replace_all(h, "");
                        (!rest.trim().is_empty())
                            .then(|| Event::InlineHtml(CowStr::from(rest.into_owned())))
                    }
                }
                _ => Some(e),
            })
            .collect();
        let text = plain(&inner);
        let html = self.html(inner);
        let html = html.trim().to_string();
        if level == 1 && self.title.is_empty() {
            self.title = text;
            self.title_html = html;
            return;
        }
        let slug = markdown::slug(&text);
        let mut ids: Vec<String> = anchors;
        if !slug.is_empty() && !ids.contains(&slug) {
            ids.push(slug);
        }
        // ids are unique within a page: later duplicates get a suffix
        let ids: Vec<String> = ids
            .into_iter()
            .map(|id| {
                let mut candidate = id.clone();
                let mut n = 1;
                while self.seen_ids.contains(&candidate) {
                    candidate = format!("{id}-{n}");
                    n += 1;
                }
                self.seen_ids.push(candidate.clone());
                candidate
            })
            .collect();
        let mut ids = ids.into_iter();
        let id = ids.next().unwrap_or_default();
        self.sections.push(SectionView {
            level: level.max(2),
            id,
            aliases: ids.collect(),
            title_html: html,
            parts: Vec::new(),
        });
    }

    fn section_is(&self, keys: &[&str]) -> bool {
        let s = self.sections.last();
        s.is_some_and(|s| {
            keys.contains(&s.id.as_str()) || s.aliases.iter().any(|a| keys.contains(&a.as_str()))
        })
    }

    fn table(&mut self, align: Vec<pulldown_cmark::Alignment>, inner: Vec<Event<'a>>) {
        if self.operation {
            let (header, rows) = cells(&inner);
            if self.section_is(&["permissions", "prerequisites"]) && header.len() >= 2 {
                if let Some(part) = self.permissions(&header, &rows) {
                    self.flush();
                    self.push(part);
                    return;
                }
            }
            if self.section_is(&["request-headers"]) && !self.model.request_headers.is_empty() {
                self.flush();
                let part = self.request_headers(&header, &rows);
                self.push(part);
                return;
            }
        }
        self.pending.push(Event::Start(Tag::Table(align)));
        self.pending.extend(inner);
        self.pending.push(Event::End(TagEnd::Table));
    }

    fn permissions(&self, header: &[Cell<'a>], rows: &[Vec<Cell<'a>>]) -> Option<Part> {
        // as the outline reads them: an indented cell keeps one U+00A0
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| match c.events.first() {
                        Some(Event::Text(t)) if t.starts_with('\u{a0}') => {
                            format!("\u{a0}{}", c.text)
                        }
                        _ => c.text.clone(),
                    })
                    .collect()
            })
            .collect();
        let model = self.model.permissions.as_ref()?;
        let mut out: Vec<PermissionRow> = Vec::new();
        let kinds = permissions::row_kinds(&texts, &self.lang, self.vocab);
        for (row, kind) in rows.iter().zip(kinds) {
            let (Some(kind), Some(first)) = (kind, row.first()) else {
                continue;
            };
            let Some(grant) = model.get(kind) else {
                continue;
            };
            if out.iter().any(|r| r.kind == kind_name(kind)) {
                continue;
            }
            let value = row.get(1);
            let (not_supported, scopes) = match grant {
                Grant::NotSupported => (true, Vec::new()),
                Grant::Scopes(s) => (false, s.clone()),
            };
            out.push(PermissionRow {
                kind: kind_name(kind).to_string(),
                label: self.label(first, english_permission_label(kind)),
                not_supported,
                not_supported_label: not_supported.then(|| {
                    value.map_or_else(
                        || fallback("Not supported."),
                        |v| self.label(v, "Not supported."),
                    )
                }),
                scopes,
            });
        }
        // every type the model knows must be shown
        if out.is_empty()
            || PermissionType::ALL
                .iter()
                .any(|t| model.get(*t).is_some() && !out.iter().any(|r| r.kind == kind_name(*t)))
        {
            return None;
        }
        Some(Part::Permissions {
            header: vec![
                self.label(&header[0], "Permission type"),
                self.label(&header[1], "Permissions (from least to most privileged)"),
            ],
            rows: out,
        })
    }

    fn request_headers(&self, header: &[Cell<'a>], rows: &[Vec<Cell<'a>>]) -> Part {
        let defaults = ["Header", "Value"];
        let header = header
            .iter()
            .enumerate()
            .map(|(i, c)| self.label(c, defaults.get(i).copied().unwrap_or("")))
            .collect();
        let rows = rows
            .iter()
            .filter(|r| r.first().is_some_and(|c| !c.text.trim().is_empty()))
            .map(|r| {
                let written = r[0].text.trim().to_string();
                let value = r.get(1).map_or("", |c| c.text.as_str());
                let (name, _) = headers::resolve(&written, value, &self.lang, self.vocab);
                HeaderRow {
                    written: (!written.eq_ignore_ascii_case(&name)).then_some(written),
                    name,
                    cells_html: r[1..].iter().map(|c| self.html(c.events.clone())).collect(),
                }
            })
            .collect();
        Part::RequestHeaders { header, rows }
    }

    /// The localized phrase of a cell, or `english` marked as a fallback
    /// when the cell is empty.
    fn label(&self, cell: &Cell<'a>, english: &str) -> Label {
        if cell.text.trim().is_empty() {
            return fallback(english);
        }
        Label {
            html: self.html(cell.events.clone()).trim().to_string(),
            fallback: false,
        }
    }

    fn code_block(&mut self, kind: CodeBlockKind<'a>, inner: Vec<Event<'a>>) {
        let info = match &kind {
            CodeBlockKind::Fenced(i) => i
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase(),
            CodeBlockKind::Indented => String::new(),
        };
        let code: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        if self.operation
            && self.section_is(&["http-request"])
            && (info.is_empty() || info == "http")
            && !self.model.endpoints.is_empty()
        {
            self.flush();
            if !self.endpoints_done {
                self.endpoints_done = true;
                let endpoints = self
                    .model
                    .endpoints
                    .iter()
                    .map(|e| EndpointView {
                        method: e.method.clone(),
                        pieces: path_pieces(&e.path),
                    })
                    .collect();
                self.push(Part::HttpRequest { endpoints });
            }
            return;
        }
        // built from escaped text: no sanitizing needed
        self.flush();
        self.push(Part::Html {
            html: highlight::code_block(&info, &code),
        });
    }
}

fn fallback(english: &str) -> Label {
    Label {
        html: sanitize::escape(english),
        fallback: true,
    }
}

fn kind_name(t: PermissionType) -> &'static str {
    match t {
        PermissionType::DelegatedWork => "delegated-work",
        PermissionType::DelegatedPersonal => "delegated-personal",
        PermissionType::Application => "application",
    }
}

fn english_permission_label(t: PermissionType) -> &'static str {
    match t {
        PermissionType::DelegatedWork => "Delegated (work or school account)",
        PermissionType::DelegatedPersonal => "Delegated (personal Microsoft account)",
        PermissionType::Application => "Application",
    }
}

/// `/users/{id}/photo` → literal and parameter pieces.
fn path_pieces(path: &str) -> Vec<PathPiece> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        if start > 0 {
            out.push(PathPiece {
                text: rest[..start].to_string(),
                parameter: false,
            });
        }
        out.push(PathPiece {
            text: rest[start..start + len + 1].to_string(),
            parameter: true,
        });
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        out.push(PathPiece {
            text: rest.to_string(),
            parameter: false,
        });
    }
    out
}

/// One table cell: its inline events and plain text.
struct Cell<'a> {
    events: Vec<Event<'a>>,
    text: String,
}

/// The header cells and body rows of a table's events.
fn cells<'a>(inner: &[Event<'a>]) -> (Vec<Cell<'a>>, Vec<Vec<Cell<'a>>>) {
    let mut header = Vec::new();
    let mut rows: Vec<Vec<Cell<'a>>> = Vec::new();
    let mut in_head = false;
    let mut current: Option<Vec<Event<'a>>> = None;
    for e in inner {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => current = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                let events = current.take().unwrap_or_default();
                let cell = Cell {
                    text: plain(&events),
                    events,
                };
                if in_head {
                    header.push(cell);
                } else if let Some(r) = rows.last_mut() {
                    r.push(cell);
                }
            }
            other => {
                if let Some(c) = current.as_mut() {
                    c.push(other.clone());
                }
            }
        }
    }
    (header, rows)
}

/// Collects events up to (not including) the one `end` matches, which is
/// consumed.
fn take_until<'a>(
    events: &mut impl Iterator<Item = Event<'a>>,
    end: impl Fn(&Event<'a>) -> bool,
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    for e in events.by_ref() {
        if end(&e) {
            break;
        }
        out.push(e);
    }
    out
}

/// The plain text of inline events (entities decoded, markup dropped).
fn plain(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_pieces_split_parameters() {
        let p = path_pieces("/users/{id}/photo/{size}");
        let shown: Vec<(bool, &str)> = p.iter().map(|p| (p.parameter, p.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (false, "/users/"),
                (true, "{id}"),
                (false, "/photo/"),
                (true, "{size}")
            ]
        );
    }
}
