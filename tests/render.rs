//! `locdoc render` end to end: snapshots of the rendered seed pages (HTML
//! and Markdown), a link checker over a rendered site, the Markdown output
//! against extraction and the publisher's plain files, the model round
//! trip, determinism, confinement to `--out`, sanitizing and template
//! overrides.

use locdoc::discover::discover;
use locdoc::document::Document;
use locdoc::model::{self, Vocabulary};
use locdoc::sxs::Side;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh directory under the target's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("render")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn locdoc(args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(args)
        .current_dir(manifest())
        .env("NO_COLOR", "1")
        .env("CI", "1")
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run locdoc")
}

fn render(args: &[&str]) -> Output {
    let o = locdoc(&[&["render"], args].concat(), "2");
    assert_eq!(
        o.status.code(),
        Some(0),
        "render failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Every file under `dir`, relative, `/`-separated, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn seed_pages_html_and_markdown_snapshots() {
    let out = scratch("seeds-html");
    render(&["--out", s(&out), "tests/fixtures/seeds"]);
    let html = tree(&out);
    let pages: Vec<(&String, &Vec<u8>)> = html
        .iter()
        .filter(|(p, _)| p.contains("/00") && p.ends_with(".html"))
        .collect();
    assert_eq!(pages.len(), 5, "one page per seed: {:?}", html.keys());
    for (path, bytes) in pages {
        let name = path.rsplit('/').next().unwrap().trim_end_matches(".html");
        insta::assert_snapshot!(format!("seed-html-{name}"), String::from_utf8_lossy(bytes));
    }
    let out = scratch("seeds-md");
    render(&[
        "--format",
        "markdown",
        "--out",
        s(&out),
        "tests/fixtures/seeds",
    ]);
    let md = tree(&out);
    assert_eq!(md.len(), 5, "{:?}", md.keys());
    for (path, bytes) in &md {
        let name = path.rsplit('/').next().unwrap().trim_end_matches(".md");
        insta::assert_snapshot!(format!("seed-md-{name}"), String::from_utf8_lossy(bytes));
    }
}

/// A link of the rendered site that does not resolve.
#[derive(Debug)]
struct Broken {
    page: String,
    url: String,
    /// The file resolves; only the `#fragment` is missing there.
    fragment_only: bool,
}

/// Resolves every relative link (and script) of every HTML file of `site`;
/// returns how many were checked and the broken ones.
fn broken_links(site: &BTreeMap<String, Vec<u8>>) -> (usize, Vec<Broken>) {
    // links and scripts; images point wherever the source tree put them
    let link = Regex::new(r#"(?:href|<script src)="([^"]*)""#).unwrap();
    let id = Regex::new(r#"(?:id|name)="([^"]*)""#).unwrap();
    let ids: BTreeMap<&str, BTreeSet<String>> = site
        .iter()
        .map(|(p, b)| {
            let text = String::from_utf8_lossy(b);
            (
                p.as_str(),
                id.captures_iter(&text).map(|c| c[1].to_string()).collect(),
            )
        })
        .collect();
    let mut checked = 0;
    let mut broken = Vec::new();
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        for c in link.captures_iter(&text) {
            let url = c[1].replace("&amp;", "&");
            if url.contains("://")
                || url.starts_with('/')
                || url.starts_with("mailto:")
                || url.starts_with("data:")
            {
                continue;
            }
            checked += 1;
            let (file, fragment) = match url.split_once('#') {
                Some((f, frag)) => (f.to_string(), Some(frag.to_string())),
                None => (url.clone(), None),
            };
            let target = if file.is_empty() {
                path.clone()
            } else {
                let mut parts: Vec<&str> = path.split('/').collect();
                parts.pop();
                for p in file.split('/') {
                    match p {
                        ".." => {
                            parts.pop();
                        }
                        "." | "" => {}
                        p => parts.push(p),
                    }
                }
                parts.join("/")
            };
            match ids.get(target.as_str()) {
                None => broken.push(Broken {
                    page: path.clone(),
                    url,
                    fragment_only: false,
                }),
                Some(have) if fragment.as_ref().is_some_and(|f| !have.contains(f)) => {
                    broken.push(Broken {
                        page: path.clone(),
                        url,
                        fragment_only: true,
                    })
                }
                Some(_) => {}
            }
        }
    }
    (checked, broken)
}

/// Asserts that no link is broken except `#fragment`s the source page
/// already misses: each of those must be an `anchor-missing` finding of
/// `locdoc lint` on the source tree `sources` (the site's first path
/// component is the locale, the rest the page's path).
fn assert_links_resolve(broken: &[Broken], sources: &[PathBuf]) {
    let files: Vec<String> = broken
        .iter()
        .filter(|b| !b.fragment_only)
        .map(|b| format!("{} -> {}", b.page, b.url))
        .collect();
    assert!(
        files.is_empty(),
        "{} broken links:\n{}",
        files.len(),
        files.join("\n")
    );
    let fragments: Vec<&Broken> = broken.iter().filter(|b| b.fragment_only).collect();
    if fragments.is_empty() {
        return;
    }
    let mut args = vec!["lint", "--select", "anchor-missing", "--format", "json"];
    args.extend(sources.iter().map(|p| s(p)));
    let o = locdoc(&args, "2");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("lint JSON");
    let findings: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().replace('\\', "/"),
                f["key"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for b in fragments {
        let fragment = b.url.split_once('#').map_or("", |(_, f)| f);
        let (locale, rel) = b.page.split_once('/').unwrap();
        let md = format!("{}.md", rel.trim_end_matches(".html"));
        let explained = findings.iter().any(|(path, key)| {
            path.ends_with(&md) && path.contains(locale) && key == &format!("anchor:{fragment}")
        });
        assert!(
            explained,
            "{} -> {}: the anchor is lost by rendering",
            b.page, b.url
        );
        eprintln!(
            "{} -> {}: already missing in the source (anchor-missing)",
            b.page, b.url
        );
    }
}

#[test]
#[ignore = "needs LOCDOC_SAMPLE (run by .ci/run)"]
fn shared_sample_site_links_resolve() {
    let dir = PathBuf::from(std::env::var("LOCDOC_SAMPLE").expect("LOCDOC_SAMPLE"));
    let out = scratch("shared-sample-site");
    render(&[
        "--out",
        s(&out),
        "--source",
        s(&dir.join("en-US")),
        "--base-url",
        "https://docs.example.com/graph",
        s(&dir.join("live-sxs")),
    ]);
    let site = tree(&out);
    let (checked, broken) = broken_links(&site);
    let pages = site.keys().filter(|k| k.ends_with(".html")).count();
    eprintln!(
        "{pages} HTML files, {checked} internal links, {} broken",
        broken.len()
    );
    assert_links_resolve(&broken, &[dir.join("live-sxs"), dir.join("en-US")]);
}

#[test]
fn every_internal_link_of_the_sample_site_resolves() {
    let out = scratch("sample-site");
    render(&[
        "--out",
        s(&out),
        "--source",
        "tests/fixtures/sample/en-US",
        "--base-url",
        "https://docs.example.com/graph",
        // ja-JP without its concepts pages: English stands in for them
        "tests/fixtures/sample/live-sxs/ja-JP/api-reference",
        "tests/fixtures/sample/live-sxs/ru-RU",
        "tests/fixtures/sample/live-sxs/zh-CN",
        "tests/fixtures/sample/live/de-DE",
    ]);
    let site = tree(&out);
    let (checked, broken) = broken_links(&site);
    assert!(checked > 500, "only {checked} links checked");
    assert_links_resolve(
        &broken,
        &[
            manifest().join("tests/fixtures/sample/live-sxs"),
            manifest().join("tests/fixtures/sample/live/de-DE"),
            manifest().join("tests/fixtures/sample/en-US"),
        ],
    );

    for needed in [
        "index.html",
        "sitemap.xml",
        "assets/locdoc.css",
        "assets/search.js",
    ] {
        assert!(site.contains_key(needed), "{needed} missing");
    }
    for locale in ["de-DE", "en-US", "ja-JP", "ru-RU", "zh-CN"] {
        let index: serde_json::Value =
            serde_json::from_slice(&site[&format!("{locale}/search-index.json")]).unwrap();
        let entries = index.as_array().unwrap();
        assert!(
            entries.len() >= 11,
            "{locale}: {} search entries",
            entries.len()
        );
        for e in entries {
            let url = format!("{locale}/{}", e["u"].as_str().unwrap());
            assert!(site.contains_key(&url), "search entry {url} has no page");
        }
    }

    // the same page in every locale, switcher and hreflang by identity
    let page = "api-reference/v1.0/api/intune-devices-manageddevice-recoverpasscode.html";
    let ja = String::from_utf8_lossy(&site[&format!("ja-JP/{page}")]).into_owned();
    assert!(ja.starts_with("<!DOCTYPE html>\n<html lang=\"ja-JP\">"));
    for other in ["de-DE", "en-US", "ru-RU", "zh-CN"] {
        assert!(
            ja.contains(&format!(
                "hreflang=\"{other}\" href=\"https://docs.example.com/graph/{other}/{page}\""
            )),
            "no {other} alternate"
        );
        assert!(ja.contains(&format!(
            "href=\"../../../../{other}/{page}\" hreflang=\"{other}\""
        )));
    }
    assert!(ja.contains(&format!(
        "<link rel=\"canonical\" href=\"https://docs.example.com/graph/ja-JP/{page}\">"
    )));
    let sitemap = String::from_utf8_lossy(&site["sitemap.xml"]).into_owned();
    assert!(sitemap.contains(&format!(
        "<loc>https://docs.example.com/graph/ru-RU/{page}</loc>"
    )));

    // permissions from the model, labelled in the page's language
    let ru = String::from_utf8_lossy(&site[&format!("ru-RU/{page}")]).into_owned();
    let app = ru
        .split("data-permission-type=\"application\"")
        .nth(1)
        .unwrap();
    let app = &app[..app.find("</tr>").unwrap()];
    assert!(
        app.contains("<code class=\"scope\">"),
        "ru-RU application permission: {app}"
    );
    assert!(ja.contains("<td><code class=\"header-name\" title=\"承諾\">Accept</code></td>"));

    // stale and missing translations are marked
    let fallback = String::from_utf8_lossy(&site["ja-JP/concepts/deployments.html"]).into_owned();
    assert!(fallback.contains("notice-not-translated"), "{fallback}");
    assert!(fallback.contains("<article class=\"page kind-concept\" lang=\"en-US\""));
    assert!(site
        .values()
        .any(|b| String::from_utf8_lossy(b).contains("notice-stale-")));
}

#[test]
fn markdown_output_is_the_extracted_translation_and_keeps_the_model() {
    markdown_round_trip(&manifest().join("tests/fixtures/sample"), "sample-md");
}

#[test]
#[ignore = "needs LOCDOC_SAMPLE (run by .ci/run)"]
fn shared_sample_markdown_round_trip() {
    let dir = PathBuf::from(std::env::var("LOCDOC_SAMPLE").expect("LOCDOC_SAMPLE"));
    markdown_round_trip(&dir, "shared-sample-md");
}

/// Renders `sample/live-sxs` as Markdown: each page is its target
/// extraction, its model equals the input's, and the oracle explains every
/// difference from the publisher's plain files.
fn markdown_round_trip(sample: &Path, scratch_name: &str) {
    let out = scratch(scratch_name);
    let input = sample.join("live-sxs");
    render(&["--format", "markdown", "--out", s(&out), s(&input)]);
    let (inputs, _) = discover(std::slice::from_ref(&input));
    let vocab = {
        let mut v = Vocabulary::default();
        for i in &inputs {
            v.learn(&Document::read(i).unwrap());
        }
        v
    };
    let (mut models_equal, mut api_pages) = (0, 0);
    for i in &inputs {
        let doc = Document::read(i).unwrap();
        let rendered_path = out.join(&doc.locale.tag).join(&doc.rel_path);
        let rendered = std::fs::read_to_string(&rendered_path)
            .unwrap_or_else(|e| panic!("{}: {e}", rendered_path.display()));
        assert_eq!(rendered, doc.extract(Side::Target), "{}", doc.rel_path);
        // round trip: the model of the rendered page is the input's model
        let mut back = Document::from_text(&rendered_path.display().to_string(), &rendered);
        back.rel_path = doc.rel_path.clone();
        let a = model::build(&doc, &vocab).api;
        let b = model::build(&back, &vocab).api;
        if a.kind == model::PageKind::ApiOperation {
            api_pages += 1;
        }
        if a == b {
            models_equal += 1;
        } else {
            eprintln!("model differs after rendering: {}", doc.source.path);
        }
    }
    eprintln!(
        "models equal after rendering: {models_equal}/{} ({api_pages} API pages)",
        inputs.len()
    );
    assert_eq!(models_equal, inputs.len());
    assert!(api_pages > 20);
    // the output is the target extraction byte for byte, so it matches the
    // publisher's plain files exactly where extraction does: every
    // difference has a publisher-side cause
    let reports = locdoc::oracle::check(&locdoc::oracle::Layout::sample(sample));
    for (locale, r) in &reports {
        eprintln!(
            "{locale}: markdown = publisher's plain file {}/{}",
            r.target.exact, r.target.compared
        );
        assert_eq!(r.target.unexplained().count(), 0, "{locale}");
    }
}

#[test]
fn a_rerun_writes_the_same_bytes_whatever_the_threads() {
    let a = scratch("rerun-a");
    let b = scratch("rerun-b");
    let args = |out: &Path| {
        vec![
            "render".to_string(),
            "--out".into(),
            s(out).into(),
            "--source".into(),
            "tests/fixtures/sample/en-US".into(),
            "tests/fixtures/sample/live-sxs".into(),
        ]
    };
    let run = |out: &Path, threads: &str| {
        let args = args(out);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = locdoc(&refs, threads);
        assert_eq!(o.status.code(), Some(0));
    };
    run(&a, "1");
    run(&b, "2");
    let first = tree(&a);
    assert_eq!(first, tree(&b), "1 and 2 threads differ");
    run(&a, "2");
    assert_eq!(first, tree(&a), "a re-run differs");
    assert!(
        !first.keys().any(|k| k.ends_with(".tmp")),
        "temporary files left behind"
    );
}

#[test]
fn hostile_pages_stay_inside_out_and_lose_active_content() {
    let dir = scratch("hostile-in");
    let out = scratch("hostile-out").join("site");
    std::fs::write(
        dir.join("escape.md"),
        "---\nms.contentlocale: ../../../../escaped\n---\n# Title\n\nText <script>alert(1)</script> \
         <img src=x onerror=\"alert(2)\"> [click](javascript:alert(3)) \
         <a href=\"javascript:alert(4)\" onclick=\"alert(5)\">x</a>\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("good.md"),
        "# Guten Tag\n\nDas ist eine deutsche Seite über die API.\n",
    )
    .unwrap();
    render(&["--out", s(&out), s(&dir)]);
    let parent = out.parent().unwrap();
    let outside: Vec<String> = tree(parent)
        .into_keys()
        .filter(|k| !k.starts_with("site/"))
        .collect();
    assert!(outside.is_empty(), "written outside --out: {outside:?}");
    let site = tree(&out);
    let page = site
        .iter()
        .find(|(k, _)| k.ends_with("escape.html"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .expect("the hostile page is rendered");
    let article = &page[page.find("<article").unwrap()..page.find("</article>").unwrap()];
    for bad in ["<script", "onerror", "onclick", "javascript:"] {
        assert!(!article.contains(bad), "{bad} survived: {article}");
    }
    assert!(site.keys().any(|k| k.ends_with("good.html")));
}

#[test]
fn user_templates_replace_embedded_ones() {
    let templates = scratch("templates");
    std::fs::write(
        templates.join("page.html"),
        "<html lang=\"{{ locale }}\"><title>{{ page.title }}</title>{% for s in sections %}[{{ s.id }}]{% endfor %}</html>\n",
    )
    .unwrap();
    let out = scratch("templates-out");
    render(&[
        "--out",
        s(&out),
        "--templates",
        s(&templates),
        "tests/fixtures/seeds/000.md",
    ]);
    let site = tree(&out);
    let page = site
        .iter()
        .find(|(k, _)| k.ends_with("000.html"))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .unwrap();
    assert!(page.starts_with("<html lang=\"ja\"><title>"), "{page}");
    assert!(
        page.contains("[prerequisites]") && page.contains("[http-request]"),
        "{page}"
    );
    // the other templates are still the embedded ones
    assert!(String::from_utf8_lossy(&site["index.html"]).contains("<!DOCTYPE html>"));
}

#[test]
fn unreadable_templates_and_bad_paths_fail_clearly() {
    let o = locdoc(
        &["render", "--out", "/dev/null/x", "tests/fixtures/seeds"],
        "1",
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "output that cannot be written is a failure"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("render-write"), "{err}");
    let o = locdoc(
        &[
            "render",
            "--out",
            "x",
            "--source",
            "no/such/dir",
            "tests/fixtures/seeds",
        ],
        "1",
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn locales_option_keeps_the_chosen_locales_and_english() {
    let out = scratch("locales");
    render(&[
        "--out",
        s(&out),
        "--locales",
        "ru-RU,zh-CN",
        "--source",
        "tests/fixtures/sample/en-US",
        "tests/fixtures/sample/live-sxs",
    ]);
    let dirs: BTreeSet<String> = tree(&out)
        .into_keys()
        .filter_map(|k| k.split_once('/').map(|(d, _)| d.to_string()))
        .collect();
    let want: BTreeSet<String> = ["assets", "en-US", "ru-RU", "zh-CN"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(dirs, want);
}

/// Indented rows of a permissions table (`&nbsp; &nbsp; **Onboarding**`)
/// belong to the permission type above them, in the model and on the
/// rendered page alike.
#[test]
fn indented_permission_rows_render_under_their_type() {
    let out = scratch("indented-permissions");
    render(&[
        "tests/fixtures/permissions/en-US",
        "--out",
        out.to_str().unwrap(),
    ]);
    let page = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == "intune-shared-devicecategory-delete.html")
        .expect("rendered page");
    let html = std::fs::read_to_string(page.path()).unwrap();
    let row = |kind: &str| {
        let start = html
            .find(&format!("data-permission-type=\"{kind}\""))
            .unwrap_or_else(|| panic!("no {kind} row"));
        let rest = &html[start..];
        rest[..rest.find("</tr>").unwrap()].to_string()
    };
    let scope = "<code class=\"scope\">DeviceManagementManagedDevices.ReadWrite.All</code>";
    let (work, personal, app) = (
        row("delegated-work"),
        row("delegated-personal"),
        row("application"),
    );
    assert!(
        work.contains("Delegated (work or school account)") && work.contains(scope),
        "{work}"
    );
    assert!(
        personal.contains("Delegated (personal Microsoft account)") && !personal.contains(scope),
        "{personal}"
    );
    assert!(
        app.contains("<td>Application</td>") && app.contains(scope),
        "{app}"
    );
}
