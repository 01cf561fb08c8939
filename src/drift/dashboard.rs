//! The HTML dashboard: a self-contained page (template `drift.html`) with
//! per-locale coverage bars and a staleness histogram drawn as inline SVG by
//! the program, and the pages that need work with their segment diffs.

use super::{PageStatus, Report};
use crate::render::sanitize::escape;
use minijinja::Value;
use serde_json::json;
use std::fmt::Write as _;

/// Statuses in drawing order, with their colours and labels.
const STATUSES: &[(PageStatus, &str, &str)] = &[
    (PageStatus::Current, "#2e7d32", "current"),
    (PageStatus::UnknownSource, "#90a4ae", "unknown source"),
    (PageStatus::StaleProse, "#f9a825", "stale (prose)"),
    (PageStatus::StaleFacts, "#c62828", "stale (facts)"),
    (PageStatus::Missing, "#bdbdbd", "missing"),
    (PageStatus::Orphan, "#6d4c41", "orphan"),
];

/// One horizontal stacked bar per locale.
fn coverage_svg(r: &Report) -> String {
    let (width, row, label) = (520.0, 26.0, 70.0);
    let height = row * r.locales.len() as f64 + 4.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{height}" role="img" aria-label="coverage per locale">"#,
        width + label
    );
    for (i, l) in r.locales.iter().enumerate() {
        let y = i as f64 * row + 2.0;
        let _ = write!(
            s,
            r#"<text x="0" y="{}" font-size="13" font-family="sans-serif">{}</text>"#,
            y + 16.0,
            escape(&l.locale)
        );
        let total = l.pages.max(1) as f64;
        let mut x = label;
        for (status, color, name) in STATUSES {
            let n = r
                .pages
                .iter()
                .filter(|p| p.locale == l.locale && p.status == *status)
                .count();
            if n == 0 {
                continue;
            }
            let w = width * n as f64 / total;
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{y}" width="{w:.1}" height="{}" fill="{color}"><title>{name}: {n}</title></rect>"#,
                row - 6.0
            );
            x += w;
        }
    }
    s.push_str("</svg>");
    s
}

/// Stale pages by words to re-translate, in buckets.
fn histogram_svg(r: &Report) -> String {
    const BUCKETS: &[(usize, &str)] = &[
        (0, "0"),
        (50, "1–50"),
        (200, "51–200"),
        (500, "201–500"),
        (usize::MAX, "> 500"),
    ];
    let mut counts = [0usize; 5];
    for p in r
        .pages
        .iter()
        .filter(|p| matches!(p.status, PageStatus::StaleProse | PageStatus::StaleFacts))
    {
        let i = BUCKETS
            .iter()
            .position(|(max, _)| p.words <= *max)
            .unwrap_or(BUCKETS.len() - 1);
        counts[i] += 1;
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (bar, gap, height) = (60.0, 16.0, 160.0);
    let width = (bar + gap) * BUCKETS.len() as f64;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{}" role="img" aria-label="staleness histogram">"#,
        height + 40.0
    );
    for (i, ((_, label), n)) in BUCKETS.iter().zip(counts).enumerate() {
        let h = height * n as f64 / max;
        let x = i as f64 * (bar + gap);
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{:.1}" width="{bar}" height="{h:.1}" fill="#5c6bc0"><title>{n} pages</title></rect><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" font-family="sans-serif">{n}</text><text x="{:.1}" y="{}" font-size="12" text-anchor="middle" font-family="sans-serif">{label}</text>"##,
            height - h + 14.0,
            x + bar / 2.0,
            height - h + 10.0,
            x + bar / 2.0,
            height + 30.0
        );
    }
    s.push_str("</svg>");
    s
}

/// `before` → `after` as HTML with `<del>`/`<ins>`, escaped.
fn diff_html(before: &str, after: &str) -> String {
    let diff = similar::TextDiff::from_words(before, after);
    let mut s = String::new();
    for change in diff.iter_all_changes() {
        let v = escape(change.value());
        match change.tag() {
            similar::ChangeTag::Equal => s.push_str(&v),
            similar::ChangeTag::Delete => {
                let _ = write!(s, "<del>{v}</del>");
            }
            similar::ChangeTag::Insert => {
                let _ = write!(s, "<ins>{v}</ins>");
            }
        }
    }
    s
}

/// Renders the dashboard; `templates` overrides the embedded template.
pub fn html(r: &Report, templates: Option<&std::path::Path>) -> Result<String, String> {
    let env = crate::templates::environment(templates)?;
    let pages: Vec<serde_json::Value> = r
        .pages
        .iter()
        .map(|p| {
            let mut v = serde_json::to_value(p).unwrap_or_default();
            let segments: Vec<serde_json::Value> = p
                .segments
                .iter()
                .map(|s| {
                    let diff = match &s.after {
                        Some(after) => diff_html(&s.before, after),
                        None => format!("<del>{}</del>", escape(&s.before)),
                    };
                    json!({"id": s.id, "status": s.status, "diff_html": diff})
                })
                .collect();
            v["segments"] = json!(segments);
            v
        })
        .collect();
    let locales: Vec<serde_json::Value> = r
        .locales
        .iter()
        .map(|l| {
            let mut v = serde_json::to_value(l).unwrap_or_default();
            v["current_percent"] = json!(format!("{:.1}", l.current_percent()));
            v
        })
        .collect();
    // segment diffs are built (and escaped) here: mark them safe
    let pages: Vec<Value> = pages
        .into_iter()
        .map(|mut p| {
            let segs: Vec<Value> = p["segments"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|s| {
                    Value::from_iter([
                        ("id", Value::from(s["id"].as_str().unwrap_or(""))),
                        ("status", Value::from(s["status"].as_str().unwrap_or(""))),
                        (
                            "diff_html",
                            Value::from_safe_string(
                                s["diff_html"].as_str().unwrap_or("").to_string(),
                            ),
                        ),
                    ])
                })
                .collect();
            p["segments"] = serde_json::Value::Null;
            let mut v: std::collections::BTreeMap<String, Value> = p
                .as_object()
                .map(|o| {
                    o.iter()
                        .map(|(k, v)| (k.clone(), Value::from_serialize(v)))
                        .collect()
                })
                .unwrap_or_default();
            v.insert("segments".into(), Value::from(segs));
            Value::from(v)
        })
        .collect();
    let legend: Vec<Value> = STATUSES
        .iter()
        .map(|(_, color, label)| Value::from_iter([("color", *color), ("label", *label)]))
        .collect();
    let ctx = Value::from_iter([
        ("locales", Value::from_serialize(&locales)),
        ("pages", Value::from(pages)),
        ("legend", Value::from(legend)),
        ("since", Value::from_serialize(&r.since)),
        ("coverage_svg", Value::from_safe_string(coverage_svg(r))),
        ("histogram_svg", Value::from_safe_string(histogram_svg(r))),
    ]);
    crate::templates::render(&env, "drift.html", ctx)
}
