//! Building a [`PageModel`] from a read document.
//!
//! The neutral facts are read from the localized Markdown (the localized
//! half of span pairs, or the plain text): that is what readers of the
//! locale see, so cross-locale checks compare what each locale states.
//! Localized labels are mapped to their meaning through the span-pair
//! vocabulary, the document's own pairs first.

use super::headers;
use super::http;
use super::permissions;
use super::*;
use crate::document::Document;
use crate::markdown::{self, Block, Outline, Section};
use regex::Regex;
use std::sync::LazyLock;

static NAMESPACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[:：]\s*)(microsoft\.graph(?:\.[A-Za-z]\w*)*)\b").expect("regex")
});
static STATUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([1-5]\d\d)(?:[\s,.:;]|$)").expect("regex"));

const OPERATION_VERBS: &[&str] = &[
    "get", "list", "create", "update", "delete", "add", "remove", "upsert", "replace",
];

/// Builds the model of `doc` (without segments: see [`segments`]). `vocab`
/// holds phrases learned from the span-pair documents of the same run
/// (may be empty).
pub fn build(doc: &Document, vocab: &Vocabulary) -> PageModel {
    build_tracked(doc, vocab).0
}

/// [`build()`], and whether the model depends on `vocab` (a label was looked
/// up past the document's own span pairs).
pub fn build_tracked(doc: &Document, vocab: &Vocabulary) -> (PageModel, bool) {
    let (model, queries) = build_queries(doc, vocab);
    (model, !queries.is_empty())
}

/// [`build()`], and the phrases looked up in `vocab` (past the document's
/// own span pairs): see [`vocabulary::answers_any`].
pub fn build_queries(doc: &Document, vocab: &Vocabulary) -> (PageModel, Vec<(String, String)>) {
    let lookup = vocabulary::Lookup::new(doc, vocab);
    let model = build_with(doc, &lookup);
    (model, lookup.shared_queries())
}

/// [`build()`] with the caller's lookups (e.g. [`vocabulary::Lookup::with_own`]
/// when the document's own pairs are learned already).
pub fn build_with(doc: &Document, lookup: &vocabulary::Lookup<'_>) -> PageModel {
    let text = doc.localized_text();
    let outline = markdown::outline(&text, crate::front_matter::body_start(&text));
    build_from(doc, &outline, lookup)
}

/// Builds the model from an outline of the document's localized text
/// (for callers that need the outline too).
pub fn build_from(doc: &Document, outline: &Outline, vocab: &vocabulary::Lookup<'_>) -> PageModel {
    let fm = doc.front_matter.as_ref();
    let get = |k: &str| fm.and_then(|f| f.get_str(k)).filter(|s| !s.is_empty());
    let page = PageInfo {
        path: doc.source.path.clone(),
        rel_path: doc.rel_path.clone(),
        locale: doc.locale.clone(),
        form: doc.form,
        source_commit: get("ms.sourcegitcommit"),
        handoff: get("ms.lasthandoff"),
        localization_priority: get("ms.localizationpriority")
            .or_else(|| get("localization_priority")),
        content_hash: get("ms.openlocfilehash"),
        title: get("title"),
    };
    let api = api_model(doc, outline, vocab, get("doc_type"));
    PageModel {
        page,
        api,
        segments: Vec::new(),
    }
}

/// The span-pair segments of `doc` with their Markdown context (a second
/// Markdown parse, of the span-pair text itself: only on request).
pub fn segments(doc: &Document) -> Vec<SegmentInfo> {
    if doc.segments.is_empty() {
        return Vec::new();
    }
    let text = &doc.source.text;
    let contexts = markdown::contexts(text, &doc.segments);
    doc.segments
        .iter()
        .zip(contexts)
        .map(|(s, context)| SegmentInfo {
            id: s.id.clone(),
            line: s.line,
            column: s.column,
            target: s.target_text(text).to_string(),
            source: s.source_text(text).to_string(),
            context,
        })
        .collect()
}

fn sections_with<'o>(outline: &'o Outline, keys: &'o [&str]) -> impl Iterator<Item = &'o Section> {
    outline.sections.iter().filter(move |s| {
        s.anchor
            .as_deref()
            .map_or_else(|| keys.contains(&s.key()), |a| keys.contains(&a))
    })
}

fn api_model(
    doc: &Document,
    outline: &Outline,
    vocab: &vocabulary::Lookup<'_>,
    doc_type: Option<String>,
) -> ApiModel {
    let lang = doc.locale.language();
    let h1 = outline.sections.iter().find(|s| s.level == 1);
    let identity = match h1 {
        Some(Section {
            anchor: Some(a), ..
        }) => a.clone(),
        Some(s) if doc.locale.is_english() && !s.title.is_empty() => markdown::slug(&s.title),
        _ => doc.rel_path.trim_end_matches(".md").to_string(),
    };

    let endpoints: Vec<Endpoint> = sections_with(outline, &["http-request"])
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Code { info, text } if info.is_empty() || info.eq_ignore_ascii_case("http") => {
                Some(text)
            }
            _ => None,
        })
        .flat_map(|t| http::endpoints(t))
        .collect();

    let permissions = sections_with(outline, &["permissions", "prerequisites"])
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table { rows, header } if header.len() >= 2 => {
                permissions::from_table(rows, lang, vocab)
            }
            _ => None,
        });

    let request_headers = sections_with(outline, &["request-headers"])
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table { rows, .. } => Some(rows),
            _ => None,
        })
        .map(|rows| {
            rows.iter()
                .filter(|r| !r.is_empty() && !r[0].trim().is_empty())
                .map(|r| {
                    let value = r.get(1).map_or("", String::as_str);
                    let (name, _) = headers::resolve(&r[0], value, lang, vocab);
                    Header {
                        name,
                        media_type: http::media_type(value).map(str::to_string),
                    }
                })
                .collect()
        })
        .unwrap_or_default();

    let request_body = sections_with(outline, &["request-body"])
        .next()
        .map(request_body);

    let mut response_codes: Vec<u16> = sections_with(outline, &["response"])
        .take(1)
        .flat_map(|s| &s.blocks)
        .flat_map(|b| match b {
            Block::Paragraph { code, .. } => code.clone(),
            _ => Vec::new(),
        })
        .filter_map(|c| STATUS.captures(&c).and_then(|m| m[1].parse().ok()))
        .collect();
    response_codes.sort_unstable();
    response_codes.dedup();

    let examples = examples(outline);
    let annotations = outline
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Html { text } => annotation(text),
            _ => None,
        })
        .collect::<Vec<serde_json::Value>>();

    let namespace = outline
        .sections
        .iter()
        .take(3)
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Paragraph { text, .. } if text.contains("microsoft.graph") => {
                NAMESPACE.captures(text).map(|c| c[1].to_string())
            }
            _ => None,
        });

    let kind = page_kind(doc_type.as_deref(), outline, &annotations, &doc.rel_path);
    let operation = (kind == PageKind::ApiOperation)
        .then(|| operation(&identity, h1, &endpoints))
        .flatten();
    let sections = outline
        .sections
        .iter()
        .filter(|s| s.level > 0)
        .map(|s| s.key().to_string())
        .collect();
    ApiModel {
        identity,
        kind,
        namespace,
        operation,
        endpoints,
        permissions,
        request_headers,
        request_body,
        response_codes,
        examples,
        annotations,
        sections,
    }
}

fn request_body(section: &Section) -> RequestBody {
    for b in &section.blocks {
        if let Block::Table { rows, .. } = b {
            let props = rows
                .iter()
                .filter_map(|r| r.first())
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            return RequestBody::Properties(props);
        }
    }
    for b in &section.blocks {
        if let Block::Paragraph { links, .. } = b {
            if let Some(name) = links.iter().find_map(|l| resource_link(l)) {
                return RequestBody::Resource(name);
            }
        }
    }
    if section
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Code { .. }))
    {
        return RequestBody::Described;
    }
    RequestBody::None
}

/// `../resources/user.md#x` → `user`.
fn resource_link(link: &str) -> Option<String> {
    let path = link.split(['#', '?']).next()?;
    let (dir, file) = path.rsplit_once('/')?;
    (dir.ends_with("resources") && file.ends_with(".md"))
        .then(|| file.trim_end_matches(".md").to_string())
}

fn examples(outline: &Outline) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let Some(start) = outline
        .sections
        .iter()
        .position(|s| s.key().starts_with("example"))
    else {
        return out;
    };
    for s in &outline.sections[start..] {
        for b in &s.blocks {
            let Block::Code { info, text } = b else {
                continue;
            };
            let info = info.to_ascii_lowercase();
            if !(info.is_empty()
                || info == "http"
                || info == "json"
                || info == "msgraph-interactive")
            {
                continue;
            }
            if let Some(req) = http::example_request(text) {
                out.push(Example {
                    request: Some(req),
                    response: None,
                });
            } else if let Some(resp) = http::example_response(text) {
                match out.last_mut() {
                    Some(e) if e.response.is_none() => e.response = Some(resp),
                    _ => out.push(Example {
                        request: None,
                        response: Some(resp),
                    }),
                }
            }
        }
    }
    out
}

fn page_kind(
    doc_type: Option<&str>,
    outline: &Outline,
    annotations: &[serde_json::Value],
    rel_path: &str,
) -> PageKind {
    match doc_type.map(str::to_ascii_lowercase).as_deref() {
        Some("apipagetype") => return PageKind::ApiOperation,
        Some("resourcepagetype") => return PageKind::Resource,
        Some("enumpagetype") => return PageKind::Enum,
        Some("conceptualpagetype") => return PageKind::Concept,
        _ => {}
    }
    let has = |k: &str| outline.sections.iter().any(|s| s.key() == k);
    let block_type = |t: &str| {
        annotations
            .iter()
            .any(|a| a.get("blockType").and_then(|v| v.as_str()) == Some(t))
    };
    if has("http-request") || block_type("request") {
        PageKind::ApiOperation
    } else if block_type("resource") || has("json-representation") {
        PageKind::Resource
    } else if has("members") {
        PageKind::Enum
    } else if rel_path.starts_with("concepts/") || rel_path.contains("/concepts/") {
        PageKind::Concept
    } else {
        PageKind::Other
    }
}

/// Operation name and kind from the identity anchor (`recoverpasscode-action`,
/// `get-user`), cased by an identifier found in the endpoints or the H1.
fn operation(identity: &str, h1: Option<&Section>, endpoints: &[Endpoint]) -> Option<Operation> {
    let words: Vec<&str> = identity.split('-').filter(|w| !w.is_empty()).collect();
    let (kind, name_words) = match words.as_slice() {
        [rest @ .., last] if !rest.is_empty() && (*last == "action" || *last == "function") => {
            (last.to_string(), rest)
        }
        [first, rest @ ..] if !rest.is_empty() && OPERATION_VERBS.contains(first) => {
            (first.to_string(), rest)
        }
        [.., last]
            if endpoints
                .iter()
                .any(|e| last_segment(&e.path).eq_ignore_ascii_case(last)) =>
        {
            let m = &endpoints.first()?.method;
            let kind = if m == "GET" { "function" } else { "action" };
            (kind.to_string(), &words[words.len() - 1..])
        }
        _ => {
            let m = endpoints.first()?.method.to_ascii_lowercase();
            let kind = match m.as_str() {
                "get" => "get",
                "post" => "create",
                "patch" => "update",
                "put" => "replace",
                "delete" => "delete",
                _ => "other",
            };
            (kind.to_string(), &words[..])
        }
    };
    let wanted: String = name_words.concat();
    let candidates = endpoints
        .iter()
        .flat_map(|e| e.path.split(['/', '(', ')', '.', ' ']))
        .chain(
            h1.map(|h| h.title.split([' ', ':', '(', ')']))
                .into_iter()
                .flatten(),
        );
    let name = candidates
        .into_iter()
        .find(|c| c.eq_ignore_ascii_case(&wanted))
        .map_or(wanted.clone(), str::to_string);
    Some(Operation { name, kind })
}

/// `/a/{id}/range(address='x')` → `range`.
fn last_segment(path: &str) -> &str {
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    last.split('(').next().unwrap_or(last)
}

/// The JSON of an ApiDoctor annotation comment `<!-- { … } -->`.
fn annotation(html: &str) -> Option<serde_json::Value> {
    let body = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    if !body.starts_with('{') || !body.ends_with('}') {
        return None;
    }
    serde_json::from_str(body).ok()
}
