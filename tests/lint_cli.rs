//! `locdoc lint` end to end: the seed documents' full output (snapshots),
//! exit codes, baselines, GitHub annotations.

mod common;
use common::TempTree;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn locdoc(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run locdoc")
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn seeds_human_and_json_snapshots() {
    let human = locdoc(&["lint", "tests/fixtures/seeds"], &manifest());
    assert_eq!(
        human.status.code(),
        Some(1),
        "errors are found in the seeds"
    );
    insta::assert_snapshot!("seeds-human", stdout(&human));
    let json = locdoc(
        &["lint", "--format", "json", "tests/fixtures/seeds"],
        &manifest(),
    );
    insta::assert_snapshot!("seeds-json", stdout(&json));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for needed in [
        "xl-permissions",
        "placeholder-mismatch",
        "protocol-token-translated",
        "xl-source-version",
        "xl-links",
    ] {
        assert!(
            rules.contains(&needed),
            "seeds must show {needed}: {rules:?}"
        );
    }
    let by_file = |file: &str, rule: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == rule && f["path"].as_str().unwrap().ends_with(file))
    };
    assert!(by_file("000.md", "placeholder-mismatch"));
    assert!(by_file("000.md", "protocol-token-translated"));
    assert!(by_file("003.md", "protocol-token-translated"));
    assert!(by_file("004.md", "protocol-token-translated"));
    // same input, same bytes
    let again = locdoc(
        &["lint", "--format", "json", "tests/fixtures/seeds"],
        &manifest(),
    );
    assert_eq!(json.stdout, again.stdout);
}

#[test]
fn baseline_round_trips() {
    let dir = TempTree::new("baseline");
    for f in ["000.md", "001.md"] {
        std::fs::copy(manifest().join("tests/fixtures/seeds").join(f), dir.join(f)).unwrap();
    }
    let base = dir.join("baseline.json");
    let w = locdoc(
        &["lint", "--write-baseline", base.to_str().unwrap(), "."],
        &dir,
    );
    assert_eq!(w.status.code(), Some(0));
    let against_baseline = || {
        locdoc(
            &[
                "lint",
                "--format",
                "json",
                "--baseline",
                base.to_str().unwrap(),
                ".",
            ],
            &dir,
        )
    };
    let r = against_baseline();
    assert_eq!(r.status.code(), Some(0), "{}", stdout(&r));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["summary"]["total"], 0);
    // a line inserted at the top moves every finding but adds none
    let text = std::fs::read_to_string(dir.join("001.md")).unwrap();
    std::fs::write(dir.join("001.md"), format!("\n{text}")).unwrap();
    let r = against_baseline();
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["summary"]["total"], 0, "{}", stdout(&r));
    // a new defect is reported
    let broken = text.replace("Bearer {token}", "Bearer {トークン}");
    let broken = broken.replace(
        ">委派（工作或学校帐户）<",
        ">Delegated (work or school account)<",
    );
    std::fs::write(dir.join("001.md"), broken).unwrap();
    let r = against_baseline();
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert!(
        v["summary"]["total"].as_u64().unwrap() >= 1,
        "{}",
        stdout(&r)
    );
}

#[test]
fn github_annotations_and_exit_codes() {
    let o = locdoc(
        &["lint", "--format", "github", "tests/fixtures/seeds"],
        &manifest(),
    );
    let out = stdout(&o);
    assert!(
        out.lines().all(|l| l.starts_with("::error file=")
            || l.starts_with("::warning file=")
            || l.starts_with("::notice file=")),
        "{out}"
    );
    assert!(out.contains(",line="));
    let o = locdoc(
        &["lint", "--select", "no-such-rule", "tests/fixtures/seeds"],
        &manifest(),
    );
    assert_eq!(o.status.code(), Some(2));
    let o = locdoc(
        &[
            "lint",
            "--select",
            "sxs-duplicate-id",
            "tests/fixtures/seeds",
        ],
        &manifest(),
    );
    assert_eq!(o.status.code(), Some(0));
    let o = locdoc(&["lint", "tests/fixtures/no-such-dir"], &manifest());
    assert_eq!(o.status.code(), Some(2));
    let o = locdoc(&["rule", "placeholder-mismatch"], &manifest());
    assert!(stdout(&o).contains("## What it does"));
}

/// The segment rules run once per distinct segment of a run and the
/// repeats replay what they found: a page and its copy three lines lower
/// get the same segment findings, each at its own place, and the page
/// linted alone gets them too.
#[test]
fn repeated_segments_get_their_own_findings() {
    const SEGMENT_RULES: [&str; 7] = [
        "empty-translation",
        "inline-code-mismatch",
        "link-mismatch",
        "markup-mismatch",
        "number-mismatch",
        "placeholder-mismatch",
        "untranslated",
    ];
    let dir = TempTree::new("repeated-segments");
    let page = std::fs::read_to_string(manifest().join("tests/fixtures/seeds/000.md")).unwrap();
    let locale = dir.join("ja-JP");
    std::fs::create_dir_all(&locale).unwrap();
    std::fs::write(locale.join("a.md"), &page).unwrap();
    std::fs::write(locale.join("b.md"), format!("\n\n\n{page}")).unwrap();
    // (rule, line, column, end column, message, key) of one file's segment findings
    let found = |args: &[&str], file: &str| -> Vec<(String, i64, i64, i64, String, String)> {
        let o = locdoc(args, &dir);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["path"].as_str().unwrap().ends_with(file))
            .filter(|f| SEGMENT_RULES.contains(&f["rule"].as_str().unwrap()))
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["line"].as_i64().unwrap(),
                    f["column"].as_i64().unwrap(),
                    f["end_column"].as_i64().unwrap(),
                    f["message"].as_str().unwrap().to_string(),
                    f["key"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let alone = found(&["lint", "--format", "json", "ja-JP/a.md"], "a.md");
    assert!(
        alone.iter().any(|f| f.0 == "placeholder-mismatch"),
        "the seed has segment findings: {alone:?}"
    );
    let both = ["lint", "--format", "json", "ja-JP"];
    assert_eq!(found(&both, "a.md"), alone);
    let lower: Vec<_> = alone
        .iter()
        .map(|f| (f.0.clone(), f.1 + 3, f.2, f.3, f.4.clone(), f.5.clone()))
        .collect();
    assert_eq!(found(&both, "b.md"), lower);
}
