//! ## What it does
//! Checks that the path of each example request matches one of the
//! endpoints of the HTTP request section. Placeholders (`{id}`) match one
//! segment, `/me` stands for `/users/{id}`, drive paths (`root:/a/b.txt:`)
//! and function arguments (`(period='D7')`) match their templates; case is
//! ignored.
//!
//! ## Why is this bad?
//! The example is what readers copy. An example calling a path the page
//! does not document (a renamed segment, a typo, a path left over from
//! another page) sends requests that fail.
//!
//! ## Example
//! ````markdown
//! ## HTTP request
//! ```http
//! POST /me/onenote/sectionGroups/{id}/sections
//! ```
//! ## Example
//! ```http
//! POST https://graph.microsoft.com/v1.0/me/onenote/sectionGroup/{id}/sections
//! ```
//! ````
//! Use instead: `/me/onenote/sectionGroups/{id}/sections`.

use super::prelude::*;
use crate::lint::page;

pub const RULE: Rule = Rule {
    id: "example-endpoint-mismatch",
    severity: Severity::Error,
    summary: "An example request calls a path that matches no endpoint of the page",
    check: Check::Document(check),
};

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let api = &ctx.model.api;
    if api.endpoints.is_empty() {
        return;
    }
    let templates: Vec<Vec<String>> = api
        .endpoints
        .iter()
        .map(|e| page::segments(&e.path))
        .collect();
    for call in page::example_calls(ctx) {
        let (msg, method) = (&call.message, &call.method);
        let segs = page::segments(&msg.url);
        if segs.is_empty()
            || segs
                .iter()
                .any(|s| s.starts_with('$') && s != "$value" && s != "$count" && s != "$ref")
        {
            continue;
        }
        if templates.iter().any(|t| page::path_matches(t, &segs)) {
            continue;
        }
        out.push(
            ctx.at_line(
                &RULE,
                call.line + 1,
                format!(
                    "example request `{method} {}` matches no endpoint of the HTTP request section",
                    msg.url
                ),
            )
            .key(format!("example:{method} {}", segs.join("/"))),
        );
    }
}
