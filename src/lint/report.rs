//! Writing findings: human (with source excerpts), JSON, SARIF 2.1.0,
//! GitHub workflow commands and JUnit XML.

use super::Finding;
use crate::diagnostic::Severity;
use crate::rules::RULES;
use rayon::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Output formats of `locdoc lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[value(alias = "text")]
    Human,
    Json,
    Sarif,
    Github,
    Junit,
}

/// The JSON schema version of `--format json`.
pub const JSON_VERSION: u32 = 1;

/// Renders `findings` in `format`, in pieces that make the text one after
/// the other: a large report is written as its parallel chunks were
/// rendered, without joining them in memory first. `read` maps a path to
/// its text for excerpts (human format); `color` adds ANSI colours.
pub fn render_parts(
    findings: &[Finding],
    format: Format,
    statistics: bool,
    color: bool,
    read: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Vec<String> {
    match format {
        Format::Human => human(findings, statistics, color, read),
        Format::Json => json(findings),
        Format::Sarif => sarif(findings),
        Format::Github => vec![github(findings)],
        Format::Junit => vec![junit(findings)],
    }
}

fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

/// The human report: each finding with its place, the excerpt of its line
/// and, for span pairs, both halves; then the per-rule summary. Findings
/// come sorted by path: each file's run of findings is rendered on its own,
/// in parallel, reading the file once (and holding only the files being
/// rendered).
fn human(
    findings: &[Finding],
    statistics: bool,
    color: bool,
    read: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Vec<String> {
    let files: Vec<&[Finding]> = findings.chunk_by(|a, b| a.path == b.path).collect();
    let mut parts: Vec<String> = files
        .par_iter()
        .map(|file| {
            let mut s = String::new();
            let text = read(&file[0].path);
            let lines: Vec<&str> = text
                .as_deref()
                .map_or_else(Vec::new, |t| t.lines().collect());
            for f in *file {
                human_finding(&mut s, f, &lines, color);
            }
            s
        })
        .collect();
    if statistics || !findings.is_empty() {
        parts.push(format!("{}\n", summary(findings)));
    }
    if parts.is_empty() {
        parts.push(String::new());
    }
    parts
}

/// One finding of the human report; `lines`: the lines of its file (none
/// when it cannot be read).
fn human_finding(s: &mut String, f: &Finding, lines: &[&str], color: bool) {
    let _ = writeln!(
        s,
        "{}:{}:{}: {} {}",
        paint(color, "1", &f.path),
        f.line,
        f.column,
        paint(
            color,
            severity_color(f.severity),
            &format!("{}[{}]", f.severity, f.rule)
        ),
        f.message
    );
    if let Some(line) = lines.get((f.line as usize).max(1) - 1) {
        // a window of the line around the finding, in characters (found
        // by counting, not by copying the line: a line may be 100 MB)
        let n = line.chars().count();
        let start = (f.column as usize).saturating_sub(1).min(n);
        let end = if f.end_column > f.column {
            (f.end_column as usize - 1).min(n)
        } else {
            (start + 1).min(n)
        };
        let from = start.saturating_sub(40);
        let to = (end.max(start + 1) + 40).min(n);
        // the byte offset of character `i`
        let at = |i: usize| line.char_indices().nth(i).map_or(line.len(), |(b, _)| b);
        let (from_b, start_b) = (at(from), at(start));
        let shown = &line[from_b..at(to)];
        let lead = if from > 0 { "…" } else { "" };
        let tail = if to < n { "…" } else { "" };
        let _ = writeln!(s, "  | {lead}{shown}{tail}");
        let pad: usize =
            lead.len().min(1) + line[from_b..start_b].chars().map(char_width).sum::<usize>();
        let width: usize = line[start_b..at(end.max(start))]
            .chars()
            .map(char_width)
            .sum::<usize>()
            .clamp(1, 120);
        let _ = writeln!(
            s,
            "  | {}{}",
            " ".repeat(pad),
            paint(color, severity_color(f.severity), &"^".repeat(width))
        );
    }
    if let (Some(t), Some(src)) = (&f.target, &f.source) {
        let _ = writeln!(s, "  = localized: {t}");
        let _ = writeln!(s, "  = English:   {src}");
    }
}

/// East Asian wide characters take two columns.
fn char_width(c: char) -> usize {
    let u = c as u32;
    if (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
    {
        2
    } else {
        1
    }
}

/// Per-rule counts, like `ruff --statistics`.
pub fn summary(findings: &[Finding]) -> String {
    let mut by_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for f in findings {
        let e = by_rule.entry(f.rule).or_insert((0, f.severity));
        e.0 += 1;
        e.1 = e.1.min(f.severity);
    }
    let mut rows: Vec<_> = by_rule.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let mut s = String::new();
    for (rule, (n, sev)) in rows {
        let _ = writeln!(s, "{n:>6}  {rule:<28} {sev}");
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let _ = write!(s, "Found {} findings ({} errors).", findings.len(), errors);
    s
}

/// `--format json`: the report object with its keys in alphabetical order
/// (as the schema documents them). Findings are written in parallel, each
/// pretty-printed on its own and indented to its depth in the report.
fn json(findings: &[Finding]) -> Vec<String> {
    /// A finding's JSON object, keys in alphabetical order.
    #[derive(serde::Serialize)]
    struct Entry<'a> {
        column: u32,
        end_column: u32,
        key: &'a str,
        line: u32,
        message: &'a str,
        path: &'a str,
        rule: &'a str,
        severity: Severity,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<&'a str>,
    }
    // indented two levels
    let mut parts = pretty_elements(findings, "    ", |f| Entry {
        column: f.column,
        end_column: f.end_column,
        key: &f.key,
        line: f.line,
        message: &f.message,
        path: &f.path,
        rule: f.rule,
        severity: f.severity,
        source: f.source.as_deref(),
        target: f.target.as_deref(),
    });
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let head = if findings.is_empty() {
        "{\n  \"findings\": [],\n"
    } else {
        "{\n  \"findings\": [\n"
    };
    parts.insert(0, head.to_string());
    let mut tail = String::new();
    if !findings.is_empty() {
        tail.push_str("\n  ],\n");
    }
    let _ = write!(
        tail,
        "  \"summary\": {{\n    \"errors\": {},\n    \"info\": {},\n    \"total\": {},\n    \"warnings\": {}\n  }},\n  \"tool\": \"locdoc\",\n  \"version\": {JSON_VERSION}\n}}\n",
        count(Severity::Error),
        count(Severity::Info),
        findings.len(),
        count(Severity::Warning),
    );
    parts.push(tail);
    parts
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `--format sarif`: a SARIF 2.1.0 log with one run. Results are written
/// in parallel, each pretty-printed on its own and indented to its depth in
/// the log (as the JSON report's findings): the log of a large tree is
/// never one value in memory (the corpus's 156 k results took 2.1 GB so).
fn sarif(findings: &[Finding]) -> Vec<String> {
    let rules: Vec<_> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": {"text": r.summary},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
                "helpUri": format!("https://locdoc.invalid/rules/{}", r.id),
            })
        })
        .collect();
    let result = |f: &Finding| {
        let mut region = json!({"startLine": f.line.max(1), "startColumn": f.column.max(1)});
        if f.end_column > f.column {
            region["endColumn"] = json!(f.end_column);
        }
        json!({
            "ruleId": f.rule,
            "ruleIndex": RULES.iter().position(|r| r.id == f.rule).unwrap_or(0),
            "level": sarif_level(f.severity),
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path.trim_start_matches("./").replace('\\', "/")},
                    "region": region,
                }
            }],
            "partialFingerprints": {"locdoc/v1": super::baseline::fingerprint(f)},
        })
    };
    // the log around its results, written as one value with none
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "locdoc",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://locdoc.invalid",
                "rules": rules,
            }},
            "results": [],
        }]
    });
    let whole = serde_json::to_string_pretty(&log).unwrap_or_default() + "\n";
    // (keys are written in order: `results` comes before the rules)
    const NONE: &str = "\"results\": []";
    let Some(at) = whole.find(NONE).filter(|_| !findings.is_empty()) else {
        return vec![whole];
    };
    let key_indent = &whole[whole[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let indent = format!("{key_indent}  ");
    let mut parts = pretty_elements(findings, &indent, result);
    parts.insert(0, format!("{}\"results\": [\n", &whole[..at]));
    parts.push(format!("\n{key_indent}]{}", &whole[at + NONE.len()..]));
    parts
}

/// The elements of a JSON array, one per finding (`element`), as serde_json
/// writes them pretty-printed at `indent` and separated by commas: written
/// in parallel chunks, the pieces of the array's text between its brackets.
fn pretty_elements<'f, T: serde::Serialize>(
    findings: &'f [Finding],
    indent: &str,
    element: impl Fn(&'f Finding) -> T + Sync,
) -> Vec<String> {
    /// Elements per parallel chunk.
    const CHUNK: usize = 2048;
    findings
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let mut out = String::new();
            let mut one = Vec::new();
            for (i, f) in chunk.iter().enumerate() {
                if k > 0 || i > 0 {
                    out.push_str(",\n");
                }
                out.push_str(indent);
                crate::output::push_pretty_json(&mut out, &element(f), indent, &mut one);
            }
            out
        })
        .collect()
}

/// GitHub workflow commands escape `%`, CR and LF in messages, and also
/// `:` and `,` in properties.
fn gh_escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

fn github(findings: &[Finding]) -> String {
    let mut s = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let _ = writeln!(
            s,
            "::{level} file={},line={},col={},title={}::{}",
            gh_escape(&f.path, true),
            f.line,
            f.column,
            gh_escape(&format!("locdoc {}", f.rule), true),
            gh_escape(&f.message, false)
        );
    }
    s
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn junit(findings: &[Finding]) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_file.entry(f.path.as_str()).or_default().push(f);
    }
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"locdoc\" tests=\"{}\" failures=\"{}\">",
        findings.len(),
        findings.len()
    );
    for (file, fs) in by_file {
        let _ = writeln!(
            s,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
            xml(file),
            fs.len(),
            fs.len()
        );
        for f in fs {
            let _ = writeln!(
                s,
                "    <testcase name=\"{}:{}:{} {}\" classname=\"{}\">\n      <failure type=\"{}\" message=\"{}\"/>\n    </testcase>",
                xml(file),
                f.line,
                f.column,
                f.rule,
                xml(f.rule),
                f.severity,
                xml(&f.message)
            );
        }
        s.push_str("  </testsuite>\n");
    }
    s.push_str("</testsuites>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report as serde_json writes the same object from a generic
    /// value (keys sorted): the schema `json` must keep byte for byte.
    fn generic(findings: &[Finding]) -> String {
        let v = json!({
            "version": JSON_VERSION,
            "tool": "locdoc",
            "findings": findings,
            "summary": {
                "total": findings.len(),
                "errors": findings.iter().filter(|f| f.severity == Severity::Error).count(),
                "warnings": findings.iter().filter(|f| f.severity == Severity::Warning).count(),
                "info": findings.iter().filter(|f| f.severity == Severity::Info).count(),
            }
        });
        serde_json::to_string_pretty(&v).unwrap() + "\n"
    }

    #[test]
    fn json_matches_the_generic_rendering() {
        assert_eq!(json(&[]).concat(), generic(&[]));
        let rule = RULES[0];
        let mut findings = Vec::new();
        for i in 0..5000u32 {
            let mut f = Finding::new(
                rule,
                &format!("ja-JP/api/page-{}.md", i % 7),
                (i + 1, i % 40),
                format!("message {i} with \"quotes\", a\nline break and `ベアラー`"),
            )
            .key(format!("k{i}"));
            f.end_column = i % 3;
            f.severity = [Severity::Error, Severity::Warning, Severity::Info][i as usize % 3];
            if i % 2 == 0 {
                f.target = Some(format!("ローカライズ {i}\t"));
                f.source = Some(format!("English {i}"));
            }
            findings.push(f);
        }
        assert_eq!(json(&findings).concat(), generic(&findings));
    }

    /// Findings of several rules, files and severities, more than one
    /// parallel chunk of them.
    fn many_findings(n: u32) -> Vec<Finding> {
        (0..n)
            .map(|i| {
                let rule = RULES[i as usize % RULES.len()];
                let mut f = Finding::new(
                    rule,
                    &format!("./ja-JP/api/page-{}.md", i % 7),
                    (i % 50, i % 40),
                    format!("message {i} with \"quotes\", a\nline break and `ベアラー`"),
                )
                .key(format!("k{i}"));
                f.end_column = i % 45;
                f
            })
            .collect()
    }

    #[test]
    fn sarif_is_serde_jsons_pretty_log() {
        // written in chunks, the log is what serde_json writes for the
        // whole value (keys sorted), byte for byte
        for n in [0, 1, 2, 5000] {
            let findings = many_findings(n);
            let log = sarif(&findings).concat();
            let value: serde_json::Value = serde_json::from_str(&log).unwrap();
            assert_eq!(
                log,
                serde_json::to_string_pretty(&value).unwrap() + "\n",
                "{n}"
            );
            let results = value["runs"][0]["results"].as_array().unwrap();
            assert_eq!(results.len(), n as usize);
            if n > 0 {
                assert_eq!(
                    results[n as usize - 1]["partialFingerprints"]["locdoc/v1"],
                    json!(super::super::baseline::fingerprint(
                        &findings[n as usize - 1]
                    ))
                );
            }
        }
    }

    #[test]
    fn excerpts_are_the_character_window_of_the_line() {
        // the window as computed on the line's characters, copied
        fn reference(line: &str, column: u32, end_column: u32) -> String {
            let chars: Vec<char> = line.chars().collect();
            let start = (column as usize).saturating_sub(1).min(chars.len());
            let end = if end_column > column {
                (end_column as usize - 1).min(chars.len())
            } else {
                (start + 1).min(chars.len())
            };
            let from = start.saturating_sub(40);
            let to = (end.max(start + 1) + 40).min(chars.len());
            let shown: String = chars[from..to].iter().collect();
            let lead = if from > 0 { "…" } else { "" };
            let tail = if to < chars.len() { "…" } else { "" };
            let pad = lead.len().min(1)
                + chars[from..start]
                    .iter()
                    .map(|&c| char_width(c))
                    .sum::<usize>();
            let width = chars[start..end.max(start)]
                .iter()
                .map(|&c| char_width(c))
                .sum::<usize>()
                .clamp(1, 120);
            format!(
                "  | {lead}{shown}{tail}\n  | {}{}\n",
                " ".repeat(pad),
                "^".repeat(width)
            )
        }
        let line = "ベアラー {token} Authorization: 承認 — ".repeat(6);
        let n = line.chars().count() as u32;
        for column in [0, 1, 2, 17, 40, 41, 90, n - 1, n, n + 1, n + 50] {
            for end_column in [0, column, column + 1, column + 3, column + 200, n + 9] {
                let mut f = Finding::new(RULES[0], "a.md", (1, column), "m".into());
                f.end_column = end_column;
                let mut s = String::new();
                human_finding(&mut s, &f, &[line.as_str()], false);
                let excerpt = &s[s.find('\n').unwrap() + 1..];
                assert_eq!(
                    excerpt,
                    reference(&line, column, end_column),
                    "{column} {end_column}"
                );
            }
        }
    }

    #[test]
    fn human_reads_each_file_once_in_finding_order() {
        // findings of one file in two runs (not sorted by path): each run
        // reads the file, the report keeps the findings' order
        let mut findings = many_findings(12);
        findings.swap(0, 11);
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let read = |p: &str| {
            reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Some(format!("{p}\nsecond line ベアラー\nthird\n"))
        };
        let text = human(&findings, false, false, &read).concat();
        let runs = findings.chunk_by(|a, b| a.path == b.path).count();
        assert_eq!(reads.load(std::sync::atomic::Ordering::Relaxed), runs);
        let heads: Vec<String> = findings
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{}: {}[{}] {}",
                    f.path,
                    f.line,
                    f.column,
                    f.severity,
                    f.rule,
                    f.message.lines().next().unwrap()
                )
            })
            .collect();
        let mut at = 0;
        for h in &heads {
            at += text[at..]
                .find(h.as_str())
                .unwrap_or_else(|| panic!("{h} after {at}"));
        }
        assert!(text.ends_with(&format!("{}\n", summary(&findings))));
    }
}
