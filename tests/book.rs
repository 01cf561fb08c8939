//! The book stays true: the rule reference is generated from the rule
//! sources and must be committed up to date.

use std::path::Path;

#[test]
fn rule_reference_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = locdoc::rules::reference();
    if std::env::var_os("LOCDOC_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md` \
         (or `LOCDOC_BLESS=1 cargo test --test book`)"
    );
}

fn docs() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

/// Every Markdown file of the book, sorted.
fn chapters() -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&docs(), &mut out);
    out.sort();
    out
}

/// mdBook's heading ids: lower case, whitespace to `-`, other punctuation
/// dropped; a repeated id gets `-1`, `-2`, …
fn heading_id(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The anchors of a chapter: heading ids and HTML `id`/`name` attributes.
fn anchors(md: &str) -> std::collections::BTreeSet<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let html = regex::Regex::new(r#"\b(?:id|name)="([^"]+)""#).unwrap();
    let mut out = std::collections::BTreeSet::new();
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    let mut heading: Option<String> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match ev {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let id = heading_id(&heading.take().unwrap_or_default());
                let n = seen.entry(id.clone()).or_insert(0);
                out.insert(if *n == 0 { id } else { format!("{id}-{n}") });
                *n += 1;
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut heading {
                    h.push_str(&t);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                out.extend(html.captures_iter(&t).map(|c| c[1].to_string()));
            }
            _ => {}
        }
    }
    out
}

/// The links of a chapter (destination, 1-based line).
fn links(md: &str) -> Vec<(String, usize)> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES)
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some((
                dest_url.to_string(),
                md[..range.start].matches('\n').count() + 1,
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn anchors_follow_mdbook() {
    let a =
        anchors("# JSON (`--format json`)\n## Exit codes\n## Exit codes\n<a name=\"x-y\"></a>\n");
    assert!(a.contains("json---format-json"), "{a:?}");
    assert!(
        a.contains("exit-codes") && a.contains("exit-codes-1"),
        "{a:?}"
    );
    assert!(a.contains("x-y"), "{a:?}");
}

#[test]
fn internal_links_resolve() {
    let docs = docs();
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in chapters() {
        let md = std::fs::read_to_string(&file).unwrap();
        let rel = file.strip_prefix(&docs).unwrap().display().to_string();
        for (dest, line) in links(&md) {
            if dest.contains("://") || dest.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (path, anchor) = dest.split_once('#').unwrap_or((&dest, ""));
            if path.ends_with("README.md") {
                // mdBook renders README.md as index.html but keeps links to it
                failures.push(format!("{rel}:{line}: `{dest}`: name the chapter index.md"));
                continue;
            }
            let target = if path.is_empty() {
                file.clone()
            } else {
                file.parent().unwrap().join(path)
            };
            let Ok(target) = target.canonicalize() else {
                failures.push(format!("{rel}:{line}: `{dest}`: no such file"));
                continue;
            };
            if !target.starts_with(docs.canonicalize().unwrap()) {
                failures.push(format!("{rel}:{line}: `{dest}` leaves the book"));
                continue;
            }
            if anchor.is_empty() {
                continue;
            }
            let text = std::fs::read_to_string(&target).unwrap_or_default();
            if !anchors(&text).contains(anchor) {
                failures.push(format!("{rel}:{line}: `{dest}`: no anchor `#{anchor}`"));
            }
        }
    }
    // Every chapter is reachable from SUMMARY.md.
    let summary: Vec<String> = links(&std::fs::read_to_string(docs.join("SUMMARY.md")).unwrap())
        .into_iter()
        .map(|(d, _)| d)
        .collect();
    for file in chapters() {
        let rel = file.strip_prefix(&docs).unwrap().display().to_string();
        if rel != "SUMMARY.md" && !summary.contains(&rel) {
            failures.push(format!("{rel} is not listed in SUMMARY.md"));
        }
    }
    assert!(checked > 50, "only {checked} internal links found");
    assert!(
        failures.is_empty(),
        "broken links:\n{}",
        failures.join("\n")
    );
}

/// The keys a serde struct accepts, from its `deny_unknown_fields` error.
fn accepted_keys(toml_text: &str) -> Vec<String> {
    let err = toml::from_str::<locdoc::lint::config::Config>(toml_text)
        .expect_err("an unknown key is an error")
        .to_string();
    let expected = err
        .split_once("expected")
        .unwrap_or_else(|| panic!("no expected keys in: {err}"))
        .1;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn configuration_chapter_lists_every_key() {
    let chapter = std::fs::read_to_string(docs().join("configuration.md")).unwrap();
    let top = accepted_keys("no-such-key = 1\n");
    let overrides = accepted_keys("[[overrides]]\npath = \"x\"\nno-such-key = 1\n");
    assert!(top.contains(&"source".to_string()), "{top:?}");
    assert!(overrides.contains(&"path".to_string()), "{overrides:?}");
    let mut missing = Vec::new();
    for k in &top {
        if !chapter.contains(&format!("| `{k}`")) && !chapter.contains(&format!("| `{k}.")) {
            missing.push(k.clone());
        }
    }
    for k in &overrides {
        if !chapter.contains(&format!("| `overrides[].{k}")) {
            missing.push(format!("overrides[].{k}"));
        }
    }
    assert!(
        missing.is_empty(),
        "docs/configuration.md does not describe: {missing:?}"
    );
    // The chapter's examples are valid configurations.
    let mut blocks = 0;
    for block in chapter.split("```toml\n").skip(1) {
        let text = block.split("```").next().unwrap();
        toml::from_str::<locdoc::lint::config::Config>(text)
            .unwrap_or_else(|e| panic!("invalid example in docs/configuration.md: {e}\n{text}"));
        blocks += 1;
    }
    assert!(blocks > 0);
}

/// Every key of a JSON value, recursively, objects' keys only; model
/// values (`before`/`after` of a fact) are documented with the model.
fn keys(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                out.insert(k.clone());
                if !(v.is_object() || v.is_array()) || !matches!(k.as_str(), "before" | "after") {
                    keys(v, out);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

fn run_json(args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"))
}

#[test]
fn output_chapter_describes_every_json_field() {
    let chapter = std::fs::read_to_string(docs().join("output.md")).unwrap();
    let mut found = std::collections::BTreeSet::new();
    keys(
        &run_json(&["lint", "--format", "json", "tests/fixtures/seeds"]),
        &mut found,
    );
    let drift = run_json(&[
        "drift",
        "--format",
        "json",
        "--source",
        "examples/graph-docs/en-US",
        "examples/graph-docs/ja-JP",
        "examples/graph-docs/de-DE",
    ]);
    keys(&drift, &mut found);
    // SARIF: the properties locdoc sets on results and rules.
    let sarif = run_json(&["lint", "--format", "sarif", "tests/fixtures/seeds"]);
    keys(&sarif["runs"][0]["results"][0], &mut found);
    keys(&sarif["runs"][0]["tool"]["driver"]["rules"][0], &mut found);
    for fixed in [
        "findings",
        "summary",
        "pages",
        "locales",
        "ruleId",
        "partialFingerprints",
    ] {
        assert!(
            found.contains(fixed),
            "{fixed} not in the outputs: {found:?}"
        );
    }
    // the words of the chapter's inline code (prose and tables)
    let code: Vec<String> =
        pulldown_cmark::Parser::new_ext(&chapter, pulldown_cmark::Options::ENABLE_TABLES)
            .filter_map(|e| match e {
                pulldown_cmark::Event::Code(c) => Some(c.to_string()),
                _ => None,
            })
            .collect();
    let documented: std::collections::BTreeSet<&str> = code
        .iter()
        .flat_map(|c| c.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '/')))
        .collect();
    let missing: Vec<&String> = found
        .iter()
        .filter(|k| !k.starts_with('$') && !documented.contains(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/output.md does not describe the fields {missing:?}"
    );
}
