//! ## What it does
//! Compares the success status code the Response section states (`201
//! Created`) with the status line of the example responses (`HTTP/1.1 200
//! OK`).
//!
//! ## Why is this bad?
//! One of the two is wrong, and readers cannot tell which: clients written
//! against the prose reject what the service really returns, or the other
//! way round. Error codes the prose lists are not compared.
//!
//! ## Example
//! ````markdown
//! ## Response
//! If successful, this method returns a `201 Created` response code.
//!
//! ```http
//! HTTP/1.1 200 OK
//! ```
//! ````
//! Use instead: the same success code in the prose and the example.

use super::prelude::*;
use crate::lint::page;
use crate::markdown::Block;
use regex::Regex;
use std::sync::LazyLock;

pub const RULE: Rule = Rule {
    id: "response-code-mismatch",
    severity: Severity::Warning,
    summary: "The success status of the Response prose differs from the example response",
    check: Check::Document(check),
};

/// Success codes written without code spans in the Response section:
/// `201 Created` (status and its protocol reason phrase).
fn prose_codes(ctx: &DocCtx) -> Vec<u16> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b([23]\d\d) (?:OK|Created|Accepted|No Content|Partial Content|Multi-Status|Found|See Other|Not Modified|Moved Permanently|Temporary Redirect)\b")
            .expect("regex")
    });
    let mut out: Vec<u16> = ctx
        .outline
        .sections
        .iter()
        .filter(|s| s.level > 0 && s.key() == "response")
        .take(1)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text),
            _ => None,
        })
        .flat_map(|t| {
            CODE.captures_iter(t)
                .filter_map(|c| c[1].parse().ok())
                .collect::<Vec<u16>>()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let api = &ctx.model.api;
    let mut prose: Vec<u16> = api
        .response_codes
        .iter()
        .copied()
        .filter(|c| (200..400).contains(c))
        .collect();
    if api.response_codes.is_empty() {
        prose = prose_codes(ctx);
    }
    if prose.is_empty() {
        return;
    }
    let Some(start) = page::example_start(ctx) else {
        return;
    };
    let scan = page::scan(ctx);
    let mut seen: Vec<u16> = Vec::new();
    // the response after a redirect is the redirect target's (report pages:
    // `302 Found`, then the CSV with `200 OK`)
    let mut after_redirect = false;
    for (i, b) in scan.blocks.iter().enumerate() {
        let page::Raw::Code { info, .. } = &b.raw else {
            continue;
        };
        if b.section_index < start
            || !(page::is_http_info(info) || info.eq_ignore_ascii_case("json"))
        {
            continue;
        }
        let Some(status) = page::block_message(ctx, i).and_then(|m| m.status) else {
            continue;
        };
        let redirected = std::mem::replace(&mut after_redirect, (300..400).contains(&status));
        if redirected
            || !(200..400).contains(&status)
            || prose.contains(&status)
            || seen.contains(&status)
        {
            continue;
        }
        seen.push(status);
        let stated: Vec<String> = prose.iter().map(u16::to_string).collect();
        out.push(
            ctx.at_line(
                &RULE,
                b.line + 1,
                format!(
                    "the example response has status {status}, but the Response section states {}",
                    stated.join(", ")
                ),
            )
            .key(format!("response:{status}")),
        );
    }
}
