//! ## What it does
//! Compares the Request body section with the example requests: the page
//! says no body is supplied but an example sends one, or the page lists
//! the body's properties, names the resource it carries or, in English,
//! asks for one ("In the request body, supply a name for the section") for
//! a `POST`, `PATCH` or `PUT`, but an example sends no body (33 such
//! examples in the span-pair corpus and the English tree, `channel-patch`
//! and the second example of `channel-post-members` among them). A body
//! shown in the code block after its request line counts as sent; where
//! the English says the body or its properties may be left out
//! ("Optional", "If omitted"), only a page none of whose examples sends a
//! body is reported.
//!
//! ## Why is this bad?
//! Either the section or the example is wrong; a client following the
//! wrong one gets `400 Bad Request`.
//!
//! ## Example
//! ````markdown
//! ## Request body
//! Do not supply a request body for this method.
//!
//! ## Example
//! ```http
//! POST https://graph.microsoft.com/v1.0/me/events/{id}/accept
//! Content-type: application/json
//!
//! { "comment": "ok" }
//! ```
//! ````
//! Use instead: describe the body's properties, or drop the body.

use super::prelude::*;
use crate::lint::page;
use crate::markdown::{Block, Outline};
use crate::model::RequestBody;

pub const RULE: Rule = Rule {
    id: "request-body-mismatch",
    severity: Severity::Error,
    summary: "The Request body section and the example request disagree on the body",
    check: Check::Document(check),
};

/// Does the request-body section of `outline` say, in English, that no
/// body is supplied (whatever else it says)?
fn says_no_body(outline: &Outline) -> bool {
    outline
        .sections
        .iter()
        .filter(|s| s.level > 0 && s.key() == "request-body")
        .flat_map(|s| &s.blocks)
        .any(|b| matches!(b, Block::Paragraph { text, .. } if no_body_phrase(text)))
}

/// The English phrases that say no request body is supplied.
fn no_body_phrase(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("not supply")
        || t.contains("don't supply")
        || t.contains("not provide")
        || t.contains("no request body")
        || t.contains("not specify")
        || t.contains("not send")
}

/// Does the request-body section of `outline` state, in one short
/// paragraph without code or links, that there is no body?
fn states_no_body(outline: &Outline, english: bool) -> Option<bool> {
    let s = outline
        .sections
        .iter()
        .find(|s| s.level > 0 && s.key() == "request-body")?;
    let mut paras = Vec::new();
    for b in &s.blocks {
        match b {
            Block::Paragraph { text, code, links } => {
                if !code.is_empty() || !links.is_empty() {
                    return Some(false);
                }
                // a reference link whose definition is missing (`[list][]`)
                if text.contains('[') && text.contains(']') {
                    return Some(false);
                }
                if !text.trim().is_empty() {
                    paras.push(text.as_str());
                }
            }
            Block::Html { .. } => {}
            _ => return Some(false),
        }
    }
    let [text] = paras.as_slice() else {
        return Some(false);
    };
    if english {
        return Some(no_body_phrase(text));
    }
    Some(text.chars().count() <= 160)
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let api = &ctx.model.api;
    let Some(body) = &api.request_body else {
        return;
    };
    let methods: Vec<&str> = api.endpoints.iter().map(|e| e.method.as_str()).collect();
    if methods.is_empty() {
        return;
    }
    let scan = page::scan(ctx);
    // the example requests with one of the endpoints' methods; a request
    // whose body is the next code block (`POST …` in one block, its JSON in
    // the next) sends that body
    let requests: Vec<(u32, &page::Message)> = page::example_calls(ctx)
        .into_iter()
        .filter(|c| !(c.message.body.is_empty() && body_follows(&scan.blocks, c.block)))
        .map(|c| (c.line, c.message))
        .collect();
    match body {
        RequestBody::None => {
            if requests.iter().all(|(_, m)| m.body.is_empty()) {
                asked_in_prose(ctx, &methods, &requests, out);
                return;
            }
            let english = page::english_outline(ctx);
            let no_body = match &english {
                Some(en) => states_no_body(en, true),
                None => states_no_body(ctx.outline, false),
            };
            if no_body != Some(true) {
                return;
            }
            for (line, m) in &requests {
                if m.body.is_empty() {
                    continue;
                }
                out.push(
                    ctx.at_line(
                        &RULE,
                        line + 1 + m.body_offset as u32,
                        format!(
                            "the Request body section says no body is supplied, but the example `{} {}` sends one",
                            m.method.as_deref().unwrap_or(""),
                            m.url
                        ),
                    )
                    .key("request-body:none"),
                );
            }
        }
        RequestBody::Properties(_) | RequestBody::Resource(_) => {
            if !sends_body(&methods) {
                return;
            }
            let sent = requests.iter().filter(|(_, m)| !m.body.is_empty()).count();
            // a body that may be left out: only when no example sends one
            if sent == requests.len() || sent > 0 && body_optional(ctx) {
                return;
            }
            let described = match body {
                RequestBody::Properties(props) if !props.is_empty() => {
                    format!("lists {} properties", props.len())
                }
                RequestBody::Resource(name) if !name.is_empty() => {
                    // a resource named in a section that says no body is sent
                    // ("Do not supply a request body … the draft [message] is sent")
                    let english = page::english_outline(ctx);
                    if says_no_body(english.unwrap_or(ctx.outline)) {
                        return;
                    }
                    format!("asks for a JSON representation of {name}")
                }
                _ => return,
            };
            // each example request that sends no body (one example with
            // a body does not excuse another without)
            for (line, m) in requests.iter().filter(|(_, m)| m.body.is_empty()) {
                out.push(
                    ctx.at_line(
                        &RULE,
                        line + 1,
                        format!(
                            "the Request body section {described}, but the example `{} {}` sends no body",
                            m.method.as_deref().unwrap_or(""),
                            m.url
                        ),
                    )
                    .key(format!("request-body:missing:{}", m.url)),
                );
            }
        }
        _ => {}
    }
}

/// Do the methods all send a body (`POST`, `PATCH`, `PUT`)?
fn sends_body(methods: &[&str]) -> bool {
    methods.iter().all(|m| matches!(*m, "POST" | "PATCH" | "PUT"))
}

/// Is a request body on its own (JSON, no request or status line) the
/// first code block after `blocks[i]` in its section that is no other
/// request ("use either request with the following body")?
fn body_follows(blocks: &[crate::markdown::PageBlock], i: usize) -> bool {
    let section = blocks[i].section_index;
    blocks[i + 1..]
        .iter()
        .take_while(|b| b.section_index == section)
        .find_map(|b| match &b.raw {
            page::Raw::Code { text, .. } => {
                let t = text.trim_start();
                let request = t
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| matches!(w, "GET" | "POST" | "PATCH" | "PUT" | "DELETE"));
                (!request).then(|| t.starts_with(['{', '[']))
            }
            page::Raw::Html { .. } => None,
        })
        .unwrap_or(false)
}

/// `f` of the blocks of the English Request body section: of the page (an
/// English page), else of the English half of its lines (a span-pair page);
/// None for a plain translation.
fn english_body<R>(ctx: &DocCtx, f: impl Fn(&[&Block]) -> R) -> Option<R> {
    let with_blocks = |o: &Outline| {
        let blocks: Vec<&Block> = o
            .sections
            .iter()
            .filter(|s| s.level > 0 && s.key() == "request-body")
            .flat_map(|s| &s.blocks)
            .collect();
        f(&blocks)
    };
    if ctx.doc.locale.is_english() && ctx.doc.segments.is_empty() {
        return Some(with_blocks(ctx.outline));
    }
    // the section's own lines, else the whole English half
    let index = ctx
        .outline
        .sections
        .iter()
        .position(|s| s.level > 0 && s.key() == "request-body")?;
    if let Some(section) = page::english_section(ctx, index) {
        return Some(with_blocks(&section));
    }
    page::english_outline(ctx).map(with_blocks)
}

/// Does the English of the Request body section say a body, or each of
/// its properties, may be left out ("Optional.", "If omitted, …")?
fn body_optional(ctx: &DocCtx) -> bool {
    let said = |t: &str| {
        let t = t.to_lowercase();
        t.contains("optional") || t.contains("omitted") || t.contains("if not specified")
    };
    english_body(ctx, |blocks| {
        blocks.iter().any(|b| match b {
            Block::Paragraph { text, .. } => said(text),
            Block::Table { rows, .. } => rows.iter().flatten().any(|c| said(c)),
            _ => false,
        })
    })
    .unwrap_or(false)
}

/// A Request body section with neither table nor resource link whose
/// English asks for a body ("In the request body, supply a name for the
/// section"), on a page whose every example request (all `POST`, `PATCH`
/// or `PUT`) sends none.
fn asked_in_prose(
    ctx: &DocCtx,
    methods: &[&str],
    requests: &[(u32, &page::Message)],
    out: &mut Vec<Finding>,
) {
    let Some((line, m)) = requests.first() else {
        return;
    };
    if !sends_body(methods) {
        return;
    }
    // the English of the section: the English half, or the page itself
    let Some(Some(asked)) = english_body(ctx, |blocks| {
        blocks.iter().find_map(|b| match b {
            Block::Paragraph { text, .. } if asks_for_body(text) => Some(text.clone()),
            _ => None,
        })
    }) else {
        return;
    };
    let asked = asked.split(['.', '\n']).next().unwrap_or(&asked).trim();
    out.push(
        ctx.at_line(
            &RULE,
            line + 1,
            format!(
                "the Request body section asks for a body (\"{asked}\"), but the example `{} {}` sends none",
                m.method.as_deref().unwrap_or(""),
                m.url
            ),
        )
        .key("request-body:asked"),
    );
}

/// Does an English paragraph ask for a request body ("In the request body,
/// supply …", "Provide … in the request body") without saying none is
/// supplied?
fn asks_for_body(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("request body")
        && ["supply", "provide", "specify", "include"]
            .iter()
            .any(|w| t.contains(w))
        && !no_body_phrase(text)
        && !["optional", "not necessary", "not required", "not needed"]
            .iter()
            .any(|w| t.contains(w))
}
