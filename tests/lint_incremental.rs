//! Incremental lint: `--changed-since GIT_REV` and `--files-from` lint the
//! changed pages and the pages grouped with them across locales, and report
//! exactly what a full run reports on those pages.

mod common;
use common::{copy_dir, TempTree};

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn locdoc(args: &[&str], cwd: &Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run locdoc");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    }
    child.wait_with_output().expect("wait for locdoc")
}

/// The example tree in a fresh git repository with one commit.
fn repository(name: &str) -> TempTree {
    let dir = TempTree::new(&format!("incremental-{name}"));
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/graph-docs"),
        &dir.join("docs"),
    );
    let repo = git2::Repository::init(&dir).unwrap();
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("t", "t@example.com").unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "docs", &tree, &[])
        .unwrap();
    dir
}

/// Findings per file of a JSON report.
fn per_file(o: &Output) -> BTreeMap<String, Vec<String>> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in v["findings"].as_array().unwrap() {
        out.entry(f["path"].as_str().unwrap().to_string())
            .or_default()
            .push(format!("{}:{} {}", f["line"], f["rule"], f["message"]));
    }
    out
}

const LINT: &[&str] = &["lint", "--format", "json", "--source", "docs/en-US", "docs"];
const PAGE: &str = "api-reference/v1.0/api/chart-list.md";

#[test]
fn changed_since_lints_the_page_and_its_group() {
    let dir = repository("since");
    let full = per_file(&locdoc(LINT, &dir, None));
    // nothing changed: nothing to lint
    let none = locdoc(&[LINT, &["--changed-since", "HEAD"]].concat(), &dir, None);
    assert_eq!(
        none.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
    assert!(per_file(&none).is_empty());
    // one Japanese page changed
    let ja = dir.join("docs/ja-JP").join(PAGE);
    let mut text = std::fs::read_to_string(&ja).unwrap();
    text.push_str("\nAppended line.\n");
    std::fs::write(&ja, text).unwrap();
    let inc = locdoc(&[LINT, &["--changed-since", "HEAD"]].concat(), &dir, None);
    let got = per_file(&inc);
    let group: Vec<String> = ["de-DE", "ja-JP", "ru-RU", "zh-CN"]
        .iter()
        .map(|l| format!("docs/{l}/{PAGE}"))
        .collect();
    assert!(!got.is_empty());
    for (path, findings) in &got {
        assert!(
            group.contains(path),
            "{path} is not in the changed page's group"
        );
        assert_eq!(
            Some(findings),
            full.get(path),
            "{path}: same findings as a full run"
        );
    }
    for path in &group {
        assert_eq!(got.get(path), full.get(path), "{path}");
    }
}

#[test]
fn files_from_stdin() {
    let dir = repository("list");
    let full = per_file(&locdoc(LINT, &dir, None));
    let list = format!("docs/en-US/{PAGE}\n\n");
    let inc = locdoc(&[LINT, &["--files-from", "-"]].concat(), &dir, Some(&list));
    let got = per_file(&inc);
    assert!(!got.is_empty());
    for (path, findings) in &got {
        assert!(path.ends_with(PAGE), "{path}");
        assert_eq!(Some(findings), full.get(path), "{path}");
    }
    // a file outside the linted trees selects nothing
    let other = locdoc(
        &[LINT, &["--files-from", "-"]].concat(),
        &dir,
        Some("README.md\n"),
    );
    assert_eq!(other.status.code(), Some(0));
    assert!(per_file(&other).is_empty());
    // an unknown revision is a usage error
    let bad = locdoc(
        &[LINT, &["--changed-since", "no-such-rev"]].concat(),
        &dir,
        None,
    );
    assert_eq!(bad.status.code(), Some(2));
}

/// A page renamed in English while another page took its heading: the
/// groups of an incremental run are the full run's, because the pages
/// tied to the changed page's mates (by path or identity) are read too.
#[test]
fn mates_of_mates_decide_the_groups() {
    let dir = TempTree::new("incremental-mates");
    let page = |rel: &str, heading: &str, request: &str| {
        let path = dir.join("docs").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            path,
            format!("# {heading}\n\n## HTTP request\n\n```http\n{request}\n```\n"),
        )
        .unwrap();
    };
    page("en-US/v1.0/api/team-post.md", "Create team", "POST /teams");
    page(
        "en-US/v1.0/api/team-put-teams.md",
        "Create team from group",
        "PUT /groups/{id}/team",
    );
    page(
        "de-DE/v1.0/api/team-put-teams.md",
        "<a name=\"create-team\"></a>Team erstellen",
        "PUT /groups/{id}/team",
    );
    page(
        "ja-JP/v1.0/api/renamed.md",
        "<a name=\"create-team\"></a>チームを作成",
        "POST /teams",
    );
    let full = per_file(&locdoc(LINT, &dir, None));
    let inc = per_file(&locdoc(
        &[LINT, &["--files-from", "-"]].concat(),
        &dir,
        Some("docs/ja-JP/v1.0/api/renamed.md\n"),
    ));
    // the Japanese page is reported with its group
    assert!(
        inc.contains_key("docs/ja-JP/v1.0/api/renamed.md"),
        "{inc:?}"
    );
    for (path, findings) in &inc {
        assert_eq!(
            Some(findings),
            full.get(path),
            "{path}: same findings as a full run"
        );
    }
}
