//! Drift report formats: a text summary for terminals, JSON (stable
//! ordering), and Markdown for pull-request comments.

use super::{PageStatus, Report};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[value(alias = "human")]
    Text,
    Json,
    Markdown,
    /// A self-contained dashboard (template `drift.html`).
    Html,
}

pub fn render(r: &Report, format: Format) -> String {
    render_parts(r, format).concat()
}

/// [`render`] in pieces that make the text one after the other: a large
/// JSON report is written as its parallel chunks were rendered, without
/// joining them in memory first.
pub fn render_parts(r: &Report, format: Format) -> Vec<String> {
    match format {
        Format::Text => vec![text(r)],
        Format::Json => json(r),
        Format::Markdown => vec![markdown(r)],
        Format::Html => {
            vec![super::dashboard::html(r, None).unwrap_or_else(|e| format!("<!-- {e} -->\n"))]
        }
    }
}

/// Pretty JSON of the report (serde_json's layout), the pages serialized
/// in parallel: each page's own pretty JSON, indented to its depth (JSON
/// strings hold no line breaks), in the `pages` array of the rest.
fn json(r: &Report) -> Vec<String> {
    use rayon::prelude::*;
    /// Pages per parallel chunk.
    const CHUNK: usize = 1024;
    let head = Report {
        version: r.version,
        since: r.since.clone(),
        locales: r.locales.clone(),
        pages: Vec::new(),
    };
    let head = serde_json::to_string_pretty(&head).unwrap_or_default();
    let Some(frame) = head.strip_suffix("[]\n}") else {
        return vec![serde_json::to_string_pretty(r).unwrap_or_default() + "\n"];
    };
    if r.pages.is_empty() {
        return vec![head + "\n"];
    }
    let mut parts = vec![format!("{frame}[")];
    parts.par_extend(r.pages.par_chunks(CHUNK).enumerate().map(|(k, chunk)| {
        let mut s = String::new();
        let mut one = Vec::new();
        for (i, p) in chunk.iter().enumerate() {
            s.push_str(if k == 0 && i == 0 {
                "\n    "
            } else {
                ",\n    "
            });
            crate::output::push_pretty_json(&mut s, p, "    ", &mut one);
        }
        s
    }));
    parts.push("\n  ]\n}\n".to_string());
    parts
}

fn status(s: PageStatus) -> &'static str {
    match s {
        PageStatus::StaleFacts => "stale (facts)",
        PageStatus::StaleProse => "stale (prose)",
        PageStatus::Missing => "missing",
        PageStatus::Orphan => "orphan",
        PageStatus::UnknownSource => "unknown source",
        PageStatus::Current => "current",
    }
}

/// The line saying what `--since` kept, if it was given.
fn since_line(r: &Report) -> Option<String> {
    let since = r.since.as_ref()?;
    let mut line = format!("Pages whose English changed on or after {}", since.date);
    if since.undated > 0 {
        let _ = write!(
            line,
            " ({} kept undated: neither git history nor ms.date dates their English)",
            since.undated
        );
    }
    Some(line)
}

fn text(r: &Report) -> String {
    let mut s = String::new();
    if let Some(line) = since_line(r) {
        let _ = writeln!(s, "{line}\n");
    }
    let _ = writeln!(
        s,
        "{:<8} {:>6} {:>9} {:>6} {:>12} {:>8} {:>7} {:>8} {:>8}",
        "locale",
        "pages",
        "current",
        "stale",
        "facts-stale",
        "missing",
        "orphan",
        "unknown",
        "words"
    );
    for l in &r.locales {
        let _ = writeln!(
            s,
            "{:<8} {:>6} {:>8.1}% {:>6} {:>12} {:>8} {:>7} {:>8} {:>8}",
            l.locale,
            l.pages,
            l.current_percent(),
            l.stale_prose,
            l.stale_facts,
            l.missing,
            l.orphan,
            l.unknown_source,
            l.words
        );
    }
    let _ = writeln!(
        s,
        "\nWorst pages (facts first, then localization priority, then words to re-translate):"
    );
    let mut worst: Vec<_> = r
        .pages
        .iter()
        .filter(|p| matches!(p.status, PageStatus::StaleFacts | PageStatus::StaleProse))
        .collect();
    worst.sort_by(|a, b| {
        (
            a.status,
            a.priority_rank(),
            std::cmp::Reverse(a.words),
            &a.locale,
            &a.page,
        )
            .cmp(&(
                b.status,
                b.priority_rank(),
                std::cmp::Reverse(b.words),
                &b.locale,
                &b.page,
            ))
    });
    for p in worst.iter().take(20) {
        let behind = match (p.commits_behind, p.days_behind) {
            (Some(c), Some(d)) => format!("  ({c} commits, {d} days behind)"),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "  {:<6} {:<15} {:>5} words  {}{behind}",
            p.locale,
            status(p.status),
            p.words,
            p.page
        );
        for f in &p.facts {
            let _ = writeln!(s, "         {}: {} → {}", f.field, f.before, f.after);
        }
    }
    s
}

fn markdown(r: &Report) -> String {
    let mut s = String::from("## Translation drift\n\n");
    if let Some(line) = since_line(r) {
        let _ = writeln!(s, "{line}.\n");
    }
    s.push_str("| locale | pages | current | stale (prose) | stale (facts) | missing | orphan | words to translate |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for l in &r.locales {
        let _ = writeln!(
            s,
            "| {} | {} | {:.1}% | {} | {} | {} | {} | {} |",
            l.locale,
            l.pages,
            l.current_percent(),
            l.stale_prose,
            l.stale_facts,
            l.missing,
            l.orphan,
            l.words
        );
    }
    for l in &r.locales {
        let pages: Vec<_> = r
            .pages
            .iter()
            .filter(|p| p.locale == l.locale && p.status != PageStatus::Current)
            .collect();
        if pages.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "\n<details><summary>{} — {} pages need work</summary>\n",
            l.locale,
            pages.len()
        );
        for p in pages {
            let _ = writeln!(
                s,
                "- **{}** `{}` ({} words)",
                status(p.status),
                p.page,
                p.words
            );
            for f in &p.facts {
                let _ = writeln!(s, "  - `{}`: `{}` → `{}`", f.field, f.before, f.after);
            }
            for a in p.segments.iter().take(5) {
                if let Some(d) = &a.diff {
                    let _ = writeln!(s, "  - `{}` changed: {}", a.id, d.replace('\n', " "));
                }
            }
        }
        s.push_str("\n</details>\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_serde_jsons_pretty_layout() {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut r = crate::drift::drift(
            &base.join("sample/en-US"),
            &[base.join("sample/live-sxs"), base.join("seeds")],
        );
        assert!(r.pages.len() > 1 && r.pages.iter().any(|p| !p.segments.is_empty()));
        let pretty = |r: &Report| serde_json::to_string_pretty(r).unwrap() + "\n";
        assert_eq!(json(&r).concat(), pretty(&r));
        // pages in several parallel chunks
        let one_page_more = r.pages.iter().cycle().take(2 * 1024 + 1).cloned().collect();
        let pages = std::mem::replace(&mut r.pages, one_page_more);
        assert_eq!(json(&r).concat(), pretty(&r));
        r.pages = pages;
        r.pages.truncate(1);
        assert_eq!(json(&r).concat(), pretty(&r));
        r.pages.clear();
        assert_eq!(json(&r).concat(), pretty(&r));
        r.locales.clear();
        assert_eq!(json(&r).concat(), pretty(&r));
    }
}
