//! ## What it does
//! Checks that the path of each example request matches one of the
//! endpoints of the HTTP request section. Placeholders (`{id}`) match one
//! segment, `/me` stands for `/users/{id}`, drive paths (`root:/a/b.txt:`)
//! and function arguments (`(period='D7')`) match their templates; case is
//! ignored. An example whose path is documented must use one of the
//! methods documented for it (`DELETE …/unfollow` where the page documents
//! `POST …/unfollow`); examples addressing an item by key
//! (`messages('…')`) are not held to the method.
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
    summary: "An example request calls a path (or a method) that matches no endpoint of the page",
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
    let methods: Vec<&str> = api.endpoints.iter().map(|e| e.method.as_str()).collect();
    for call in page::example_requests(ctx) {
        let (msg, method) = (call.message, call.method);
        // a request with a method no endpoint has is judged by its method
        // alone (a call of another API, a setup step, is no example of this one)
        let other_method = !methods.contains(&method);
        let segs = page::segments(&msg.url);
        if segs.is_empty()
            || segs
                .iter()
                .any(|s| s.starts_with('$') && s != "$value" && s != "$count" && s != "$ref")
        {
            continue;
        }
        let same_path: Vec<&crate::model::Endpoint> = api
            .endpoints
            .iter()
            .zip(&templates)
            .filter(|(_, t)| page::path_matches(t, &segs))
            .map(|(e, _)| e)
            .collect();
        if let Some(e) = same_path.first() {
            // the path is documented: the method must be too (unless the
            // example addresses an item by key, `messages('…')`, which reads
            // as its collection's path)
            let keyed = msg.url.split('?').next().unwrap_or("").contains('(');
            if !keyed && !same_path.iter().any(|e| e.method.eq_ignore_ascii_case(method)) {
                out.push(
                    ctx.at_line(
                        &RULE,
                        call.line + 1,
                        format!(
                            "example request `{method} {}` calls the path of `{} {}` with another method",
                            msg.url, e.method, e.path
                        ),
                    )
                    .key(format!("example-method:{method} {}", segs.join("/"))),
                );
            }
            continue;
        }
        if other_method {
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
