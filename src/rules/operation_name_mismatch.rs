//! ## What it does
//! For action and function pages, checks that the operation named by the
//! page's title anchor (`recoverpasscode-action`) is the last segment of an
//! endpoint of the HTTP request section, and that the example requests call
//! that operation.
//!
//! ## Why is this bad?
//! The anchor is the page's identity across locales; an endpoint or
//! example calling another action documents the wrong operation (a page
//! copied from a sibling and half edited).
//!
//! ## Example
//! ````markdown
//! # <a name="recoverpasscode-action"></a>recoverPasscode action
//! ## HTTP request
//! ```http
//! POST /deviceManagement/managedDevices/{managedDeviceId}/resetPasscode
//! ```
//! ````
//! Use instead: `…/{managedDeviceId}/recoverPasscode`.

use super::prelude::*;
use crate::lint::page;

pub const RULE: Rule = Rule {
    id: "operation-name-mismatch",
    severity: Severity::Warning,
    summary: "An action or function page's endpoints or examples call another operation",
    check: Check::Document(check),
};

/// The called operation of a path: last segment, namespace and arguments
/// dropped, lower case.
fn called(path: &str) -> Option<String> {
    let segs = page::segments(path);
    let last = segs.last()?;
    Some(page::strip_ns(last).to_string())
}

fn names(op: &str, call: &str) -> bool {
    // anchors concatenate the words before `-action`: `sectiongroup-copytonotebook-action`
    !call.is_empty() && (op == call || op.ends_with(call) && call.len() >= 4)
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let api = &ctx.model.api;
    let Some(op) = &api.operation else { return };
    if op.kind != "action" && op.kind != "function" {
        return;
    }
    if !api.identity.ends_with("-action") && !api.identity.ends_with("-function") {
        return;
    }
    let name = op.name.to_lowercase();
    let name = page::strip_ns(&name).to_string();
    if api.endpoints.is_empty() {
        return;
    }
    let calls: Vec<String> = api
        .endpoints
        .iter()
        .filter_map(|e| called(&e.path))
        .collect();
    if !calls.iter().any(|c| names(&name, c)) {
        let mut shown: Vec<&str> = calls.iter().map(String::as_str).collect();
        shown.sort_unstable();
        shown.dedup();
        out.push(
            ctx.at_line(
                &RULE,
                ctx.section_line("http-request"),
                format!(
                    "the page documents `{}`, but its endpoints call `{}`",
                    op.name,
                    shown.join("`, `")
                ),
            )
            .key("endpoints"),
        );
        return;
    }
    // examples: requests with an endpoint's method must call the operation
    for example in page::example_calls(ctx) {
        let msg = &example.message;
        let Some(call) = called(&msg.url) else {
            continue;
        };
        if names(&name, &call) || call == "{}" || call.starts_with('$') {
            continue;
        }
        // only a call of another operation the endpoints' shape allows:
        // same depth as an endpoint, differing in the last segment only
        let segs = page::segments(&msg.url);
        let sibling = api.endpoints.iter().any(|e| {
            let t = page::segments(&e.path);
            t.len() == segs.len() && page::path_matches(&t[..t.len() - 1], &segs[..segs.len() - 1])
        });
        if !sibling {
            continue;
        }
        out.push(
            ctx.at_line(
                &RULE,
                example.line + 1,
                format!("the example request calls `{call}`, not `{}`", op.name),
            )
            .key(format!("example:{call}")),
        );
    }
}
