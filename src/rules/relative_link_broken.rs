//! ## What it does
//! Checks that every relative link to a Markdown file
//! (`../resources/user.md`, `user-get.md#permissions`) points to a file that
//! exists, relative to the linking document. Absolute URLs, site paths
//! (`/graph/…`) and documents not on disk are skipped. When most of a
//! page's links point to missing files the tree is a partial copy, and
//! only links that are certainly wrong are reported: translated file names,
//! names one or two edits away from an existing file or directory or
//! differing from one in letter case only, and links one `../` away from
//! an existing file.
//!
//! ## Why is this bad?
//! Published, the link is a 404. Translated or mistyped file names
//! (`../resources/ユーザー.md`, `../resource/user.md`) are the usual causes.
//!
//! ## Example
//! ```markdown
//! Returns a [user](../resource/user.md) object.
//! ```
//! Use instead: `[user](../resources/user.md)`.

use super::prelude::*;
use crate::lint::page;
use std::path::Path;

pub const RULE: Rule = Rule {
    id: "relative-link-broken",
    severity: Severity::Warning,
    summary: "A relative link to a Markdown file points to no file",
    check: Check::Document(check),
};

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let doc_path = Path::new(ctx.path());
    if !ctx.doc.from_file && !doc_path.is_file() {
        return;
    }
    let Some(dir) = doc_path.parent() else { return };
    let scan = page::scan(ctx);
    let links: Vec<(&page::PageLink, String, bool)> = scan
        .links
        .iter()
        .filter_map(|l| {
            let target = page::relative_md(&l.dest)?;
            let exists = ctx.files.is_file(&dir.join(&target));
            Some((l, target, exists))
        })
        .collect();
    let total = links.len();
    let missing = links.iter().filter(|(_, _, e)| !e).count();
    // a complete tree: (almost) every other link resolves
    let complete = total >= 3 && missing <= (total / 4).max(1);
    // span-pair files: the English half's links, which the localized half
    // should repeat
    // (read only when a link is missing)
    if missing == 0 {
        return;
    }
    // (read only for a link the tree cannot judge: a partial tree)
    let english_cell: std::cell::OnceCell<Vec<String>> = std::cell::OnceCell::new();
    let english = || {
        english_cell.get_or_init(|| {
            if ctx.doc.segments.is_empty() {
                return Vec::new();
            }
            let text = ctx.doc.extract(crate::sxs::Side::Source);
            page::link_targets(&text)
                .into_iter()
                .filter_map(|d| page::relative_md(&d))
                .collect()
        })
    };
    let mut seen: Vec<&str> = Vec::new();
    for (l, target, exists) in &links {
        if *exists || seen.contains(&l.dest.as_str()) {
            continue;
        }
        let resolved = dir.join(target);
        // one `../` too many or too few (asked only in a partial tree)
        let depth = || {
            target
                .strip_prefix("../")
                .filter(|t| ctx.files.is_file(&dir.join(t)))
                .map(str::to_string)
                .or_else(|| {
                    let deeper = format!("../{target}");
                    ctx.files.is_file(&dir.join(&deeper)).then_some(deeper)
                })
        };
        let why = match page::certainly_broken(target, &resolved, ctx.files) {
            Some(why) => format!(" ({why})"),
            None if complete => String::new(),
            None => match depth() {
                Some(d) => format!(" (did you mean `{d}`?)"),
                None if !english().is_empty() && !english().contains(target) => {
                    " (the English half links elsewhere)".to_string()
                }
                None => continue,
            },
        };
        seen.push(&l.dest);
        out.push(
            Finding::new(
                &RULE,
                ctx.path(),
                (l.line, l.column),
                format!("`{}` points to no file{why}", l.dest),
            )
            .key(format!("link:{}", l.dest)),
        );
    }
}
