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
    let operation = api
        .operation
        .as_ref()
        .filter(|op| op.kind == "action" || op.kind == "function");
    // `reportroot-getmailboxusagestorage`: the identity may name the operation
    let from_identity = match operation {
        Some(_) => None,
        None => match identity_operation(&api.identity) {
            // (cheaply first: some endpoint or example must name it at all)
            Some(name)
                if api.endpoints.iter().any(|e| contains_ci(&e.path, &name))
                    || api.examples.iter().any(|x| {
                        x.request.as_ref().is_some_and(|r| contains_ci(&r.path, &name))
                    }) =>
            {
                Some(name)
            }
            _ => return,
        },
    };
    let calls: Vec<String> = api
        .endpoints
        .iter()
        .filter_map(|e| called(&e.path))
        .collect();
    // (the operation's name, as shown; is the page an action or function
    // page, whose every endpoint calls the operation?)
    let (name, shown_name, operation_page) = match (operation, from_identity) {
        (Some(op), _) => {
            let name = op.name.to_lowercase();
            (page::strip_ns(&name).to_string(), op.name.clone(), true)
        }
        (None, None) => return,
        (None, Some(name)) => {
            // it does when every endpoint, or every example, calls it
            let examples: Vec<String> = page::example_calls(ctx)
                .iter()
                .filter_map(|c| called(&c.message.url))
                .collect();
            let all = |c: &[String]| !c.is_empty() && c.iter().all(|c| *c == name);
            if !all(&calls) && !all(&examples) {
                return;
            }
            (name.clone(), name, false)
        }
    };
    let op_name = shown_name.as_str();
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
    for e in api
        .endpoints
        .iter()
        .filter(|e| operation_page && !e.path.contains('?') && page::segments(&e.path).len() > 1)
    {
        let Some(call) = called(&e.path) else { continue };
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
    for example in page::example_calls(ctx) {
        let msg = &example.message;
        let Some(call) = called(&msg.url) else {
            continue;
        };
        if names(&name, &call) || call == "{}" || call.starts_with('$') {
            continue;
        }
        // only a call of another operation the endpoints' shape allows:
        // an endpoint's path (a workbook path below any drive item) with
        // another last segment
        let segs = page::segments(&msg.url);
        let sibling = api.endpoints.iter().any(|e| {
            let t = page::segments(&e.path);
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
