//! Every rule has a fixture that triggers it and one that must not:
//! `tests/fixtures/rules/<rule-id>/fires[.md|/]` and `quiet[.md|/]`
//! (a file, or a directory linted as a tree). A directory may hold
//! `en-US/` — linted as the English source (`--source`). The findings of
//! `fires` are snapshotted. More cases sit beside them as `fires-NAME` and
//! `quiet-NAME` (a real page that once slipped through, and its clean twin).

use locdoc::lint::config::Config;
use locdoc::lint::engine::{lint, Options};
use locdoc::lint::Finding;
use locdoc::rules::RULES;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn run(rule: &str, which: &str) -> Option<Vec<Finding>> {
    let dir = root().join(rule);
    let file = dir.join(format!("{which}.md"));
    let tree = dir.join(which);
    let (paths, source) = if file.is_file() {
        (vec![file], None)
    } else if tree.is_dir() {
        let en = tree.join("en-US");
        let paths: Vec<PathBuf> = std::fs::read_dir(&tree)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| *p != en)
            .collect();
        (paths, en.is_dir().then_some(en))
    } else {
        return None;
    };
    let out = lint(&Options {
        paths,
        source,
        config: Config::default(),
        ..Default::default()
    });
    let base = format!("{}/", root().display());
    Some(
        out.findings
            .into_iter()
            .map(|mut f| {
                f.path = f.path.trim_start_matches(&base).to_string();
                f
            })
            .collect(),
    )
}

#[test]
fn every_rule_has_fixtures_that_fire_and_stay_quiet() {
    let mut missing = Vec::new();
    for rule in RULES {
        let (Some(fires), Some(quiet)) = (run(rule.id, "fires"), run(rule.id, "quiet")) else {
            missing.push(rule.id);
            continue;
        };
        let hits: Vec<&Finding> = fires.iter().filter(|f| f.rule == rule.id).collect();
        assert!(
            !hits.is_empty(),
            "{}: fires fixture gives no finding; all findings: {fires:#?}",
            rule.id
        );
        let false_hits: Vec<&Finding> = quiet.iter().filter(|f| f.rule == rule.id).collect();
        assert!(
            false_hits.is_empty(),
            "{}: quiet fixture gives {false_hits:#?}",
            rule.id
        );
        insta::assert_json_snapshot!(format!("rule-{}", rule.id), hits);
    }
    assert!(
        missing.is_empty(),
        "rules without fires/quiet fixtures: {missing:?}"
    );
}

/// The names of a rule's extra cases: `fires-NAME[.md]`, `quiet-NAME[.md]`.
fn extra_cases(rule: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root().join(rule)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string()
        })
        .filter(|n| n.starts_with("fires-") || n.starts_with("quiet-"))
        .collect();
    names.sort();
    names
}

#[test]
fn extra_cases_fire_and_stay_quiet() {
    let mut checked = 0;
    for rule in RULES {
        for case in extra_cases(rule.id) {
            let findings = run(rule.id, &case).expect("case fixture");
            let hits: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule.id).collect();
            if case.starts_with("fires-") {
                assert!(
                    !hits.is_empty(),
                    "{}/{case}: no finding; all findings: {findings:#?}",
                    rule.id
                );
            } else {
                assert!(hits.is_empty(), "{}/{case}: {hits:#?}", rule.id);
            }
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "no extra cases found under {}",
        root().display()
    );
}
