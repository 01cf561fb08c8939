//! ## What it does
//! For action and function pages (`recoverPasscode action`, `user:
//! findRooms`), checks that the operation the page documents is the last
//! segment of every endpoint of the HTTP request section, and that the
//! example requests call that operation.
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

/// The called operation of a path's segments ([`page::segments`]): the
/// last segment, namespace dropped.
fn called(segs: &[String]) -> Option<String> {
    segs.last().map(|last| page::strip_ns(last).to_string())
}

fn names(op: &str, call: &str) -> bool {
    // anchors concatenate the words before `-action`: `sectiongroup-copytonotebook-action`
    !call.is_empty() && (op == call || op.ends_with(call) && call.len() >= 4)
}

/// Does `hay` contain `lower` (lower case ASCII), ignoring ASCII case?
fn contains_ci(hay: &str, lower: &str) -> bool {
    hay.as_bytes()
        .windows(lower.len())
        .any(|w| w.eq_ignore_ascii_case(lower.as_bytes()))
}

/// The operation an identity like `reportroot-getmailboxusagestorage`
/// names: its last part, when long enough not to be a verb of its own
/// (`user-get`, `group-delete`).
fn identity_operation(identity: &str) -> Option<String> {
    let (_, last) = identity.rsplit_once('-')?;
    (last.len() >= 8 && last.chars().all(|c| c.is_ascii_alphanumeric())).then(|| last.to_lowercase())
}

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let api = &ctx.model.api;
    if api.endpoints.is_empty() {
        return;
    }
    // (the operation's name, compared and as shown; is the page an action
    // or function page, whose every endpoint calls the operation?)
    let (name, op_name, operation_page) = match api
        .operation
        .as_ref()
        .filter(|op| op.kind == "action" || op.kind == "function")
    {
        Some(op) => {
            let name = op.name.to_lowercase();
            (page::strip_ns(&name).to_string(), op.name.clone(), true)
        }
        None => {
            // `reportroot-getmailboxusagestorage`: the identity may name the
            // operation (cheaply first: some endpoint or example names it)
            let Some(name) = identity_operation(&api.identity).filter(|name| {
                api.endpoints.iter().any(|e| contains_ci(&e.path, name))
                    || api.examples.iter().any(|x| {
                        x.request.as_ref().is_some_and(|r| contains_ci(&r.path, name))
                    })
            }) else {
                return;
            };
            (name.clone(), name, false)
        }
    };
    let endpoint_segs: Vec<Vec<String>> = api
        .endpoints
        .iter()
        .map(|e| page::segments(&e.path))
        .collect();
    let calls: Vec<String> = endpoint_segs.iter().filter_map(|s| called(s)).collect();
    let examples: Vec<(page::ExampleCall<'_>, Vec<String>)> = page::example_calls(ctx)
        .into_iter()
        .map(|c| {
            let segs = page::segments(&c.message.url);
            (c, segs)
        })
        .collect();
    if !operation_page {
        // the identity names it when every endpoint, or every example, calls it
        let example_calls: Vec<String> = examples.iter().filter_map(|(_, s)| called(s)).collect();
        let all = |c: &[String]| !c.is_empty() && c.iter().all(|c| *c == name);
        if !all(&calls) && !all(&example_calls) {
            return;
        }
    }
    // endpoints that end in a key (`/calendars/{id}`) call no operation
    let named: Vec<&String> = calls.iter().filter(|c| *c != "{}").collect();
    if named.is_empty() {
        return;
    }
    if !named.iter().any(|c| names(&name, c)) {
        let mut shown: Vec<&str> = named.iter().map(|c| c.as_str()).collect();
        shown.sort_unstable();
        shown.dedup();
        out.push(
            ctx.at_line(
                &RULE,
                ctx.section_line("http-request"),
                format!(
                    "the page documents `{op_name}`, but its endpoints call `{}`",
                    shown.join("`, `")
                ),
            )
            .key("endpoints"),
        );
        return;
    }
    // every endpoint calls it: one that calls a sibling operation was
    // copied from another page
    // (a query, `/users?$expand=manager`, or a bare collection calls none)
    for (e, segs) in api.endpoints.iter().zip(&endpoint_segs) {
        if !operation_page || e.path.contains('?') || segs.len() <= 1 {
            continue;
        }
        let Some(call) = called(segs) else { continue };
        if names(&name, &call) || call == "{}" || call.starts_with('$') {
            continue;
        }
        out.push(
            ctx.at_line(
                &RULE,
                ctx.line_of(&e.path),
                format!(
                    "the page documents `{op_name}`, but the endpoint `{} {}` calls `{call}`",
                    e.method, e.path
                ),
            )
            .key(format!("endpoint:{call}")),
        );
    }
    // examples: requests with an endpoint's method must call the operation
    for (example, segs) in &examples {
        let Some(call) = called(segs) else {
            continue;
        };
        if names(&name, &call) || call == "{}" || call.starts_with('$') {
            continue;
        }
        // only a call of another operation the endpoints' shape allows:
        // an endpoint's path (a workbook path below any drive item) with
        // another last segment
        let sibling = endpoint_segs.iter().any(|t| {
            match (t.split_last(), segs.split_last()) {
                (Some((_, t)), Some((_, s))) => page::path_matches(t, s),
                _ => false,
            }
        });
        if !sibling {
            continue;
        }
        out.push(
            ctx.at_line(
                &RULE,
                example.line + 1,
                format!("the example request calls `{call}`, not `{op_name}`"),
            )
            .key(format!("example:{call}")),
        );
    }
}
