//! A page that says nothing of its locale — no front matter, no locale
//! directory, a hash for a name, as the seeds are — is read in the language
//! of its prose. The oracle: every plain page of the sample (tests/fixtures,
//! or the shared sample with `LOCDOC_SAMPLE`), stripped of its front matter
//! and moved out of its locale directory, must be detected as the language
//! of the directory it came from.

mod common;
use common::TempTree;
use locdoc::document::Document;
use locdoc::locale;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The body of a page without its front matter.
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---") else {
        return text;
    };
    rest.find("\n---")
        .map_or(text, |end| rest[end + 4..].trim_start_matches(['\r', '\n']))
}

/// Detected / all pages per locale directory of `root/live`, and the misses.
fn detect_all(root: &Path) -> (BTreeMap<String, (usize, usize)>, Vec<String>) {
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut locales: Vec<PathBuf> = std::fs::read_dir(root.join("live"))
        .expect("live/ of the sample")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    locales.sort();
    for dir in locales {
        let tag = dir.file_name().unwrap().to_string_lossy().to_string();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            // a hash-like name in no locale directory
            let name = format!("loose/{:016x}.md", text.len() * 2654435761);
            let doc = Document::from_text(&name, body(&text));
            let detected = doc.locale.tag.clone();
            let t = tally.entry(tag.clone()).or_default();
            t.1 += 1;
            if locale::primary(&detected) == locale::primary(&tag) {
                t.0 += 1;
            } else {
                misses.push(format!("{} read as {detected}", entry.path().display()));
            }
        }
    }
    (tally, misses)
}

fn check(root: &Path) {
    let (tally, misses) = detect_all(root);
    for (tag, (hit, n)) in &tally {
        println!("{tag:6} {hit}/{n}");
    }
    for m in &misses {
        println!("miss: {m}");
    }
    assert!(tally.len() >= 4, "the sample's four locales");
    for (tag, (hit, n)) in &tally {
        assert!(
            *hit as f64 >= 0.98 * *n as f64,
            "{tag}: {hit}/{n} detected; misses:\n{}",
            misses.join("\n")
        );
    }
}

#[test]
fn pages_without_front_matter_are_read_in_their_language() {
    check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample"));
}

#[test]
#[ignore = "needs LOCDOC_SAMPLE (run by .ci/run)"]
fn sample_pages_without_front_matter_are_read_in_their_language() {
    let dir = std::env::var("LOCDOC_SAMPLE").expect("LOCDOC_SAMPLE");
    check(Path::new(&dir));
}

/// A resource page under a hash name, without front matter: it states no
/// API version, and still pairs with its English page (which does).
#[test]
fn a_hash_named_resource_page_pairs_with_its_english_page() {
    use locdoc::lint::config::Config;
    use locdoc::lint::engine::{lint, Options};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample");
    let rel = "api-reference/v1.0/resources/geocoordinates.md";
    let text = std::fs::read_to_string(root.join("live/de-DE").join(rel)).unwrap();
    let dir = TempTree::new("loose");
    let page = dir.join("05c337534c5a3151.md");
    std::fs::write(&page, body(&text)).unwrap();
    let out = lint(&Options {
        paths: vec![page.clone()],
        source: Some(root.join("en-US")),
        config: Config::default(),
        ..Default::default()
    });
    let unpaired: Vec<String> = out
        .findings
        .iter()
        .filter(|f| {
            f.rule == "orphan-translation"
                || f.rule == "missing-translation" && f.path.ends_with("geocoordinates.md")
        })
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(unpaired.is_empty(), "{unpaired:#?}");
}
