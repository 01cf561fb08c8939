//! ## What it does
//! Compares the Request body section with the example request: the page
//! says no body is supplied but the example sends one, or the page lists
//! the body's properties (or names the resource it carries) for a `POST`,
//! `PATCH` or `PUT` but the example sends no body (15 such examples in the
//! span-pair corpus and the English tree, `channel-patch` among them).
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
    let Some(start) = page::example_start(ctx) else {
        return;
    };
    let methods: Vec<&str> = api.endpoints.iter().map(|e| e.method.as_str()).collect();
    if methods.is_empty() {
        return;
    }
    let scan = page::scan(ctx);
    // the first request of each example with one of the endpoints' methods
    let requests: Vec<(u32, &page::Message)> = scan
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.section_index >= start)
        .filter_map(|(i, b)| match &b.raw {
            page::Raw::Code { info, .. } if page::is_request_info(info) => {
                page::block_message(ctx, i).map(|m| (b.line, m))
            }
            _ => None,
        })
        .filter(|(_, m)| {
            m.method.as_deref().is_some_and(|x| methods.contains(&x)) && page::graph_url(&m.url)
        })
        .collect();
    match body {
        RequestBody::None => {
            if requests.iter().all(|(_, m)| m.body.is_empty()) {
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
            if !methods
                .iter()
                .all(|m| matches!(*m, "POST" | "PATCH" | "PUT"))
            {
                return;
            }
            if requests.is_empty() || requests.iter().any(|(_, m)| !m.body.is_empty()) {
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
            let (line, m) = &requests[0];
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
                .key("request-body:missing"),
            );
        }
        _ => {}
    }
}
