//! Hostile and broken input: diagnostics with positions, never a panic, and
//! exit code 2 only when nothing could be read.

mod common;
use common::TempTree;
use std::path::Path;
use std::process::{Command, Output};

fn locdoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run locdoc")
}

fn tmpdir(name: &str) -> TempTree {
    TempTree::new(&format!("bad-{name}"))
}

fn seed(n: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/seeds")
            .join(n),
    )
    .unwrap()
}

/// Every broken file next to a good one: each is diagnosed, the good one
/// is still modelled, and the run succeeds.
#[test]
fn bad_files_do_not_stop_the_others() {
    let d = tmpdir("mix");
    let good = seed("000.md");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "invalid-utf8.md",
            [&b"# T\n\nab"[..], b"\xff\xfe", b"cd\n"].concat(),
            "invalid-utf8",
        ),
        (
            "binary.md",
            vec![0u8, 1, 2, 3, 0, 159, 146, 150],
            "binary-file",
        ),
        ("empty.md", Vec::new(), "empty-file"),
        (
            "unbalanced.md",
            b"# T\n\n<span data-ttu-id=\"a-1\">never closed\n\nnext paragraph\n".to_vec(),
            "sxs-malformed",
        ),
        (
            "bad-yaml.md",
            b"---\ntitle: [unclosed\nms.contentlocale: de-DE\n---\n# T\n".to_vec(),
            "frontmatter-invalid",
        ),
    ];
    std::fs::write(d.join("good.md"), &good).unwrap();
    for (name, bytes, _) in &cases {
        std::fs::write(d.join(name), bytes).unwrap();
    }
    let out = locdoc(&["model", "--format", "json", d.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for (name, _, code) in &cases {
        let line = stderr
            .lines()
            .find(|l| l.contains(name) && l.contains(code))
            .unwrap_or_else(|| panic!("no {code} diagnostic for {name}:\n{stderr}"));
        assert!(!line.contains("panicked"), "{line}");
    }
    let models: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = models
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["api"]["identity"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"recoverpasscode-action"), "{ids:?}");
    // positions: the YAML parser detects the unclosed flow sequence of line 2
    // when it reaches line 3; the UTF-8 error is at line 3 column 3
    assert!(stderr.contains("bad-yaml.md:3:"), "{stderr}");
    // the salvaged `ms.contentlocale` of the invalid block still counts
    assert!(
        !stderr.contains("bad-yaml.md: warning[locale-uncertain]"),
        "{stderr}"
    );
    assert!(stderr.contains("invalid-utf8.md:3:3:"), "{stderr}");
    assert!(stderr.contains("unbalanced.md:3:1:"), "{stderr}");
}

#[test]
fn nothing_readable_is_exit_2() {
    let d = tmpdir("none");
    std::fs::write(d.join("binary.md"), [0u8, 0, 0]).unwrap();
    let out = locdoc(&["model", d.join("binary.md").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let out = locdoc(&["model", d.join("missing.md").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.md"));
    let out = locdoc(&["model", "--no-such-flag", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bom_and_crlf_give_the_same_model() {
    let d = tmpdir("crlf");
    let text = String::from_utf8(seed("003.md")).unwrap();
    std::fs::write(d.join("lf.md"), &text).unwrap();
    let crlf = [&b"\xEF\xBB\xBF"[..], text.replace('\n', "\r\n").as_bytes()].concat();
    std::fs::write(d.join("crlf.md"), crlf).unwrap();
    let out = locdoc(&["model", "--format", "json", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let models: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let api = |i: usize| models[i]["api"].clone();
    assert_eq!(api(0), api(1));
    assert_eq!(api(0)["identity"], "recoverpasscode-action");
}

#[test]
fn huge_and_deeply_nested_files() {
    let d = tmpdir("huge");
    // ~50 MB: the ja seed repeated
    let one = seed("000.md");
    let mut big = Vec::with_capacity(52 * 1024 * 1024);
    while big.len() < 50 * 1024 * 1024 {
        big.extend_from_slice(&one);
        big.extend_from_slice(b"\n\n");
    }
    std::fs::write(d.join("big.md"), &big).unwrap();
    // 5,000 levels of nested list and blockquote
    let mut nested = String::new();
    for i in 0..5000 {
        nested.push_str(&" ".repeat(i * 2));
        nested.push_str("- item\n");
    }
    nested.push_str(&">".repeat(5000));
    nested.push_str(" deep\n");
    std::fs::write(d.join("nested.md"), nested).unwrap();
    let out = locdoc(&["model", "--format", "text", d.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("big.md"));
    assert!(stdout.contains("nested.md"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_diagnosed() {
    let d = tmpdir("loop");
    std::fs::create_dir_all(d.join("a")).unwrap();
    std::fs::write(d.join("a/page.md"), seed("004.md")).unwrap();
    std::os::unix::fs::symlink(&d, d.join("a/loop")).unwrap();
    let out = locdoc(&["model", "--format", "text", d.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loop"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("page.md"));
}

/// Runs locdoc with `RAYON_NUM_THREADS=threads`; stdout and stderr.
fn locdoc_threads(args: &[&str], threads: &str) -> (Vec<u8>, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_locdoc"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run locdoc");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}");
    (out.stdout, out.stderr)
}

/// The same input gives byte-identical output: run to run, and with one
/// or two worker threads.
#[test]
fn output_is_deterministic() {
    let root = env!("CARGO_MANIFEST_DIR");
    let tree = format!("{root}/examples/graph-docs");
    let source = format!("{root}/examples/graph-docs/en-US");
    let page = format!("{root}/examples/graph-docs/seeds/000_e221f93fb47470aa.md");
    let commands: [&[&str]; 5] = [
        &["model", "--format", "json", "--segments", &tree],
        &["model", "--group", "--format", "json", &tree],
        &["lint", "--format", "json", "--source", &source, &tree],
        &["extract", "--side", "target", &page],
        &["extract", "--side", "source", &page],
    ];
    for args in commands {
        let first = locdoc_threads(args, "1");
        assert!(!first.0.is_empty(), "{args:?}: no output");
        for threads in ["1", "2"] {
            let again = locdoc_threads(args, threads);
            assert!(
                first.0 == again.0,
                "{args:?}: stdout differs with {threads} thread(s)"
            );
            assert!(
                first.1 == again.1,
                "{args:?}: diagnostics differ with {threads} thread(s)"
            );
        }
    }
}

/// Files are written only through `output::write_atomic`: no other module
/// creates or writes files.
#[test]
fn files_are_written_only_atomically() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("output.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("read source");
        // the unit tests of a module may write scratch files
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        // (`OpenOptions` may open for reading; opening for writing needs one of these)
        for needle in [
            "fs::write",
            "File::create",
            ".write(true)",
            ".append(true)",
            ".create(true)",
            ".create_new(true)",
            "fs::copy",
        ] {
            if code.contains(needle) {
                offenders.push(format!("{}: {needle}", path.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
