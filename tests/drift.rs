//! Drift oracle: for every span-pair page of the sample, the segments the
//! drift report calls unchanged / changed / removed must agree with a
//! direct line comparison of the English the page was translated from
//! (`en-at-source/<locale>/<path>`) with the current English
//! (`en-US/<path>`). Runs on tests/fixtures/sample, or the shared sample
//! with `LOCDOC_SAMPLE`.

mod common;
use common::TempTree;

use locdoc::discover::Input;
use locdoc::drift::align::{self, normalize, SegmentStatus};
use locdoc::Document;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    std::env::var_os("LOCDOC_SAMPLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample"))
}

/// The direct comparison: the line of `before` that holds the segment is
/// kept (unchanged), replaced (changed) or deleted (removed) by a line diff
/// to `after`.
fn oracle(segment: &str, before: &str, after: &str) -> Option<SegmentStatus> {
    let after_norm = normalize(after);
    if after_norm.contains(segment) {
        return Some(SegmentStatus::Unchanged);
    }
    let diff = similar::TextDiff::from_lines(before, after);
    for op in diff.ops() {
        let old: String = diff.old_slices()[op.old_range()].concat();
        if !normalize(&old).contains(segment) {
            continue;
        }
        return Some(match op.tag() {
            similar::DiffTag::Equal => SegmentStatus::Unchanged,
            similar::DiffTag::Delete => SegmentStatus::Removed,
            _ => {
                let new: String = diff.new_slices()[op.new_range()].concat();
                if normalize(&new).chars().any(char::is_alphanumeric) {
                    SegmentStatus::Changed
                } else {
                    SegmentStatus::Removed
                }
            }
        });
    }
    None
}

#[test]
fn drift_agrees_with_the_english_history() {
    let root = root();
    let mut per_locale: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut disagreements: Vec<String> = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("live-sxs")).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root.join("live-sxs")).unwrap();
        let locale = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .to_string();
        let page = rel.strip_prefix(&locale).unwrap();
        let (Ok(before), Ok(after)) = (
            std::fs::read_to_string(root.join("en-at-source").join(&locale).join(page)),
            std::fs::read_to_string(root.join("en-US").join(page)),
        ) else {
            continue;
        };
        let doc = Document::read(&Input {
            path: entry.path().to_path_buf(),
            root: root.join("live-sxs").join(&locale),
        })
        .unwrap();
        let segs = align::segments_of(&doc);
        let half = doc.extract(locdoc::sxs::Side::Source);
        let (aligned, _) = align::align(&segs, &half, &after);
        let before_norm = normalize(&before);
        let e = per_locale.entry(locale.clone()).or_default();
        for a in aligned {
            // segments whose English half is not the English at the source
            // commit (reused translation memory) have no history to compare
            if !before_norm.contains(&a.before) {
                continue;
            }
            let Some(expected) = oracle(&a.before, &before, &after) else {
                continue;
            };
            e.1 += 1;
            if expected == a.status {
                e.0 += 1;
            } else {
                disagreements.push(format!(
                    "{locale} {} {}: ours {:?}, history {:?}: {}",
                    page.display(),
                    a.id,
                    a.status,
                    expected,
                    a.before
                ));
            }
        }
    }
    for (l, (ok, n)) in &per_locale {
        println!(
            "{l}: {ok}/{n} = {:.2}%",
            100.0 * *ok as f64 / (*n).max(1) as f64
        );
    }
    for d in disagreements.iter().take(40) {
        println!("  {d}");
    }
    assert!(!per_locale.is_empty());
    for (l, (ok, n)) in &per_locale {
        assert!(*n > 0, "{l}");
        assert!(
            *ok as f64 >= 0.99 * *n as f64,
            "{l}: agreement {ok}/{n} under 99%"
        );
    }
}

/// Seeds 000 (ja) and 001 (zh) are one page translated from different
/// English versions; 003 (ru) and 004 (de) are plain. Against the current
/// English, the application permission changed for ja, zh and de, not ru.
#[test]
fn seeds_facts_drift_and_snapshots() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = locdoc::drift::drift(
        &base.join("tests/fixtures/sample/en-US"),
        &[base.join("tests/fixtures/seeds")],
    );
    let recover: Vec<_> = r
        .pages
        .iter()
        .filter(|p| p.page.ends_with("recoverpasscode.md"))
        .collect();
    assert_eq!(recover.len(), 4, "000, 001, 003, 004");
    for p in &recover {
        let app = p.facts.iter().any(|f| f.field == "permissions.application");
        assert_eq!(app, p.locale != "ru-RU", "{} {:?}", p.locale, p.facts);
    }
    let ja = recover.iter().find(|p| p.locale == "ja").unwrap();
    let zh = recover.iter().find(|p| p.locale == "zh").unwrap();
    assert!(
        ja.changed + ja.removed > 0 && zh.changed + zh.removed > 0,
        "segments changed since both translations"
    );
    let mut r = r;
    for p in &mut r.pages {
        p.path = p.path.as_ref().map(|s| {
            s.trim_start_matches(&format!("{}/", base.display()))
                .to_string()
        });
    }
    use locdoc::drift::report::{render, Format};
    insta::assert_snapshot!("drift-seeds-text", render(&r, Format::Text));
    insta::assert_snapshot!("drift-seeds-markdown", render(&r, Format::Markdown));
    insta::assert_snapshot!("drift-seeds-json", render(&r, Format::Json));
}

/// The exported PO passes `msgfmt --check` (Debian `gettext`, installed by
/// .ci/run); the XLIFF is well-formed XLIFF 2.0 with one unit per segment.
#[test]
fn exports_po_and_xliff() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ex = base.join("examples/graph-docs");
    let r = locdoc::drift::drift(&ex.join("en-US"), &[ex.join("ja-JP"), ex.join("zh-CN")]);
    let dir = TempTree::new("export");
    let po = locdoc::drift::export::po(&r);
    assert_eq!(po.len(), 2);
    assert!(
        po.iter().any(|(_, t)| t.contains("#, fuzzy\n#| msgid ")),
        "changed segments come with their previous translation"
    );
    for (name, text) in &po {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        match std::process::Command::new("msgfmt")
            .arg("--check")
            .arg("-o")
            .arg("/dev/null")
            .arg(&path)
            .output()
        {
            Ok(out) => assert!(
                out.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(_) => {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "msgfmt (gettext) must be installed in CI"
                );
                assert_eq!(
                    text.matches("\nmsgid ").count(),
                    text.matches("\nmsgstr ").count()
                );
            }
        }
    }
    // one XLIFF per locale with something to (re)translate (XLIFF 2.0 has
    // no empty document)
    let xliff = locdoc::drift::export::xliff(&r);
    let busy: Vec<&str> = ["ja-JP", "zh-CN"]
        .into_iter()
        .filter(|l| {
            r.pages.iter().any(|p| {
                p.locale == *l
                    && (!p.added.is_empty() || p.segments.iter().any(|s| s.after.is_some()))
            })
        })
        .collect();
    assert!(!busy.is_empty());
    let names: Vec<&str> = xliff.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        busy.iter().map(|l| format!("{l}.xlf")).collect::<Vec<_>>()
    );
    for (name, text) in &xliff {
        if let Err(e) = check_xliff_core(text) {
            panic!("{name}: {e}\n{text}");
        }
    }
    // the checker rejects what XLIFF 2.0 core forbids
    let (_, good) = &xliff[0];
    for (what, bad) in [
        ("no srcLang", good.replacen(" srcLang=\"en-US\"", "", 1)),
        (
            "a unit without id",
            good.replacen("<unit id=\"u1\"", "<unit", 1),
        ),
        (
            "a repeated unit id",
            good.replacen("<unit id=\"u2\"", "<unit id=\"u1\"", 1),
        ),
        (
            "target before source",
            good.replacen("<source>", "<target>x</target><source>", 1),
        ),
        (
            "an unknown state",
            good.replacen("state=\"initial\"", "state=\"stale\"", 1),
        ),
        ("not well-formed", good.replacen("</unit>", "", 1)),
    ] {
        assert_ne!(&bad, good, "{what}: the fixture must have it");
        assert!(check_xliff_core(&bad).is_err(), "{what} passes the checker");
    }
}

/// The structure XLIFF 2.0 core (OASIS Standard, 2014, sections 4.2 and
/// 4.3) requires of the elements the export writes: well-formed XML;
/// `<xliff version="2.0" srcLang>` in the core namespace holding `<file
/// id>`s; a file holds optional `<notes>`, then `<unit>`s or `<group>`s; a
/// unit has an `id` unique in its file and holds optional `<notes>` and
/// `<originalData>`, then `<segment>`s or `<ignorable>`s; a segment holds
/// one `<source>`, then an optional `<target>`, and its `state` is one of
/// initial, translated, reviewed, final; a note holds text only.
fn check_xliff_core(text: &str) -> Result<(), String> {
    const NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let core = |n: &roxmltree::Node| n.is_element() && n.tag_name().namespace() == Some(NS);
    let names = |n: roxmltree::Node| -> Vec<String> {
        n.children()
            .filter(|c| c.is_element())
            .map(|c| {
                if core(&c) {
                    c.tag_name().name().to_string()
                } else {
                    format!("{{{}}}", c.tag_name().namespace().unwrap_or(""))
                }
            })
            .collect()
    };
    // `pattern`: the element names in order; `?` optional, `+` one or more
    let sequence = |n: roxmltree::Node, pattern: &[&str]| -> Result<(), String> {
        let have = names(n);
        let mut i = 0;
        for p in pattern {
            let (alts, rep) = match p.strip_suffix(['?', '+']) {
                Some(a) => (a, &p[a.len()..]),
                None => (*p, ""),
            };
            let matches = |k: usize| have.get(k).is_some_and(|h| alts.split('|').any(|a| a == h));
            if !matches(i) {
                if rep == "?" {
                    continue;
                }
                return Err(format!(
                    "<{}> holds {have:?}, not {pattern:?}",
                    n.tag_name().name()
                ));
            }
            i += 1;
            while rep == "+" && matches(i) {
                i += 1;
            }
        }
        if i != have.len() {
            return Err(format!(
                "<{}> holds {have:?}, not {pattern:?}",
                n.tag_name().name()
            ));
        }
        Ok(())
    };
    let root = doc.root_element();
    if !core(&root) || root.tag_name().name() != "xliff" {
        return Err("the root is not <xliff> in the XLIFF 2.0 namespace".into());
    }
    if root.attribute("version") != Some("2.0") || root.attribute("srcLang").is_none() {
        return Err("<xliff> needs version=\"2.0\" and srcLang".into());
    }
    sequence(root, &["file+"])?;
    let mut file_ids = std::collections::BTreeSet::new();
    for file in root.children().filter(|c| c.is_element()) {
        let id = file.attribute("id").ok_or("<file> without id")?;
        if !file_ids.insert(id) {
            return Err(format!("file id {id} repeated"));
        }
        sequence(file, &["notes?", "unit|group+"])?;
        let mut unit_ids = std::collections::BTreeSet::new();
        for unit in file
            .children()
            .filter(|c| core(c) && c.tag_name().name() == "unit")
        {
            let id = unit.attribute("id").ok_or("<unit> without id")?;
            if !unit_ids.insert(id) {
                return Err(format!(
                    "unit id {id} repeated in file {}",
                    file.attribute("id").unwrap_or("")
                ));
            }
            sequence(unit, &["notes?", "originalData?", "segment|ignorable+"])?;
            for part in unit.children().filter(|c| c.is_element()) {
                match part.tag_name().name() {
                    "notes" => {
                        sequence(part, &["note+"])?;
                        for note in part.children().filter(|c| c.is_element()) {
                            if note.children().any(|c| c.is_element()) {
                                return Err("a <note> holds elements".into());
                            }
                        }
                    }
                    "segment" | "ignorable" => {
                        sequence(part, &["source", "target?"])?;
                        if let Some(state) = part.attribute("state") {
                            if !["initial", "translated", "reviewed", "final"].contains(&state) {
                                return Err(format!("segment state {state}"));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

/// The HTML dashboard is self-contained (no script, no external resource),
/// draws its charts as inline SVG and escapes page text.
#[test]
fn dashboard_is_self_contained() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ex = base.join("examples/graph-docs");
    let r = locdoc::drift::drift(&ex.join("en-US"), &[ex.join("ja-JP"), ex.join("de-DE")]);
    let html = locdoc::drift::dashboard::html(&r, None).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<svg").count(), 2, "coverage and histogram");
    assert!(!html.contains("<script"), "no scripts");
    for attr in ["src=\"http", "href=\"http", "@import"] {
        assert!(!html.contains(attr), "external resource: {attr}");
    }
    assert!(
        html.contains("<del>") && html.contains("<ins>"),
        "segment and fact diffs"
    );
    // a user template replaces the embedded one
    let dir = TempTree::new("tpl");
    std::fs::write(dir.join("drift.html"), "pages={{ pages | length }}").unwrap();
    let custom = locdoc::drift::dashboard::html(&r, Some(&dir)).unwrap();
    assert_eq!(custom, format!("pages={}", r.pages.len()));
}

/// With the English tree in git, a plain translation is compared with the
/// English at its `ms.sourcegitcommit`: the test builds a repository whose
/// first commit is the sample's `en-at-source` page and whose second is the
/// current `en-US` page.
#[test]
fn plain_translation_against_git_history() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample");
    let page = "api-reference/v1.0/api/intune-devices-manageddevice-recoverpasscode.md";
    let dir = TempTree::new("git");
    let en = dir.join("en-US");
    std::fs::create_dir_all(en.join("api-reference/v1.0/api")).unwrap();
    let repo = git2::Repository::init(&dir).unwrap();
    let commit = |text: &str, when: i64, parent: Option<git2::Oid>| -> git2::Oid {
        std::fs::write(en.join(page), text).unwrap();
        let mut index = repo.index().unwrap();
        index.add_path(&Path::new("en-US").join(page)).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::new("docs", "docs@example.invalid", &git2::Time::new(when, 0))
            .unwrap();
        let parents: Vec<git2::Commit> = parent
            .iter()
            .map(|p| repo.find_commit(*p).unwrap())
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        repo.commit(Some("HEAD"), &sig, &sig, "English", &tree, &refs)
            .unwrap()
    };
    let old = std::fs::read_to_string(base.join("en-at-source/ja-JP").join(page)).unwrap();
    let first = commit(&old, 1_600_000_000, None);
    let current = std::fs::read_to_string(base.join("en-US").join(page)).unwrap();
    commit(&current, 1_600_000_000 + 30 * 86_400, Some(first));
    // the plain ja-JP page, translated from the first commit
    let ja = dir.join("ja-JP/api-reference/v1.0/api");
    std::fs::create_dir_all(&ja).unwrap();
    let plain = std::fs::read_to_string(base.join("live/ja-JP").join(page)).unwrap();
    let re = regex::Regex::new(r"(?m)^ms\.sourcegitcommit: .*$").unwrap();
    let plain = re
        .replace(&plain, format!("ms.sourcegitcommit: {first}").as_str())
        .into_owned();
    std::fs::write(
        ja.join("intune-devices-manageddevice-recoverpasscode.md"),
        plain,
    )
    .unwrap();

    let r = locdoc::drift::drift(&en, &[dir.join("ja-JP")]);
    let p = r.pages.iter().find(|p| p.page == page).unwrap();
    assert_eq!(p.commits_behind, Some(1));
    assert_eq!(p.days_behind, Some(30));
    assert!(
        p.changed + p.removed > 0,
        "English lines changed since the translation: {p:?}"
    );
    assert!(p.words > 0);
    assert_ne!(p.status, locdoc::drift::PageStatus::UnknownSource);
    assert_ne!(p.status, locdoc::drift::PageStatus::Current);

    // --since: the English page changed on day 30 (2020-10-13)
    let kept = |date: &str| {
        let mut r = r.clone();
        locdoc::drift::since::restrict(&mut r, &en, date).unwrap();
        assert_eq!(r.since.as_ref().map(|s| s.undated), Some(0));
        let pages: usize = r.locales.iter().map(|l| l.pages).sum();
        assert_eq!(pages, r.pages.len(), "summaries follow the kept pages");
        r.pages.iter().any(|p| p.page == page)
    };
    assert!(kept("2020-10-13"));
    assert!(!kept("2020-10-14"));
}

/// `--since` without git history: the English pages' `ms.date` dates them;
/// a page without one is kept and counted as undated.
#[test]
fn since_a_date_by_ms_date() {
    let dir = TempTree::new("since");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/graph-docs");
    for locale in ["en-US", "ja-JP"] {
        common::copy_dir(&examples.join(locale), &dir.join(locale));
    }
    let api = "api-reference/v1.0/api";
    let set_date = |page: &str, date: Option<&str>| {
        let path = dir.join("en-US").join(page);
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replacen(
            "---\n",
            &date.map_or("---\n".into(), |d| format!("---\nms.date: {d}\n")),
            1,
        );
        std::fs::write(path, text).unwrap();
    };
    let pages: Vec<String> = std::fs::read_dir(dir.join("en-US").join(api))
        .unwrap()
        .map(|e| format!("{api}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    set_date(&pages[0], Some("03/01/2024"));
    for p in &pages[1..] {
        set_date(p, Some("12/31/2019"));
    }
    // resources/listitemversion.md has no ms.date; geocoordinates.md 2017
    let r = locdoc::drift::drift(&dir.join("en-US"), &[dir.join("ja-JP")]);
    assert_eq!(r.pages.len(), 6);
    let mut since = r.clone();
    locdoc::drift::since::restrict(&mut since, &dir.join("en-US"), "2024-01-01").unwrap();
    let kept: Vec<&str> = since.pages.iter().map(|p| p.page.as_str()).collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.contains(&pages[0].as_str()));
    assert!(kept.contains(&"api-reference/v1.0/resources/listitemversion.md"));
    assert_eq!(since.since.as_ref().unwrap().undated, 1);
    let text = locdoc::drift::report::render(&since, locdoc::drift::report::Format::Text);
    assert!(
        text.starts_with("Pages whose English changed on or after 2024-01-01 (1 kept undated"),
        "{text}"
    );
    assert!(locdoc::drift::since::restrict(&mut since, &dir.join("en-US"), "2024-02-30").is_err());
}

/// A translation filed under another path than its English page is matched
/// by identity only to the one English page of that identity and API
/// version: not to a page of the other version, and not when two English
/// pages are titled alike.
#[test]
fn translations_under_other_paths_match_one_english_page() {
    let dir = common::TempTree::new("drift-identity");
    let page = |rel: &str, heading: &str, request: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            path,
            format!("# {heading}\n\n## HTTP request\n\n```http\n{request}\n```\n"),
        )
        .unwrap();
    };
    page(
        "en-US/beta/api/team-get.md",
        "Get team",
        "GET /beta/teams/{id}",
    );
    page(
        "en-US/v1.0/api/team-get.md",
        "Get team",
        "GET /v1.0/teams/{id}",
    );
    page(
        "en-US/v1.0/api/user-get.md",
        "Get user",
        "GET /v1.0/users/{id}",
    );
    page(
        "en-US/v1.0/api/educationuser-get.md",
        "Get user",
        "GET /v1.0/education/users/{id}",
    );
    let anchored = |rel: &str, anchor: &str, request: &str| {
        page(rel, &format!("<a name=\"{anchor}\"></a>取得"), request);
    };
    anchored(
        "ja-JP/v1.0/api/old-team-get.md",
        "get-team",
        "GET /v1.0/teams/{id}",
    );
    anchored(
        "ja-JP/beta/api/old-team-get.md",
        "get-team",
        "GET /beta/teams/{id}",
    );
    anchored(
        "ja-JP/v1.0/api/old-user-get.md",
        "get-user",
        "GET /v1.0/users/{id}",
    );
    let r = locdoc::drift::drift(&dir.join("en-US"), &[dir.join("ja-JP")]);
    let of = |page: &str| {
        r.pages
            .iter()
            .find(|p| p.path.as_deref().is_some_and(|x| x.ends_with(page)))
            .unwrap_or_else(|| panic!("{page}: {:#?}", r.pages))
    };
    // the page of its identity in its version, not in the other
    assert_eq!(of("v1.0/api/old-team-get.md").page, "v1.0/api/team-get.md");
    assert_eq!(of("beta/api/old-team-get.md").page, "beta/api/team-get.md");
    // two English pages titled "Get user": neither
    let user = of("old-user-get.md");
    assert_eq!(user.page, "v1.0/api/old-user-get.md");
    assert_eq!(
        serde_json::to_value(user.status).unwrap(),
        serde_json::json!("orphan")
    );
}
