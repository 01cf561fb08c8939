//! ## What it does
//! Checks every scope of the permissions table against the scopes of the
//! permissions reference (`concepts/permissions-reference.md`), when that
//! page is part of the linted tree (or of the English source). Scopes of a
//! family the reference does not know at all (`AuditLog.*`) are skipped:
//! the reference is older than the page.
//!
//! ## Why is this bad?
//! A scope that does not exist cannot be granted: a typo (`User.ReadAll`),
//! a retired scope or a scope changed by translation sends readers to
//! register the wrong permission.
//!
//! ## Example
//! ```markdown
//! |Application | User.ReadAll |
//! ```
//! Use instead: `User.Read.All`.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "unknown-permission",
    severity: Severity::Warning,
    summary: "A scope of the permissions table is not in the permissions reference",
    check: Check::Document(check),
};

fn check(ctx: &DocCtx, out: &mut Vec<Finding>) {
    let Some(catalogue) = ctx.catalogue else {
        return;
    };
    let Some(perms) = &ctx.model.api.permissions else {
        return;
    };
    // the case-insensitive views of the reference, built only for a page
    // with a scope the reference does not spell exactly so
    let known = std::cell::OnceCell::new();
    let known = || -> &std::collections::BTreeSet<String> {
        known.get_or_init(|| catalogue.iter().map(|s| s.to_ascii_lowercase()).collect())
    };
    let families = std::cell::OnceCell::new();
    let families = || -> &std::collections::BTreeSet<String> {
        families.get_or_init(|| {
            known()
                .iter()
                .map(|s| s.split('.').next().unwrap_or("").to_string())
                .collect()
        })
    };
    let mut seen: Vec<&str> = Vec::new();
    for t in PermissionType::ALL {
        let Some(Grant::Scopes(scopes)) = perms.get(t) else {
            continue;
        };
        for s in scopes {
            if seen.contains(&s.as_str())
                || catalogue.contains(s)
                || known().contains(&s.to_ascii_lowercase())
            {
                continue;
            }
            // a family the reference does not know at all (`AuditLog.*`) means
            // a reference older than the page, unless the family is a typo
            // of a known one (`Mial.Read`)
            let family = s.split('.').next().unwrap_or("").to_ascii_lowercase();
            let known_family = families().contains(&family)
                || families()
                    .iter()
                    .any(|f| f.len() >= 4 && crate::lint::page::edit_distance(f, &family) <= 2);
            if !known_family {
                continue;
            }
            seen.push(s);
            let line = {
                let l = ctx.line_of(s);
                if l > 1 {
                    l
                } else {
                    ctx.section_line("permissions")
                }
            };
            out.push(
                ctx.at_line(
                    &RULE,
                    line,
                    format!("`{s}` is not a scope of the permissions reference"),
                )
                .key(format!("scope:{s}")),
            );
        }
    }
}
